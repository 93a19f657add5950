// libFuzzer target: manifest.json, which the app reads before it draws (a deployment may
// be hand-edited or cut short). Any bytes give a model or a message, never a crash; every
// index the renderers follow is in range; what was read is written and read back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/published_site.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  logbook::PublishedSite site;
  if (!logbook::read_manifest(json, site).empty()) return 0;
  for (int p = 0; p < static_cast<int>(site.pages.size()); ++p) {
    (void)site.neighbours(p);
    for (int s : site.trail(p))
      if (s <= 0 || s >= static_cast<int>(site.sections.size())) std::abort();
    (void)site.edit_url(p);
    (void)site.decision_of(p);
  }
  for (int s = 0; s < static_cast<int>(site.sections.size()); ++s)
    for (int p : site.reading_order(s))
      if (p < 0 || p >= static_cast<int>(site.pages.size())) std::abort();
  logbook::PublishedSite again;
  if (!logbook::read_manifest(logbook::write_manifest(site), again).empty() || !(again == site)) std::abort();
  return 0;
}
