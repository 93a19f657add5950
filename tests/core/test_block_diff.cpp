// Spec: what changed between the version of a page a reader last read and the current
// one, block by block (core/block_diff.hpp): the app marks the new text's added and
// changed blocks and shows the removed text on demand.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/block_diff.hpp"

using namespace logbook;

namespace {

using Kind = BlockChangeKind;

const char* kPage =
    "# Title\n"
    "\n"
    "First paragraph about the build.\n"
    "\n"
    "Second paragraph about the search worker and its pieces.\n"
    "\n"
    "Third paragraph about the offline copy.\n";

}  // namespace

TEST_CASE("the same text has no changes; whitespace at the ends of lines is not a change") {
  CHECK(diff_blocks(kPage, kPage).empty());
  CHECK(diff_blocks("A paragraph.\n", "  A paragraph.   \n").empty());
  CHECK(diff_blocks("", "").empty());
}

TEST_CASE("blocks are paragraphs, headings, code blocks, list items' paragraphs and table rows, with their lines") {
  const std::vector<SourceBlock> blocks = source_blocks(
      "# Head\n\n- one\n- two\n\n```\ncode\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted\n");
  REQUIRE(blocks.size() == 7);
  CHECK(blocks[0].text == "# Head");
  CHECK(blocks[1].text == "one");  // from the paragraph's column: the list marker is not its text
  CHECK(blocks[2].line == 4);
  CHECK(blocks[3].text == "```\ncode\n```");
  CHECK(blocks[3].line == 6);
  CHECK(blocks[3].end_line == 8);
  CHECK(blocks[4].text == "| a | b |");  // the header row
  CHECK(blocks[5].text == "| 1 | 2 |");
  CHECK(blocks[5].line == 12);
  CHECK(blocks[6].line == 14);
}

TEST_CASE("one changed paragraph is marked changed, and its earlier text is the removed text before it") {
  std::string changed = kPage;
  changed.replace(changed.find("search worker"), 13, "query worker");
  const BlockDiff d = diff_blocks(kPage, changed);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::changed, 5, 5});
  REQUIRE(d.removed.size() == 1);
  CHECK(d.removed[0] == RemovedText{5, "Second paragraph about the search worker and its pieces."});
}

TEST_CASE("an added paragraph is added; a removed one is removed text before the block that follows it") {
  const std::string added = std::string(kPage) + "\nA wholly new closing remark.\n";
  BlockDiff d = diff_blocks(kPage, added);
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::added, 9, 9});
  CHECK(d.removed.empty());

  std::string removed = kPage;
  removed.erase(removed.find("Second"), std::string("Second paragraph about the search worker and its pieces.\n\n").size());
  d = diff_blocks(kPage, removed);
  CHECK(d.changes.empty());
  REQUIRE(d.removed.size() == 1);
  CHECK(d.removed[0].before_line == 5);  // before the third paragraph, now on line 5
  CHECK(d.removed[0].text.starts_with("Second paragraph"));

  d = diff_blocks(kPage, "# Title\n\nFirst paragraph about the build.\n");
  REQUIRE(d.removed.size() == 2);
  CHECK(d.removed[1].before_line == 0);  // at the end
}

TEST_CASE("a text unlike the one it replaces is added, and the old one removed, not 'changed'") {
  const BlockDiff d = diff_blocks("Alpha beta gamma.\n", "Completely different words here.\n");
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0].kind == Kind::added);
  REQUIRE(d.removed.size() == 1);
  CHECK(d.removed[0] == RemovedText{0, "Alpha beta gamma."});
}

TEST_CASE("a moved paragraph is moved, not added and removed; the rest stays unmarked") {
  const BlockDiff d = diff_blocks(kPage,
                                  "# Title\n\nThird paragraph about the offline copy.\n\nFirst paragraph about the build.\n\n"
                                  "Second paragraph about the search worker and its pieces.\n");
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::moved, 3, 3});
  CHECK(d.removed.empty());
}

TEST_CASE("lists: one changed item is marked alone; an item added in the middle is added") {
  const char* before = "- apples and pears\n- bread and butter\n- cheese and wine\n";
  BlockDiff d = diff_blocks(before, "- apples and pears\n- bread and jam\n- cheese and wine\n");
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::changed, 2, 2});
  CHECK(d.removed[0].text == "bread and butter");
  d = diff_blocks(before, "- apples and pears\n- bread and butter\n- olives\n- cheese and wine\n");
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::added, 3, 3});
  CHECK(d.removed.empty());
}

