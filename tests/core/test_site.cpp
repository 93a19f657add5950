// Spec: the content model. Files in, pages with URLs, sections, resolved links and
// backlinks out; bad files are reported and never take the rest of the site down.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/site.hpp"

using namespace logbook;

namespace {

const Page& page(const Site& site, std::string_view path) {
  const int i = site.find_page(path);
  REQUIRE_MESSAGE(i >= 0, "no page " << path);
  return site.pages[static_cast<std::size_t>(i)];
}

bool has_diagnostic(const Site& site, std::string_view file, std::string_view fragment, int line = -1) {
  return std::any_of(site.diagnostics.begin(), site.diagnostics.end(), [&](const Diagnostic& d) {
    return d.file == file && d.message.find(fragment) != std::string::npos && (line < 0 || d.line == line);
  });
}

}  // namespace

TEST_CASE("clean URLs from paths") {
  CHECK(url_for_path("index.md") == "/");
  CHECK(url_for_path("guides/setup.md") == "/guides/setup/");
  CHECK(url_for_path("guides/index.md") == "/guides/");
  CHECK(url_for_path("Guides/Setup Guide.md") == "/guides/setup-guide/");
  CHECK(url_for_path("notes.markdown") == "/notes/");
}

TEST_CASE("titles: front matter, else first heading, else file name") {
  const Site site = build_site({
      {"a.md", "---\ntitle: From YAML\n---\n# From heading\n"},
      {"b.md", "Intro\n\n## Sub first\n\n# Main title\n"},
      {"getting-started.md", "Just text.\n"},
  });
  CHECK(page(site, "a.md").title == "From YAML");
  CHECK(page(site, "b.md").title == "Main title");
  CHECK(page(site, "getting-started.md").title == "Getting started");
}

TEST_CASE("descriptions: front matter, else the first paragraph, trimmed") {
  const Site site = build_site({
      {"a.md", "# T\n\n" + std::string(300, 'x') + " end\n"},
      {"b.md", "---\ndescription: Given.\n---\n# T\n\nOther.\n"},
  });
  CHECK(page(site, "a.md").description.size() <= 204);
  CHECK(page(site, "b.md").description == "Given.");
}

TEST_CASE("sections come from folders; index.md is the section page") {
  const Site site = build_site({
      {"index.md", "# Home\n"},
      {"guides/index.md", "# All guides\n"},
      {"guides/b.md", "# Beta\n"},
      {"guides/a.md", "---\norder: 5\n---\n# Zeta comes first by order\n"},
      {"guides/api/ref.md", "# Ref\n"},
  });
  REQUIRE(site.sections.size() == 3);
  const Section& guides = site.sections[1];
  CHECK(guides.path == "guides");
  CHECK(guides.title == "All guides");
  CHECK(guides.url == "/guides/");
  CHECK(site.pages[static_cast<std::size_t>(guides.index_page)].path == "guides/index.md");
  REQUIRE(guides.pages.size() == 2);
  CHECK(site.pages[static_cast<std::size_t>(guides.pages[0])].path == "guides/a.md");
  REQUIRE(guides.children.size() == 1);
  const Section& api = site.sections[static_cast<std::size_t>(guides.children[0])];
  CHECK(api.title == "Api");  // no index.md: the folder name
  CHECK(api.parent == 1);
}

TEST_CASE("an order written as a string counts as its number; one that is no number sorts last") {
  const Site site = build_site({
      {"guides/c.md", "---\norder: huge\n---\n# Alpha, no number\n"},
      {"guides/b.md", "---\norder: ' +2'\n---\n# Beta second\n"},
      {"guides/a.md", "---\norder: '1'\n---\n# Gamma first\n"},
      {"guides/d.md", "---\norder: '99999999999999999999'\n---\n# Delta, out of range\n"},
  });
  REQUIRE(site.sections.size() == 2);
  const Section& guides = site.sections[1];
  REQUIRE(guides.pages.size() == 4);
  CHECK(site.pages[static_cast<std::size_t>(guides.pages[0])].path == "guides/a.md");
  CHECK(site.pages[static_cast<std::size_t>(guides.pages[1])].path == "guides/b.md");
}

