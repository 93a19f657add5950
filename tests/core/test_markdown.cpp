// Spec: one cmark-gfm parse gives the outline, the links (with wikilinks), the plain
// text for the index and the HTML.
#include <doctest/doctest.h>

#include "core/limits.hpp"
#include "core/markdown.hpp"

using namespace logbook;

TEST_CASE("headings carry level, text, GitHub anchor and file line") {
  MarkdownDocument doc("# Title\n\nText\n\n## Install `tool`\n\n## Install `tool`\n", {}, 5);
  const auto s = doc.summarize();
  REQUIRE(s.headings.size() == 3);
  CHECK(s.headings[0].level == 1);
  CHECK(s.headings[0].slug == "title");
  CHECK(s.headings[0].line == 5);
  CHECK(s.headings[1].text == "Install tool");
  CHECK(s.headings[1].slug == "install-tool");
  CHECK(s.headings[2].slug == "install-tool-1");
  CHECK(s.headings[2].line == 11);
}

TEST_CASE("links and images are collected with their positions") {
  MarkdownDocument doc("See [setup](guides/setup.md#install) and ![logo](img/logo.png).\n");
  const auto s = doc.summarize();
  REQUIRE(s.links.size() == 2);
  CHECK(s.links[0].destination == "guides/setup.md#install");
  CHECK(s.links[0].text == "setup");
  CHECK(s.links[0].line == 1);
  CHECK(s.links[0].column == 5);
  CHECK(s.links[1].image);
}

TEST_CASE("a link's text is read once: an image inside it has its own destination, no text") {
  MarkdownDocument doc("[![logo](logo.png) Home](index.md)\n");
  const auto s = doc.summarize();
  REQUIRE(s.links.size() == 2);
  CHECK(s.links[0].text == "logo Home");
  CHECK(s.links[1].destination == "logo.png");
  CHECK(s.links[1].text == "");
}

