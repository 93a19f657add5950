// The search palette: queries the worker on every keystroke; shows title, section and
// a snippet with the matched words marked; arrows and Enter choose, Esc closes.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/bidi_text.hpp"
#include "app.hpp"
#include "core/search_engine.hpp"
#include "core/url.hpp"
#include "filter_suggestions.hpp"
#include "suggestion_strip.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

// Draws the snippet wrapped within width, marked words on a tinted background.
float draw_snippet(App& app, const std::string& snippet, ImVec2 p, float width, int max_lines) {
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float size = T.scale.small, line_h = std::round(size * 1.5f);
  float x = 0, y = 0;
  int lines = 1;
  bool marked = false;
  std::size_t i = 0;
  while (i < snippet.size() && lines <= max_lines) {
    if (snippet[i] == logbook::kMarkOpen || snippet[i] == logbook::kMarkClose) {
      marked = snippet[i] == logbook::kMarkOpen;
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < snippet.size() && snippet[j] != ' ' && snippet[j] != '\n' && snippet[j] != logbook::kMarkOpen && snippet[j] != logbook::kMarkClose) ++j;
    if (j == i) {  // a space
      x += T.measure(Face::regular, size, " ");
      ++i;
      continue;
    }
    const Face face = marked ? Face::bold : Face::regular;
    const float w = T.measure(face, size, std::string_view(snippet).substr(i, j - i));
    if (x + w > width && x > 0) {
      if (++lines > max_lines) break;
      x = 0;
      y += line_h;
    }
    const ImVec2 q(p.x + x, p.y + y);
    if (marked) dl->AddRectFilled(ImVec2(q.x - 1, q.y), ImVec2(q.x + w + 1, q.y + line_h - 2), th[Ink::search_mark], 3);
    dl->AddText(T.font(face), size, q, th[marked ? Ink::text : Ink::muted], snippet.data() + i, snippet.data() + j);
    x += w;
    i = j;
  }
  return y + line_h;
}

// The word being typed matches as a prefix once it has three letters: "m*" would merge
// the posting lists of thousands of words and stall the next keystrokes behind it, and
// a one- or two-letter prefix ranks nothing useful anyway. A trailing space tells the
// engine the word is complete.
std::string engine_query(const std::string& typed) {
  const auto last_space = typed.find_last_of(' ');
  const std::size_t start = last_space == std::string::npos ? 0 : last_space + 1;
  std::size_t letters = 0;
  for (std::size_t i = start; i < typed.size(); ++i)
    if ((static_cast<unsigned char>(typed[i]) & 0xC0) != 0x80) ++letters;
  const bool quoted = std::count(typed.begin(), typed.end(), '"') % 2 == 1;
  return letters > 0 && letters < 3 && !quoted ? typed + " " : typed;
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

}  // namespace