TEST_CASE("relative .md links, site-absolute links and extensionless links resolve") {
  const Site site = build_site({
      {"guides/setup.md", "# Setup\n\n## Install\n"},
      {"guides/intro.md", "[s](setup.md) [i](./setup.md#install) [up](../index.md) [abs](/guides/setup.md) [bare](setup) [url](/guides/setup/)\n"},
      {"index.md", "# Home\n"},
  });
  const Page& intro = page(site, "guides/intro.md");
  REQUIRE(intro.resolved.size() == 6);
  for (const auto& r : intro.resolved) CHECK(r.kind == LinkKind::page);
  CHECK(intro.resolved[0].href == "/guides/setup/");
  CHECK(intro.resolved[1].href == "/guides/setup/#install");
  CHECK(intro.resolved[2].href == "/");
  CHECK(site.warning_count() == 0);
}

TEST_CASE("wikilinks resolve by path, by title and by file name") {
  const Site site = build_site({
      {"guides/setup.md", "---\ntitle: Setting Up\n---\n## First steps\n"},
      {"a.md", "[[guides/setup]] [[setting up]] [[setup|label]] [[Setting Up#First steps]]\n"},
  });
  const Page& a = page(site, "a.md");
  REQUIRE(a.resolved.size() == 4);
  for (const auto& r : a.resolved) CHECK(r.kind == LinkKind::page);
  CHECK(a.resolved[3].href == "/guides/setup/#first-steps");
  CHECK(site.warning_count() == 0);
}

TEST_CASE("an ambiguous wikilink is a warning that names the candidates") {
  const Site site = build_site({{"a/notes.md", "# A\n"}, {"b/notes.md", "# B\n"}, {"x.md", "[[notes]]\n"}});
  CHECK(has_diagnostic(site, "x.md", "a/notes.md"));
  CHECK(page(site, "x.md").resolved[0].kind == LinkKind::missing);
}

TEST_CASE("an ambiguous wikilink names five candidates and counts the rest") {
  // Every warning listed every page of the title: 2,000 pages titled alike and 20,000
  // links to the title took 1.2 GB of warnings.
  std::vector<SourceFile> files = {{"x.md", "[[Same]]\n"}};
  for (int i = 0; i < 8; ++i) files.push_back({"p" + std::to_string(i) + ".md", "---\ntitle: Same\n---\n"});
  const Site site = build_site(files);
  CHECK(has_diagnostic(site, "x.md", "could mean p0.md, p1.md, p2.md, p3.md, p4.md and 3 more; link by path"));
}

TEST_CASE("outgoing links and backlinks form the link graph") {
  const Site site = build_site({
      {"a.md", "[b](b.md) [b again](b.md) [c](c.md) [self](#top)\n"},
      {"b.md", "[a](a.md)\n"},
      {"c.md", "# C\n"},
  });
  const int a = site.find_page("a.md"), b = site.find_page("b.md"), c = site.find_page("c.md");
  CHECK(page(site, "a.md").outgoing == std::vector<int>{b, c});
  CHECK(page(site, "b.md").backlinks == std::vector<int>{a});
  CHECK(page(site, "c.md").backlinks == std::vector<int>{a});
  CHECK(page(site, "a.md").backlinks == std::vector<int>{b});
}

TEST_CASE("a link to a missing page is a warning with file, line and column") {
  const Site site = build_site({{"a.md", "---\ntitle: A\n---\n\nSee [gone](gone.md).\n"}});
  REQUIRE(site.diagnostics.size() == 1);
  const Diagnostic& d = site.diagnostics[0];
  CHECK(d.severity == Severity::warning);
  CHECK(d.file == "a.md");
  CHECK(d.line == 5);
  CHECK(d.column == 5);
  CHECK(d.message.find("gone.md") != std::string::npos);
}

TEST_CASE("a link to a missing heading anchor is a warning") {
  const Site site = build_site({{"a.md", "# A\n"}, {"b.md", "[x](a.md#nope) [y](a.md#a) [fn](#fn-1)\n"}});
  CHECK(site.warning_count() == 1);
  CHECK(has_diagnostic(site, "b.md", "#nope"));
}

TEST_CASE("links to assets and external URLs are kept") {
  const Site site = build_site({{"a.md", "![i](img/x.png) [e](https://example.com) [m](mailto:x@y.z)\n"}, {"img/x.png", "PNG"}});
  const Page& a = page(site, "a.md");
  CHECK(a.resolved[0].kind == LinkKind::asset);
  CHECK(a.resolved[0].href == "/img/x.png");
  CHECK(a.resolved[1].kind == LinkKind::external);
  CHECK(a.resolved[2].kind == LinkKind::external);
  CHECK(site.assets == std::vector<std::string>{"img/x.png"});
}

TEST_CASE("links above the content folder are missing, not followed") {
  const Site site = build_site({{"a.md", "[x](../../etc/passwd.md)\n"}});
  CHECK(page(site, "a.md").resolved[0].kind == LinkKind::missing);
}

