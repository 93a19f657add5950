// The search palette: its field (which App::update_search sends to the worker on every
// keystroke) and the answer: title, section and a snippet with the matched words marked;
// arrows and Enter choose, Esc closes.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/bidi_text.hpp"
#include "app.hpp"
#include "core/query_parser.hpp"
#include "core/search_engine.hpp"
#include "core/typo_correction.hpp"
#include "core/url.hpp"
#include "filter_suggestions.hpp"
#include "suggestion_strip.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

// How marked text is drawn: its size, its faces and inks outside and inside the marks.
struct MarkedStyle {
  float size;
  Face face, marked_face;
  Ink ink, marked_ink;
};

// Draws text wrapped within width (at most max_lines), marked words on a tinted
// background; returns the height drawn.
float draw_marked(App& app, const std::string& text, ImVec2 p, float width, int max_lines, const MarkedStyle& style) {
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line_h = std::round(style.size * 1.5f);
  float x = 0, y = 0;
  int lines = 1;
  bool marked = false;
  std::size_t i = 0;
  while (i < text.size() && lines <= max_lines) {
    if (text[i] == logbook::kMarkOpen || text[i] == logbook::kMarkClose) {
      marked = text[i] == logbook::kMarkOpen;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && text[j] != ' ' && text[j] != '\n' && text[j] != logbook::kMarkOpen && text[j] != logbook::kMarkClose) ++j;
    if (j == i) {  // a space
      x += T.measure(style.face, style.size, " ");
      ++i;
      continue;
    }
    const Face face = marked ? style.marked_face : style.face;
    const float w = T.measure(face, style.size, std::string_view(text).substr(i, j - i));
    if (x + w > width && x > 0) {
      if (++lines > max_lines) {  // the text goes on: say so, as elide_text does
        dl->AddText(T.font(style.face), style.size, ImVec2(p.x + std::min(x, width - T.measure(style.face, style.size, "…")), p.y + y),
                    th[style.ink], "…");
        break;
      }
      x = 0;
      y += line_h;
    }
    const ImVec2 q(p.x + x, p.y + y);
    if (marked) dl->AddRectFilled(ImVec2(q.x - 1, q.y), ImVec2(q.x + w + 1, q.y + line_h - 2), th[Ink::search_mark], 3);
    dl->AddText(T.font(face), style.size, q, th[marked ? style.marked_ink : style.ink], text.data() + i, text.data() + j);
    x += w;
    i = j;
  }
  return y + line_h;
}

// Tab completes the filter being typed in place (the field keeps its focus); after an
// Enter completion the field is focused again with the caret at the end.
int complete_filter(ImGuiInputTextCallbackData* data) {
  SearchPaletteState& st = *static_cast<SearchPaletteState*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    if (st.suggestions.empty()) return 0;
    const std::string text = apply_suggestion(std::string_view(data->Buf, static_cast<std::size_t>(data->BufTextLen)), st.suggestions.front());
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text.c_str());
  } else if (st.cursor_to_end) {
    st.cursor_to_end = false;
  } else {
    return 0;
  }
  data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
  return 0;
}

void choose(App& app, const SearchHitView& hit, const std::string& query) {
  app.open_search(false);
  app.open(hit.url + "?q=" + percent_encode(query));
}

// Where the palette goes: centred under the top bar, or the whole screen on a phone.
struct PaletteBox {
  float x, y, w, max_h;
  bool phone;
  static constexpr float kFieldH = 58;
  static PaletteBox of(const Area& screen, bool phone) {
    const float w = phone ? screen.w : std::min(680.0f, screen.w - 48);
    const float y = phone ? 0.0f : std::min(96.0f, screen.h * 0.12f);
    return {(screen.w - w) * 0.5f, y, w, phone ? screen.h : std::min(620.0f, screen.h - y - 40), phone};
  }
};

