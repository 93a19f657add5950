#include "document_paint.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "app.hpp"
#include "core/bidi_text.hpp"

namespace logbook::app {

namespace {

float region_offset(const std::vector<float>& rs, int region) {
  return region >= 0 && static_cast<std::size_t>(region) < rs.size() ? rs[static_cast<std::size_t>(region)] : 0.0f;
}

// Calls paint(x0, x1, fragment) for the part of each visible fragment inside [b, e).
template <typename F>
void for_range(const DocLayout& L, const Typography& T, std::size_t first, std::size_t last, std::uint32_t b, std::uint32_t e, F&& paint) {
  for (std::size_t i = first; i < last; ++i) {
    const Fragment& f = L.fragments[i];
    if (f.end <= b || f.begin >= e) {
      // The gap between two fragments of one line (a space between styles) is selected too.
      if (!(f.end <= b && i + 1 < L.fragments.size() && L.fragments[i + 1].begin >= e)) continue;
    }
    const TextStyle& st = L.styles[f.style];
    const std::string_view text(L.text.data() + f.begin, f.end - f.begin);
    float x0 = b > f.begin ? T.measure(st.face, st.size, text.substr(0, std::min<std::size_t>(b - f.begin, text.size()))) : 0;
    float x1 = e < f.end ? T.measure(st.face, st.size, text.substr(0, e - f.begin)) : f.w;
    if (f.flags & kRightToLeft) {  // the text runs from the right edge leftwards
      const auto shaped_width = [&](std::size_t n) { return T.measure(st.face, st.size, shape_arabic(text.substr(0, n))); };
      const float right = b > f.begin ? shaped_width(std::min<std::size_t>(b - f.begin, text.size())) : 0;
      const float left = e < f.end ? shaped_width(e - f.begin) : f.w;
      x0 = f.w - left;
      x1 = f.w - right;
    }
    if (e > f.end && i + 1 < L.fragments.size()) {
      const Fragment& n = L.fragments[i + 1];
      if (!(n.flags & kLineStart) && n.line_y == f.line_y && n.begin < e) x1 = n.x - f.x;
    }
    if (f.end <= b) continue;
    paint(f, x0, x1);
  }
}

void draw_alert_icon(ImDrawList* dl, const Decoration& d, ImVec2 p, ImU32 c) {
  const ImVec2 center(p.x + d.w * 0.5f, p.y + d.h * 0.5f);
  const float r = d.w * 0.5f - 1;
  switch (d.data) {
    case 1: draw_icon(dl, kIconInfo, center, d.w, c); break;
    case 2: draw_icon(dl, kIconLightbulb, center, d.w, c); break;
    case 3: draw_icon(dl, kIconReport, center, d.w, c); break;
    case 4: draw_icon(dl, kIconAlert, center, d.w, c); break;
    default: draw_icon(dl, kIconStop, center, d.w, c); break;
  }
  (void)r;
}

// One paint of the layout: where it is drawn, the band of it in view, and which scroll
// region's clip rectangle is pushed (a wide table or code block clips its own content).
struct Painter {
  const DocLayout& L;
  const Theme& th;
  const Typography& T;
  const DocumentViewState& v;
  ImDrawList* dl;
  ImVec2 o;
  Area clip;
  float top, bottom;  // the band in view, in layout coordinates
  int pushed = -2;    // the scroll region whose clip rectangle is pushed

