#include "table_guard.hpp"

#include <algorithm>
#include <cstdint>

#include "limits.hpp"

namespace logbook {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }

// The columns of a GFM delimiter row ("| :-- | --: |"), or 0 if `s` is not one. The
// grammar of cmark-gfm's scan_table_start:
// [|]? marker ([|] marker)* [|]? spaces, where marker = spaces :? -+ :? spaces.
std::size_t delimiter_columns(std::string_view s) {
  std::size_t i = 0, columns = 0;
  const auto skip_spaces = [&] {
    while (i < s.size() && is_space(s[i])) ++i;
  };
  if (i < s.size() && s[i] == '|') ++i;
  while (true) {
    skip_spaces();
    if (i < s.size() && s[i] == ':') ++i;
    const std::size_t dashes = i;
    while (i < s.size() && s[i] == '-') ++i;
    if (i == dashes) return 0;
    if (i < s.size() && s[i] == ':') ++i;
    skip_spaces();
    ++columns;
    if (i == s.size()) return columns;
    if (s[i] != '|') return 0;
    ++i;
    skip_spaces();
    if (i == s.size()) return columns;
  }
}

struct Candidate {
  int header_line = 0;
  std::size_t header_start = 0;  // byte offset of the header row
  std::size_t escape = 0;        // byte offset of the delimiter row's first character
  std::size_t columns = 0;
  bool too_wide = false;
};

// A run of non-blank lines: a table never spans a blank line. We do not parse which
// block each line belongs to (cmark-gfm decides that), so the run's cost is an upper
// bound: every line after a delimiter row counts as a row of the widest table begun
// above it in the run. If that bound exceeds the budget, every table of the run is
// refused; an escaped line that cmark-gfm would not have made a table looks the same.
class Run {
 public:
  void add_line(std::size_t bytes) {
    bytes_ += bytes;
    cells_ += widest_;
  }

  void add_candidate(Candidate c) {
    c.too_wide = c.columns > limits::kTableColumns;
    if (!c.too_wide) {
      widest_ = std::max(widest_, c.columns);
      cells_ += c.columns;  // the header row
    }
    candidates_.push_back(c);
  }

  // Moves the run's refused tables to `out`; `end` is the byte after the run.
  void finish(int last_line, std::size_t end, GuardedMarkdown& out, std::vector<std::size_t>& escapes) {
    const bool over_budget = cells_ > static_cast<std::uint64_t>(limits::kTableCellsPerByte) * bytes_;
    for (std::size_t k = 0; k < candidates_.size(); ++k) {
      const Candidate& c = candidates_[k];
      if (!c.too_wide && !over_budget) continue;
      const bool last = k + 1 == candidates_.size();
      const int next_header = last ? last_line + 1 : candidates_[k + 1].header_line;
      RefusedTable table;
      table.line = c.header_line;
      table.columns = c.columns;
      table.rows = static_cast<std::size_t>(std::max(0, next_header - c.header_line - 2));
      table.bytes = (last ? end : std::max(candidates_[k + 1].header_start, c.header_start)) - c.header_start;
      table.too_wide = c.too_wide;
      out.refused.push_back(table);
      escapes.push_back(c.escape);
    }
    *this = Run();
  }

 private:
  std::vector<Candidate> candidates_;
  std::size_t widest_ = 0;
  std::uint64_t cells_ = 0;
  std::uint64_t bytes_ = 0;
};

std::string with_escapes(std::string_view text, const std::vector<std::size_t>& escapes) {
  std::string out;
  out.reserve(text.size() + escapes.size());
  std::size_t copied = 0;
  for (std::size_t at : escapes) {
    out.append(text, copied, at - copied);
    out += '\\';
    copied = at;
  }
  out.append(text, copied);
  return out;
}

}  // namespace

GuardedMarkdown guard_tables(std::string_view text) {
  GuardedMarkdown out;
  std::vector<std::size_t> escapes;
  Run run;
  int line = 0;
  std::size_t start = 0, previous_start = 0, run_end = 0;
  bool previous_blank = true;
  while (start < text.size()) {
    ++line;
    // cmark-gfm ends lines at "\n", "\r\n" and "\r".
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') ++end;
    std::size_t next = end;
    if (next < text.size() && text[next] == '\r') ++next;
    if (next < text.size() && text[next] == '\n') ++next;
    // Past the indentation and block quote markers of the containers the table is in.
    std::size_t content = start;
    while (content < end && (text[content] == ' ' || text[content] == '\t' || text[content] == '>')) ++content;
    if (content == end) {
      if (!previous_blank) run.finish(line - 1, run_end, out, escapes);
      previous_blank = true;
    } else {
      const std::size_t columns = previous_blank ? 0 : delimiter_columns(text.substr(content, end - content));
      // One column pads nothing: every row has at least one cell.
      if (columns >= 2) run.add_candidate({line - 1, previous_start, content, columns});
      run.add_line(next - start);
      previous_blank = false;
      previous_start = start;
      run_end = next;
    }
    start = next;
  }
  if (!previous_blank) run.finish(line, run_end, out, escapes);
  if (!escapes.empty()) out.text = with_escapes(text, escapes);
  return out;
}

}  // namespace logbook
