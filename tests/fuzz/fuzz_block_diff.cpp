// libFuzzer target: the block diff (core/block_diff.hpp) of an input's two halves (cut at
// the first NUL, or in the middle). Any pair must give changes whose lines lie within the
// new text, never a crash, a hang or memory beyond a multiple of the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/block_diff.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = std::min(text.find('\0'), text.size() / 2);
  const std::string_view before = text.substr(0, cut), after = text.substr(cut);
  const logbook::BlockDiff diff = logbook::diff_blocks(before, after);
  long lines = 1;  // as cmark counts them: a lone '\r' ends a line too
  for (std::size_t i = 0; i < after.size(); ++i)
    lines += after[i] == '\n' || (after[i] == '\r' && (i + 1 == after.size() || after[i + 1] != '\n'));
  for (const logbook::BlockChange& c : diff.changes)
    if (c.line < 1 || c.end_line < c.line || c.end_line > lines) __builtin_trap();
  std::size_t removed = 0;
  for (const logbook::RemovedText& r : diff.removed) removed += r.text.size();
  if (removed > before.size()) __builtin_trap();
  return 0;
}
