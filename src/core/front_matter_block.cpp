#include "front_matter_block.hpp"

#include <algorithm>

#include "front_matter.hpp"

namespace logbook {

namespace {

bool is_fence_line(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

}  // namespace

FrontMatterBlock find_front_matter_block(std::string_view text) {
  FrontMatterBlock block;
  block.body = text;
  std::string_view rest = text;
  if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);  // byte order mark
  const auto first_end = rest.find('\n');
  if (first_end == std::string_view::npos || !is_fence_line(rest.substr(0, first_end), false)) return block;
  std::size_t pos = first_end + 1;
  int line = 2;
  while (pos <= rest.size()) {
    auto end = rest.find('\n', pos);
    if (end == std::string_view::npos) end = rest.size();
    if (is_fence_line(rest.substr(pos, end - pos), true)) {
      block.kind = FrontMatterBlock::Kind::closed;
      block.yaml = rest.substr(first_end + 1, pos - first_end - 1);
      block.body = rest.substr(std::min(end + 1, rest.size()));
      block.body_line = line + 1;
      return block;
    }
    pos = end + 1;
    ++line;
  }
  block.kind = FrontMatterBlock::Kind::unclosed;
  return block;
}

// Declared in front_matter.hpp, defined here so that a reader of bodies links no YAML.
FrontMatter split_front_matter(std::string_view text) {
  const FrontMatterBlock block = find_front_matter_block(text);
  FrontMatter fm;
  fm.body = block.body;
  fm.body_line = block.body_line;
  return fm;
}

}  // namespace logbook