void draw_search_palette(App& app, const Area& screen) {
  SearchPaletteState& st = app.palette();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  Platform& platform = app.platform();
  const bool phone = app.phone();
  const float w = phone ? screen.w : std::min(680.0f, screen.w - 48);
  const float x = (screen.w - w) * 0.5f, y = phone ? 0.0f : std::min(96.0f, screen.h * 0.12f);
  const float max_h = phone ? screen.h : std::min(620.0f, screen.h - y - 40);

  // The dimmed page behind; a click there closes the palette.
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(screen.w, screen.h));
  ImGui::Begin("##palette-dim", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(screen.w, screen.h), ImGui::GetColorU32(ImGuiCol_ModalWindowDimBg));
  const bool dim_clicked = ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left);
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(x, y));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, max_h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, phone ? 0.0f : 14.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, phone ? 0.0f : 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::SetNextWindowFocus();
  ImGui::Begin("##palette", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 wp = ImGui::GetWindowPos();

  // The field.
  const float field_h = 58;
  draw_icon(dl, kIconSearch, ImVec2(wp.x + 26, wp.y + field_h * 0.5f), 17, th[Ink::muted]);
  ImGui::SetCursorScreenPos(ImVec2(wp.x + 44, wp.y + (field_h - 36) * 0.5f));
  ImGui::PushFont(T.font(Face::regular), 17.0f);
  ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(8, 8));
  ImGui::SetNextItemWidth(w - 44 - 70);
  if (st.focus_input) {
    ImGui::SetKeyboardFocusHere();
    st.focus_input = false;
  }
  st.suggestions = suggest_filters(app.site(), st.query, platform.today());
  ImGui::InputTextWithHint("##q", "Search the docs", st.query, sizeof st.query,
                           ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CallbackCompletion | ImGuiInputTextFlags_CallbackAlways,
                           complete_filter, &st);
  // Enter takes a filter suggestion before it opens a result.
  bool completed = false;
  if (!st.suggestions.empty() && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter))) {
    take_filter_suggestion(st, st.suggestions.front());
    completed = true;
  }
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  const ImVec2 esc(wp.x + w - 58, wp.y + (field_h - 24) * 0.5f);
  dl->AddRect(esc, ImVec2(esc.x + 40, esc.y + 24), th[Ink::rule], 5);
  dl->AddText(T.font(Face::regular), 12.5f, ImVec2(esc.x + 9, esc.y + 4), th[Ink::muted], "Esc");
  ImGui::SetCursorScreenPos(esc);
  if (ImGui::InvisibleButton("close", ImVec2(40, 24))) app.open_search(false);
  dl->AddLine(ImVec2(wp.x, wp.y + field_h), ImVec2(wp.x + w, wp.y + field_h), th[Ink::panel_border]);
  const float strip_h = draw_filter_suggestions(app, ImVec2(wp.x, wp.y + field_h + 1), w);

  // Every keystroke is a query; answers to older ones are dropped when they arrive.
  const std::string query = st.query;
  if (query != st.sent_query) {
    st.sent_query = query;
    st.sent_at = platform.last_input_ms();
    if (!query.empty() && platform.search_status() == SearchStatus::ready) {
      st.awaited_id = st.next_id++;
      platform.search(st.awaited_id, engine_query(query), 12);
    } else {
      st.answer = {};
      st.answer_query.clear();
    }
  }
  // When the database arrives after the reader typed, ask again.
  if (!query.empty() && st.answer_query != query && st.awaited_id == 0 && platform.search_status() == SearchStatus::ready) {
    st.awaited_id = st.next_id++;
    platform.search(st.awaited_id, engine_query(query), 12);
  }

  const std::vector<SearchHitView>& hits = st.answer.hits;
  const int n = static_cast<int>(hits.size());
  if (n > 0) {
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) st.selected = (st.selected + 1) % n;
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) st.selected = (st.selected + n - 1) % n;
    st.selected = std::clamp(st.selected, 0, n - 1);
  }
  const bool enter = !completed && (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter));

  ImGui::SetCursorScreenPos(ImVec2(wp.x, wp.y + field_h + 1 + strip_h));
  const float pad = 12;
  const float list_max = max_h - field_h - 44 - strip_h;
  const float item_h = 24 + 20 + std::round(T.scale.small * 1.5f) * 2 + 14;
  const float list_h = n > 0 ? std::min(list_max, static_cast<float>(n) * item_h + 14) : 110.0f;
  ImGui::BeginChild("results", ImVec2(w, phone ? list_max : list_h), ImGuiChildFlags_None, 0);
  ImDrawList* ldl = ImGui::GetWindowDrawList();
  ImGui::Dummy(ImVec2(1, 8));
  const auto message = [&](const char* title, const std::string& detail) {
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
  } else if (n == 0 && st.answer_query == query) {
    message(("No results for \"" + query + "\"").c_str(), "Check the spelling, try fewer or shorter words (the last word matches as a prefix), or browse the sections in the sidebar.");
  }
  for (int i = 0; i < n; ++i) {
    const SearchHitView& hit = hits[static_cast<std::size_t>(i)];
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float inner = w - 2 * pad - 36;
    // Height: title, section, two lines of snippet.
    const float h = item_h;
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
    ldl->AddText(T.font(Face::bold), T.scale.ui + 0.5f, ImVec2(p.x + pad + 16, p.y + 10), th[sel ? Ink::accent : Ink::heading], visual_line(hit.title).c_str());
    ldl->AddText(T.font(Face::regular), T.scale.small - 1, ImVec2(p.x + pad + 16, p.y + 33), th[Ink::faint],
                 (hit.section.empty() ? hit.url : hit.section).c_str());
    draw_snippet(app, hit.snippet, ImVec2(p.x + pad + 16, p.y + 54), inner, 2);
    if (clicked || (sel && enter)) choose(app, hit, query);
  }
  ImGui::Dummy(ImVec2(1, 6));
  ImGui::EndChild();
  // Footer: the keys.
  const ImVec2 fp = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(w, 40));
  ImDrawList* fdl = ImGui::GetWindowDrawList();
  fdl->AddLine(fp, ImVec2(fp.x + w, fp.y), th[Ink::panel_border]);
  std::string hint = "↑↓ to choose   ↵ to open   Esc to close";
  if (n > 0) hint += "   ·   " + std::to_string(n) + (n == 1 ? " result" : " results");
  fdl->AddText(T.font(Face::regular), T.scale.small - 1, ImVec2(fp.x + 24, fp.y + 12), th[Ink::faint], hint.c_str());
  const bool window_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  ImGui::End();
  ImGui::PopStyleVar(4);
  if (dim_clicked && !window_hovered) app.open_search(false);

  if (st.pending_draw_mark) {  // the answer to the latest keystroke is in this frame
    st.pending_draw_mark = false;
    st.drawn_mark = true;
    st.awaited_id = 0;
  }
}

}  // namespace logbook::app
