// Spec: static pages escape what they insert and fill {{placeholders}}; what content
// may put on them and beside them is ADR-0011's policy.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/html.hpp"
#include "cli/site_builder.hpp"
#include "cli/static_page.hpp"
#include "temp_folder.hpp"

using namespace logbook::cli;

namespace {

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("escape_html escapes the five special characters") {
  CHECK(escape_html("<a href=\"x\">Tom & 'Jerry'</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
}

TEST_CASE("fill_template replaces known keys and leaves unknown ones") {
  CHECK(fill_template("<t>{{title}}</t>{{other}}{{title}}", {{"title", "Hi"}}) == "<t>Hi</t>{{other}}Hi");
  CHECK(fill_template("no placeholders", {}) == "no placeholders");
  CHECK(fill_template("{{unclosed", {{"unclosed", "x"}}) == "{{unclosed");
}

TEST_CASE("the pages' CSP loads images from the site only, unless logbook.yml lists hosts") {
  const logbook::PublishedSite site = logbook::publish(logbook::build_site({{"index.md", "# Home\n"}}), {});
  SiteInfo info;
  const std::string closed = render_static_page(site, 0, info, {}, "");
  CHECK(has(closed, "img-src 'self' data:;"));
  CHECK_FALSE(has(closed, "https:;"));
  CHECK(has(render_not_found_page(site, info), "img-src 'self' data:;"));
  info.image_hosts = {"https://img.shields.io", "*.example.org"};
  CHECK(has(render_static_page(site, 0, info, {}, ""), "img-src 'self' data: https://img.shields.io *.example.org;"));
}

TEST_CASE("a decision record's static page shows its status, date, people and chain, as the app does") {
  // Regression: the static page of a record showed none of it (no-JS readers, crawlers and
  // link previews saw a record without its status).
  const logbook::Site core = logbook::build_site({
      {"decisions/0001-a.md", "---\nstatus: superseded\ndate: 2026-01-01\ndeciders: [Ana, Ben]\n---\n# A\n\nWhy.\n"},
      {"decisions/0002-b.md", "---\nstatus: proposed\nsupersedes: [ADR-0001]\nreview_by: 2026-02-01\n---\n# B <i>\n"},
  });
  const logbook::PublishedSite site = logbook::publish(core, {});
  SiteInfo info;
  const int a = logbook::published_indexes(core, site)[static_cast<std::size_t>(core.find_page("decisions/0001-a.md"))];
  const std::string html = render_static_page(site, a, info, {}, "<h1>A</h1>\n<p>Why.</p>");
  CHECK(has(html, "<meta name=\"description\" content=\"ADR-0001, superseded."));
  CHECK(has(html, "<h1>A</h1>\n<section class=\"decision\""));  // after the title, before the text
  CHECK(has(html, "Superseded</span> <code>ADR-0001</code> · Decided 2026-01-01"));
  CHECK(has(html, "<dt>Deciders</dt><dd>Ana, Ben</dd>"));
  CHECK(has(html, "<dt>Superseded by</dt><dd><a href=\"/decisions/0002-b/\">ADR-0002: B &lt;i&gt;</a>, <span class=\"status-word\">proposed</span></dd>"));
  // Previous and next name records as the sidebar does, id first.
  CHECK(has(html, "<a class=\"next\" rel=\"next\" href=\"/decisions/0002-b/\"><small>Next</small>ADR-0002: B </a>"));
  const std::string b = render_static_page(site, logbook::published_indexes(core, site)[static_cast<std::size_t>(core.find_page("decisions/0002-b.md"))], info, {}, "<h1>B</h1>");
  CHECK(has(b, "<dt>Comments due</dt><dd>2026-02-01</dd>"));
  CHECK(has(b, "<dt>Supersedes</dt><dd><a href=\"/decisions/0001-a/\">ADR-0001: A</a>, <span class=\"status-word\">superseded</span></dd>"));
  CHECK_FALSE(has(b, "Overdue"));  // no build date: nothing is overdue
  // Built after its comment deadline, a proposal says it is overdue (for good: only a change to its file, which
  // rebuilds it, can end that).
  info.today = "2026-02-02";
  const int bi = logbook::published_indexes(core, site)[static_cast<std::size_t>(core.find_page("decisions/0002-b.md"))];
  CHECK(has(render_static_page(site, bi, info, {}, "<h1>B</h1>"), "Proposed</span> <span class=\"status status-overdue\">Overdue</span> <code>ADR-0002</code>"));
  info.today = "2026-02-01";
  CHECK_FALSE(has(render_static_page(site, bi, info, {}, "<h1>B</h1>"), "Overdue"));  // due today
}

TEST_CASE("static pages draw breadcrumbs, previous/next and edit links from the published model") {
  const logbook::Site core = logbook::build_site({{"index.md", "# Home\n"}, {"guides/index.md", "# Guides\n"},
                                                  {"guides/a.md", "# A\n"}, {"guides/b.md", "# B\n"}});
  logbook::SiteConfig config;
  config.repository = "https://github.com/acme/docs";
  const logbook::PublishedSite site = logbook::publish(core, logbook::extract_decisions(core, config), config, {});
  SiteInfo info;
  info.base = "/docs";
  // publish() numbers pages in part order: published_indexes maps the site's to the model's.
  const int a = logbook::published_indexes(core, site)[static_cast<std::size_t>(core.find_page("guides/a.md"))];
  const std::string html = render_static_page(site, a, info, {}, "");
  CHECK(has(html, "<nav class=\"crumbs\" aria-label=\"Breadcrumbs\"><a href=\"/docs/guides/\">Guides</a></nav>"));
  CHECK(has(html, "<a class=\"prev\" rel=\"prev\" href=\"/docs/guides/\"><small>Previous</small>Guides</a>"));
  CHECK(has(html, "<a class=\"next\" rel=\"next\" href=\"/docs/guides/b/\"><small>Next</small>B</a>"));
  CHECK(has(html, "href=\"https://github.com/acme/docs/edit/main/content/guides/a.md\">Edit this page</a>"));
}

TEST_CASE("a build publishes no file that runs script on the site's origin, unless logbook.yml lists it") {
  TempFolder dir;
  dir.write("content/index.md", "# Home\n\n<img name=\"logbookBooted\" src=\"a.svg\">\n\n<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example\">\n");
  dir.write("content/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>");
  dir.write("content/bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.domain)</script></svg>");
  dir.write("content/demo/widget.html", "<script>navigator.serviceWorker.register('/x.js')</script>");
  dir.write("content/demo/listed.html", "<script>demo()</script>");
  dir.write("logbook.yml", "publish_files: [demo/listed.html]\n");
  BuildOptions options;
  options.content_dir = dir.path / "content";
  options.out_dir = dir.path / "site";
  const BuildReport report = build_site_to_disk(options);
  REQUIRE(report.written);
  CHECK_FALSE(std::filesystem::exists(dir.path / "site/bad.svg"));
  CHECK_FALSE(std::filesystem::exists(dir.path / "site/demo/widget.html"));
  CHECK(dir.read("site/demo/listed.html") == "<script>demo()</script>");
  CHECK(dir.read("site/a.svg") == "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>");
  int refusals = 0;
  for (const logbook::Diagnostic& d : report.diagnostics)
    refusals += (d.file == "bad.svg" || d.file == "demo/widget.html") && has(d.message, "publish_files");
  CHECK(refusals == 2);
  CHECK(report.warnings >= 2);
  const std::string home = dir.read("site/index.html");
  CHECK(has(home, "<img name=\"user-content-logbookBooted\" src=\"a.svg\">"));
  CHECK_FALSE(has(home, "evil.example"));
}

namespace {

std::size_t count(const std::string& text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// A section of n pages p000.md ... without an index.md.
logbook::PublishedSite big_section(int n) {
  std::vector<logbook::SourceFile> files = {{"index.md", "# Home\n"}};
  for (int i = 0; i < n; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "big/p%04d.md", i);
    files.push_back({name, "# " + std::string(name + 4, 4) + "\n"});  // titles sort as the files do
  }
  const logbook::Site core = logbook::build_site(files);
  return logbook::publish(core, {});
}

}  // namespace

TEST_CASE("a page's sidebar lists the pages around it, not its whole section, and links to the rest") {
  const logbook::PublishedSite site = big_section(500);
  const SiteInfo info;
  const int middle = site.find_url("/big/p0250/");
  const std::string html = render_static_page(site, middle, info, {}, "");
  const std::string sidebar = html.substr(html.find("<nav class=\"sidebar\""), html.find("</nav>", html.find("<nav class=\"sidebar\"")) - html.find("<nav class=\"sidebar\""));
  CHECK(count(sidebar, "<li>") == kSidebarPages);
  CHECK(has(sidebar, "<a href=\"/big/p0250/\" aria-current=\"page\">"));
  CHECK(has(sidebar, "/big/p0243/"));  // kSidebarPages around it
  CHECK(has(sidebar, "/big/p0257/"));
  CHECK_FALSE(has(sidebar, "/big/p0242/"));
  CHECK_FALSE(has(sidebar, "/big/p0258/"));
  CHECK(has(sidebar, "<a href=\"/big/\">All 500 pages in Big →</a>"));
  // The same size at either end, and the same size for a section ten times as big.
  CHECK(count(render_static_page(site, site.find_url("/big/p0000/"), info, {}, ""), "<li>") == kSidebarPages);
  const std::size_t bytes_500 = html.size();
  const logbook::PublishedSite bigger = big_section(2000);
  CHECK(render_static_page(bigger, bigger.find_url("/big/p0250/"), info, {}, "").size() < bytes_500 + 64);
}

TEST_CASE("a section without an index.md gets a page listing its pages, 200 at a time, which the app does not take over") {
  const logbook::PublishedSite site = big_section(450);
  const SiteInfo info;
  const int big = site.pages[static_cast<std::size_t>(site.find_url("/big/p0000/"))].section;
  const logbook::Section& sec = site.sections[static_cast<std::size_t>(big)];
  CHECK(section_listing_parts(sec) == 3);
  CHECK(section_listing_file(0) == "index.html");
  CHECK(section_listing_file(2) == "index-3.html");
  const std::string first = render_section_listing(site, big, 0, info);
  CHECK(has(first, "<h1>Big</h1>"));
  CHECK(has(first, "<h2>Pages 1–200 of 450</h2>"));
  CHECK(count(first, "<li>") == kListingPages);
  CHECK(has(first, "href=\"/big/index-2.html\"><small>Next</small>Pages 201–400</a>"));
  CHECK_FALSE(has(first, "loader.js"));
  CHECK_FALSE(has(first, "Open in the app"));
  const std::string last = render_section_listing(site, big, 2, info);
  CHECK(has(last, "<h2>Pages 401–450 of 450</h2>"));
  CHECK(has(last, "href=\"/big/index-2.html\"><small>Previous</small>Pages 201–400</a>"));
  CHECK_FALSE(has(last, "<small>Next</small>"));
  CHECK(has(last, "<nav class=\"crumbs\" aria-label=\"Breadcrumbs\"><a href=\"/big/\">Big</a></nav>"));  // back to the first part
  // Ordinary pages still boot the app.
  CHECK(has(render_static_page(site, site.find_url("/big/p0000/"), info, {}, ""), "/assets/loader.js"));
}

TEST_CASE("a build writes the page of a section that has no index.md, so the sidebar's section link works") {
  TempFolder dir;
  dir.write("content/index.md", "# Home\n");
  dir.write("content/notes/a.md", "# A\n");
  dir.write("content/guides/index.md", "# Guides, written by hand\n");
  dir.write("content/guides/b.md", "# B\n");
  BuildOptions options;
  options.content_dir = dir.path / "content";
  options.out_dir = dir.path / "site";
  REQUIRE(SiteBuilder(options).build().written);
  const auto slurp = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(has(slurp(dir.path / "site/notes/index.html"), "<a href=\"/notes/a/\">A</a>"));
  CHECK(has(slurp(dir.path / "site/guides/index.html"), "Guides, written by hand"));
}

TEST_CASE("the outline nests each h3 under the h2 above it, so a screen reader says where it sits") {
  const logbook::PublishedSite site = logbook::publish(logbook::build_site({{"index.md", "# Home\n"}}), {});
  const std::vector<logbook::Heading> headings = {{1, "Home", "home"}, {3, "Early", "early"}, {2, "Setup", "setup"},
                                                  {3, "Install", "install"}, {4, "Deep", "deep"}, {3, "Run", "run"},
                                                  {2, "Use <it>", "use"}};
  const std::string html = render_static_page(site, 0, SiteInfo{}, headings, "");
  CHECK(has(html, "<nav class=\"toc\" aria-label=\"On this page\"><div class=\"title\">On this page</div><ul>"
                  "<li><a href=\"#early\">Early</a></li>"
                  "<li><a href=\"#setup\">Setup</a><ul><li><a href=\"#install\">Install</a></li><li><a href=\"#run\">Run</a></li></ul></li>"
                  "<li><a href=\"#use\">Use &lt;it&gt;</a></li></ul></nav>"));
  const std::vector<logbook::Heading> ends_nested = {{2, "A", "a"}, {3, "B", "b"}};
  CHECK(has(render_static_page(site, 0, SiteInfo{}, ends_nested, ""),
            "<ul><li><a href=\"#a\">A</a><ul><li><a href=\"#b\">B</a></li></ul></li></ul></nav>"));
  CHECK(has(render_static_page(site, 0, SiteInfo{}, {{1, "Only", "only"}}, ""), "<nav class=\"toc\" aria-label=\"On this page\"></nav>"));
}
