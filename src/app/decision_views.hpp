// The views of the decision log and of what changed, drawn above a page's Markdown by
// the document view: the log's table (on the decisions section's page), a record's
// header, the home page's lists, and on every page its history line and the "changed
// since you last read it" notice. Each draws at its top and returns the height it took;
// the document places the Markdown below.
#pragma once

#include <string>
#include <vector>

#include "decision_log.hpp"
#include "seen_pages.hpp"
#include "views.hpp"
#include "your_queue.hpp"

namespace logbook::app {

struct DecisionLogViewState {
  DecisionFilter filter;
  char text[96] = {};
  char after[11] = {}, before[11] = {};  // YYYY-MM-DD: the fields take digits and '-' only
  DecisionColumn column = DecisionColumn::id;
  bool ascending = false;  // the newest records first
  std::vector<int> rows;
  bool rows_stale = true;
  std::vector<std::string> statuses, tags, deciders;  // the filters' choices, gathered once
  bool choices_loaded = false;
  std::string url_query;  // the filters as the address bar shows them (to_query)
};

// The filters and sort of a decision log address ("?status=proposed&sort=title"), as the
// table shows them; returns the address's query in its canonical form ("" for none).
std::string apply_decision_log_query(DecisionLogViewState& st, std::string_view query);

struct ReaderNotesState {
  bool loaded = false;        // seen pages read from storage
  SeenPages seen;
  std::vector<int> changed;   // pages new or changed since read, for the home page
  int checked_generation = -1;  // the page (generation, index) whose "changed" notice was decided
  int checked_page = -1;
  bool page_changed = false;    // the current page changed since the reader last read it
  std::string today;            // the reader's date, read once per page
  // The home page's lists, gathered once per page shown (a large site has thousands of
  // pages to look through, and the view is drawn every frame).
  std::vector<int> proposals, accepted, past_review;
  YourQueueState yours;  // who the reader is, their queue, the overdue proposals
};

float draw_page_header(App& app, ImVec2 pos, float width);

// Parts (decision_log_view.cpp, decision_header.cpp, home_view.cpp).
float draw_decision_log_view(App& app, ImVec2 pos, float width);
float draw_decision_header(App& app, const PublishedDecision& d, ImVec2 pos, float width);
float draw_home_lists(App& app, ImVec2 pos, float width);
// A status as a coloured pill; returns its width.
float status_badge(App& app, ImVec2 pos, const std::string& status);
// "Overdue" as a pill, for a proposal past its comment deadline; returns its width.
float overdue_badge(App& app, ImVec2 pos);
// A combo of values with `any` first (choosing it empties `value`); true when the choice
// changed (decision_log_view.cpp: the log's filters, the home page's "Who are you?").
bool value_combo(App& app, const char* id, const char* any, std::string& value, const std::vector<std::string>& values, float width, ImU32 ink);
// A press that moved the pointer (a finger scrolling the page) is not a click.
inline bool pointer_dragged() {
  const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0);
  return d.x * d.x + d.y * d.y > 36;
}
// The decisions section's index page, or -1.
int decision_log_page(const PublishedSite& site);

}  // namespace logbook::app