TEST_CASE("a content path joins its folder and a relative path, and never climbs out") {
  CHECK(join_content_path("guides/api", "../img/a.png") == "guides/img/a.png");
  CHECK(join_content_path("guides/api", "../../img/a.png") == "img/a.png");
  CHECK(join_content_path("guides", "./setup.md") == "guides/setup.md");
  CHECK(join_content_path("guides", "/img//a.png") == "img/a.png");  // from the root
  CHECK(join_content_path("", "a/b/../c.md") == "a/c.md");
  CHECK(join_content_path("guides", "..") == "");
  CHECK(join_content_path("guides", "../../a.md") == std::nullopt);
  CHECK(join_content_path("", "/../a.md") == std::nullopt);
  CHECK(join_content_path("", "a/../../a.md") == std::nullopt);
}

TEST_CASE("a link whose first segment holds a colon after a digit is a path, as browsers read it") {
  const Site site = build_site({{"a.md", "[plan](2026:plan.md) [cdn](//cdn.example.org/x.png)\n"}, {"2026:plan.md", "# Plan\n"}});
  const Page& a = page(site, "a.md");
  CHECK(a.resolved[0].kind == LinkKind::page);
  CHECK(a.resolved[0].href == "/2026:plan/");
  CHECK(a.resolved[1].kind == LinkKind::external);  // "//host" leaves the site
  CHECK(a.resolved[1].href == "//cdn.example.org/x.png");
}

TEST_CASE("bad input: each file gets its message, the rest still builds") {
  std::string binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  SiteOptions options;
  options.max_file_bytes = 1024;
  const Site site = build_site({
      {"good.md", "# Good\n\n[[Broken target]]\n"},
      {"utf8.md", "# Bad bytes\n\nline \xFF here\n"},
      {"yaml.md", "---\ntitle: [oops\n---\n# Still here\n"},
      {"empty.md", ""},
      {"huge.md", std::string(2048, 'a')},
      {"image.md", binary},
  }, options);
  CHECK(site.find_page("good.md") >= 0);
  CHECK(has_diagnostic(site, "good.md", "[[Broken target]]", 3));

  CHECK(has_diagnostic(site, "utf8.md", "invalid UTF-8", 3));
  CHECK(page(site, "utf8.md").source.find("\xEF\xBF\xBD") != std::string::npos);

  CHECK(has_diagnostic(site, "yaml.md", "malformed front matter"));
  CHECK(page(site, "yaml.md").title == "Still here");

  CHECK(has_diagnostic(site, "empty.md", "empty", 1));
  CHECK(page(site, "empty.md").title == "Empty");

  CHECK(has_diagnostic(site, "huge.md", "limit"));
  CHECK(site.find_page("huge.md") < 0);

  CHECK(has_diagnostic(site, "image.md", "binary"));
  CHECK(site.find_page("image.md") < 0);
  CHECK(site.pages.size() == 4);
}

TEST_CASE("two files with the same URL: the second is an error and left out") {
  const Site site = build_site({{"a.md", "# one\n"}, {"a/index.md", "# two\n"}});
  CHECK(site.pages.size() == 1);
  CHECK(site.error_count() == 1);
  CHECK(has_diagnostic(site, "a/index.md", "same URL"));
}

TEST_CASE("drafts are left out unless asked for") {
  const std::vector<SourceFile> files = {{"a.md", "---\ndraft: true\n---\n# Draft\n"}, {"b.md", "[a](a.md)\n"}};
  const Site site = build_site(files);
  CHECK(site.find_page("a.md") < 0);
  CHECK(has_diagnostic(site, "b.md", "a.md"));
  SiteOptions with_drafts;
  with_drafts.include_drafts = true;
  CHECK(build_site(files, with_drafts).find_page("a.md") >= 0);
}

TEST_CASE("diagnostics come sorted by file and line") {
  const Site site = build_site({{"b.md", "[x](x.md)\n\n[y](y.md)\n"}, {"a.md", "[z](z.md)\n"}});
  REQUIRE(site.diagnostics.size() == 3);
  CHECK(site.diagnostics[0].file == "a.md");
  CHECK(site.diagnostics[1].line == 1);
  CHECK(site.diagnostics[2].line == 3);
}

