// Tables that would cost far more than their bytes. cmark-gfm pads every short row of a
// table with empty cells up to the header's column count, so a wide delimiter row and
// many one-character rows make hundreds of cells per byte of source (a 5 KB table gave
// 524k cells). Before cmark-gfm parses a page, one linear scan finds such tables and
// escapes the first character of their delimiter row, so that they stay text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace logbook {

struct RefusedTable {
  int line = 0;  // the header row's line, counted from 1 in the scanned text
  std::size_t columns = 0;
  std::size_t rows = 0;   // body rows, up to the next table or blank line
  std::size_t bytes = 0;  // of the header, delimiter and those rows
  bool too_wide = false;  // more than limits::kTableColumns; else too many cells per byte
};

struct GuardedMarkdown {
  std::string text;  // the Markdown with refused tables escaped; empty if none were
  std::vector<RefusedTable> refused;
};

// Linear in the size of the Markdown. Lines are neither added nor removed, so every
// line number stays that of the source.
GuardedMarkdown guard_tables(std::string_view markdown);

}  // namespace logbook
