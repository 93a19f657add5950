// Around the page: breadcrumbs above; below, the pages that link here ("Linked from"),
// previous/next within its section, its tags and its date.
#include <algorithm>

#include "app.hpp"
#include "core/tags.hpp"
#include "document_paint.hpp"
#include "tag_view.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

constexpr float kBacklinkRow = 30;
constexpr float kCardH = 72;

}  // namespace

void draw_breadcrumbs(App& app, ImVec2 pos, float width) {
  const PublishedSite& site = app.site();
  const CurrentPage& page = app.page();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  if (page.index < 0 && page.title.empty()) return;  // "Page not found"; a tag view has a title
  ImFont* font = T.font(Face::regular);
  const float size = T.scale.small;
  ImVec2 p = pos;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (text_link("crumb-home", font, size, p, site.title.empty() ? "Home" : site.title.c_str(), th[Ink::muted], th[Ink::link])) app.open("/");
  p.x += font->CalcTextSizeA(size, FLT_MAX, 0, site.title.empty() ? "Home" : site.title.c_str()).x;
  if (page.index < 0 && page.url != kTagIndexUrl) {  // a tag's view: Home › Tags
    draw_icon(dl, kIconChevronRight, ImVec2(p.x + 11, p.y + size * 0.55f), 10, th[Ink::faint]);
    p.x += 22;
    if (text_link("crumb-tags", font, size, p, "Tags", th[Ink::muted], th[Ink::link])) app.open(std::string(kTagIndexUrl));
    p.x += font->CalcTextSizeA(size, FLT_MAX, 0, "Tags").x;
  }
  for (int s : site.trail(page.index)) {
    const Section& sec = site.sections[static_cast<std::size_t>(s)];
    draw_icon(dl, kIconChevronRight, ImVec2(p.x + 11, p.y + size * 0.55f), 10, th[Ink::faint]);
    p.x += 22;
    ImGui::PushID(s);
    if (text_link("crumb", font, size, p, sec.title.c_str(), th[Ink::muted], th[Ink::link])) app.open(sec.url);
    ImGui::PopID();
    p.x += font->CalcTextSizeA(size, FLT_MAX, 0, sec.title.c_str()).x;
    if (p.x > pos.x + width - 40) break;
  }
  // At the right end of the line: this page's links as a graph, and Copy as Markdown.
  const char* label = app.phone() ? "Copy Markdown" : "Copy as Markdown";
  const float lw = font->CalcTextSizeA(size, FLT_MAX, 0, label).x, gw = font->CalcTextSizeA(size, FLT_MAX, 0, "Graph").x;
  if (p.x + lw + gw + 100 < pos.x + width) {
    const ImVec2 g(pos.x + width - lw - 36 - gw, pos.y);
    draw_icon(dl, kIconGraph, ImVec2(g.x - 12, g.y + size * 0.55f), 13, th[Ink::muted]);
    if (text_link("graph-near", font, size, g, "Graph", th[Ink::muted], th[Ink::link])) open_graph(app, GraphMode::near);
    if (ImGui::IsItemHovered() && !app.touch()) ImGui::SetTooltip("This page's links and backlinks, two steps out (G)");
    app.add_view_link({"Graph", "action:graph-near", g.x, g.y, gw, size});
  }
  if (p.x + lw + 60 < pos.x + width) {
    const ImVec2 q(pos.x + width - lw, pos.y);
    draw_icon(dl, kIconCopy, ImVec2(q.x - 12, q.y + size * 0.55f), 13, th[Ink::muted]);
    if (text_link("copy-md", font, size, q, label, th[Ink::muted], th[Ink::link])) app.copy_page_markdown();
  }
}

// A page's tags (a record's are in its header), as chips after a label.
constexpr float kTagsLabelW = 52, kTagRowH = 22;
bool footer_tags(const PublishedPage& entry) { return !entry.tags.empty() && entry.decision < 0; }

float page_footer_height(App& app, float width) {
  const PublishedSite& site = app.site();
  const CurrentPage& page = app.page();
  if (page.index < 0) return 0;
  const PublishedPage& entry = site.pages[static_cast<std::size_t>(page.index)];
  float h = 24;
  if (footer_tags(entry)) h += tag_chips(app, ImVec2(kTagsLabelW, 0), kTagsLabelW, width, kTagRowH, entry.tags, false) + 16;
  if (!entry.backlinks.empty()) h += 56 + kBacklinkRow * static_cast<float>(entry.backlinks.size()) + 8;
  const Neighbours n = site.neighbours(page.index);
  if (n.prev >= 0 || n.next >= 0) h += kCardH * (app.phone() && n.prev >= 0 && n.next >= 0 ? 2.0f : 1.0f) + 32;
  if (!entry.date.empty()) h += 32;
  return h;
}