// The dimmed page behind; true when it was clicked.
// On a phone the palette is the whole screen: the layer is opaque, so no page shows where
// the palette's own window ends above the screen's foot.
bool dim_layer(const Area& screen, bool phone) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(screen.w, screen.h));
  ImGui::Begin("##palette-dim", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(screen.w, screen.h), ImGui::GetColorU32(phone ? ImGuiCol_WindowBg : ImGuiCol_ModalWindowDimBg));
  const bool clicked = ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  ImGui::End();
  return clicked;
}

// The query field, with filter completion (Tab, or Enter while a completion is offered),
// and the Esc button; returns true when Enter took a completion.
bool search_field(App& app, ImVec2 wp, float w) {
  SearchPaletteState& st = app.palette();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float field_h = PaletteBox::kFieldH;
  draw_icon(dl, kIconSearch, ImVec2(wp.x + 26, wp.y + field_h * 0.5f), 17, th[Ink::muted]);
  ImGui::SetCursorScreenPos(ImVec2(wp.x + 44, wp.y + (field_h - 36) * 0.5f));
  bool completed = false;
  {
    ScopedStyle field;
    field.font(T.font(Face::regular), 17.0f).color(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0)).var(ImGuiStyleVar_FramePadding, ImVec2(8, 8));
    ImGui::SetNextItemWidth(w - 44 - 70);
    if (st.focus_input) {
      ImGui::SetKeyboardFocusHere();
      st.focus_input = false;
    }
    st.suggestions = suggest_filters(app.site(), st.query, app.platform().today());
    ImGui::InputTextWithHint("##q", "Search the docs", st.query, sizeof st.query,
                             ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CallbackCompletion | ImGuiInputTextFlags_CallbackAlways,
                             complete_filter, &st);
    if (!st.suggestions.empty() && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter))) {
      take_filter_suggestion(st, st.suggestions.front());
      completed = true;
    }
  }
  // Esc, as a key cap; on a touch screen, which has no Esc key, a close button.
  if (app.touch()) {
    if (icon_button("close", "close", ImVec2(wp.x + w - 52, wp.y + (field_h - 36) * 0.5f), 36, nullptr)) app.open_search(false);
  } else {
    const ImVec2 esc(wp.x + w - 58, wp.y + (field_h - 24) * 0.5f);
    dl->AddRect(esc, ImVec2(esc.x + 40, esc.y + 24), th[Ink::rule], 5);
    dl->AddText(T.font(Face::regular), 12.5f, ImVec2(esc.x + 9, esc.y + 4), th[Ink::muted], "Esc");
    ImGui::SetCursorScreenPos(esc);
    if (ImGui::InvisibleButton("close", ImVec2(40, 24))) app.open_search(false);
  }
  dl->AddLine(ImVec2(wp.x, wp.y + field_h), ImVec2(wp.x + w, wp.y + field_h), th[Ink::panel_border]);
  return completed;
}

// Why there are no results to show (yet), in place of the list.
void empty_message(App& app, const std::string& query, float w) {
  const SearchPaletteState& st = app.palette();
  const Platform& platform = app.platform();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const auto message = [&](const char* title, const std::string& detail) {
    ImDrawList* ldl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ldl->AddText(T.font(Face::bold), T.scale.ui, ImVec2(p.x + 24, p.y + 14), th[Ink::text], title);
    ldl->AddText(T.font(Face::regular), T.scale.small, ImVec2(p.x + 24, p.y + 40), th[Ink::muted], detail.c_str(), nullptr, w - 48);
    ImGui::Dummy(ImVec2(w, 96));
  };
  if (query.empty()) {
    message("Search every page", "Type a few words. \"quoted words\" find a phrase, -word leaves pages out, a OR b finds either; the last word matches as a prefix.");
  } else if (platform.search_status() == SearchStatus::loading) {
    message("Search is getting ready…", "The search index is still downloading; results appear as soon as it arrives.");
  } else if (platform.search_status() == SearchStatus::failed) {
    message("Search is unavailable", platform.search_error());
  } else if (!st.answer.error.empty()) {
    message("Search failed", st.answer.error);
  } else if (!st.suggestions.empty() && parse_query(query).empty() && parse_query(query).filters.empty()) {
    message("Choose a filter", "Pick one of the suggestions above (Tab takes the first), or keep typing its value.");
  } else if (st.answer.hits.empty() && st.answer_query == query) {
    message(("No results for \"" + query + "\"").c_str(), "Check the spelling, try fewer or shorter words (the last word matches as a prefix), or browse the sections in the sidebar.");
  }
}

