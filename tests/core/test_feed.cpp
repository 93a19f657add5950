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

TEST_CASE("the decisions feed: every record, last changed first; a status change is a new entry") {
  const auto feed = [](const char* status) {
    const Site site = build_site({
        {"guide.md", "---\ndate: 2026-01-01\n---\n# Guide\n"},
        {"decisions/0001-a.md", "---\nid: ADR-0001\nstatus: accepted\ndate: 2019-05-05\n---\n# A <b>&</b>\n"},
        {"decisions/0002-b.md", std::string("---\nid: ADR-0002\nstatus: ") + status + "\ndate: 2026-02-02\n---\n# B\n"},
    });
    return write_decisions_feed(site, extract_decisions(site), {}, {"Team", "https://x.org", ""});
  };
  const std::string xml = feed("proposed");
  CHECK(xml.find("<title>Team — decisions</title>") != std::string::npos);
  CHECK(xml.find("<link rel=\"self\" href=\"https://x.org/feeds/decisions.xml\"/>") != std::string::npos);
  CHECK(xml.find("Guide") == std::string::npos);
  CHECK(xml.find("ADR-0002 (proposed)") < xml.find("ADR-0001 (accepted): A &lt;b&gt;&amp;&lt;/b&gt;"));
  CHECK(xml.find("<id>https://x.org/decisions/0002-b/#proposed</id>") != std::string::npos);
  CHECK(xml.find("<category term=\"proposed\"/>") != std::string::npos);
  const std::string accepted = feed("accepted");
  CHECK(accepted.find("<id>https://x.org/decisions/0002-b/#accepted</id>") != std::string::npos);
  CHECK(accepted.find("<id>https://x.org/decisions/0001-a/#accepted</id>") != std::string::npos);  // unchanged: same id
  CHECK(feed("proposed") == xml);  // stable across builds
}

TEST_CASE("a tag's feed lists only its pages, with its own title and address; the feed has an author") {
  const Site site = build_site({
      {"a.md", "---\ndate: 2026-01-01\n---\n# A\n"},
      {"b.md", "---\ndate: 2026-03-01\n---\n# B\n"},
      {"decisions/0001-x.md", "---\nstatus: accepted\ndate: 2019-05-05\n---\n# X\n"},
  });
  const std::vector<int> tagged = {site.find_page("a.md"), site.find_page("decisions/0001-x.md")};
  FeedInfo info{"Team", "", "/kb"};
  info.path = "feeds/tags/r-d.xml";
  info.about = "pages tagged \"R&D\"";
  info.only = &tagged;
  const std::string xml = write_atom_feed(site, extract_decisions(site), {}, info);
  CHECK(xml.find("<title>Team — pages tagged &quot;R&amp;D&quot;</title>") != std::string::npos);
  CHECK(xml.find("<id>/kb/feeds/tags/r-d.xml</id>") != std::string::npos);
  CHECK(xml.find("<link href=\"/kb/a/\"/>") != std::string::npos);
  CHECK(xml.find("<link href=\"/kb/decisions/0001-x/\"/>") != std::string::npos);
  CHECK(xml.find("/kb/b/") == std::string::npos);
  CHECK(xml.find("<updated>2026-01-01T00:00:00Z</updated>") < xml.find("<entry>"));
  CHECK(xml.find("<author><name>Team</name></author>") < xml.find("<entry>"));
}
