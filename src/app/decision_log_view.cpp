// The decision log: every decision record in a table (ImGui tables), sortable by id,
// title, status and date, filtered by words, status, tag, decider and dates; a row
// opens its record. Drawn on the decisions section's page, above its Markdown, with
// "Propose a decision" when the site names its repository.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "app.hpp"
#include "decision_views.hpp"

namespace logbook::app {

// A chevron in place of ImGui's arrow button.
bool value_combo(App& app, const char* id, const char* any, std::string& value, const std::vector<std::string>& values, float width, ImU32 ink) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  ImDrawList* dl = ImGui::GetWindowDrawList();  // the combo's window: once open, the popup is the current one
  // The popup's padding: with the app's none, its rounded corners cut its last row.
  ScopedStyle popup;
  popup.var(ImGuiStyleVar_WindowPadding, ImVec2(6, 6)).var(ImGuiStyleVar_PopupBorderSize, 1.0f);
  // The combo's box, known before it opens (then the popup's window is the current one).
  const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + width, a.y + ImGui::GetFrameHeight());
  const bool open = ImGui::BeginCombo(id, value.empty() ? any : value.c_str(), ImGuiComboFlags_HeightLarge | ImGuiComboFlags_NoArrowButton);
  draw_icon(dl, kIconChevronDown, ImVec2(b.x - 16, (a.y + b.y) * 0.5f), 11, ink);
  if (ImGui::IsMouseHoveringRect(a, b)) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  app.add_view_link({value.empty() ? any : value, "action:filter", a.x, a.y, b.x - a.x, b.y - a.y});
  if (open) {
    ScopedStyle rows;
    rows.var(ImGuiStyleVar_SelectableTextAlign, ImVec2(0, 0.5f));
    const float row_h = app.touch() ? 44.0f - ImGui::GetStyle().ItemSpacing.y : 0.0f;  // a finger needs 44 px
    const auto option = [&](const std::string& label, bool selected) {
      const bool chosen = ImGui::Selectable(label.c_str(), selected, 0, ImVec2(0, row_h));
      const ImVec2 o = ImGui::GetItemRectMin(), q = ImGui::GetItemRectMax();
      app.add_view_link({label, "action:option", o.x, o.y, q.x - o.x, q.y - o.y});
      return chosen;
    };
    if (option(any, value.empty())) value.clear(), changed = true;
    for (const std::string& v : values)
      if (option(v, v == value)) value = v, changed = true;
    ImGui::EndCombo();
  }
  return changed;
}

