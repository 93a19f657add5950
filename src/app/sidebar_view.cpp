// The sidebar: the section tree, collapsible, with the current page highlighted. On
// narrow windows the same tree opens as a drawer from the menu button.
#include <algorithm>
#include <string>

#include "core/bidi_text.hpp"
#include "app.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

constexpr float kRowH = 32;

bool contains_page(const PublishedSite& site, int section, int page) {
  if (page < 0) return false;
  for (int s = site.pages[static_cast<std::size_t>(page)].section; s >= 0; s = site.sections[static_cast<std::size_t>(s)].parent)
    if (s == section) return true;
  return false;
}

// One row: a page or a section title. Returns true when clicked.
bool row(App& app, const char* id, const std::string& label, int depth, bool current, bool bold, int chevron, bool& chevron_clicked) {
  const Theme& th = app.theme();
  const float rh = app.touch() ? 44.0f : kRowH;  // a finger needs 44 px
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x;
  ImGui::PushID(id);
  const bool clicked = ImGui::InvisibleButton("row", ImVec2(std::max(1.0f, w), rh), ImGuiButtonFlags_EnableNav);
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  const float indent = 12.0f + static_cast<float>(depth) * 14.0f;
  if (current) {
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + rh), th[Ink::accent_soft], 7);
  } else if (hovered) {
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + rh), th[Ink::code_bg], 7);
  }
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  chevron_clicked = false;
  if (chevron != 0) {
    const ImVec2 c(p.x + w - 18, p.y + rh * 0.5f);
    draw_icon(dl, chevron > 0 ? kIconChevronDown : kIconChevronRight, c, 10, th[Ink::faint]);
    chevron_clicked = clicked && ImGui::GetIO().MousePos.x > p.x + w - 36;
  }
  const float size = T.scale.ui;
  const Face face = bold || current ? Face::bold : Face::regular;
  const float room = w - indent - (chevron ? 34.0f : 10.0f);
  // A title too long for the sidebar ends in an ellipsis; the full title shows on hover.
  const std::string shown = elide_text(T.font(face), size, label, room);
  if (shown.size() != label.size() && resting_on(hovered)) whole_text_tooltip(label);
  dl->AddText(T.font(face), size, ImVec2(p.x + indent, p.y + (rh - size) * 0.5f - 1),
              th[current ? Ink::accent : bold ? Ink::heading : Ink::muted], visual_line(shown).c_str());
  return clicked && !long_pressed();  // a long press showed the whole title
}

void section_tree(App& app, int s, int depth) {
  const PublishedSite& site = app.site();
  SidebarState& st = app.sidebar();
  const int current = app.page().index;
  const Section& sec = site.sections[static_cast<std::size_t>(s)];
  ImGui::PushID(s);
  bool ready = true;  // the section's pages are read (their parts arrive after the first page's)
  for (int p : sec.pages) ready = app.need_page(p) && ready;
  bool unused = false;
  if (!ready) row(app, "loading", "Loading…", depth, false, false, 0, unused);
  for (int p : ready ? sec.pages : std::vector<int>{}) {
    bool chev = false;
    ImGui::PushID(p);
    if (row(app, "page", site.nav_title(p), depth, p == current, false, 0, chev)) app.open(site.pages[static_cast<std::size_t>(p)].url);
    ImGui::PopID();
  }
  for (int c : sec.children) {
    const Section& child = site.sections[static_cast<std::size_t>(c)];
    char& state = st.collapsed[static_cast<std::size_t>(c)];
    // Open or closed is decided once the first page is known (it may be on its way).
    if (state == 0 && (current >= 0 || app.page().status != CurrentPage::Status::loading))
      state = (site.pages.size() > 80 && !contains_page(site, c, current)) ? 2 : 1;
    bool chev = false;
    ImGui::PushID(c);
    const bool open = state == 1;
    const bool clicked = row(app, "section", child.title, depth, child.index_page == current && current >= 0, true, open ? 1 : -1, chev);
    ImGui::PopID();
    if (clicked) {
      if (chev || child.index_page < 0) state = open ? 2 : 1;  // 0 (undecided) is drawn closed
      else {
        state = 1;
        app.open(child.url);
      }
    }
    if (state == 1) section_tree(app, c, depth + 1);
  }
  ImGui::PopID();
}

void tree(App& app) {
  const PublishedSite& site = app.site();
  if (site.sections.empty()) return;
  SidebarState& st = app.sidebar();
  if (st.collapsed.size() != site.sections.size()) st.collapsed.assign(site.sections.size(), 0);
  const int home = site.sections[0].index_page;
  bool chev = false;
  if (home >= 0 && row(app, "home", site.pages[static_cast<std::size_t>(home)].title, 0, home == app.page().index, false, 0, chev)) app.open("/");
  section_tree(app, 0, 0);
}

}  // namespace

void draw_sidebar(App& app, const Area& area) {
  const Theme& th = app.theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(area.min(), area.max(), th[Ink::panel_bg]);
  dl->AddLine(ImVec2(area.x + area.w - 0.5f, area.y), ImVec2(area.x + area.w - 0.5f, area.y + area.h), th[Ink::panel_border]);
  ImGui::SetCursorScreenPos(ImVec2(area.x + 14, area.y + 18));
  ScopedStyle style;
  style.var(ImGuiStyleVar_ItemSpacing, ImVec2(0, 2));
  ImGui::BeginChild("sidebar", ImVec2(area.w - 24, area.h - 24), ImGuiChildFlags_NavFlattened);
  tree(app);
  ImGui::Dummy(ImVec2(1, 24));
  ImGui::EndChild();
}

void draw_sidebar_drawer(App& app, const Area& screen) {
  const Theme& th = app.theme();
  const float top = app.phone() ? 52.0f : 60.0f;
  const float w = std::min(320.0f, screen.w * 0.86f);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(screen.w, screen.h));
  ImGui::Begin("##drawer-dim", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), ImVec2(screen.w, screen.h), ImGui::GetColorU32(ImGuiCol_ModalWindowDimBg));
  if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::GetIO().MousePos.x > w &&
      ImGui::GetIO().MousePos.y > top)
    app.sidebar().drawer_open = false;
  ImGui::End();
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(w, screen.h - top));
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##drawer", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), ImVec2(w, screen.h), th[Ink::panel_bg]);
  // The offline copy's state and offer at the drawer's foot: on a phone the top bar has
  // no room for it, and there is no O key to press.
  const bool offline = !offline_label(app.platform().offline_copy()).empty();
  const float foot = offline ? 52.0f : 0.0f;
  ImGui::SetCursorScreenPos(ImVec2(12, top + 12));
  ImGui::BeginChild("drawer-tree", ImVec2(w - 24, screen.h - top - 16 - foot), ImGuiChildFlags_NavFlattened);
  tree(app);
  ImGui::Dummy(ImVec2(1, 24));
  ImGui::EndChild();
  if (offline) {
    ImGui::GetWindowDrawList()->AddLine(ImVec2(0, screen.h - foot), ImVec2(w, screen.h - foot), th[Ink::rule]);
    draw_offline_status(app, w - 12, screen.h - foot + 8, 36);
  }
  ImGui::End();
}

}  // namespace logbook::app