// Each nested image read the text of all images inside it again: 10,000 took 2.6 s
// (quadratic), the same 60 KB of ordinary text a few milliseconds.
TEST_CASE("images nested 40,000 deep are summarised in linear time" * doctest::timeout(3)) {
  std::string md;
  for (int i = 0; i < 40'000; ++i) md += "![";
  md += "a";
  for (int i = 0; i < 40'000; ++i) md += "](x)";
  MarkdownDocument doc(md + "\n");
  const auto s = doc.summarize();
  CHECK(s.links.size() == 40'000);
  CHECK(s.links[0].text == "a");
}

TEST_CASE("wikilinks become links with their target and label") {
  MarkdownDocument doc("Read [[Getting started]] and [[guides/setup|the setup guide]].\n\n`[[not a link]]`\n");
  const auto s = doc.summarize();
  REQUIRE(s.links.size() == 2);
  CHECK(s.links[0].wikilink);
  CHECK(s.links[0].destination == "Getting started");
  CHECK(s.links[0].text == "Getting started");
  CHECK(s.links[0].column == 6);
  CHECK(s.links[1].destination == "guides/setup");
  CHECK(s.links[1].text == "the setup guide");
}

TEST_CASE("every wikilink of a line is found, in order, with its column") {
  MarkdownDocument doc("[[a]] [[b|B]] [[ ]] [[c [[d]] [[é]] [[e]] tail\n");
  const auto s = doc.summarize();
  REQUIRE(s.links.size() == 4);  // "[[ ]]" has no target; "[[c [[d]]" holds a bracket
  CHECK(s.links[0].destination == "a");
  CHECK(s.links[0].column == 1);
  CHECK(s.links[1].text == "B");
  CHECK(s.links[1].column == 7);
  CHECK(s.links[2].destination == "é");
  CHECK(s.links[2].column == 31);
  CHECK(s.links[3].destination == "e");
  CHECK(s.links[3].column == 37);
  CHECK(s.plain_text == "a B [[ ]] [[c [[d]] é e tail\n");
}

TEST_CASE("200,000 wikilinks on one line are found in one linear pass") {
  // Each link used to copy the rest of the line and recurse: 600 KB took tens of GB and
  // crashed. Now the line is read once; this runs in well under a second.
  std::string line;
  for (int i = 0; i < 200'000; ++i) line += "[[a]] ";
  MarkdownDocument doc(line + "\n");
  const auto s = doc.summarize();
  CHECK(s.links.size() == 200'000);
  CHECK(s.links.back().column == 6 * 199'999 + 1);
}

TEST_CASE("wikilinks can be turned off") {
  MarkdownOptions options;
  options.wikilinks = false;
  MarkdownDocument doc("[[Page]]\n", options);
  CHECK(doc.summarize().links.empty());
}

TEST_CASE("plain text has every visible word, code included, and no markup") {
  MarkdownDocument doc("# Title\n\nSome *emphasis* and `worker_threads`.\n\n```js\nconst x = require('worker_threads');\n```\n\n| a | b |\n|---|---|\n| cell | two |\n");
  const auto s = doc.summarize();
  CHECK(s.plain_text.find("Some emphasis and worker_threads.") != std::string::npos);
  CHECK(s.plain_text.find("require('worker_threads')") != std::string::npos);
  CHECK(s.plain_text.find("cell") != std::string::npos);
  CHECK(s.plain_text.find('*') == std::string::npos);
  CHECK(s.first_paragraph == "Some emphasis and worker_threads.");
}

TEST_CASE("HTML output: GFM extensions, heading anchors, rewritten links") {
  MarkdownDocument doc("# Hi\n\n~~old~~ [x](a.md) www.example.com\n\n- [x] done\n\nNote[^1]\n\n[^1]: The note.\n");
  const std::string html = doc.render_html([](const Link& l) { return l.destination == "a.md" ? std::string("/a/") : l.destination; });
  CHECK(html.find("<h1 id=\"hi\">Hi</h1>") != std::string::npos);
  CHECK(html.find("<del>old</del>") != std::string::npos);
  CHECK(html.find("href=\"/a/\"") != std::string::npos);
  CHECK(html.find("href=\"http://www.example.com\"") != std::string::npos);
  CHECK(html.find("type=\"checkbox\" checked=\"\" disabled=\"\"") != std::string::npos);
  CHECK(html.find("class=\"footnotes\"") != std::string::npos);
}

TEST_CASE("each heading carries its own id; no empty anchor is written, and other HTML is left as it is") {
  MarkdownDocument doc("# A *b*\n\n###### Six\n\ntext <h2>x</h2> and <hr>\n\n## A *b*\n");
  const std::string html = doc.render_html(nullptr);
  CHECK(html.find("<h1 id=\"a-b\">A <em>b</em></h1>") != std::string::npos);
  CHECK(html.find("<h6 id=\"six\">Six</h6>") != std::string::npos);
  CHECK(html.find("<h2 id=\"a-b-1\">A <em>b</em></h2>") != std::string::npos);  // the second of a name
  CHECK(html.find("<a id=") == std::string::npos);
  // A very long heading keeps its anchor inside it: the same target, found in bounded time.
  const std::string long_slug(2000, 'x');
  const std::string long_html = MarkdownDocument("## " + long_slug + "\n").render_html(nullptr);
  CHECK(long_html.find("<h2><a id=\"" + long_slug + "\"></a>" + long_slug + "</h2>") != std::string::npos);
}

TEST_CASE("HTML output for assistive technology: anchors out of the way, named task checkboxes, code blocks that take the focus") {
  MarkdownDocument doc("## Steps\n\n- [x] built\n- [ ] shipped\n\n```sh\nmake a-very-long-line\n```\n\n    indented\n");
  const std::string html = doc.render_html(nullptr);
  CHECK(html.find("<h2 id=\"steps\">Steps</h2>") != std::string::npos);  // the target is the heading: no link, no Tab stop
  CHECK(html.find("checked=\"\" disabled=\"\" aria-label=\"Done\"") != std::string::npos);
  CHECK(html.find("<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"") != std::string::npos);
  CHECK(html.find("<pre tabindex=\"0\"><code class=\"language-sh\">") != std::string::npos);
  CHECK(html.find("<pre tabindex=\"0\"><code>indented") != std::string::npos);
  CHECK(html.find("<pre><code") == std::string::npos);
}

TEST_CASE("rendering twice gives the same HTML (the tree is left as it was)") {
  MarkdownDocument doc("## A\n\ntext\n");
  CHECK(doc.render_html(nullptr) == doc.render_html(nullptr));
}

TEST_CASE("dangerous URLs are neutralised, raw script tags filtered") {
  MarkdownDocument doc("[x](javascript:alert(1)) ![i](data:image/png;base64,AAAA)\n\n<script>alert(1)</script>\n");
  const std::string html = doc.render_html(nullptr);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("data:image/png") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(is_dangerous_url(" JavaScript:x", false));
  CHECK(is_dangerous_url("data:text/html,x", true));
  CHECK_FALSE(is_dangerous_url("https://example.com", false));
}

TEST_CASE("raw HTML reaches the page only through the allowlist sanitizer") {
  MarkdownDocument doc("<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example\">\n\n"
                       "Press <kbd>Ctrl</kbd> <img src=x onerror=alert(1) name=\"logbookBooted\"> <form name=\"logbook\">\n");
  const std::string html = doc.render_html(nullptr);
  CHECK(html.find("refresh") == std::string::npos);
  CHECK(html.find("evil.example") == std::string::npos);
  CHECK(html.find("onerror") == std::string::npos);
  CHECK(html.find("<form") == std::string::npos);
  CHECK(html.find("<kbd>Ctrl</kbd>") != std::string::npos);
  CHECK(html.find("<img src=\"x\" name=\"user-content-logbookBooted\">") != std::string::npos);
  CHECK(doc.html().find("refresh") != std::string::npos);  // the tree itself is left as cmark-gfm made it
}

TEST_CASE("raw elements may span Markdown blocks, and are closed where their container ends") {
  MarkdownDocument doc("<details>\n<summary>More</summary>\n\nSome *Markdown* inside.\n\n</details>\n\n"
                       "> a <span>quoted\n\nafter </span> the quote\n");
  const std::string html = doc.render_html(nullptr);
  CHECK(html.find("<details>\n<summary>More</summary>\n<p>Some <em>Markdown</em> inside.</p>\n</details>") != std::string::npos);
  CHECK(html.find("<p>a <span>quoted</span></p>") != std::string::npos);
  CHECK(html.find("<p>after  the quote</p>") != std::string::npos);  // a stray end tag is dropped
  CHECK(doc.render_html(nullptr) == html);
}

TEST_CASE("unsafe_html off omits raw HTML altogether") {
  MarkdownOptions options;
  options.unsafe_html = false;
  MarkdownDocument doc("a <kbd>b</kbd>\n", options);
  CHECK(doc.render_html(nullptr).find("<kbd>") == std::string::npos);
}

namespace {

// A GFM table of `columns` columns: a full header and delimiter row, then `rows` rows.
std::string table_source(std::size_t columns, const std::vector<std::string>& rows) {
  std::string header = "|", delimiter = "|";
  for (std::size_t c = 0; c < columns; ++c) {
    header += " h" + std::to_string(c) + " |";
    delimiter += "---|";
  }
  std::string out = header + "\n" + delimiter + "\n";
  for (const std::string& row : rows) out += row + "\n";
  return out;
}

bool has_table(MarkdownDocument& doc) { return doc.html().find("<table>") != std::string::npos; }

}  // namespace

TEST_CASE("an ordinary table is a table, short rows and cells written as '-' included") {
  MarkdownDocument doc(table_source(4, {"| a | b | c | d |", "| x |", "| - | - | - | - |"}));
  CHECK(has_table(doc));
  CHECK(doc.summarize().refused_tables.empty());
}

TEST_CASE("a table wider than kTableColumns stays text, with its header row's line; no line shifts") {
  const std::size_t columns = limits::kTableColumns + 1;
  MarkdownDocument doc("# Data\n\n" + table_source(columns, {"| a |"}) + "\n## After\n", {}, 4);
  CHECK_FALSE(has_table(doc));
  const auto s = doc.summarize();
  REQUIRE(s.refused_tables.size() == 1);
  CHECK(s.refused_tables[0].line == 6);  // the header row: line 3 of the Markdown, which starts on line 4
  CHECK(s.refused_tables[0].columns == columns);
  CHECK(s.refused_tables[0].too_wide);
  CHECK(s.plain_text.find("h256") != std::string::npos);  // the text is kept
  REQUIRE(s.headings.size() == 2);
  CHECK(s.headings[1].line == 10);
  CHECK(doc.html().find("\\|") == std::string::npos);  // the escape does not show
}

TEST_CASE("a table whose short rows would be padded past kTableCellsPerByte stays text") {
  // 100 columns and 1,000 one-character rows: 100k cells from about 2.5 KB.
  MarkdownDocument doc("Intro\n\n" + table_source(100, std::vector<std::string>(1000, "x")));
  CHECK_FALSE(has_table(doc));
  const auto s = doc.summarize();
  REQUIRE(s.refused_tables.size() == 1);
  CHECK(s.refused_tables[0].line == 3);
  CHECK(s.refused_tables[0].columns == 100);
  CHECK(s.refused_tables[0].rows == 1000);
  CHECK_FALSE(s.refused_tables[0].too_wide);
}

TEST_CASE("refused tables are found in block quotes, with CRLF and CR line endings, and each is counted") {
  const std::string wide = table_source(limits::kTableColumns + 1, {"x"});
  std::string quoted;
  for (std::size_t start = 0, end; (end = wide.find('\n', start)) != std::string::npos; start = end + 1)
    quoted += "> " + wide.substr(start, end - start) + "\r\n";
  std::string cr = wide;
  for (char& c : cr)
    if (c == '\n') c = '\r';
  MarkdownDocument doc(quoted + "\r\n" + cr + "\r" + wide);
  CHECK_FALSE(has_table(doc));
  const auto s = doc.summarize();
  REQUIRE(s.refused_tables.size() == 3);
  CHECK(s.refused_tables[0].line == 1);
  CHECK(s.refused_tables[1].line == 5);
  CHECK(s.refused_tables[2].line == 9);
}

TEST_CASE("many padded tables parse in time linear in their bytes" * doctest::timeout(5)) {
  // Each: 200 columns (within kTableColumns) and 1,000 one-character rows, 3 KB that
  // cmark-gfm would pad to 200k cells.
  const std::string table = table_source(200, std::vector<std::string>(1000, "x"));
  std::string page;
  for (int i = 0; i < 20; ++i) page += table + "\n";
  MarkdownDocument doc(page);
  CHECK(doc.summarize().refused_tables.size() == 20);
  CHECK_FALSE(has_table(doc));
}