namespace {

constexpr float kRowH = 38, kGap = 8;
constexpr DecisionColumn kColumns[] = {DecisionColumn::id, DecisionColumn::title, DecisionColumn::status, DecisionColumn::date};

// Places widgets left to right, wrapping to a new line when the next does not fit.
struct Flow {
  float x0, right, x, y, line_h;
  ImVec2 next(float w) {
    if (x > x0 && x + w > right) x = x0, y += line_h + kGap;
    const ImVec2 p(x, y);
    x += w + kGap;
    return p;
  }
  float bottom() const { return y + line_h; }
};

// The rows to show, filtered and sorted; the filters' choices, gathered once.
void refresh_rows(DecisionLogViewState& st, const PublishedSite& site) {
  if (!st.choices_loaded) {
    st.statuses = decision_statuses(site);
    st.tags = decision_tags(site);
    st.deciders = decision_deciders(site);
    st.choices_loaded = true;
  }
  if (st.rows_stale) {
    st.rows = decision_rows(site, st.filter, st.column, st.ascending);
    st.rows_stale = false;
  }
}

void propose_button(App& app, ImVec2 pos, float width, float frame_h) {
  const PublishedSite& site = app.site();
  const Theme& th = app.theme();
  const char* label = app.phone() ? "Propose" : "Propose a decision";
  ScopedStyle style;
  style.font(app.type().font(Face::bold), app.type().scale.ui);
  const float bw = ImGui::CalcTextSize(label).x + 28;
  const ImVec2 bp(pos.x + width - bw, pos.y);
  ImGui::SetCursorScreenPos(bp);
  style.color(ImGuiCol_Button, th[Ink::accent]).color(ImGuiCol_ButtonHovered, th[Ink::link_hover]);
  style.color(ImGuiCol_ButtonActive, th[Ink::link_hover]).color(ImGuiCol_Text, th[Ink::page_bg]);
  style.var(ImGuiStyleVar_FrameRounding, 8).var(ImGuiStyleVar_FramePadding, ImVec2(14, 7));
  if (ImGui::Button(label) && !pointer_dragged()) app.platform().open_in_new_tab(site.propose_decision);
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  app.add_view_link({label, site.propose_decision, bp.x, bp.y, bw, frame_h});
}

// "All decisions", how many are shown, and "Propose a decision" when the site can take one.
void title_line(App& app, ImVec2 pos, float width, float frame_h) {
  const DecisionLogViewState& st = app.decision_log();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const int shown = static_cast<int>(st.rows.size()), total = static_cast<int>(app.site().decisions.size());
  const std::string count = shown == total ? std::to_string(total) + (total == 1 ? " decision" : " decisions")
                                           : std::to_string(shown) + " of " + std::to_string(total) + " decisions";
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(T.font(Face::bold), T.scale.heading[3], ImVec2(pos.x, pos.y + 4), th[Ink::heading], "All decisions");
  const float tw = T.font(Face::bold)->CalcTextSizeA(T.scale.heading[3], FLT_MAX, 0, "All decisions").x;
  dl->AddText(T.font(Face::regular), T.scale.small, ImVec2(pos.x + tw + 12, pos.y + 8), th[Ink::muted], count.c_str());
  if (!app.site().propose_decision.empty()) propose_button(app, pos, width, frame_h);
}

bool any_filter(const DecisionLogViewState& st) {
  return st.text[0] || !st.filter.status.empty() || !st.filter.tag.empty() || !st.filter.decider.empty() || st.after[0] || st.before[0];
}

// "Clear" empties the filters and keeps the sort.
void clear_filters(DecisionLogViewState& st) {
  DecisionLogViewState cleared;
  cleared.column = st.column, cleared.ascending = st.ascending, cleared.url_query = st.url_query;
  st = std::move(cleared);
}

// A text field that filters as it is typed: the text goes to `value`.
void filter_field(DecisionLogViewState& st, const char* id, const char* hint, char* buf, std::size_t size, std::string& value, ImVec2 pos,
                  float w) {
  ImGui::SetCursorScreenPos(pos);
  ImGui::SetNextItemWidth(w);
  if (ImGui::InputTextWithHint(id, hint, buf, size)) value = buf, st.rows_stale = true;
}

int date_chars_only(ImGuiInputTextCallbackData* data) {
  const ImWchar c = data->EventChar;
  return (c >= '0' && c <= '9') || c == '-' ? 0 : 1;
}

// A date field: digits and '-' only, ten of them; it filters once it holds a whole date,
// and until then (or when it is no date, "2026-02-30") its frame says so.
void date_field(App& app, const char* id, const char* hint, char* buf, std::size_t size, std::string& value, ImVec2 pos, float w) {
  DecisionLogViewState& st = app.decision_log();
  ImGui::SetCursorScreenPos(pos);
  ImGui::SetNextItemWidth(w);
  if (ImGui::InputTextWithHint(id, hint, buf, size, ImGuiInputTextFlags_CallbackCharFilter, date_chars_only)) {
    const std::string date = is_date(buf) ? buf : "";
    if (date != value) value = date, st.rows_stale = true;
  }
  app.add_view_link({hint, "action:date", pos.x, pos.y, w, ImGui::GetItemRectSize().y});
  if (buf[0] && !is_date(buf) && !ImGui::IsItemActive()) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(a, b, app.theme()[Ink::caution], 7, 0, 1.5f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Not a date: write it as YYYY-MM-DD, e.g. %s", app.notes().today.empty() ? "2026-03-10" : app.notes().today.c_str());
  }
}

// The address bar follows the filters: a choice adds a history entry (back undoes it),
// typing replaces the entry it is typed in.
void sync_url(App& app) {
  DecisionLogViewState& st = app.decision_log();
  const std::string query = to_query({st.filter, st.column, st.ascending});
  if (query == st.url_query) return;
  st.url_query = query;
  const std::string url = app.full_url(app.page().url + (query.empty() ? "" : "?" + query));
  if (ImGui::GetIO().WantTextInput) app.platform().history_replace(url);
  else app.platform().history_push(url);
}

// The filters, wrapping on narrow screens; returns their bottom.
float filters(App& app, ImVec2 pos, float width, float frame_h) {
  DecisionLogViewState& st = app.decision_log();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const bool phone = app.phone();
  Flow flow{pos.x, pos.x + width, pos.x, pos.y, frame_h};
  const float third = std::floor((width - 2 * kGap) / 3);
  const float text_w = phone ? width : std::max(180.0f, width - 3 * 150 - 3 * kGap);
  const float combo_w = phone ? third : 150;
  const float date_w = phone ? std::floor((width - kGap) / 2) : 150;
  const ImVec2 p_text = flow.next(text_w), p_status = flow.next(combo_w), p_tag = flow.next(combo_w), p_decider = flow.next(combo_w);
  const ImVec2 p_after = flow.next(date_w), p_before = flow.next(date_w);
  const bool clearable = any_filter(st);
  const ImVec2 p_clear = clearable ? flow.next(60) : ImVec2();
  {
    ScopedStyle style;
    style.font(T.font(Face::regular), T.scale.ui).var(ImGuiStyleVar_FramePadding, ImVec2(10, 7)).var(ImGuiStyleVar_FrameRounding, 7);
    style.var(ImGuiStyleVar_FrameBorderSize, 1).color(ImGuiCol_FrameBg, th[Ink::code_bg]).color(ImGuiCol_Border, th[Ink::panel_border]);
    filter_field(st, "##dl-text", "Filter by id or title", st.text, sizeof st.text, st.filter.text, p_text, text_w);
    const auto combo = [&](const char* id, const char* any, std::string& value, const std::vector<std::string>& values, ImVec2 p) {
      ImGui::SetCursorScreenPos(p);
      if (value_combo(app, id, any, value, values, combo_w, th[Ink::muted])) st.rows_stale = true;
    };
    combo("##dl-status", "Any status", st.filter.status, st.statuses, p_status);
    combo("##dl-tag", "Any tag", st.filter.tag, st.tags, p_tag);
    combo("##dl-decider", "Any decider", st.filter.decider, st.deciders, p_decider);
    date_field(app, "##dl-after", "After YYYY-MM-DD", st.after, sizeof st.after, st.filter.after, p_after, date_w);
    date_field(app, "##dl-before", "Before YYYY-MM-DD", st.before, sizeof st.before, st.filter.before, p_before, date_w);
  }
  if (clearable) app.add_view_link({"Clear", "action:clear", p_clear.x + 4, p_clear.y + 6, 40, T.scale.small * 1.3f});
  if (clearable && text_link("dl-clear", T.font(Face::regular), T.scale.small, ImVec2(p_clear.x + 4, p_clear.y + 6), "Clear", th[Ink::link],
                             th[Ink::link_hover]))
    clear_filters(st);
  return flow.bottom();
}

// The header row is drawn here rather than by ImGui::TableHeader: its sorting needs the
// pointer to have hovered the header a frame before the press, which a tap on a phone
// never does. A header sorts by its column; again reverses.
void header_row(App& app, int columns, float header_h) {
  DecisionLogViewState& st = app.decision_log();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const float font_size = T.scale.ui;
  ScopedStyle style;
  style.color(ImGuiCol_Text, th[Ink::muted]);  // the headers' text; cells draw their own colours
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers, header_h);
  ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, th[Ink::table_header_bg]);
  for (int c = 0; c < columns; ++c) {
    ImGui::TableSetColumnIndex(c);
    const char* name = ImGui::TableGetColumnName(c);
    const ImVec2 hp = ImGui::GetCursorScreenPos();
    const float hw = ImGui::GetContentRegionAvail().x;
    ImGui::PushID(c);
    const bool clicked = ImGui::InvisibleButton("sort", ImVec2(std::max(1.0f, hw), font_size), ImGuiButtonFlags_EnableNav);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const bool sorted = st.column == kColumns[c];
    ImDrawList* hdl = ImGui::GetWindowDrawList();
    ImFont* hf = T.font(Face::bold);
    hdl->AddText(hf, font_size - 1, ImVec2(hp.x, hp.y + 1), th[hovered || sorted ? Ink::heading : Ink::muted], name);
    if (sorted) {
      const float nw = hf->CalcTextSizeA(font_size - 1, FLT_MAX, 0, name).x;
      draw_icon(hdl, st.ascending ? kIconArrowLeft : kIconArrowRight, ImVec2(hp.x + nw + 10, hp.y + font_size * 0.5f + 1), 10, th[Ink::muted]);
    }
    app.add_view_link({name, "action:sort", hp.x, hp.y, hw, font_size});
    if (clicked && !pointer_dragged()) {
      if (sorted) st.ascending = !st.ascending;
      else st.column = kColumns[c], st.ascending = kColumns[c] == DecisionColumn::title || kColumns[c] == DecisionColumn::status;
      st.rows = decision_rows(app.site(), st.filter, st.column, st.ascending);
    }
  }
}