// The line under a result's title: a decision record's id, status and date, else where the
// page is (a page at the top reads as the site's name, never a bare "/"); and the words a
// partial match lacks.
std::string result_label(App& app, const SearchHitView& hit) {
  std::string label = hit.section.empty() ? app.site().title : hit.section;
  if (!hit.decision.empty()) {
    label = hit.decision;
    for (const std::string& part : {hit.status, hit.date})
      if (!part.empty()) label += "  ·  " + part;
  }
  if (!hit.missing.empty()) label += "  ·  Missing: " + hit.missing;
  return label;
}

// Above the results of a corrected query: what was searched instead, and a way back to
// the words as typed (quoted, which the engine never corrects).
void correction_line(App& app, float w) {
  SearchPaletteState& st = app.palette();
  if (st.answer.corrected.empty() || st.answer_query != st.query) return;
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const char* lead = "Showing results for ";
  const float lead_w = T.measure(Face::regular, T.scale.small, lead);
  dl->AddText(T.font(Face::regular), T.scale.small, ImVec2(p.x + 28, p.y + 4), th[Ink::muted], lead);
  dl->AddText(T.font(Face::bold), T.scale.small, ImVec2(p.x + 28 + lead_w, p.y + 4), th[Ink::text], st.answer.corrected.c_str());
  const std::string back = "Search instead for " + std::string(st.query);
  if (text_link("literal", T.font(Face::regular), T.scale.small, ImVec2(p.x + 28, p.y + 26), back.c_str(), th[Ink::accent], th[Ink::heading], w - 56)) {
    std::snprintf(st.query, sizeof st.query, "%s", literal_query(st.query, st.answer.corrected).c_str());
    st.focus_input = true;
    st.cursor_to_end = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 52));
}

float result_height(const Typography& T) { return 24 + 20 + std::round(T.scale.small * 1.5f) * 2 + 14; }

// One result: title, section, two lines of snippet; hovered or chosen with the arrows, it
// is selected; a click or Enter on the selected one opens it.
void result_row(App& app, int i, float w, bool enter, const std::string& query) {
  SearchPaletteState& st = app.palette();
  const SearchHitView& hit = st.answer.hits[static_cast<std::size_t>(i)];
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* ldl = ImGui::GetWindowDrawList();
  const float pad = 12, h = result_height(T);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::PushID(i);
  const bool clicked = ImGui::InvisibleButton("hit", ImVec2(w, h));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  if (hovered && ImGui::GetIO().MouseDelta.x + ImGui::GetIO().MouseDelta.y != 0) st.selected = i;
  const bool sel = i == st.selected;
  if (sel) {
    ldl->AddRectFilled(ImVec2(p.x + 8, p.y), ImVec2(p.x + w - 8, p.y + h - 4), th[Ink::accent_soft], 10);
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow) || ImGui::IsKeyPressed(ImGuiKey_UpArrow)) ImGui::SetScrollHereY(0.5f);
  }
  const Ink title_ink = sel ? Ink::accent : Ink::heading;
  // A title that reads left to right shows what matched in it; another keeps its visual order.
  if (!hit.marked_title.empty() && visual_line(hit.title) == hit.title)
    draw_marked(app, hit.marked_title, ImVec2(p.x + pad + 16, p.y + 8), w - 2 * pad - 36, 1,
                {T.scale.ui + 0.5f, Face::bold, Face::bold, title_ink, title_ink});
  else
    draw_elided(ldl, T.font(Face::bold), T.scale.ui + 0.5f, ImVec2(p.x + pad + 16, p.y + 10), th[title_ink],
                visual_line(hit.title), w - 2 * pad - 36, hovered);
  ldl->AddText(T.font(Face::regular), T.scale.small - 1, ImVec2(p.x + pad + 16, p.y + 33), th[Ink::faint], result_label(app, hit).c_str());
  draw_marked(app, hit.snippet, ImVec2(p.x + pad + 16, p.y + 54), w - 2 * pad - 36, 2,
              {T.scale.small, Face::regular, Face::bold, Ink::muted, Ink::text});
  if ((clicked && !long_pressed()) || (sel && enter)) choose(app, hit, query);
}