  void enter_region(int region) {
    if (region == pushed) return;
    if (pushed >= 0) dl->PopClipRect();
    pushed = region;
    if (region >= 0) {
      const ScrollRegion& r = L.regions[static_cast<std::size_t>(region)];
      dl->PushClipRect(ImVec2(o.x + r.x, std::max(clip.y, o.y + r.y)), ImVec2(o.x + r.x + r.w, std::min(clip.y + clip.h, o.y + r.y + r.h)), true);
    }
  }
  ImVec2 at(float x, float y, int region) const { return ImVec2(o.x + x - region_offset(v.region_scroll, region), o.y + y); }
  bool off_band(float y, float h) const { return y > bottom || y + h < top; }
};

void paint_decoration(Painter& P, const Decoration& d, ImVec2 p, ImVec2 q, const CurrentPage& page) {
  const Theme& th = P.th;
  ImDrawList* dl = P.dl;
  switch (d.kind) {
    case DecorationKind::fill: dl->AddRectFilled(p, q, th[d.ink], d.rounding); break;
    case DecorationKind::stroke: dl->AddRect(p, q, th[d.ink], d.rounding, 0, 1.0f); break;
    case DecorationKind::bullet: {
      const ImVec2 c(p.x + d.w * 0.5f, p.y + d.h * 0.5f);
      if (d.data <= 0) dl->AddCircleFilled(c, d.w * 0.5f, th[d.ink]);
      else if (d.data == 1) dl->AddCircle(c, d.w * 0.5f - 0.5f, th[d.ink], 0, 1.3f);
      else dl->AddRectFilled(ImVec2(c.x - 2.5f, c.y - 2.5f), ImVec2(c.x + 2.5f, c.y + 2.5f), th[d.ink]);
      break;
    }
    case DecorationKind::checkbox:
      if (d.data) {
        dl->AddRectFilled(p, q, th[Ink::accent], d.rounding);
        draw_icon(dl, kIconCheck, ImVec2(p.x + d.w * 0.5f, p.y + d.h * 0.5f), d.w - 3, th[Ink::page_bg]);
      } else {
        dl->AddRect(p, q, th[Ink::faint], d.rounding, 0, 1.5f);
      }
      break;
    case DecorationKind::image: {
      const auto slot = static_cast<std::size_t>(d.data);
      if (slot < page.image_textures.size() && page.image_textures[slot])
        dl->AddImageRounded(ImTextureRef(static_cast<ImTextureID>(page.image_textures[slot])), p, q, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, 6);
      break;
    }
    case DecorationKind::alert_icon: draw_alert_icon(dl, d, p, th[d.ink]); break;
  }
}

// Backgrounds spanning blocks, then the decorations of the chunks [c0, c1) in view.
void paint_decorations(Painter& P, std::size_t c0, std::size_t c1, const CurrentPage& page) {
  const DocLayout& L = P.L;
  for (const Decoration& d : L.spans) {
    if (P.off_band(d.y, d.h)) continue;
    const ImVec2 p = P.at(d.x, d.y, d.region);
    P.dl->AddRectFilled(p, ImVec2(p.x + d.w, p.y + d.h), P.th[d.ink], d.rounding);
  }
  const std::uint32_t d0 = c0 < L.chunks.size() ? L.chunks[c0].deco_begin : 0;
  const std::uint32_t d1 = c1 > 0 && c1 - 1 < L.chunks.size() ? L.chunks[c1 - 1].deco_end : 0;
  for (std::uint32_t i = d0; i < d1; ++i) {
    const Decoration& d = L.decorations[i];
    // Only what is on screen: one block (a paragraph of 50,000 code pills, a table row of
    // 10,000 cells) may hold far more than fits.
    if (P.off_band(d.y, d.h)) continue;
    const ImVec2 p = P.at(d.x, d.y, d.region), q(p.x + d.w, p.y + d.h);
    if (q.x < P.clip.x || p.x > P.clip.x + P.clip.w) continue;
    P.enter_region(d.region);
    paint_decoration(P, d, p, q, page);
  }
}

// The fragments on screen, and the text they show: a long paragraph is one chunk, and
// marks are looked for only among the lines in view.
struct TextInView {
  std::size_t f0 = 0, f1 = 0;  // fragments
  std::uint32_t begin = UINT32_MAX, end = 0;  // their text
};

TextInView text_in_view(const Painter& P, std::size_t c0, std::size_t c1) {
  const DocLayout& L = P.L;
  TextInView t;
  t.f0 = t.f1 = L.chunks[c1 - 1].frag_end;
  for (std::size_t i = L.chunks[c0].frag_begin; i < L.chunks[c1 - 1].frag_end; ++i) {
    const Fragment& f = L.fragments[i];
    if (P.off_band(f.line_y, f.line_h)) continue;
    t.f0 = std::min(t.f0, i);
    t.f1 = i + 1;
    t.begin = std::min(t.begin, f.begin);
    t.end = std::max(t.end, f.end);
  }
  return t;
}

// Under the text: search highlights, find matches, the selection.
void paint_marks(App& app, Painter& P, const TextInView& t) {
  const DocumentViewState& v = P.v;
  const auto mark = [&](std::uint32_t b, std::uint32_t e, ImU32 color) {
    if (e <= t.begin || b > t.end) return;
    for_range(P.L, P.T, t.f0, t.f1, b, e, [&](const Fragment& f, float x0, float x1) {
      P.enter_region(f.region);
      const ImVec2 p = P.at(f.x + x0, f.line_y, f.region);
      P.dl->AddRectFilled(ImVec2(p.x - 1, p.y + 1), ImVec2(p.x + (x1 - x0) + 1, p.y + f.line_h - 1), color, 3);
    });
  };
  const double now = app.platform().now_ms();
  const bool flash = now < v.flash_until;
  if (flash) app.request_frames(2);
  // Both lists are sorted: start at the first that may be in view.
  const auto first_shown = [&](const std::vector<std::pair<std::uint32_t, std::uint32_t>>& marks) {
    return static_cast<std::size_t>(std::partition_point(marks.begin(), marks.end(), [&](const auto& m) { return m.second <= t.begin; }) - marks.begin());
  };
  for (std::size_t i = first_shown(v.highlights); i < v.highlights.size() && v.highlights[i].first <= t.end; ++i)
    mark(v.highlights[i].first, v.highlights[i].second, P.th[Ink::search_mark]);
  const FindBarState& find = app.find();
  for (std::size_t i = first_shown(find.matches); i < find.matches.size() && find.matches[i].first <= t.end; ++i)
    mark(find.matches[i].first, find.matches[i].second, P.th[static_cast<int>(i) == find.current ? Ink::find_current : Ink::find_match]);
  if (!v.selection.empty()) mark(v.selection.begin(), v.selection.end(), P.th[Ink::selection]);
}

// A broken link's wavy underline, as the static pages draw it (page.css).
void wavy_underline(ImDrawList* dl, float x0, float x1, float y, ImU32 color) {
  constexpr float kStep = 2.5f, kAmp = 1.2f;
  dl->PathLineTo(ImVec2(x0, y));
  float sign = -1;
  for (float x = x0 + kStep; x < x1 + kStep; x += kStep, sign = -sign) dl->PathLineTo(ImVec2(std::min(x, x1), y + sign * kAmp));
  dl->PathStroke(color, 0, 1.0f);
}

// The text of the fragments in view, with strike-through, a hovered link's underline and
// a broken link's wavy one.
void paint_text(Painter& P, const TextInView& t) {
  const DocLayout& L = P.L;
  const Typography& T = P.T;
  for (std::size_t i = t.f0; i < t.f1; ++i) {
    const Fragment& f = L.fragments[i];
    if (P.off_band(f.line_y, f.line_h)) continue;
    const ImVec2 p = P.at(f.x, f.y, f.region);
    if (p.x + f.w < P.clip.x || p.x > P.clip.x + P.clip.w) continue;  // a cell of a wide table, scrolled away
    P.enter_region(f.region);
    const TextStyle& st = L.styles[f.style];
    const bool broken = f.link >= 0 && L.links[static_cast<std::size_t>(f.link)].broken;
    const bool hover = f.link >= 0 && f.link == P.v.hovered_link && !broken;
    const ImU32 color = hover ? P.th[Ink::link_hover] : P.th[st.ink];
    const std::string_view text = (f.flags & kRightToLeft) ? std::string_view(L.right_to_left_shown.at(f.begin))
                                                            : std::string_view(L.text.data() + f.begin, f.end - f.begin);
    P.dl->AddText(T.font(st.face), st.size, ImVec2(std::round(p.x), std::round(p.y)), color, text.data(), text.data() + text.size());
    const float baseline = p.y + T.ascent(st.face) * st.size;
    if (st.strike) {
      const float y = std::round(baseline - st.size * 0.3f) + 0.5f;
      P.dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + f.w, y), color, 1.2f);
    }
    if (hover) {  // links underline on hover, as on GitHub
      const float y = std::round(baseline + 2.5f) + 0.5f;
      P.dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + f.w, y), color, 1.0f);
    }
    if (broken) wavy_underline(P.dl, p.x, p.x + f.w, std::round(baseline + 3) + 0.5f, color);
  }
}

}  // namespace

