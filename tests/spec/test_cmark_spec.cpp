// Spec: cmark-gfm's own examples (test/spec.txt, test/extensions.txt) through our
// Markdown layer. Our compile flags and extension set-up must reproduce the expected
// HTML exactly, as upstream's spec_tests.py --no-normalize does.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/markdown.hpp"

namespace {

struct Example {
  int number = 0;
  int line = 0;
  std::string markdown;
  std::string html;
  bool disabled = false;
  bool extensions = false;  // the example names GFM extensions after "example"
};

// The format of spec.txt: a line of 32 backticks + " example", the Markdown, a line
// ".", the HTML, and a line of 32 backticks; "→" stands for a tab. An example whose
// opening line names extensions ("example table") runs with them, as upstream's runner does.
std::vector<Example> read_examples(const std::string& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in, "cannot read " << path << " (fetched by scripts/fetch-deps.sh)");
  const std::string fence(32, '`');
  std::vector<Example> out;
  std::string line;
  int state = 0, line_no = 0, number = 0;
  Example current;
  const auto tabs = [](std::string s) {
    for (std::size_t p; (p = s.find("→")) != std::string::npos;) s.replace(p, 3, "\t");
    return s;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (state == 0 && line.rfind(fence + " example", 0) == 0) {
      current = Example{};
      current.line = line_no;
      current.disabled = line.find("disabled") != std::string::npos;
      current.extensions = line.size() > fence.size() + 8 && !current.disabled;
      state = 1;
    } else if (state != 0 && line == fence) {
      current.number = ++number;
      current.markdown = tabs(current.markdown);
      current.html = tabs(current.html);
      out.push_back(current);
      state = 0;
    } else if (state == 1 && line == ".") {
      state = 2;
    } else if (state == 1) {
      current.markdown += line + "\n";
    } else if (state == 2) {
      current.html += line + "\n";
    }
  }
  return out;
}

void run_examples(const std::string& file, const logbook::MarkdownOptions& options, std::size_t minimum) {
  const auto examples = read_examples(std::string(LOGBOOK_CMARK_DIR) + "/test/" + file);
  CHECK(examples.size() >= minimum);
  int passed = 0;
  for (const Example& ex : examples) {
    if (ex.disabled) continue;
    logbook::MarkdownOptions example_options = options;
    example_options.gfm = options.gfm || ex.extensions;
    const std::string html = logbook::markdown_to_html(ex.markdown, example_options);
    if (ex.html == "<IGNORE>\n") {  // upstream's crash tests: rendering at all is the pass
      ++passed;
      continue;
    }
    CHECK_MESSAGE(html == ex.html, file << " example " << ex.number << " (line " << ex.line << ")\n--- markdown\n"
                                        << ex.markdown << "--- expected\n" << ex.html << "--- got\n" << html);
    passed += html == ex.html;
  }
  MESSAGE(file << ": " << passed << " examples match");
}

}  // namespace

TEST_CASE("CommonMark spec examples, core syntax only") {
  logbook::MarkdownOptions options;
  options.gfm = false;
  options.wikilinks = false;
  run_examples("spec.txt", options, 600);
}

TEST_CASE("GFM extension examples with the extensions Logbook enables") {
  logbook::MarkdownOptions options;  // the site's own set-up, minus our wikilinks
  options.wikilinks = false;
  run_examples("extensions.txt", options, 25);
}
