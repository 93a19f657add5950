#include "block_diff.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <table.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "markdown.hpp"

namespace logbook {

namespace {

bool is_block(cmark_node_type type) {
  return type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK ||
         type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_THEMATIC_BREAK || type == CMARK_NODE_TABLE_ROW;
}

// Start offsets of the text's lines (1-based line n starts at starts[n - 1]), ended as
// cmark ends them: "\n", "\r\n" or a lone "\r", so that its line numbers are ours.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) starts.push_back(i + 1);
  return starts;
}

// Lines first..last of the text, from column (1-based) on the first, each without the
// whitespace at its ends: indentation and trailing spaces change no block's meaning.
std::string source_of(std::string_view text, const std::vector<std::size_t>& starts, int first, int last, int column) {
  std::string out;
  const int lines = static_cast<int>(starts.size());
  for (int n = std::max(1, first); n <= std::min(last, lines); ++n) {
    std::size_t b = starts[static_cast<std::size_t>(n - 1)];
    const std::size_t e = n < lines ? starts[static_cast<std::size_t>(n)] : text.size();
    if (n == first && column > 1) b = std::min(e, b + static_cast<std::size_t>(column - 1));
    std::string_view line = text.substr(b, e - b);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

// Pairs (old, new) in new order; returns the positions of a longest run increasing in
// old, in O(n log n) (patience sorting).
std::vector<std::size_t> longest_in_order(const std::vector<std::pair<int, int>>& pairs) {
  std::vector<std::size_t> tails, before(pairs.size(), SIZE_MAX);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const auto at = std::lower_bound(tails.begin(), tails.end(), pairs[i].first,
                                     [&](std::size_t t, int old) { return pairs[t].first < old; });
    if (at != tails.begin()) before[i] = *(at - 1);
    if (at == tails.end()) tails.push_back(i);
    else *at = i;
  }
  std::vector<std::size_t> run;
  for (std::size_t i = tails.empty() ? SIZE_MAX : tails.back(); i != SIZE_MAX; i = before[i]) run.push_back(i);
  std::reverse(run.begin(), run.end());
  return run;
}

std::vector<std::size_t> word_hashes(std::string_view text) {
  std::vector<std::size_t> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    const std::size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    if (i > b) out.push_back(std::hash<std::string_view>{}(text.substr(b, i - b)));
  }
  return out;
}

// An edit, not a new block: at least half of the two blocks' words are shared. Linear
// in the two texts; each block is compared at most once.
bool similar(std::string_view a, std::string_view b) {
  const std::vector<std::size_t> wa = word_hashes(a), wb = word_hashes(b);
  if (wa.empty() || wb.empty()) return false;
  std::unordered_multiset<std::size_t> pool(wa.begin(), wa.end());
  std::size_t shared = 0;
  for (std::size_t h : wb)
    if (const auto it = pool.find(h); it != pool.end()) pool.erase(it), ++shared;
  return 4 * shared >= wa.size() + wb.size();
}

}  // namespace

std::vector<SourceBlock> source_blocks(std::string_view markdown) {
  std::vector<SourceBlock> blocks;
  std::vector<int> columns;  // each block's first column
  const MarkdownDocument doc(markdown);
  const std::vector<std::size_t> starts = line_starts(markdown);
  cmark_iter* it = cmark_iter_new(doc.root());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || !is_block(cmark_node_get_type(n))) continue;
    const int line = cmark_node_get_start_line(n), end = std::max(line, cmark_node_get_end_line(n));
    if (line < 1) continue;  // no position in the source (cmark made it): nothing to mark
    blocks.push_back({line, end, ""});
    columns.push_back(cmark_node_get_start_column(n));
    cmark_iter_reset(it, n, CMARK_EVENT_EXIT);  // a block's inlines (a row's cells) are its own
  }
  cmark_iter_free(it);
  // cmark's positions can overlap (a setext heading whose text holds an unclosed code span
  // or tag ends on a later block's line): a block ends where the next one starts, so no
  // line is shown twice and the removed text never outgrows the old text.
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i + 1 < blocks.size() && blocks[i + 1].line > blocks[i].line && blocks[i].end_line >= blocks[i + 1].line)
      blocks[i].end_line = blocks[i + 1].line - 1;
    blocks[i].text = source_of(markdown, starts, blocks[i].line, blocks[i].end_line, columns[i]);
  }
  return blocks;
}

BlockDiff diff_blocks(std::string_view old_markdown, std::string_view new_markdown) {
  const std::vector<SourceBlock> olds = source_blocks(old_markdown), news = source_blocks(new_markdown);
  // 1. Same text, first unused old block first.
  std::unordered_map<std::string_view, std::vector<int>> by_text;
  for (int i = static_cast<int>(olds.size()) - 1; i >= 0; --i) by_text[olds[static_cast<std::size_t>(i)].text].push_back(i);
  std::vector<int> old_of(news.size(), -1);
  std::vector<char> old_used(olds.size(), 0);
  std::vector<std::pair<int, int>> pairs;
  for (std::size_t j = 0; j < news.size(); ++j) {
    const auto found = by_text.find(news[j].text);
    if (found == by_text.end() || found->second.empty()) continue;
    old_of[j] = found->second.back();
    found->second.pop_back();
    old_used[static_cast<std::size_t>(old_of[j])] = 1;
    pairs.emplace_back(old_of[j], static_cast<int>(j));
  }
  // 2. The pairs in order in both texts are unchanged; the others moved.
  std::vector<char> in_place(news.size(), 0);
  for (std::size_t k : longest_in_order(pairs)) in_place[static_cast<std::size_t>(pairs[k].second)] = 1;

  BlockDiff diff;
  const auto change = [&](BlockChangeKind kind, std::size_t j) { diff.changes.push_back({kind, news[j].line, news[j].end_line}); };
  // 3. Between unchanged blocks, the unpaired blocks of both texts, pairwise in order.
  std::size_t i = 0, j = 0;
  while (i <= olds.size() || j <= news.size()) {
    const std::size_t gap_start = j;
    while (j < news.size() && !in_place[j]) ++j;
    // The unchanged block ending this gap (or the end of both texts).
    const std::size_t old_stop = j < news.size() ? static_cast<std::size_t>(old_of[j]) : olds.size();
    const int before_line = j < news.size() ? news[j].line : 0;
    std::size_t o = i;
    const auto next_removed = [&] {
      while (o < old_stop && old_used[o]) ++o;
      return o < old_stop;
    };
    for (std::size_t n = gap_start; n < j; ++n) {
      if (old_of[n] >= 0) {
        change(BlockChangeKind::moved, n);
        continue;
      }
      if (next_removed() && similar(olds[o].text, news[n].text)) {
        change(BlockChangeKind::changed, n);
        diff.removed.push_back({news[n].line, olds[o++].text});
        continue;
      }
      change(BlockChangeKind::added, n);
    }
    while (next_removed()) diff.removed.push_back({before_line, olds[o++].text});
    if (j >= news.size()) break;
    i = old_stop + 1;
    ++j;
  }
  return diff;
}

}  // namespace logbook
