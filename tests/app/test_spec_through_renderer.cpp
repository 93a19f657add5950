// Spec: every example of cmark-gfm's spec (spec.txt and extensions.txt) goes through
// the reader: laid out and drawn by the real App in ImGui frames without crashing, and
// the text it emits is cmark's own plain-text rendering of the example (list markers,
// footnote labels and whitespace aside).
#include <doctest/doctest.h>

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <regex>

#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "core/front_matter.hpp"
#include "fake_platform.hpp"
#include "imgui_harness.hpp"
#include "spec/spec_examples.hpp"

using namespace logbook;

namespace {

std::string collapse(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// What neither side must be judged on: list markers and task boxes at the start of a
// line, footnote labels (cmark prints [^x], the reader a superscript number), and a
// table's pipes and delimiter row (cmark's plain text keeps the table as Markdown).
std::string normalise(std::string text, bool tables) {
  static const std::regex marker(R"((^|\n)[ \t]*((?:[-*+]|\d{1,9}[.)])[ \t]+)*(\[[ xX]\][ \t]+)?)");
  static const std::regex footnote_label(R"(\[\^[^\]\n]*\](: )?)");
  static const std::regex delimiter_row(R"((^|\n)\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*(?=\n|$))");
  text = std::regex_replace(text, footnote_label, " ");
  std::erase(text, '~');  // cmark's plain text keeps strikethrough's tildes; the reader strikes the text
  if (tables) {  // cells are told apart by position, not by pipes: drop them all, escaped or not
    text = std::regex_replace(text, delimiter_row, "$1");
    for (std::size_t p; (p = text.find("\\|")) != std::string::npos;) text.replace(p, 2, " ");
    std::replace(text.begin(), text.end(), '|', ' ');
  }
  text = std::regex_replace(text, marker, "$1");
  return collapse(text);
}

// A page file may start with front matter, so the reader reads the Markdown after it.
std::string cmark_plain(const std::string& file) {
  MarkdownDocument doc(split_front_matter(file).body);
  // Soft breaks as spaces: a line then starts only where a block does.
  char* out = cmark_render_plaintext(doc.root(), CMARK_OPT_DEFAULT | CMARK_OPT_NOBREAKS, 0);
  std::string s = out;
  std::free(out);
  return s;
}

bool has_table(const std::string& file) {
  MarkdownDocument doc(split_front_matter(file).body);
  bool found = false;
  cmark_iter* it = cmark_iter_new(doc.root());
  while (cmark_iter_next(it) != CMARK_EVENT_DONE)
    found = found || std::string(cmark_node_get_type_string(cmark_iter_get_node(it))) == "table";
  cmark_iter_free(it);
  return found;
}

// The reader's text without the footnote numbers and back links it adds.
std::string emitted_text(const app::DocLayout& L) {
  std::string out;
  std::size_t at = 0;
  for (const app::Fragment& f : L.fragments) {
    const bool footnote = f.link >= 0 && (L.links[static_cast<std::size_t>(f.link)].footnote_ref || L.links[static_cast<std::size_t>(f.link)].footnote_back);
    if (f.begin > at) out += L.text.substr(at, f.begin - at);
    out += footnote ? std::string(" ") : L.text.substr(f.begin, f.end - f.begin);
    at = f.end;
  }
  out += L.text.substr(std::min(at, L.text.size()));
  return out;
}

}  // namespace

TEST_CASE("every spec example is drawn, and its text is cmark's plain text") {
  std::vector<spec::Example> examples;
  for (const char* file : {"spec.txt", "extensions.txt"}) {
    auto more = spec::read_examples(std::string(LOGBOOK_CMARK_DIR) + "/test/" + file);
    REQUIRE_MESSAGE(!more.empty(), "cannot read " << file << " (fetched by scripts/fetch-deps.sh)");
    examples.insert(examples.end(), more.begin(), more.end());
  }
  test::ImGuiHarness imgui(1100, 700);
  test::FakePlatform platform;
  nlohmann::json manifest = {{"format", "logbook-manifest"}, {"version", 2}, {"title", "Spec"}, {"base", ""}};
  manifest["pages"] = nlohmann::json::array();
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const std::string url = "/e" + std::to_string(i) + "/";
    manifest["pages"].push_back({{"path", "e" + std::to_string(i) + ".md"}, {"url", url}, {"title", "Example"}, {"section", 0}});
    platform.files[url + "index.md"] = examples[i].markdown;
  }
  manifest["sections"] = {{{"path", ""}, {"url", "/"}, {"title", "Spec"}, {"parent", -1}, {"index", -1}, {"pages", nlohmann::json::array()}, {"children", nlohmann::json::array()}}};
  app::App app(platform);
  app::AppInit init;
  init.fonts = imgui.fonts;
  init.manifest_json = manifest.dump();
  init.route = "/e0/";
  imgui.new_frame();
  CHECK(app.init(init) == "");
  imgui.end_frame();

  int drawn = 0, same = 0, differ = 0;
  std::string first_differences;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const spec::Example& ex = examples[i];
    if (ex.disabled) continue;
    app.open("/e" + std::to_string(i) + "/");
    platform.deliver();
    for (int frame = 0; frame < 2; ++frame) {
      imgui.new_frame();
      app.frame(1100, 700);
      drawn += imgui.end_frame() > 0;
    }
    REQUIRE(app.state().ready);
    const bool tables = has_table(ex.markdown);
    const std::string want = normalise(cmark_plain(ex.markdown), tables);
    const std::string got = normalise(emitted_text(app.page().layout), tables);
    if (want == got) {
      ++same;
    } else {
      ++differ;
      if (differ <= 5) first_differences += "example " + std::to_string(ex.number) + " (line " + std::to_string(ex.line) + "):\n  cmark:  " + want + "\n  reader: " + got + "\n";
    }
  }
  MESSAGE(same << " examples match cmark's plain text; " << differ << " differ");
  CHECK_MESSAGE(differ == 0, first_differences);
  CHECK(drawn > 0);
}
