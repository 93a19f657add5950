// Spec: content files that would run script on the site's origin are not published as
// they are, unless logbook.yml lists them under publish_files (ADR-0011).
#include <doctest/doctest.h>

#include <string>

#include "core/publish_policy.hpp"

using namespace logbook;

namespace {

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

const SourceFile* find(const std::vector<SourceFile>& files, std::string_view path) {
  for (const SourceFile& f : files)
    if (f.path == path) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("names a browser would run script from") {
  for (const char* path : {"a.html", "demo/b.HTM", "c.xhtml", "d.svg", "e.svgz", "f.xml", "g.xsl", "h.js", "i.mjs", "j.wasm"})
    CHECK_MESSAGE(runs_script_when_opened(path), path);
  for (const char* path : {"a.png", "b.pdf", "c.txt", "d.json", "e.css", "html/readme", "svg"})
    CHECK_FALSE_MESSAGE(runs_script_when_opened(path), path);
}

TEST_CASE("publish_files patterns: * and ? within a folder, ** across folders") {
  CHECK(matches_glob("demo/widget.html", "demo/widget.html"));
  CHECK(matches_glob("demo/*.html", "demo/widget.html"));
  CHECK_FALSE(matches_glob("demo/*.html", "demo/sub/widget.html"));
  CHECK_FALSE(matches_glob("*.html", "demo/widget.html"));
  CHECK(matches_glob("**/*.html", "widget.html"));
  CHECK(matches_glob("**/*.html", "a/b/widget.html"));
  CHECK(matches_glob("embeds/**", "embeds/a/b.js"));
  CHECK(matches_glob("demo/?.js", "demo/a.js"));
  CHECK_FALSE(matches_glob("demo/?.js", "demo/ab.js"));
  CHECK_FALSE(matches_glob("demo/widget.html", "demo/widget.htm"));
  const std::string stars(200, '*');
  CHECK_FALSE(matches_glob(stars + "x", std::string(4000, 'a')));  // bounded work, no backtracking
}

TEST_CASE("an .html file or a .js file is left out with a warning that says how to publish it") {
  std::vector<SourceFile> files = {{"index.md", "# Home"}, {"demo/widget.html", "<script>alert(1)</script>"},
                                   {"sw.js", "self.addEventListener('fetch', () => {})"}, {"img/a.png", "PNG"}};
  const Diagnostics warnings = apply_publish_policy(files, SiteConfig{});
  REQUIRE(warnings.size() == 2);
  CHECK(warnings[0].severity == Severity::warning);
  CHECK(warnings[0].file == "demo/widget.html");
  CHECK(has(warnings[0].message, "can run script on the site's origin"));
  CHECK(has(warnings[0].message, "`publish_files: [demo/widget.html]`"));
  CHECK(warnings[1].file == "sw.js");
  CHECK(find(files, "demo/widget.html") == nullptr);
  CHECK(find(files, "sw.js") == nullptr);
  CHECK(find(files, "index.md") != nullptr);
  CHECK(find(files, "img/a.png") != nullptr);
}

TEST_CASE("an SVG is published sanitized, or refused at the line of what it runs") {
  std::vector<SourceFile> files = {{"d/ok.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- c --><rect width=\"1\"/></svg>"},
                                   {"d/bad.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>"}};
  const Diagnostics warnings = apply_publish_policy(files, SiteConfig{});
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].file == "d/bad.svg");
  CHECK(warnings[0].line == 2);
  CHECK(has(warnings[0].message, "<script>"));
  CHECK(has(warnings[0].message, "publish_files"));
  REQUIRE(files.size() == 1);
  CHECK(files[0].bytes == "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>");
}

TEST_CASE("a file listed under publish_files is published byte for byte") {
  const std::string html = "<!doctype html><script>demo()</script>";
  const std::string svg = "<svg><script>animate()</script></svg>";
  std::vector<SourceFile> files = {{"demo/widget.html", html}, {"demo/anim.svg", svg}};
  SiteConfig config;
  config.publish_files = {"demo/*"};
  CHECK(apply_publish_policy(files, config).empty());
  REQUIRE(files.size() == 2);
  CHECK(files[0].bytes == html);
  CHECK(files[1].bytes == svg);
}