const Fragment* link_fragment_at(const DocLayout& L, const std::vector<float>& rs, float x, float y) {
  std::size_t c = L.first_chunk_below(y);
  for (; c < L.chunks.size() && L.chunks[c].y0 <= y; ++c) {
    for (std::uint32_t i = L.chunks[c].frag_begin; i < L.chunks[c].frag_end; ++i) {
      const Fragment& f = L.fragments[i];
      if (f.link < 0) continue;
      const float fx = f.x - region_offset(rs, f.region);
      if (x >= fx - 2 && x < fx + f.w + 2 && y >= f.line_y && y < f.line_y + f.line_h) return &f;
    }
  }
  return nullptr;
}

int link_at(const DocLayout& L, const std::vector<float>& rs, float x, float y) {
  const Fragment* f = link_fragment_at(L, rs, x, y);
  return f ? f->link : -1;
}

namespace {

void paint(App& app, const DocLayout& L, const DocumentViewState& v, const CurrentPage& page, ImVec2 o, const Area& clip, bool marks) {
  Painter P{L, app.theme(), app.type(), v, ImGui::GetWindowDrawList(), o, clip, clip.y - o.y, clip.y + clip.h - o.y};
  const std::size_t c0 = L.first_chunk_below(P.top);
  std::size_t c1 = c0;
  while (c1 < L.chunks.size() && L.chunks[c1].y0 <= P.bottom) ++c1;
  if (c0 >= c1 && L.spans.empty()) return;
  paint_decorations(P, c0, c1, page);
  if (c0 < c1) {
    const TextInView t = text_in_view(P, c0, c1);
    if (marks) paint_marks(app, P, t);
    paint_text(P, t);
  }
  P.enter_region(-1);
}

}  // namespace

