// Spec: what the build generates beside the content's own pages: the tag pages and their
// feeds (tags.hpp), and the link graph the app draws (link_graph.hpp) with each static
// page's neighbours.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "build_fixture.hpp"
#include "core/link_graph.hpp"

namespace fs = std::filesystem;
using namespace logbook;
using namespace logbook::cli;
using namespace logbook::test;

namespace {

// The number of pages a head's parts hold.
std::size_t graph_pages(const nlohmann::json& head) {
  std::size_t n = 0;
  for (const auto& part : head["parts"]) n += part["count"].get<std::size_t>();
  return n;
}

}  // namespace

TEST_CASE("tag pages: an index with counts, a page per tag linking its feed, tags linked from pages; valid Atom") {
  TempDir dir;
  write_fixture(dir);  // guides/setup.md is tagged onboarding
  dir.write("content/guides/more.md", "---\ntitle: R&D <notes>\ndescription: Tried & \"true\".\ntags: [Onboarding, 'R&D']\n---\n# R&D\n");
  dir.write("content/decisions/0001-use-x.md", "---\nstatus: accepted\ndate: 2026-01-01\ntags: [onboarding]\n---\n# Use X\n");
  BuildOptions o = options_for(dir);
  o.site_url = "https://example.org";
  SiteBuilder builder(o);
  const BuildReport report = builder.build();
  REQUIRE(report.written);
  const fs::path site = dir.path / "site";
  const std::string index = slurp(site / "tags/index.html");
  CHECK(index.find("<a href=\"/tags/onboarding/\">onboarding</a> <small class=\"count\">3</small>") != std::string::npos);
  CHECK(index.find("<a href=\"/tags/rd/\">R&amp;D</a> <small class=\"count\">1</small>") != std::string::npos);
  CHECK(index.find("<script src=\"/assets/loader.js\"") != std::string::npos);  // the app takes it over
  const std::string tag = slurp(site / "tags/onboarding/index.html");
  CHECK(tag.find("<h1>Tag: onboarding</h1>") != std::string::npos);
  CHECK(tag.find("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Pages tagged onboarding\" href=\"/feeds/tags/onboarding.xml\">") != std::string::npos);
  CHECK(tag.find("<a class=\"feed\" href=\"/feeds/tags/onboarding.xml\">Follow this tag: Atom feed</a>") != std::string::npos);
  CHECK(tag.find("<h2>Decisions</h2>") < tag.find("ADR-0001: Use X"));
  CHECK(tag.find("<span class=\"status status-accepted\">Accepted</span>") != std::string::npos);
  CHECK(tag.find("ADR-0001: Use X") < tag.find("<h2>Pages</h2>"));
  CHECK(tag.find("<a href=\"/guides/more/\">R&amp;D &lt;notes&gt;</a> <small>Guides</small><br>Tried &amp; &quot;true&quot;.") != std::string::npos);
  CHECK(tag.find("<a href=\"/guides/setup/\">Setup</a> <small>Guides · 2026-03-01</small>") != std::string::npos);
  CHECK(slurp(site / "guides/more/index.html").find("Tags <a class=\"tag\" rel=\"tag\" href=\"/tags/onboarding/\">Onboarding</a> "
                                                   "<a class=\"tag\" rel=\"tag\" href=\"/tags/rd/\">R&amp;D</a>") != std::string::npos);
  CHECK(slurp(site / "decisions/0001-use-x/index.html").find("<dt>Tags</dt><dd><a class=\"tag\" rel=\"tag\" href=\"/tags/onboarding/\">onboarding</a></dd>") != std::string::npos);
  CHECK(slurp(site / "sitemap.xml").find("<loc>https://example.org/tags/rd/</loc>") != std::string::npos);
  const std::string feed = slurp(site / "feeds/tags/rd.xml");
  CHECK(feed.find("<title>Team Handbook — pages tagged “R&amp;D”</title>") != std::string::npos);
  CHECK(feed.find("<id>https://example.org/feeds/tags/rd.xml</id>") != std::string::npos);
  CHECK(slurp(site / "feeds/decisions.xml").find("<id>https://example.org/decisions/0001-use-x/#accepted</id>") != std::string::npos);
  CHECK(slurp(site / "decisions/index.html").find("href=\"/feeds/decisions.xml\"") == std::string::npos);  // no decisions/index.md here
  int status = 0;
  if (fs::exists("/usr/bin/xmllint")) {  // Debian's libxml2-utils: a real XML parser
    const std::string out = run("/usr/bin/xmllint --noout " + (site / "feed.xml").string() + " " + (site / "feeds/decisions.xml").string() +
                                    " " + (site / "feeds/tags/rd.xml").string() + " " + (site / "feeds/tags/onboarding.xml").string() + " 2>&1",
                                status);
    CHECK_MESSAGE(status == 0, out);
  }

  // A tag no page carries any more leaves no page or feed behind.
  dir.write("content/guides/more.md", "---\ntitle: R&D\ntags: [onboarding]\n---\n# R&D\n");
  REQUIRE(builder.rebuild({"guides/more.md"}).written);
  CHECK_FALSE(fs::exists(site / "tags/rd"));
  CHECK_FALSE(fs::exists(site / "feeds/tags/rd.xml"));
  CHECK(slurp(site / "tags/index.html").find("/tags/rd/") == std::string::npos);
  const auto manifest = nlohmann::json::parse(slurp(site / "manifest.json"));
  CHECK(fs::exists(site / manifest["tags"].get<std::string>()));
  std::size_t tag_files = 0;
  for (const auto& e : fs::directory_iterator(site / "site")) tag_files += e.path().filename().string().starts_with("tags.");
  CHECK(tag_files == 1);  // the old tags file is gone
}

