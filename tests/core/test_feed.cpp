// Spec: the Atom feed lists recently changed pages (git dates, else front matter
// dates) newest first, and every decision record with its id and status.
#include <doctest/doctest.h>

#include "core/feed.hpp"

using namespace logbook;

TEST_CASE("recent pages newest first, decisions always, escaped, with authors") {
  const Site site = build_site({
      {"old.md", "---\ndate: 2020-01-01\n---\n# Old & dusty\n"},
      {"new.md", "# New\n\nFresh text.\n"},
      {"undated.md", "# Undated\n"},
      {"decisions/0001-use-x.md", "---\nid: ADR-0001\ntitle: Use X\nstatus: accepted\ndate: 2019-05-05\n---\n# Use X\n"},
  });
  const SiteHistory history{{"new.md", {"2026-11-25", {"Ana"}}}};
  FeedInfo info{"Team", "https://docs.example.org", "/kb", 2};
  const std::string xml = write_atom_feed(site, extract_decisions(site), history, info);
  const auto at = [&](std::string_view s) { return xml.find(s); };
  CHECK(at("<feed xmlns=\"http://www.w3.org/2005/Atom\">") != std::string::npos);
  CHECK(at("<updated>2026-11-25T00:00:00Z</updated>") < at("<entry>"));
  CHECK(at("<title>New</title>") < at("<title>Old &amp; dusty</title>"));
  CHECK(at("<link href=\"https://docs.example.org/kb/new/\"/>") != std::string::npos);
  CHECK(at("<author><name>Ana</name></author>") != std::string::npos);
  CHECK(at("<title>ADR-0001 (accepted): Use X</title>") != std::string::npos);  // beyond the 2 recent, still listed
  CHECK(at("Undated") == std::string::npos);
}
