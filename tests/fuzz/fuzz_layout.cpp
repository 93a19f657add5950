// libFuzzer target: the reader's Markdown layout engine, natively with ImGui and no
// backend (the harness of tests/app), with the app's real fonts. Each input is laid out
// at a reading width and a narrow one, and its text searched as the find bar does.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "app/markdown_layout.hpp"
#include "app/imgui_harness.hpp"
#include "core/markdown.hpp"

namespace {

struct Reader {
  logbook::test::ImGuiHarness imgui;
  logbook::app::Typography type;
  Reader() {
    if (!type.load(imgui.fonts).empty()) __builtin_trap();
  }
};
std::unique_ptr<Reader> reader;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  reader = std::make_unique<Reader>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  logbook::MarkdownDocument doc(markdown);
  logbook::app::LayoutInput in;
  in.root = doc.root();
  in.type = &reader->type;
  for (const logbook::Heading& h : doc.summarize().headings) in.heading_slugs.push_back(h.slug);
  reader->imgui.new_frame();
  for (const float width : {720.0f, 120.0f}) {
    in.width = width;
    const logbook::app::DocLayout layout = logbook::app::layout_markdown(in);
    for (const logbook::app::Fragment& f : layout.fragments)
      if (f.begin > f.end || f.end > layout.text.size()) __builtin_trap();  // every fragment is a range of text
    (void)layout.fragment_at_offset(static_cast<std::uint32_t>(layout.text.size() / 2));
    (void)layout.first_chunk_below(layout.height / 2);
    (void)logbook::app::find_all(layout.text, markdown.substr(0, 3));
  }
  reader->imgui.end_frame();
  return 0;
}