void draw_page_footer(App& app, ImVec2 pos, float width) {
  const PublishedSite& site = app.site();
  const CurrentPage& page = app.page();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (page.index < 0) return;
  const PublishedPage& entry = site.pages[static_cast<std::size_t>(page.index)];
  float y = pos.y;
  if (!entry.backlinks.empty()) {
    dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + width, y + 1), th[Ink::rule]);
    y += 24;
    dl->AddText(T.font(Face::bold), T.scale.small, ImVec2(pos.x, y), th[Ink::muted], "LINKED FROM");
    y += 30;
    for (int b : entry.backlinks) {
      const PublishedPage& from = site.pages[static_cast<std::size_t>(b)];
      ImGui::PushID(b);
      draw_icon(dl, kIconLink, ImVec2(pos.x + 7, y + T.scale.body * 0.6f), 12, th[Ink::faint]);
      if (text_link("backlink", T.font(Face::regular), T.scale.body, ImVec2(pos.x + 22, y), from.title.c_str(), th[Ink::link], th[Ink::link_hover], width - 22))
        app.open(from.url);
      link_menu_on_item(app, from.url);
      ImGui::PopID();
      y += kBacklinkRow;
    }
    y += 8;
  }
  const Neighbours n = site.neighbours(page.index);
  if (n.prev >= 0 || n.next >= 0) {
    y += 24;
    const bool stack = app.phone() && n.prev >= 0 && n.next >= 0;
    const float card_w = stack ? width : (width - 16) * 0.5f;
    const auto card = [&](int target, bool next, ImVec2 p) {
      const PublishedPage& e = site.pages[static_cast<std::size_t>(target)];
      const std::string name = site.nav_title(target);  // "ADR-0002: ...", as the sidebar names it
      ImGui::SetCursorScreenPos(p);
      ImGui::PushID(next ? "next" : "prev");
      const bool clicked = ImGui::InvisibleButton("card", ImVec2(card_w, kCardH), ImGuiButtonFlags_EnableNav);
      const bool hover = ImGui::IsItemHovered();
      link_menu_on_item(app, e.url);
      ImGui::PopID();
      if (hover) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
      dl->AddRect(p, ImVec2(p.x + card_w, p.y + kCardH), th[hover ? Ink::accent : Ink::rule], 10, 0, 1.0f);
      const float pad = 18;
      const char* label = next ? "Next" : "Previous";
      ImFont* small = T.font(Face::regular);
      ImFont* title = T.font(Face::bold);
      const float lw = small->CalcTextSizeA(T.scale.small, FLT_MAX, 0, label).x;
      const float tw = std::min(card_w - 2 * pad, title->CalcTextSizeA(T.scale.body, FLT_MAX, 0, name.c_str()).x);
      const float lx = next ? p.x + card_w - pad - lw : p.x + pad;
      const float tx = next ? p.x + card_w - pad - tw : p.x + pad;
      dl->AddText(small, T.scale.small, ImVec2(lx, p.y + 14), th[Ink::muted], label);
      draw_elided(dl, title, T.scale.body, ImVec2(tx, p.y + 38), th[Ink::link], name, card_w - 2 * pad, hover);
      app.add_view_link({elide_text(title, T.scale.body, name, card_w - 2 * pad), e.url, p.x, p.y, card_w, kCardH});
      if (clicked && !long_pressed()) app.open(e.url);
    };
    if (n.prev >= 0) card(n.prev, false, ImVec2(pos.x, y));
    if (n.next >= 0) card(n.next, true, stack ? ImVec2(pos.x, y + kCardH + 12) : ImVec2(pos.x + width - card_w, y));
    y += kCardH * (stack ? 2.0f : 1.0f) + 32;
  }
  if (footer_tags(entry)) {
    dl->AddText(T.font(Face::regular), T.scale.small, ImVec2(pos.x, y + 2), th[Ink::faint], "Tags");
    const float left = pos.x + kTagsLabelW;
    y += tag_chips(app, ImVec2(left, y), left, pos.x + width, kTagRowH, entry.tags) + 16;
  }
  if (!entry.date.empty()) {
    const std::string line = "Dated " + entry.date;
    dl->AddText(T.font(Face::regular), T.scale.small, ImVec2(pos.x, y), th[Ink::faint], line.c_str());
  }
}

}  // namespace logbook::app