TEST_CASE("page HTML has resolved links under the base path") {
  const Site site = build_site({{"a.md", "[b](b.md#x) [[b]] [out](https://e.org) [here](#a)\n\n# A\n"}, {"b.md", "## X\n"}});
  const std::string html = render_page_html(site, page(site, "a.md"), "/repo/");
  CHECK(html.find("href=\"/repo/b/#x\"") != std::string::npos);
  CHECK(html.find("href=\"/repo/b/\"") != std::string::npos);
  CHECK(html.find("href=\"https://e.org\"") != std::string::npos);
  CHECK(html.find("href=\"#a\"") != std::string::npos);
  CHECK(html.find("broken") == std::string::npos);
}

TEST_CASE("a table cell of one short word is kept whole (ADR-0002 never breaks after its hyphen)") {
  const Site site = build_site({{"a.md", "| ID | Decision | Status |\n| -- | :-- | -- |\n| ADR-0002 | [One core](a.md) | `accepted` |\n"
                                        "| a-very-long-identifier-of-thirty | x | |\n"}});
  const std::string html = render_page_html(site, page(site, "a.md"), "/");
  CHECK(html.find("<th class=\"word\">ID</th>") != std::string::npos);
  CHECK(html.find("<td class=\"word\">ADR-0002</td>") != std::string::npos);
  CHECK(html.find("<td align=\"left\"><a href=\"/a/\">One core</a></td>") != std::string::npos);  // two words
  CHECK(html.find("<td class=\"word\"><code>accepted</code></td>") != std::string::npos);
  CHECK(html.find("<td>a-very-long-identifier-of-thirty</td>") != std::string::npos);  // long: may wrap
  CHECK(html.find("<td></td>") != std::string::npos);
}

TEST_CASE("a broken link or image is marked as broken in the page's HTML") {
  const Site site = build_site({{"a.md", "[gone](gone.md \"Old\") [[Nowhere]] ![logo](logo.png) [ok](a.md)\n"}});
  const std::string html = render_page_html(site, page(site, "a.md"), "/");
  CHECK(html.find("<a href=\"gone.md\" class=\"broken\" title=\"Broken link: no such page\" title=\"Old\">gone</a>") != std::string::npos);
  CHECK(html.find("<a href=\"#\" class=\"broken\" title=\"Broken link: no such page\">Nowhere</a>") != std::string::npos);
  CHECK(html.find("<img src=\"logo.png\" class=\"broken\" title=\"Broken link: no such file\" alt=\"logo\"") != std::string::npos);
  CHECK(html.find("<a href=\"/a/\">ok</a>") != std::string::npos);
}

TEST_CASE("a rebuild reuses unchanged pages and re-reads changed ones, with the same result as a full build") {
  std::vector<SourceFile> files = {
      {"a.md", "---\ntitle: [bad\n---\n# A\n\n[b](b.md)\n"},
      {"b.md", "# B\n\nOld text. [[c]]\n"},
      {"c.md", "# C\n"},
  };
  Site first = build_site(files);
  files[1].bytes = "# B renamed\n\nNew text. [a](a.md)\n";
  files.push_back({"d.md", "# D\n\n[[B renamed]]\n"});
  Site rebuilt = build_site(files, {}, &first);
  const Site full = build_site(files);
  REQUIRE(rebuilt.pages.size() == full.pages.size());
  for (std::size_t i = 0; i < full.pages.size(); ++i) {
    CAPTURE(full.pages[i].path);
    CHECK(rebuilt.pages[i].title == full.pages[i].title);
    CHECK(rebuilt.pages[i].html_with_link_markers == full.pages[i].html_with_link_markers);
    CHECK(rebuilt.pages[i].backlinks == full.pages[i].backlinks);
    CHECK(rebuilt.pages[i].plain_text == full.pages[i].plain_text);
  }
  CHECK(rebuilt.diagnostics.size() == full.diagnostics.size());  // a.md's front matter error is kept
  CHECK(page(rebuilt, "b.md").title == "B renamed");
  CHECK(page(rebuilt, "a.md").backlinks.size() == 1);
}