// A title's height in its column: on a phone titles wrap (the column is narrow),
// elsewhere they take one line, cut with an ellipsis.
float title_height(App& app, const std::string& title, float width) {
  const float size = app.type().scale.ui;
  if (!app.phone() || width <= 0) return size;
  return app.type().font(Face::bold)->CalcTextSizeA(size, FLT_MAX, width, title.c_str()).y;
}

// One record's row: id, title, status and date; a click opens the record.
void decision_row(App& app, int r, int columns, float title_w) {
  const PublishedSite& site = app.site();
  const PublishedDecision& d = site.decisions[static_cast<std::size_t>(r)];
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const float font_size = T.scale.ui;
  ImDrawList* tdl = ImGui::GetWindowDrawList();
  ImGui::TableNextRow(0, kRowH);
  ImGui::TableSetColumnIndex(0);
  ImGui::PushID(r);
  const ImVec2 c0 = ImGui::GetCursorScreenPos();
  const float h = std::max(kRowH - 18, title_height(app, d.title, title_w));
  const bool clicked = ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, h)) && !pointer_dragged();
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 rmin = ImGui::GetItemRectMin(), rmax = ImGui::GetItemRectMax();
  if (d.page >= 0) link_menu_on_item(app, site.pages[static_cast<std::size_t>(d.page)].url);
  ImGui::PopID();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  const float ty = c0.y + (kRowH - 18 - font_size) * 0.5f;
  tdl->AddText(T.font(Face::mono), font_size - 1.5f, ImVec2(c0.x, ty + 1), th[Ink::muted], d.id.c_str());
  ImGui::TableSetColumnIndex(1);
  const ImVec2 c1 = ImGui::GetCursorScreenPos();
  const ImU32 ink = th[hovered ? Ink::link_hover : Ink::link];
  if (app.phone()) {  // a narrow column: the whole title, on as many lines as it takes
    tdl->AddText(T.font(Face::bold), font_size, ImVec2(c1.x, ty), ink, d.title.c_str(), nullptr, title_w);
  } else {
    draw_elided(tdl, T.font(Face::bold), font_size, ImVec2(c1.x, ty), ink, d.title, title_w, hovered);
  }
  ImGui::TableSetColumnIndex(2);
  const ImVec2 c2 = ImGui::GetCursorScreenPos();
  const ImVec2 badge(c2.x, c2.y + (kRowH - 18 - 22) * 0.5f);
  // An overdue proposal: both pills, or on a phone's narrow column "Overdue" alone (it is a proposal).
  const bool overdue = is_overdue_proposal(d.status, d.review_by, app.notes().today);
  if (overdue && app.phone()) overdue_badge(app, badge);
  else if (overdue) overdue_badge(app, ImVec2(badge.x + 6 + status_badge(app, badge, d.status), badge.y));
  else status_badge(app, badge, d.status);
  if (columns == 4) {
    ImGui::TableSetColumnIndex(3);
    const ImVec2 c3 = ImGui::GetCursorScreenPos();
    tdl->AddText(T.font(Face::regular), font_size - 0.5f, ImVec2(c3.x, ty), th[Ink::muted], d.date.c_str());
  }
  const std::string url = d.page >= 0 ? site.pages[static_cast<std::size_t>(d.page)].url : std::string();
  if (!url.empty()) app.add_view_link({d.id, url, rmin.x, rmin.y, rmax.x - rmin.x, rmax.y - rmin.y});
  if (clicked && !url.empty()) app.open(url);
}

