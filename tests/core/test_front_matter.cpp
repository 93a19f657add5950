// Spec: YAML front matter between '---' lines, read with yaml-cpp; problems are
// reported with file and line and never lose the page.
#include <doctest/doctest.h>

#include "core/front_matter.hpp"
#include "core/limits.hpp"

using namespace logbook;

TEST_CASE("typed fields are read and the body follows") {
  Diagnostics d;
  const auto fm = parse_front_matter("a.md",
      "---\ntitle: Setup\ndescription: How to set up\ntags: [infra, search]\ndate: 2026-01-31\n"
      "owner: ana\nreview_by: 2026-06-01\ndraft: false\naliases: [/old/]\ncustom: 7\n---\n# Body\n", d);
  CHECK(d.empty());
  CHECK(fm.meta.title == "Setup");
  CHECK(fm.meta.description == "How to set up");
  CHECK(fm.meta.tags == std::vector<std::string>{"infra", "search"});
  CHECK(fm.meta.date == "2026-01-31");
  CHECK(fm.meta.owner == "ana");
  CHECK(fm.meta.review_by == "2026-06-01");
  CHECK_FALSE(fm.meta.draft);
  CHECK(fm.meta.aliases == std::vector<std::string>{"/old/"});
  CHECK(fm.meta.fields["custom"] == "7");
  CHECK(fm.body == "# Body\n");
  CHECK(fm.body_line == 12);  // 1 fence + 9 fields + 1 fence
}

TEST_CASE("no front matter: the whole file is the body") {
  Diagnostics d;
  const auto fm = parse_front_matter("a.md", "# Just Markdown\n---\n", d);
  CHECK(d.empty());
  CHECK(fm.body == "# Just Markdown\n---\n");
  CHECK(fm.body_line == 1);
}

TEST_CASE("a comma-separated tag string is a list") {
  Diagnostics d;
  const auto fm = parse_front_matter("a.md", "---\ntags: infra, search ,ops\n---\n", d);
  CHECK(fm.meta.tags == std::vector<std::string>{"infra", "search", "ops"});
}

TEST_CASE("malformed YAML is an error at its line in the file; the body survives") {
  Diagnostics d;
  const auto fm = parse_front_matter("bad.md", "---\ntitle: ok\ntags: [unclosed\n---\nBody text\n", d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::error);
  CHECK(d[0].file == "bad.md");
  CHECK(d[0].line >= 3);
  CHECK(d[0].message.find("malformed front matter") != std::string::npos);
  CHECK(fm.body == "Body text\n");
  CHECK_FALSE(fm.meta.title.has_value());
}

TEST_CASE("a YAML mistake is told in plain words at the line where it is") {
  const auto error_for = [](std::string_view text) {
    Diagnostics d;
    parse_front_matter("a.md", text, d);
    REQUIRE(d.size() == 1);
    return d[0];
  };
  SUBCASE("an unclosed [ is reported where it opens, not where YAML gave up") {
    const Diagnostic d = error_for("---\ntitle: Hello\ntags: [a, b\nowner: me\n---\n# Hello\n");
    CHECK(d.line == 3);
    CHECK(d.column == 7);
    CHECK(d.message.find("never closed; end it with `]`") != std::string::npos);
    CHECK(d.message.find("sequence flow") == std::string::npos);
  }
  SUBCASE("an unclosed { too") {
    const Diagnostic d = error_for("---\ntitle: Hello\nlinks: {home: /\nowner: me\n---\n");
    CHECK(d.line == 3);
    CHECK(d.column == 8);
    CHECK(d.message.find("never closed; end it with `}`") != std::string::npos);
  }
  SUBCASE("an apostrophe or a bracket inside plain text is not taken for an opener") {
    const Diagnostic d = error_for("---\ntitle: Don't use a[1]\nowner: Setup: the basics\n---\n");
    CHECK(d.line == 3);
    CHECK(d.message.find("put the value in quotes") != std::string::npos);
  }
  SUBCASE("a tab in the indentation") {
    const Diagnostic d = error_for("---\ntags:\n\t- a\n---\n");
    CHECK(d.line == 3);
    CHECK(d.message.find("tab") != std::string::npos);
  }
}

TEST_CASE("front matter that never closes is an error on line 1") {
  Diagnostics d;
  const auto fm = parse_front_matter("open.md", "---\ntitle: x\n# Heading\n", d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 1);
  CHECK(d[0].message.find("never ends") != std::string::npos);
  CHECK(fm.body == "---\ntitle: x\n# Heading\n");
}

TEST_CASE("a field of the wrong shape is a warning naming the field and line") {
  Diagnostics d;
  const auto fm = parse_front_matter("w.md", "---\ntitle:\n  nested: map\ndate: 31/01/2026\ndraft: maybe\n---\n", d);
  REQUIRE(d.size() == 3);
  CHECK(d[0].message.find("'title'") != std::string::npos);
  CHECK(d[1].message.find("YYYY-MM-DD") != std::string::npos);
  CHECK(d[1].line == 4);
  CHECK(d[2].message.find("'draft'") != std::string::npos);
  CHECK_FALSE(fm.meta.title.has_value());
}

TEST_CASE("a YAML document that is not a mapping is ignored with an error") {
  Diagnostics d;
  parse_front_matter("list.md", "---\n- a\n- b\n---\n", d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::error);
}

TEST_CASE("CRLF line endings and a byte order mark are accepted") {
  Diagnostics d;
  const auto fm = parse_front_matter("w.md", "\xEF\xBB\xBF---\r\ntitle: Windows\r\n---\r\nBody\r\n", d);
  CHECK(d.empty());
  CHECK(fm.meta.title == "Windows");
  CHECK(fm.body == "Body\r\n");
}

TEST_CASE("aliases that would expand past the node limit are refused, not expanded") {
  // "Billion laughs": 356 bytes whose aliases expanded to billions of values took 1.6 GB.
  std::string yaml = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char level = 'b'; level <= 'e'; ++level) {  // e: 10^5 values
    const char below = static_cast<char>(level - 1);
    yaml += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 10; ++i) yaml += std::string(i ? ", *" : "*") + below;
    yaml += "]\n";
  }
  yaml += "title: Bomb\n---\n# Body\n";
  Diagnostics d;
  const auto fm = parse_front_matter("bomb.md", yaml, d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::error);
  CHECK(d[0].file == "bomb.md");
  CHECK(d[0].line >= 2);
  CHECK(d[0].message.find("alias") != std::string::npos);
  CHECK_FALSE(fm.meta.title);  // the page builds, without its front matter
  CHECK(fm.body == "# Body\n");
}

TEST_CASE("aliases within the node limit are expanded as written") {
  Diagnostics d;
  const auto fm = parse_front_matter("a.md", "---\nteam: &t [ana, bo]\nreviewers: *t\n---\n", d);
  CHECK(d.empty());
  CHECK(fm.meta.fields["reviewers"] == nlohmann::json::array({"ana", "bo"}));
}

TEST_CASE("front matter larger than the limit is refused before it is parsed") {
  const std::string yaml = "---\ndescription: " + std::string(limits::kFrontMatterBytes, 'x') + "\n---\nBody\n";
  Diagnostics d;
  const auto fm = parse_front_matter("big.md", yaml, d);
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 2);
  CHECK(d[0].message.find("KiB") != std::string::npos);
  CHECK_FALSE(fm.meta.description);
  CHECK(fm.body == "Body\n");
}
