#include "accessibility.hpp"

#include <imgui.h>

#include "app.hpp"

namespace logbook::app {

std::string results_announcement(std::size_t count, const std::string& query) {
  const std::string q = "\u201c" + query + "\u201d";
  if (count == 0) return "No results for " + q;
  return std::to_string(count) + (count == 1 ? " result for " : " results for ") + q;
}

namespace {

AccessibleControls controls(App& app) {
  const SearchPaletteState& p = app.palette();
  AccessibleControls c;
  c.palette_open = p.open;
  // The hidden input is named after the field it types into, and hidden when none is in use.
  if (p.open) c.field = "Search the docs";
  else if (app.find().open) c.field = "Find in page";
  else if (ImGui::GetIO().WantTextInput) c.field = "Filter the decision log";
  if (!p.open) return c;
  for (const SearchHitView& hit : p.answer.hits) c.results.push_back(hit.title + ", " + (hit.section.empty() ? hit.url : hit.section));
  c.selected = c.results.empty() ? -1 : p.selected;
  return c;
}

}  // namespace

void sync_accessibility(App& app) {
  AccessibilityState& st = app.accessibility();
  Platform& platform = app.platform();
  AccessibleControls c = controls(app);
  if (!(c == st.sent)) {
    platform.set_accessible_controls(c);
    st.sent = std::move(c);
  }
  if (!(st.lists == st.sent_lists)) {
    platform.set_accessible_lists(st.lists);
    st.sent_lists = st.lists;
  }
  const SearchPaletteState& p = app.palette();
  if (p.open && p.answer.id != 0 && p.answer.id != st.announced_answer && p.answer.error.empty()) {
    st.announced_answer = p.answer.id;
    platform.announce(results_announcement(p.answer.hits.size(), p.answer_query));
  }
  // The first page was loaded with its HTML, which the reader's screen reader has read;
  // a page opened in the app is announced.
  const CurrentPage& page = app.page();
  if (page.status != CurrentPage::Status::ready || (page.index < 0 && page.title.empty()) || page.generation == st.announced_page) return;
  if (st.announced_page >= 0) platform.announce(page.index >= 0 ? app.site().pages[static_cast<std::size_t>(page.index)].title : page.title);
  st.announced_page = page.generation;
}

}  // namespace logbook::app