void paint_layout(App& app, ImVec2 o, const Area& clip) { paint(app, app.page().layout, app.doc_view(), app.page(), o, clip, true); }

// A layout that is not the page (a link preview's paragraph): no selection, no marks, no
// images (their alt text stays), nothing scrolled sideways.
void paint_other_layout(App& app, const DocLayout& layout, ImVec2 origin, const Area& clip) {
  static const DocumentViewState kStill;
  static const CurrentPage kNoImages;
  paint(app, layout, kStill, kNoImages, origin, clip, false);
}

void code_block_button(App& app, ImVec2 o, const Area& clip, std::size_t r) {
  const DocLayout& L = app.page().layout;
  DocumentViewState& v = app.doc_view();
  const Theme& th = app.theme();
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool touch = io.MouseSource == ImGuiMouseSource_TouchScreen;
  const ScrollRegion& reg = L.regions[r];
  const ImVec2 p(o.x + reg.x, o.y + reg.y);
  const bool visible = !(p.y > clip.y + clip.h || p.y + reg.h < clip.y);
  // A sliver of scrollbar tells that a block scrolls sideways.
  if (visible && reg.content_w > reg.w + 1) {
    const float frac = reg.w / reg.content_w, pos = v.region_scroll[r] / (reg.content_w - reg.w);
    const float bar_w = std::max(24.0f, (reg.w - 16) * frac);
    const float bx = p.x + 8 + (reg.w - 16 - bar_w) * pos;
    dl->AddRectFilled(ImVec2(bx, p.y + reg.h - 5), ImVec2(bx + bar_w, p.y + reg.h - 2), th[Ink::faint], 2);
  }
  if (!reg.code || (!visible && !io.NavVisible)) return;
  const bool inside = io.MousePos.x >= p.x && io.MousePos.x < p.x + reg.w && io.MousePos.y >= p.y && io.MousePos.y < p.y + reg.h;
  const bool recently = v.copied_region == static_cast<int>(r) && app.platform().now_ms() - v.copied_at < 1500;
  if (!inside && !recently && !touch && !io.NavVisible) return;
  const ImVec2 bp(p.x + reg.w - 38, p.y + 8);
  ImGui::PushID(static_cast<int>(r));
  if (icon_button("copy", recently ? "check" : "copy", bp, 30, recently ? "Copied" : "Copy code")) {
    app.platform().copy_to_clipboard(L.text.substr(reg.text_begin, reg.text_end - reg.text_begin));
    v.copied_region = static_cast<int>(r);
    v.copied_at = app.platform().now_ms();
    app.request_frames(100);
  }
  ImGui::PopID();
}