TEST_CASE("tables: a changed row is marked, the other rows are not; a removed row is removed text") {
  const char* before = "| name | size |\n|---|---|\n| alpha | 1 |\n| beta | 2 |\n| gamma | 3 |\n";
  BlockDiff d = diff_blocks(before, "| name | size |\n|---|---|\n| alpha | 1 |\n| beta | 20 |\n| gamma | 3 |\n");
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::changed, 4, 4});
  d = diff_blocks(before, "| name | size |\n|---|---|\n| alpha | 1 |\n| gamma | 3 |\n");
  CHECK(d.changes.empty());
  REQUIRE(d.removed.size() == 1);
  CHECK(d.removed[0] == RemovedText{4, "| beta | 2 |"});
}

TEST_CASE("code blocks and headings compare as whole blocks") {
  const BlockDiff d = diff_blocks("## Setup\n\n```sh\nmake\n```\n", "## Set-up\n\n```sh\nmake -j2\n```\n");
  REQUIRE(d.changes.size() == 2);
  CHECK(d.changes[0] == BlockChange{Kind::changed, 1, 1});  // a heading edited: half its words kept
  CHECK(d.changes[1] == BlockChange{Kind::changed, 3, 5});
}

TEST_CASE("repeated blocks pair in order: a copy added among identical blocks is one addition") {
  const BlockDiff d = diff_blocks("Same.\n\nSame.\n", "Same.\n\nSame.\n\nSame.\n");
  REQUIRE(d.changes.size() == 1);
  CHECK(d.changes[0] == BlockChange{Kind::added, 5, 5});
}

TEST_CASE("hostile input: two 1 MB texts with nothing in common diff in linear time") {
  std::string a, b;
  for (int i = 0; a.size() < (1u << 20); ++i) a += "old " + std::to_string(i) + "\n\n";
  for (int i = 0; b.size() < (1u << 20); ++i) b += "new " + std::to_string(i) + "\n\n";
  const auto start = std::chrono::steady_clock::now();
  const BlockDiff d = diff_blocks(a, b);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(d.changes.size() > 70000);  // every new block, each compared with one old block at most
  CHECK(d.changes.size() + d.removed.size() > 140000);
  CHECK(seconds < 5);  // a quadratic diff of 80k blocks takes hours
  // One long paragraph against another: one comparison, linear in the words.
  std::string long_a(1u << 20, 'x'), long_b;
  for (int i = 0; long_b.size() < (1u << 20); ++i) long_b += "w" + std::to_string(i) + " ";
  long_a[500] = ' ';
  CHECK(diff_blocks(long_a, long_b).changes.size() == 1);
}

TEST_CASE("regression (fuzz): blocks whose positions overlap in cmark show each line once") {
  // A setext heading holding an unclosed code span or tag ends, by cmark's positions, on the
  // next block's line: the removed text repeated "`" and "of d" and outgrew the old text.
  const std::string before = "`Foo\n----\n`\n\n<a title=\"a lot\n---\nof d";
  const BlockDiff diff = diff_blocks(before, "");
  std::size_t removed = 0;
  for (const RemovedText& r : diff.removed) removed += r.text.size();
  CHECK(removed <= before.size());
  REQUIRE(diff.removed.size() == 4);
  CHECK(diff.removed[0].text == "`Foo\n----");
  CHECK(diff.removed[3].text == "of d");
}

TEST_CASE("regression (fuzz): a lone carriage return ends a line, as cmark counts lines") {
  const BlockDiff diff = diff_blocks("a\r\rb\r", "a\r\rc\r");
  REQUIRE(diff.changes.size() == 1);
  CHECK(diff.changes[0].line == 3);
  CHECK(diff.changes[0].end_line == 3);
  const BlockDiff gone = diff_blocks("a\r\rb\r", "a\r");
  REQUIRE(gone.removed.size() == 1);
  CHECK(gone.removed[0].text == "b");  // the text of cmark's line 3, not of the file's first "\n" line
}
