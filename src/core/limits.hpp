// The limits Logbook enforces on what content and readers hand it. Content comes from
// many hands through pull requests and a query is whatever a reader pastes, so every
// input is bounded here, in one place: past a limit the input is cut or drawn flat, a
// diagnostic names the file and line (or the query is shortened), and the rest of the
// site still builds. Each limit is far above what real writing needs; SECURITY.md and
// the writing guide state them for writers.
#pragma once

#include <cstddef>

namespace logbook::limits {

// A page's source file. Larger files are left out of the site with an error; the file's
// size is checked before it is read.
inline constexpr std::size_t kPageBytes = 8u << 20;

// Front matter: its size and the nodes its YAML may expand to (aliases included, so a
// "billion laughs" document is refused instead of expanded).
inline constexpr std::size_t kFrontMatterBytes = 64u << 10;
inline constexpr std::size_t kFrontMatterNodes = 10'000;

// Block nesting (block quotes and lists inside each other). Deeper levels are kept and
// drawn flat at this depth by the app; the build warns at the first line past it.
inline constexpr int kNestingDepth = 32;

// A word: the longest run without a space that the build accepts without a warning
// (long URLs fit); the app wraps longer runs anywhere, in linear time.
inline constexpr std::size_t kWordBytes = 4096;

// A table: its columns, and its cells per byte of its source. cmark-gfm pads short rows
// with empty cells up to the header's width, so unbounded, a 5 KB table made 524k cells.
// A table written out cell by cell has at most one cell per byte ("|a|b|"); twice that
// leaves room for rows that stop early. 256 columns are more than any screen shows
// (wider data belongs in a CSV file) and bound each row's work in the app. A table past
// either limit is shown as text, with a warning at its header row.
inline constexpr std::size_t kTableColumns = 256;
inline constexpr std::size_t kTableCellsPerByte = 2;

// A search query: its length in bytes and its distinct terms. Longer queries are cut
// at a character boundary; repeated terms count once.
inline constexpr std::size_t kQueryBytes = 1024;
inline constexpr std::size_t kQueryTerms = 32;

// Tags a page may have: each makes a tag page and a feed of a few kilobytes, so a page of
// thousands of tiny tags would cost a thousand times its bytes. Past it the tags are
// ignored for tag pages and `logbook check` says so.
inline constexpr std::size_t kTagsPerPage = 20;

}  // namespace logbook::limits