// On hover, a link mark in the margin before a heading: a click copies the heading's
// address and puts it in the address bar. A long press on a heading (a finger does not
// hover) opens the link menu for it.
void heading_permalinks(App& app, ImVec2 o, const Area& clip) {
  const DocLayout& L = app.page().layout;
  const ImGuiIO& io = ImGui::GetIO();
  // Still hovered while its own button is held (the press makes it the active item).
  const bool hovered = clip.contains(io.MousePos) && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  const Typography& T = app.type();
  const float right = o.x + app.doc_view().content_w;
  for (const Anchor& a : L.anchors) {
    if (a.level < 1 || a.level > 6) continue;
    const float y = o.y + a.y, h = std::round(T.scale.heading[a.level - 1] * 1.4f);
    if (y > clip.y + clip.h) break;  // anchors come in page order
    if (y + h < clip.y) continue;
    const bool on_line = hovered && io.MousePos.y >= y && io.MousePos.y < y + h && io.MousePos.x >= o.x - 40 && io.MousePos.x < right;
    if (!on_line) continue;
    const std::string href = app.page().url + "#" + a.slug;
    if (io.MouseSource == ImGuiMouseSource_TouchScreen) {
      if (io.MouseDownDuration[0] >= 0.5f && io.MouseDownDurationPrev[0] < 0.5f && !pointer_moved()) app.open_link_menu(href, io.MousePos);
      continue;
    }
    const float s = 24;
    const ImVec2 p(o.x - s - 6, y + (h - s) * 0.5f);
    ImGui::SetCursorScreenPos(p);
    ImGui::PushID(a.slug.c_str());
    const bool clicked = ImGui::InvisibleButton("permalink", ImVec2(s, s));
    const bool over = ImGui::IsItemHovered();
    ImGui::PopID();
    if (over) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand), whole_text_tooltip("Copy the link to this section");
    draw_icon(ImGui::GetWindowDrawList(), kIconLink, ImVec2(p.x + s * 0.5f, p.y + s * 0.5f), 14, app.theme()[over ? Ink::link : Ink::faint]);
    app.add_view_link({"#", href, p.x, p.y, s, s});
    link_menu_on_item(app, href);
    if (clicked) {
      app.platform().copy_to_clipboard(app.absolute_url(href));
      app.platform().history_replace(app.full_url(href));
      app.flash_status("Link to this section copied");
    }
  }
}

void draw_scrollbar(App& app, const Area& area, float total) {
  DocumentViewState& v = app.doc_view();
  if (total <= area.h + 1) return;
  ImGuiIO& io = ImGui::GetIO();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Theme& th = app.theme();
  const float track_x = area.x + area.w - 10, track_h = area.h - 8;
  const float thumb_h = std::max(36.0f, track_h * area.h / total);
  const float max_scroll = total - area.h;
  const float thumb_y = area.y + 4 + (track_h - thumb_h) * (v.scroll / max_scroll);
  const ImVec2 p0(track_x, thumb_y), p1(track_x + 6, thumb_y + thumb_h);
  const bool over = io.MousePos.x >= track_x - 6 && io.MousePos.x < area.x + area.w && io.MousePos.y >= area.y && io.MousePos.y < area.y + area.h;
  if (over && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    v.scrollbar_drag = true;
    v.selection.dragging = false;
  }
  if (v.scrollbar_drag) {
    if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) v.scrollbar_drag = false;
    else {
      const float t = (io.MousePos.y - area.y - 4 - thumb_h * 0.5f) / std::max(1.0f, track_h - thumb_h);
      v.scroll = v.target = std::clamp(t, 0.0f, 1.0f) * max_scroll;
    }
  }
  dl->AddRectFilled(p0, p1, th[over || v.scrollbar_drag ? Ink::muted : Ink::rule], 3);
}

void draw_page_placeholder(App& app, ImVec2 o, float width) {
  const CurrentPage& page = app.page();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (page.status == CurrentPage::Status::failed) {
    const bool missing = page.index < 0;
    dl->AddText(T.font(Face::bold), T.scale.heading[0], o, th[Ink::heading], missing ? "Page not found" : "This page could not be loaded");
    dl->AddText(T.font(Face::regular), T.scale.body, ImVec2(o.x, o.y + 56), th[Ink::muted], page.error.c_str(), nullptr, width);
    if (text_link("home", T.font(Face::bold), T.scale.body, ImVec2(o.x, o.y + 120), "Go to the home page →", th[Ink::link], th[Ink::link_hover]))
      app.open("/");
    return;
  }
  // Loading: quiet grey lines where the text will be.
  const double t = app.platform().now_ms() / 1000.0;
  const float pulse = 0.55f + 0.25f * static_cast<float>(std::sin(t * 3.0));
  ImVec4 c = ImGui::ColorConvertU32ToFloat4(th[Ink::code_bg]);
  c.w *= pulse + 0.2f;
  const ImU32 col = ImGui::ColorConvertFloat4ToU32(c);
  dl->AddRectFilled(o, ImVec2(o.x + width * 0.55f, o.y + 34), col, 6);
  for (int i = 0; i < 6; ++i) {
    const float w = width * (i % 3 == 2 ? 0.6f : 0.95f);
    const float ly = o.y + 64 + static_cast<float>(i) * 28;
    dl->AddRectFilled(ImVec2(o.x, ly), ImVec2(o.x + w, ly + 14), col, 4);
  }
  app.request_frames(2);
}

}  // namespace logbook::app
