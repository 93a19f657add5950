// What changed between two versions of a page, block by block: the reader app marks
// the blocks of the new text that were added or changed since the version the reader
// last read, and shows the removed text on demand (issue 15, ADR-0014).
//
// A block is what the reader sees as one piece: a paragraph, a heading, a code block, a
// raw HTML block, a thematic break, one row of a table (the header row too). Paragraphs
// inside list items, block quotes and footnotes are blocks of their own, so a list's one
// changed item is marked alone. Blocks are compared by their source text with the
// whitespace at the ends of its lines ignored.
//
// The diff, linear in the texts (hostile pages included; no quadratic edit distance):
//   1. each new block takes the first unused old block with the same text, in order;
//   2. the longest run of those pairs in the same order in both texts is unchanged, the
//      other pairs were moved (an O(n log n) longest increasing subsequence);
//   3. between two unchanged blocks, the unpaired old and new blocks pair up in order:
//      a pair that shares enough words is a changed block (its old text kept), the
//      others are added (new) and removed (old).
// Lines are cmark's: 1-based within the Markdown handed in (a page's body, past its
// front matter, as the app parses it), so the app finds each block in its layout.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logbook {

enum class BlockChangeKind { added, changed, moved };

struct BlockChange {
  BlockChangeKind kind = BlockChangeKind::added;
  int line = 0, end_line = 0;  // the block in the new text
  bool operator==(const BlockChange&) const = default;
};

// Old text no longer in the new one: removed blocks, and the earlier text of changed
// blocks. It stood before the new block at before_line (0: after the last block).
struct RemovedText {
  int before_line = 0;
  std::string text;  // the old block's Markdown source
  bool operator==(const RemovedText&) const = default;
};

struct BlockDiff {
  std::vector<BlockChange> changes;  // in the new text's order
  std::vector<RemovedText> removed;  // in the order they are shown
  bool empty() const { return changes.empty() && removed.empty(); }
};

// Both texts are Markdown bodies (no front matter), as parsed for the page.
BlockDiff diff_blocks(std::string_view old_markdown, std::string_view new_markdown);

// One block of a text: where it is and its source, as compared (for the tests and the diff).
struct SourceBlock {
  int line = 0, end_line = 0;
  std::string text;
};
std::vector<SourceBlock> source_blocks(std::string_view markdown);

}  // namespace logbook
