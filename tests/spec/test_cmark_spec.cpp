// Spec: cmark-gfm's own examples (test/spec.txt, test/extensions.txt) through our
// Markdown layer. Our compile flags and extension set-up must reproduce the expected
// HTML exactly, as upstream's spec_tests.py --no-normalize does.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/markdown.hpp"
#include "spec_examples.hpp"

namespace {

using logbook::spec::Example;

void run_examples(const std::string& file, const logbook::MarkdownOptions& options, std::size_t minimum) {
  const std::string path = std::string(LOGBOOK_CMARK_DIR) + "/test/" + file;
  const auto examples = logbook::spec::read_examples(path);
  REQUIRE_MESSAGE(!examples.empty(), "cannot read " << path << " (fetched by scripts/fetch-deps.sh)");
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