// For screen readers: the rows as the reader filtered or sorted them, a list in the DOM
// copy (accessibility.hpp); the static page's table, already there, lists every record
// newest first, so an unfiltered log in that order adds nothing.
void accessible_rows(App& app, const DecisionLogViewState& st) {
  const PublishedSite& site = app.site();
  const DecisionLogViewState as_published;
  if (st.rows.size() == site.decisions.size() && st.column == as_published.column && st.ascending == as_published.ascending) return;
  AccessibleList& list = app.accessibility().lists.emplace_back();
  list.title = "Decisions shown: " + std::to_string(st.rows.size()) + " of " + std::to_string(site.decisions.size());
  for (int r : st.rows) {
    const PublishedDecision& d = site.decisions[static_cast<std::size_t>(r)];
    const std::string url = d.page >= 0 ? app.full_url(site.pages[static_cast<std::size_t>(d.page)].url) : "";
    const bool overdue = is_overdue_proposal(d.status, d.review_by, app.notes().today);
    list.rows.push_back({d.id + ": " + d.title + ", " + (d.status.empty() ? "no status" : d.status) + (overdue ? ", overdue" : ""), url});
  }
}

// The table of records (ImGui tables), clipped to the document area it scrolls with.
// Returns its height (rows whose titles wrap are taller).
float decision_table(App& app, ImVec2 pos, float width, float header_h) {
  const DecisionLogViewState& st = app.decision_log();
  const Theme& th = app.theme();
  const bool phone = app.phone();
  const int columns = phone ? 3 : 4;
  ScopedStyle style;
  style.font(app.type().font(Face::regular), app.type().scale.ui).var(ImGuiStyleVar_CellPadding, ImVec2(10, 9));
  style.color(ImGuiCol_TableHeaderBg, th[Ink::table_header_bg]).color(ImGuiCol_TableBorderStrong, th[Ink::table_border]);
  style.color(ImGuiCol_TableBorderLight, th[Ink::table_border]).color(ImGuiCol_TableRowBg, 0).color(ImGuiCol_TableRowBgAlt, th[Ink::table_stripe]);
  style.color(ImGuiCol_Header, th[Ink::accent_soft]).color(ImGuiCol_HeaderHovered, th[Ink::accent_soft]).color(ImGuiCol_HeaderActive, th[Ink::accent_soft]);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGui::PushClipRect(dl->GetClipRectMin(), dl->GetClipRectMax(), true);
  ImGui::SetCursorScreenPos(pos);
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("decision-log", columns, flags, ImVec2(width, 0))) {
    const bool overdue = !phone && !app.notes().yours.overdue.empty();  // room for "Proposed" and "Overdue"
    const float id_w = phone ? 78.0f : 92.0f, status_w = phone ? 96.0f : overdue ? 190.0f : 112.0f, date_w = columns == 4 ? 96.0f : 0.0f;
    ImGui::TableSetupColumn("ID", ImGuiTableColumnFlags_WidthFixed, id_w);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, status_w);
    if (columns == 4) ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, date_w);
    const float title_w = width - id_w - status_w - date_w - 20.0f * static_cast<float>(columns) - 8;
    header_row(app, columns, header_h);
    if (st.rows.empty()) {
      ImGui::TableNextRow(0, kRowH);
      ImGui::TableSetColumnIndex(1);
      ImGui::GetWindowDrawList()->AddText(ImVec2(ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y + 2), th[Ink::muted],
                                          "No decision matches these filters.");
    }
    for (int r : st.rows) decision_row(app, r, columns, title_w);
    accessible_rows(app, st);
    ImGui::EndTable();
  }
  ImGui::PopClipRect();
  return ImGui::GetCursorScreenPos().y - pos.y;
}

}  // namespace

