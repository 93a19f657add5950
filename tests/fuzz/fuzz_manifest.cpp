// libFuzzer target: manifest.json, its parts, the tags file and the owned pages' file,
// which the app reads before it draws or as views open (a deployment may be hand-edited
// or cut short). Any bytes read as a head, or as a part, tags or owned file of a fixed
// head, give a model or a message, never a crash; every index the renderers follow is in
// range; a head that was read is written and read back the same.
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
  // The same bytes as the files a head names and views read later: the tags file and the
  // pages with an owner and a review date. Whatever they say, every page they name exists.
  logbook::PublishedSite tagged;
  if (!logbook::read_manifest(kHead, tagged).empty()) std::abort();
  if (logbook::read_tags_file(json, tagged).empty()) {
    for (const logbook::PublishedTag& t : tagged.tags)
      for (int p : t.pages)
        if (p < 0 || p >= static_cast<int>(tagged.pages.size())) std::abort();
    check_indexes(tagged);
  }
  logbook::PublishedSite owned;
  if (!logbook::read_manifest(kHead, owned).empty()) std::abort();
  if (logbook::read_owned_pages(json, owned).empty()) {
    for (int p : owned.owned)
      if (p < 0 || p >= static_cast<int>(owned.pages.size())) std::abort();
    check_indexes(owned);
  }
  return 0;
}
