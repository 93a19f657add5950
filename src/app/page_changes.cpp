#include "page_changes.hpp"

#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "core/calendar_date.hpp"
#include "core/front_matter.hpp"

namespace logbook::app {

namespace {

constexpr float kNoticePad = 12, kBarX = 16, kRemovedPad = 10;
// Changes a screen reader is read one by one; past them, how many more (a page rewritten
// whole would put thousands of rows in the DOM copy).
constexpr std::size_t kMostSaidChanges = 50;

std::string read_copy_url(App& app) {
  return app.full_url(app.site().pages[static_cast<std::size_t>(app.page().index)].url) + "index.md";
}

// The source of lines first..last of text, for a screen reader's row: at most 160 bytes.
std::string lines_of(std::string_view text, int first, int last) {
  const auto after_line = [&](std::size_t at) {
    const std::size_t nl = text.find('\n', at);
    return nl == std::string_view::npos ? text.size() : nl + 1;
  };
  std::size_t b = 0;
  for (int n = 1; n < first && b < text.size(); ++n) b = after_line(b);
  std::size_t e = b;
  for (int n = first; n <= last && e < text.size(); ++n) e = after_line(e);
  std::size_t n = std::min<std::size_t>(e - b, 160);
  while (n > 0 && b + n < e && (static_cast<unsigned char>(text[b + n]) & 0xC0) == 0x80) --n;  // whole characters
  std::string out(text.substr(b, n));
  std::replace(out.begin(), out.end(), '\n', ' ');
  while (!out.empty() && (out.back() == ' ' || out.back() == '\r')) out.pop_back();
  return out;
}

// Each line of the removed text as wrapped to wrap: f(begin, end) in order. The one
// home of its wrapping, for its height and its drawing.
template <typename F>
void each_wrapped_line(ImFont* font, float size, const std::string& text, float wrap, F f) {
  const char* s = text.c_str();
  const char* end = s + text.size();
  while (s < end) {
    const char* eol = font->CalcWordWrapPosition(size, s, end, wrap);
    if (eol <= s) eol = s + 1;
    const char* nl = std::find(s, eol, '\n');
    const char* stop = nl < eol ? nl : eol;
    if (!f(s, stop)) return;
    s = nl < eol ? nl + 1 : eol;
    while (s < end && *s == ' ') ++s;
  }
}

float removed_line_h(float size) { return std::round(size * 1.4f); }

void compare(PageChangesState& st, std::string_view old_source, std::string_view new_source) {
  const std::string_view before = split_front_matter(old_source).body, now = split_front_matter(new_source).body;
  st.diff = diff_blocks(before, now);
  st.kind_by_line.assign(static_cast<std::size_t>(std::count(now.begin(), now.end(), '\n')) + 2, 0);
  st.accessible = {"What changed since you last read it", {}};
  for (const BlockChange& c : st.diff.changes) {
    for (int l = c.line; l <= c.end_line && static_cast<std::size_t>(l) < st.kind_by_line.size(); ++l)
      st.kind_by_line[static_cast<std::size_t>(l)] = static_cast<std::uint8_t>(static_cast<int>(c.kind) + 1);
    const char* what = c.kind == BlockChangeKind::added ? "Added: " : c.kind == BlockChangeKind::changed ? "Changed: " : "Moved: ";
    if (st.accessible.rows.size() < kMostSaidChanges) st.accessible.rows.emplace_back(what + lines_of(now, c.line, c.end_line), "");
  }
  for (const RemovedText& r : st.diff.removed)
    if (st.accessible.rows.size() < kMostSaidChanges) st.accessible.rows.emplace_back("Removed: " + lines_of(r.text, 1, 3), "");
  const std::size_t all = st.diff.changes.size() + st.diff.removed.size();
  if (all > st.accessible.rows.size())
    st.accessible.rows.emplace_back("and " + std::to_string(all - st.accessible.rows.size()) + " more changes", "");
}

}  // namespace

std::string days_ago(const std::string& date, const std::string& today) {
  const auto days = days_between(date, today);
  if (!days || *days < 0) return "on " + date;
  if (*days == 0) return "today";
  if (*days == 1) return "yesterday";
  return std::to_string(*days) + " days ago";
}

std::string shown_removed_text(const std::string& text) {
  if (text.size() <= kShownRemovedBytes) return text;
  std::size_t cut = kShownRemovedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "\u2026";
}

void begin_page_changes(App& app) {
  PageChangesState& st = app.changes();
  const int generation = app.page().generation, index = app.page().index;
  st = {};
  st.generation = generation;
  st.copy = PageChangesState::Copy::asked;
  app.platform().read_copy(read_copy_url(app), [&app, generation, index](FetchResult r) {
    PageChangesState& s = app.changes();
    // The reader moved on (the first page and the next can share a generation: the index too).
    if (generation != app.page().generation || index != app.page().index || s.generation != generation) return;
    s.copy = r.ok ? PageChangesState::Copy::found : PageChangesState::Copy::missing;
    if (r.ok) compare(s, r.bytes, app.page().source);
    app.page().relayout = true;  // the removed text's place, and the marks, need the new layout
    app.request_frames(4);
  });
}

void keep_as_read(App& app) { app.platform().keep_read_copy(read_copy_url(app), app.page().source); }

void mark_page_read(App& app) {
  ReaderNotesState& n = app.notes();
  const CurrentPage& page = app.page();
  if (page.index < 0) return;
  mark_read(n.seen, app.site().pages[static_cast<std::size_t>(page.index)]);
  app.platform().storage_set(seen_storage_key(app.site()), save_seen_pages(n.seen));
  n.seen.dirty = false;
  n.page_changed = false;
  n.changed = changed_pages(app.site(), n.seen);
  keep_as_read(app);
  const bool had_gaps = app.changes().show_removed;
  app.changes() = {};
  if (had_gaps) app.page().relayout = true;
  app.platform().announce("Marked as read");
}

void place_removed_text(const PageChangesState& st, DocLayout& layout, const Typography& type, float width) {
  if (!st.show_removed || st.diff.removed.empty()) return;
  // The first chunk of each source line, found once: a page may have thousands of blocks.
  std::vector<int> first_chunk(st.kind_by_line.size(), -1);
  for (std::size_t c = layout.chunks.size(); c-- > 0;) {
    const int line = layout.chunks[c].line;
    if (line > 0 && static_cast<std::size_t>(line) < first_chunk.size()) first_chunk[static_cast<std::size_t>(line)] = static_cast<int>(c);
  }
  std::vector<Gap> gaps;
  ImFont* font = type.font(Face::regular);
  const float size = type.scale.small;
  for (std::size_t i = 0; i < st.diff.removed.size(); ++i) {
    const RemovedText& r = st.diff.removed[i];
    const int c = r.before_line > 0 && static_cast<std::size_t>(r.before_line) < first_chunk.size() ? first_chunk[static_cast<std::size_t>(r.before_line)] : -1;
    const float y = c >= 0 ? layout.chunks[static_cast<std::size_t>(c)].y0 : layout.height;
    const std::string shown = shown_removed_text(r.text);
    float text_h = 0;
    each_wrapped_line(font, size, shown, width - 2 * kRemovedPad, [&](const char*, const char*) { return (text_h += removed_line_h(size)) > 0; });
    gaps.push_back({y, std::ceil(text_h + 2 * kRemovedPad + 12), static_cast<int>(i)});
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) { return a.y < b.y; });
  layout.open_gaps(std::move(gaps));
}

