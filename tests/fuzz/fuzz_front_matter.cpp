// libFuzzer target: a page's front matter (yaml-cpp behind parse_front_matter), then
// the same text split without YAML. Any input must give a body and diagnostics, never
// a crash, a hang or unbounded memory ("billion laughs" aliases included).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/front_matter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  logbook::Diagnostics diagnostics;
  const logbook::FrontMatter parsed = logbook::parse_front_matter("page.md", text, diagnostics);
  const logbook::FrontMatter split = logbook::split_front_matter(text);
  // The body is a view into the input, past the block, wherever the block ends.
  if (parsed.body.data() < text.data() || parsed.body.data() + parsed.body.size() > text.data() + text.size()) __builtin_trap();
  if (split.body.size() > text.size()) __builtin_trap();
  if (parsed.meta.date) (void)logbook::is_iso_date(*parsed.meta.date);
  return 0;
}
