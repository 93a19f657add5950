// What changed in a page since the reader last read it (issue 15, ADR-0014): the
// changed and added blocks get a bar in the margin, a notice under the title says when
// and by whom ("Changed 2 days ago by ana: Fix the setup steps"), the removed text shows
// on demand between the blocks, and "Mark as read" makes the current version the one
// read. The previous version is the reader's own copy (Platform::read_copy), never the
// site's: without one the notice says so and links to the page's history.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/block_diff.hpp"
#include "platform.hpp"
#include "views.hpp"

namespace logbook::app {

struct DocLayout;
class Typography;

struct PageChangesState {
  enum class Copy { none, asked, missing, found };
  Copy copy = Copy::none;  // the reader's copy of the version they last read
  int generation = -1;     // the page shown (CurrentPage::generation) these changes are of
  BlockDiff diff;
  std::vector<std::uint8_t> kind_by_line;  // by source line of the page's body: 0, or BlockChangeKind + 1
  AccessibleList accessible;               // the changes, as a screen reader reads them
  bool show_removed = false;
};

// "today", "yesterday", "3 days ago"; "on 2026-11-20" when it is not a date before today.
std::string days_ago(const std::string& date, const std::string& today);
// The removed text as shown: cut after a whole character past kShownRemovedBytes.
std::string shown_removed_text(const std::string& text);
constexpr std::size_t kShownRemovedBytes = 4000;

// The page just shown changed since it was read: asks for the read copy, then compares.
void begin_page_changes(App& app);
// Its Markdown (the page's bytes) becomes the reader's copy of the page at url.
void keep_as_read(App& app);
// The reader marks the page read: its marks go, its current version becomes the one read.
void mark_page_read(App& app);
// After each layout: opens the space where the removed text is shown, when it is.
void place_removed_text(const PageChangesState& st, DocLayout& layout, const Typography& type, float width);
// Under the history line: what changed, by whom, and the page's two actions; its height.
float draw_changes_notice(App& app, ImVec2 pos, float width);
// The bars in the margin and the removed text, over the page's visible part.
void paint_page_changes(App& app, ImVec2 origin, const Area& area);

}  // namespace logbook::app