// The results (or why there are none), scrolling within the palette.
void results(App& app, const PaletteBox& box, float strip_h, bool completed) {
  SearchPaletteState& st = app.palette();
  const std::string query = st.query;
  const int n = static_cast<int>(st.answer.hits.size());
  if (n > 0) {
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) st.selected = (st.selected + 1) % n;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) st.selected = (st.selected + n - 1) % n;
    st.selected = std::clamp(st.selected, 0, n - 1);
  }
  const bool enter = !completed && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter));
  const float list_max = box.max_h - PaletteBox::kFieldH - 44 - strip_h;
  const float correction_h = st.answer.corrected.empty() ? 0.0f : 52.0f;
  const float list_h = n > 0 ? std::min(list_max, static_cast<float>(n) * result_height(app.type()) + 14 + correction_h) : 110.0f;
  ImGui::BeginChild("results", ImVec2(box.w, box.phone ? list_max : list_h), ImGuiChildFlags_None, 0);
  ImGui::Dummy(ImVec2(1, 8));
  empty_message(app, query, box.w);
  correction_line(app, box.w);
  for (int i = 0; i < n; ++i) result_row(app, i, box.w, enter, query);
  ImGui::Dummy(ImVec2(1, 6));
  ImGui::EndChild();
}

// The keys, and how many results.
void footer(App& app, float w) {
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const int n = static_cast<int>(app.palette().answer.hits.size());
  const ImVec2 fp = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, 40));
  ImDrawList* fdl = ImGui::GetWindowDrawList();
  fdl->AddLine(fp, ImVec2(fp.x + w, fp.y), th[Ink::panel_border]);
  std::string hint = app.touch() ? "" : "↑↓ to choose   ↵ to open   Esc to close";
  if (n > 0) hint += (hint.empty() ? "" : "   ·   ") + std::to_string(n) + (n == 1 ? " result" : " results");
  fdl->AddText(T.font(Face::regular), T.scale.small - 1, ImVec2(fp.x + 24, fp.y + 12), th[Ink::faint], hint.c_str());
}

}  // namespace

void draw_search_palette(App& app, const Area& screen) {
  const PaletteBox box = PaletteBox::of(screen, app.phone());
  const bool dim_clicked = dim_layer(screen, box.phone);
  ImGui::SetNextWindowPos(ImVec2(box.x, box.y));
  ImGui::SetNextWindowSize(ImVec2(box.w, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(box.w, 0), ImVec2(box.w, box.max_h));
  ScopedStyle window;
  window.var(ImGuiStyleVar_WindowPadding, ImVec2(0, 0)).var(ImGuiStyleVar_WindowRounding, box.phone ? 0.0f : 14.0f);
  window.var(ImGuiStyleVar_WindowBorderSize, box.phone ? 0.0f : 1.0f).var(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##palette", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  const ImVec2 wp = ImGui::GetWindowPos();
  const bool completed = search_field(app, wp, box.w);
  const float strip_h = draw_filter_suggestions(app, ImVec2(wp.x, wp.y + PaletteBox::kFieldH + 1), box.w);
  app.update_search();
  ImGui::SetCursorScreenPos(ImVec2(wp.x, wp.y + PaletteBox::kFieldH + 1 + strip_h));
  results(app, box, strip_h, completed);
  footer(app, box.w);
  const bool window_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  ImGui::End();
  if (dim_clicked && !window_hovered) app.open_search(false);
}

}  // namespace logbook::app
