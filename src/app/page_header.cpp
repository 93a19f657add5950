// What the document view draws below a page's title, before the rest of its Markdown:
// the "changed since you last read it" notice, the page's history line (last change,
// authors, Edit this page, History), then the view that belongs to the page: the home
// page's lists, the decision log's table on the decisions section's page, or a decision
// record's header.
#include <algorithm>

#include "app.hpp"
#include "decision_views.hpp"

namespace logbook::app {

namespace {

constexpr float kMetaH = 30;

// Reads what the reader has seen (once), and decides for a newly shown page whether it
// changed since they last read it; then it counts as read.
void update_notes(App& app) {
  ReaderNotesState& n = app.notes();
  const PublishedSite& site = app.site();
  Platform& platform = app.platform();
  const std::string key = seen_storage_key(site);
  if (!n.loaded) {
    const std::string stored = platform.storage_get(key);
    n.seen = load_seen_pages(stored, site);
    n.loaded = true;
    n.changed = changed_pages(site, n.seen);
  }
  const CurrentPage& page = app.page();
  // By page and generation: the page the edge hands in at start and the next page
  // loaded can share a generation number.
  if (n.checked_generation == page.generation && n.checked_page == page.index) return;
  n.checked_generation = page.generation;
  n.checked_page = page.index;
  n.today = platform.today();
  // A changed page stays changed until the reader marks it read (page_changes.hpp); any
  // other page counts as read now, and its Markdown becomes the reader's copy of it.
  // Under `logbook serve` every change is the writer's own: no page is "changed since you
  // last read it" to them. (Without accounts a published site cannot tell its reader from
  // a commit's author, so there every change is news.)
  const PublishedPage* shown = page.index >= 0 ? &site.pages[static_cast<std::size_t>(page.index)] : nullptr;
  n.page_changed = shown && !site.preview && changed_since_read(n.seen, *shown);
  if (shown && !n.page_changed) {
    mark_read(n.seen, *shown);
    keep_as_read(app);
  }
  if (n.page_changed) begin_page_changes(app);
  n.changed = changed_pages(site, n.seen);
  if (site.preview) n.changed.clear();
  n.proposals = proposals_awaiting_input(site);
  n.accepted = recently_accepted(site, 5);
  n.past_review = pages_past_review(site, n.today);
  load_person(app);
  gather_queue(n.yours, site, n.seen, n.today);
  if (n.seen.dirty) {
    platform.storage_set(key, save_seen_pages(n.seen));
    n.seen.dirty = false;
  }
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// "Last changed 2026-11-20 by Ana and Bo · Edit this page · History"
float history_line(App& app, int index, ImVec2 pos, float width) {
  const PublishedSite& site = app.site();
  const PublishedPage& entry = site.pages[static_cast<std::size_t>(index)];
  const bool repo = !site.repository.url.empty();
  if (entry.updated.empty() && !repo) return 0;
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* font = T.font(Face::regular);
  const float size = T.scale.small;
  float x = pos.x;
  std::string changed;
  if (!entry.updated.empty()) {
    changed = "Last changed " + entry.updated;
    if (!entry.authors.empty()) {
      std::vector<std::string> names(entry.authors.begin(), entry.authors.begin() + std::min<std::size_t>(3, entry.authors.size()));
      changed += " by " + join(names, ", ");
      if (entry.authors.size() > 3) changed += " and " + std::to_string(entry.authors.size() - 3) + " more";
    }
  }
  const float link_w = repo ? font->CalcTextSizeA(size, FLT_MAX, 0, "Edit this page").x + font->CalcTextSizeA(size, FLT_MAX, 0, "History").x + 44 : 0;
  if (!changed.empty()) {
    const float max_w = std::max(40.0f, width - link_w - 16);
    const ImVec4 clip(pos.x, pos.y - 2, pos.x + max_w, pos.y + size * 1.5f);
    dl->AddText(font, size, ImVec2(x, pos.y), th[Ink::muted], changed.c_str(), nullptr, 0, &clip);
  }
  if (repo) {
    x = pos.x + width - link_w + 22;
    const std::string edit = site.edit_url(index), history = site.history_url(index);
    const auto link = [&](const char* id, const char* label, const std::string& url) {
      const float w = font->CalcTextSizeA(size, FLT_MAX, 0, label).x;
      if (text_link(id, font, size, ImVec2(x, pos.y), label, th[Ink::link], th[Ink::link_hover])) app.platform().open_in_new_tab(url);
      app.add_view_link({label, url, x, pos.y, w, size * 1.3f});
      x += w;
    };
    link("edit-page", "Edit this page", edit);
    dl->AddText(font, size, ImVec2(x + 8, pos.y), th[Ink::faint], "·");
    x += 22;
    link("page-history", "History", history);
  }
  return kMetaH;
}

}  // namespace

int decision_log_page(const PublishedSite& site) {
  for (const PublishedDecision& d : site.decisions) {
    if (d.page < 0) continue;
    const int section = site.pages[static_cast<std::size_t>(d.page)].section;
    return site.sections[static_cast<std::size_t>(section)].index_page;
  }
  return -1;
}

float draw_page_header(App& app, ImVec2 pos, float width) {
  const CurrentPage& page = app.page();
  if (page.index < 0) return 0;
  const PublishedSite& site = app.site();
  update_notes(app);
  const PublishedPage& entry = site.pages[static_cast<std::size_t>(page.index)];
  float y = pos.y;
  y += draw_changes_notice(app, ImVec2(pos.x, y), width);
  y += history_line(app, page.index, ImVec2(pos.x, y), width);
  if (entry.url == "/") y += draw_home_lists(app, ImVec2(pos.x, y), width);
  else if (page.index == decision_log_page(site)) y += draw_decision_log_view(app, ImVec2(pos.x, y), width);
  else if (entry.decision >= 0)
    y += draw_decision_header(app, site.decisions[static_cast<std::size_t>(entry.decision)], ImVec2(pos.x, y), width);
  return y - pos.y;
}

}  // namespace logbook::app