float draw_changes_notice(App& app, ImVec2 pos, float width) {
  const PageChangesState& st = app.changes();
  if (!app.notes().page_changed || st.generation != app.page().generation) return 0;
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const PublishedSite& site = app.site();
  const int index = app.page().index;
  const PublishedPage& entry = site.pages[static_cast<std::size_t>(index)];
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* bold = T.font(Face::bold);
  ImFont* regular = T.font(Face::regular);
  const float line_h = std::round(T.scale.ui * 1.6f), h = 2 * line_h + 2 * kNoticePad;
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), th[Ink::accent_soft], 8);
  dl->AddRectFilled(pos, ImVec2(pos.x + 4, pos.y + h), th[Ink::accent], 2);
  // "Changed 2 days ago by ana: Fix the setup steps", cut to its line.
  std::string what = "Changed since you last read it";
  if (!entry.updated.empty()) {
    what = "Changed " + days_ago(entry.updated, app.notes().today);
    const std::string& who = entry.last_author.empty() ? (entry.authors.empty() ? "" : entry.authors.front()) : entry.last_author;
    if (!who.empty()) what += " by " + who;
    if (!entry.summary.empty()) what += ": " + entry.summary;
  }
  const float x = pos.x + 18, text_w = width - 30;
  draw_elided(dl, bold, T.scale.ui, ImVec2(x, pos.y + kNoticePad), th[Ink::text], what, text_w,
              ImGui::IsMouseHoveringRect(pos, ImVec2(pos.x + width, pos.y + line_h + kNoticePad)));
  app.add_view_link({what, "", x, pos.y + kNoticePad, text_w, line_h});
  // For screen readers: the notice, then each change (the DOM copy has the current text only).
  AccessibleList said = st.accessible;
  said.rows.insert(said.rows.begin(), {what, ""});
  // The second line: the actions, or why there is nothing to compare with.
  float ax = x;
  const float ay = pos.y + kNoticePad + line_h, size = T.scale.small;
  const auto action = [&](const char* id, const char* label, const std::string& href) {
    const float w = regular->CalcTextSizeA(size, FLT_MAX, 0, label).x;
    const bool clicked = text_link(id, regular, size, ImVec2(ax, ay), label, th[Ink::link], th[Ink::link_hover]);
    app.add_view_link({label, href, ax, ay, w, size * 1.3f});
    ax += w;
    return clicked;
  };
  const auto dot = [&] {
    dl->AddText(regular, size, ImVec2(ax + 8, ay), th[Ink::faint], "·");
    ax += 22;
  };
  // "Mark as read" first: it stays where it is when the read copy's answer adds the rest.
  const bool mark = action("changes-read", "Mark as read", "action:mark-read");
  using Copy = PageChangesState::Copy;
  if (st.copy == Copy::missing) {
    const std::string history = site.history_url(index);
    if (!history.empty()) {
      dot();
      if (action("changes-history", "History", history)) app.platform().open_in_new_tab(history);
    }
    dot();
    const std::string note = "No copy of the version you read is on this device";
    const ImVec2 at(ax, ay);
    draw_elided(dl, regular, size, at, th[Ink::muted], note, x + text_w - ax,
                ImGui::IsMouseHoveringRect(at, ImVec2(x + text_w, ay + size * 1.3f)));
    said.rows.emplace_back(note, history);
  } else if (st.copy == Copy::found && !st.diff.removed.empty()) {
    dot();
    if (action("changes-removed", st.show_removed ? "Hide removed text" : "Show removed text", "action:show-removed")) {
      app.changes().show_removed = !st.show_removed;
      app.page().relayout = true;
      app.request_frames(4);
    }
  }
  app.accessibility().lists.push_back(std::move(said));
  if (mark) mark_page_read(app);
  return h + 12;
}