TEST_CASE("blocks nested past kNestingDepth: a warning at the first line too deep; the page builds") {
  const std::string quotes = "# Deep\n\n" + std::string(10'000, '>') + " x\n";
  std::string lists = "---\ntitle: Lists\n---\n";  // the first list opens on line 4
  for (int level = 0; level <= limits::kNestingDepth; ++level)
    lists += std::string(static_cast<std::size_t>(2 * level), ' ') + "- item\n";
  const Site site = build_site({{"quotes.md", quotes}, {"lists.md", lists}});
  CHECK(has_diagnostic(site, "quotes.md", "nest more than 32 levels", 3));
  CHECK(has_diagnostic(site, "lists.md", "nest more than 32 levels", 4 + limits::kNestingDepth));
  CHECK(page(site, "quotes.md").plain_text.find('x') != std::string::npos);
  CHECK(site.error_count() == 0);
  CHECK(site.warning_count() == 2);
}

TEST_CASE("a word longer than kWordBytes: a warning at its line; the page builds") {
  const std::string word(limits::kWordBytes + 1, 'a');
  std::string emphasised;  // one word to the reader, many nodes to cmark
  for (std::size_t i = 0; i < limits::kWordBytes; ++i) emphasised += "a*b*";
  const Site site = build_site({
      {"text.md", "# Long\n\nshort words " + word + " end\n"},
      {"code.md", "# Code\n\n```\nshort\n" + word + "\n```\n"},
      {"emphasis.md", "# Emphasis\n\n" + emphasised + "\n"},
      {"fine.md", "# Fine\n\n![a data image](data:image/png;base64," + word + ") " + std::string(limits::kWordBytes, 'b') + "\n"},
  });
  CHECK(has_diagnostic(site, "text.md", "runs past 4096 bytes", 3));
  CHECK(has_diagnostic(site, "code.md", "runs past 4096 bytes", 5));
  CHECK(has_diagnostic(site, "emphasis.md", "runs past 4096 bytes", 3));
  CHECK_FALSE(has_diagnostic(site, "fine.md", "runs past"));
  CHECK(page(site, "text.md").plain_text.find(word) != std::string::npos);
}

TEST_CASE("tables past kTableColumns or kTableCellsPerByte: a warning at each header row; the page builds") {
  std::string header = "|", delimiter = "|";
  for (std::size_t c = 0; c <= limits::kTableColumns; ++c) {
    header += " h |";
    delimiter += "-|";
  }
  const std::string wide = "---\ntitle: Wide\n---\n" + header + "\n" + delimiter + "\n";  // header on line 4
  std::string rows;
  for (int i = 0; i < 100; ++i) rows += "x\n";
  std::string padded;  // seven tables of 10 columns and 100 one-character rows, 103 lines apart
  for (int i = 0; i < 7; ++i) padded += "a|b|c|d|e|f|g|h|i|j\n-|-|-|-|-|-|-|-|-|-\n" + rows + "\n";
  const Site site = build_site({{"wide.md", wide}, {"padded.md", padded}});
  CHECK(has_diagnostic(site, "wide.md", "this table has 257 columns, more than the 256 a table may have; it is shown as text", 4));
  CHECK(page(site, "wide.md").html_with_link_markers.find("<table") == std::string::npos);
  CHECK(has_diagnostic(site, "padded.md", "this table has 10 columns and 100 rows", 1));
  CHECK(has_diagnostic(site, "padded.md", "2 more tables from this line on are past the same limits", 1 + 5 * 103));
  CHECK(site.error_count() == 0);
  CHECK(site.warning_count() == 7);
}

TEST_CASE("reserved outputs: a file or folder in SiteOptions::reserved_outputs is refused, the rest of its folder is content's") {
  SiteOptions options;
  options.reserved_outputs = {"app/boot.js", "app/fonts"};
  const Site site = build_site({{"app/setup.md", "# Setup\n"}, {"app/boot.js", ""}, {"app/fonts/a.ttf", ""}, {"app/boot.js.md", "# B\n"}},
                               options);
  CHECK(site.find_url("/app/setup/") >= 0);
  CHECK(has_diagnostic(site, "app/boot.js", "would take the place of app/boot.js, which the build writes"));
  CHECK(has_diagnostic(site, "app/fonts/a.ttf", "would take the place of app/fonts"));
  CHECK(has_diagnostic(site, "app/boot.js.md", "its URL /app/boot.js/ would take the place of app/boot.js"));
  CHECK(site.error_count() == 3);
}

TEST_CASE("section_chain: the sections above, outermost first, without the root; never loops") {
  const Site site = build_site({{"index.md", "# Home\n"}, {"guides/api/auth.md", "# Auth\n"}});
  const int api = site.pages[static_cast<std::size_t>(site.find_page("guides/api/auth.md"))].section;
  std::vector<std::string> titles;
  for (int s : section_chain(site.sections, api)) titles.push_back(site.sections[static_cast<std::size_t>(s)].path);
  CHECK(titles == std::vector<std::string>{"guides", "guides/api"});
  CHECK(section_chain(site.sections, 0).empty());
  CHECK(section_chain(site.sections, 99).empty());
  std::vector<Section> loop(3);
  loop[1].parent = 2;
  loop[2].parent = 1;
  CHECK(section_chain(loop, 2) == std::vector<int>{1, 2});
}