TEST_CASE("a content page where the tag pages or feeds go is an error naming the file; the rest builds") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/tags/index.md", "# My tags\n");
  dir.write("content/feeds/decisions.xml", "<x/>");
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  std::string all;
  for (const Diagnostic& d : report.diagnostics) all += format_diagnostic(d) + "\n";
  CHECK(all.find("tags/index.md: error: its URL /tags/ would take the place of tags, which the build writes; rename the file") != std::string::npos);
  CHECK(all.find("feeds/decisions.xml") != std::string::npos);
  CHECK(slurp(dir.path / "site/tags/onboarding/index.html").find("Tag: onboarding") != std::string::npos);
}

TEST_CASE("the link graph is one file the head names; each static page links to its neighbours one step out") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/decisions/0001-old.md", "---\nstatus: superseded\n---\n# Old\n");
  dir.write("content/decisions/0002-new.md", "---\nstatus: accepted\nsupersedes: [ADR-0001]\n---\n# New\n\nSee [[Setup]].\n");
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  const fs::path site = dir.path / "site";
  const auto head = nlohmann::json::parse(slurp(site / "manifest.json"));
  const std::string name = head["graph"].get<std::string>();
  CHECK(name.starts_with("site/graph."));
  LinkGraph graph;
  REQUIRE(read_link_graph(slurp(site / name), static_cast<int>(graph_pages(head)), graph) == "");
  const GraphAdjacency adj = adjacency(graph);
  // What the app's neighbourhood shows one step out, the static page links to: its text's
  // links, "Linked from", and a record's supersession rows.
  for (int page = 0; page < graph.size(); ++page) {
    const std::string& url = graph.urls[static_cast<std::size_t>(page)];
    const std::string html = slurp(site / url.substr(1) / "index.html");
    for (int v : adj.of(page)) {
      INFO(url << " -> " << graph.urls[static_cast<std::size_t>(v)]);
      CHECK(html.find("href=\"" + graph.urls[static_cast<std::size_t>(v)] + "\"") != std::string::npos);
    }
  }
  const auto at = std::find(graph.urls.begin(), graph.urls.end(), "/decisions/0002-new/");
  REQUIRE(at != graph.urls.end());
  CHECK(adj.of(static_cast<int>(at - graph.urls.begin())).size() == 2);  // Setup, and the record it supersedes
  // Stale graph files go when the graph changes.
  dir.write("content/guides/more.md", "# More\n\n[[Setup]]\n");
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  CHECK_FALSE(fs::exists(site / name));
  CHECK(fs::exists(site / nlohmann::json::parse(slurp(site / "manifest.json"))["graph"].get<std::string>()));
}