void paint_page_changes(App& app, ImVec2 origin, const Area& area) {
  const PageChangesState& st = app.changes();
  const DocLayout& L = app.page().layout;
  if (st.copy != PageChangesState::Copy::found || st.generation != app.page().generation || !app.notes().page_changed) return;
  const Theme& th = app.theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float top = area.y - origin.y, bottom = top + area.h;
  const float bar_x = origin.x - (app.phone() ? 11 : kBarX);
  for (std::size_t c = L.first_chunk_below(top); c < L.chunks.size() && L.chunks[c].y0 <= bottom; ++c) {
    const Chunk& k = L.chunks[c];
    const std::size_t line = static_cast<std::size_t>(std::max(0, k.line));
    if (line >= st.kind_by_line.size() || !st.kind_by_line[line]) continue;
    const bool moved = st.kind_by_line[line] == static_cast<std::uint8_t>(BlockChangeKind::moved) + 1;
    dl->AddRectFilled(ImVec2(bar_x, origin.y + k.y0), ImVec2(bar_x + 4, origin.y + k.y1), th[moved ? Ink::rule : Ink::accent], 2);
  }
  if (!st.show_removed) return;
  ImFont* font = app.type().font(Face::regular);
  const float size = app.type().scale.small;
  for (const Gap& g : L.gaps) {
    if (g.y + g.h < top || g.y > bottom || g.item < 0 || static_cast<std::size_t>(g.item) >= st.diff.removed.size()) continue;
    const ImVec2 a(origin.x, origin.y + g.y), b(origin.x + L.width, origin.y + g.y + g.h - 12);
    dl->AddRectFilled(a, b, th[Ink::code_bg], 6);
    dl->AddRectFilled(ImVec2(bar_x, a.y), ImVec2(bar_x + 4, b.y), th[Ink::caution], 2);
    const std::string shown = shown_removed_text(st.diff.removed[static_cast<std::size_t>(g.item)].text);
    const float wrap = L.width - 2 * kRemovedPad;
    // Struck through, line by line, as wrapped; none past the bottom of the view.
    float y = a.y + kRemovedPad;
    each_wrapped_line(font, size, shown, wrap, [&](const char* s, const char* stop) {
      const float w = font->CalcTextSizeA(size, FLT_MAX, 0, s, stop).x, mid = std::round(y + size * 0.6f);
      dl->AddText(font, size, ImVec2(a.x + kRemovedPad, y), th[Ink::muted], s, stop);
      if (w > 0) dl->AddLine(ImVec2(a.x + kRemovedPad, mid), ImVec2(a.x + kRemovedPad + w, mid), th[Ink::muted], 1);
      y += removed_line_h(size);
      return y < area.y + area.h;
    });
  }
}

}  // namespace logbook::app
