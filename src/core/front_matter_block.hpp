// Where a file's front matter is: the block between a first line `---` and the next
// `---` (or `...`), found without reading the YAML. Kept apart from front_matter.cpp,
// whose YAML parser (yaml-cpp) reports by throwing: the reader app needs only the split,
// and is built without C++ exceptions (wasm/CMakeLists.txt).
#pragma once

#include <string_view>

namespace logbook {

struct FrontMatterBlock {
  enum class Kind { none, closed, unclosed } kind = Kind::none;
  std::string_view yaml;  // between the fences (closed only)
  std::string_view body;  // the Markdown after the closing fence; all of the text otherwise
  int body_line = 1;      // line of the text where body starts (1-based)
};

// Linear in the text. A byte order mark before the first fence is skipped.
FrontMatterBlock find_front_matter_block(std::string_view text);

}  // namespace logbook
