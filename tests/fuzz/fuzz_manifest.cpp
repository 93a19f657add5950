// libFuzzer target: manifest.json and its parts, which the app reads before it draws (a
// deployment may be hand-edited or cut short). Any bytes read as a head, or as a part of
// a fixed head, give a model or a message, never a crash; every index the renderers
// follow is in range; a head that was read is written and read back the same.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/published_site.hpp"

namespace {

void check_indexes(const logbook::PublishedSite& site) {
  for (int p = 0; p < static_cast<int>(site.pages.size()); ++p) {
    (void)site.neighbours(p);
    for (int s : site.trail(p))
      if (s <= 0 || s >= static_cast<int>(site.sections.size())) std::abort();
    (void)site.edit_url(p);
    (void)site.decision_of(p);
    for (int t : site.pages[static_cast<std::size_t>(p)].targets)
      if (t < -1 || t >= static_cast<int>(site.pages.size())) std::abort();
  }
  for (int s = 0; s < static_cast<int>(site.sections.size()); ++s)
    for (int p : site.reading_order(s))
      if (p < 0 || p >= static_cast<int>(site.pages.size())) std::abort();
  for (const std::vector<int>* list : {&site.recent, &site.review})
    for (int p : *list)
      if (p < 0 || p >= static_cast<int>(site.pages.size())) std::abort();
}

// A head of two parts of two pages each: the bytes are read as its second part.
constexpr std::string_view kHead = R"({"format":"logbook-manifest","version":4,"title":"Docs",
  "parts":[{"name":"site/pages.0.json","first":0,"count":2,"from":"/","to":"/a/"},
           {"name":"site/pages.1.json","first":2,"count":2,"from":"/b/","to":"/c/"}],
  "sections":[{"url":"/","index":0,"first":0,"count":4}],
  "decisions":[{"page":3,"id":"ADR-0001"}]})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  logbook::PublishedSite site;
  if (logbook::read_manifest(json, site).empty()) {
    check_indexes(site);
    logbook::PublishedSite again;
    if (!logbook::read_manifest(logbook::write_manifest(site).head, again).empty()) std::abort();
    const bool head_only = std::none_of(site.parts.begin(), site.parts.end(), [](const auto& p) { return p.loaded; });
    if (head_only && !(again == site)) std::abort();
    // A version 3 head reads back as it was; an older, inline manifest as the same head.
    logbook::PublishedSite third;
    if (!logbook::read_manifest(logbook::write_manifest(again).head, third).empty() || !(third == again)) std::abort();
  }
  logbook::PublishedSite head;
  if (!logbook::read_manifest(kHead, head).empty()) std::abort();
  if (logbook::read_manifest_part(json, 1, head).empty()) check_indexes(head);
  return 0;
}