std::string apply_decision_log_query(DecisionLogViewState& st, std::string_view query) {
  DecisionLogQuery q = parse_decision_log_query(query);
  const auto copy = [](char* buf, std::size_t size, const std::string& value) {
    const std::size_t n = std::min(size - 1, value.size());
    value.copy(buf, n);
    buf[n] = 0;
  };
  copy(st.text, sizeof st.text, q.filter.text);
  copy(st.after, sizeof st.after, q.filter.after);
  copy(st.before, sizeof st.before, q.filter.before);
  q.filter.text = st.text;  // as much as the field holds
  st.filter = std::move(q.filter);
  st.column = q.column, st.ascending = q.ascending;
  st.rows_stale = true;
  st.url_query = to_query({st.filter, st.column, st.ascending});
  return st.url_query;
}

float draw_decision_log_view(App& app, ImVec2 pos, float width) {
  DecisionLogViewState& st = app.decision_log();
  refresh_rows(st, app.site());
  const float font_size = app.type().scale.ui;
  const float frame_h = font_size + 2 * 7;
  title_line(app, pos, width, frame_h);
  const float filters_bottom = filters(app, ImVec2(pos.x, pos.y + frame_h + 14), width, frame_h);
  const float y = filters_bottom + 16;
  const float header_h = font_size + 2 * 9;
  const float table_h = decision_table(app, ImVec2(pos.x, y), width, header_h);
  sync_url(app);
  return y + table_h + 36 - pos.y;
}

}  // namespace logbook::app
