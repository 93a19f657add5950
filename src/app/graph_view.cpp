// The link graph's view: a header (which graph, search, close), the legend, and the
// canvas, which draws only what is on screen, labels only when zoomed in enough, and
// takes the pointer (drag pans, wheel and pinch zoom, click opens) and the keyboard
// (arrows go to the nearest node that way, Shift+arrows pan, + and - zoom, Enter opens).
#include <algorithm>
#include <cmath>

#include <imgui_internal.h>

#include "app.hpp"
#include "graph_view.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

constexpr float kHeaderH = 56, kLegendH = 34;
constexpr int kMostLabels = 300;

// Tag colours, one per legend entry (kGraphTags), readable on both themes.
ImU32 tag_colour(int tag, const Theme& th) {
  static const ImU32 colours[kGraphTags] = {IM_COL32(47, 127, 216, 255), IM_COL32(224, 120, 42, 255), IM_COL32(47, 158, 90, 255),
                                            IM_COL32(194, 65, 122, 255), IM_COL32(138, 92, 209, 255), IM_COL32(31, 159, 168, 255),
                                            IM_COL32(184, 144, 42, 255), IM_COL32(210, 69, 59, 255)};
  return tag >= 0 && tag < kGraphTags ? colours[tag] : th[Ink::faint];
}

struct Camera {
  ImVec2 origin;  // the canvas's centre on screen
  ImVec2 center;
  float zoom;
  ImVec2 to_screen(ImVec2 p) const { return {origin.x + (p.x - center.x) * zoom, origin.y + (p.y - center.y) * zoom}; }
  ImVec2 to_layout(ImVec2 s) const { return {center.x + (s.x - origin.x) / zoom, center.y + (s.y - origin.y) / zoom}; }
};

void fit(GraphViewState& st, const Area& canvas) {
  if (st.scene.pos.empty()) return;
  ImVec2 lo = st.scene.pos[0], hi = lo;
  for (const ImVec2& p : st.scene.pos) lo = ImMin(lo, p), hi = ImMax(hi, p);
  st.center = ImVec2((lo.x + hi.x) * 0.5f, (lo.y + hi.y) * 0.5f);
  const float w = std::max(hi.x - lo.x, 1.0f), h = std::max(hi.y - lo.y, 1.0f);
  st.zoom = std::clamp(std::min((canvas.w - 80) / w, (canvas.h - 80) / h), 0.005f, 8.0f);
}

void zoom_about(GraphViewState& st, const Camera& cam, ImVec2 screen, float factor) {
  const ImVec2 at = cam.to_layout(screen);
  st.zoom = std::clamp(st.zoom * factor, 0.005f, 12.0f);
  st.center = ImVec2(at.x - (screen.x - cam.origin.x) / st.zoom, at.y - (screen.y - cam.origin.y) / st.zoom);
}

const std::string& title_of(const GraphViewState& st, int slot) { return st.graph.titles[static_cast<std::size_t>(st.scene.node[static_cast<std::size_t>(slot)])]; }
const std::string& url_of(const GraphViewState& st, int slot) { return st.graph.urls[static_cast<std::size_t>(st.scene.node[static_cast<std::size_t>(slot)])]; }

void open_slot(App& app, int slot) {
  const std::string url = url_of(app.graph(), slot);
  close_graph(app);
  app.open(url);
}

// The scene for the mode, built when the mode or the page changed.
void ensure_scene(App& app) {
  GraphViewState& st = app.graph();
  const int of = st.mode == GraphMode::site ? -1 : app.page().index;
  if (st.load != GraphViewState::Load::ready || st.scene_of == of) return;
  st.scene = of < 0 ? site_scene(st.graph) : near_scene(st.graph, st.adj, of);
  st.scene_of = of;
  st.zoom = 0;
  st.focus = -1;
  for (std::size_t k = 0; k < st.scene.node.size(); ++k)
    if (st.scene.node[k] == app.page().index) st.focus = static_cast<int>(k);
}

void graph_arrived(App& app, FetchResult r) {
  GraphViewState& st = app.graph();
  if (!r.ok) {
    st.load = GraphViewState::Load::failed;
    st.error = "Could not load the link graph" + (r.status ? " (HTTP " + std::to_string(r.status) + ")" : std::string()) + ". " +
               (r.error.empty() ? "Check the connection and open the graph again." : r.error);
  } else if (std::string e = read_link_graph(r.bytes, static_cast<int>(app.site().pages.size()), st.graph); !e.empty()) {
    st.load = GraphViewState::Load::failed;
    st.error = "The link graph could not be read: " + e + ".";
  } else {
    st.adj = adjacency(st.graph);
    st.load = GraphViewState::Load::ready;
  }
  app.request_frames(4);
}

}  // namespace

void open_graph(App& app, GraphMode mode) {
  GraphViewState& st = app.graph();
  st.mode = mode;
  st.focus_canvas = true;
  st.announced = -1;
  app.request_frames(4);
  if (mode == GraphMode::closed || st.load == GraphViewState::Load::loading || st.load == GraphViewState::Load::ready) return;
  if (app.site().graph.empty()) {
    st.load = GraphViewState::Load::failed;
    st.error = "This site was built without a link graph: build it again with a current `logbook build`.";
    return;
  }
  st.load = GraphViewState::Load::loading;
  app.platform().fetch(app.full_url("/" + app.site().graph), [&app](FetchResult r) { graph_arrived(app, std::move(r)); });
}

void close_graph(App& app) {
  app.graph().mode = GraphMode::closed;
  app.graph().hovered = -1;
  app.request_frames(2);
}

namespace {

// The header: which graph (two tabs), the search field, the number of matches, close.
void draw_header(App& app, const Area& a) {
  GraphViewState& st = app.graph();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(a.x, a.y + a.h - 0.5f), ImVec2(a.x + a.w, a.y + a.h - 0.5f), th[Ink::panel_border]);
  float x = a.x + (app.phone() ? 12.0f : 24.0f);
  const float y = a.y + (a.h - T.scale.ui) * 0.5f - 1;
  const auto tab = [&](const char* id, const char* label, GraphMode mode) {
    const bool on = st.mode == mode;
    if (text_link(id, T.font(on ? Face::bold : Face::regular), T.scale.ui, ImVec2(x, y), label, th[on ? Ink::heading : Ink::muted], th[Ink::link]))
      open_graph(app, mode);
    const float w = T.measure(on ? Face::bold : Face::regular, T.scale.ui, label);
    if (on) dl->AddRectFilled(ImVec2(x, a.y + a.h - 3), ImVec2(x + w, a.y + a.h - 1), th[Ink::accent]);
    x += w + 22;
  };
  tab("graph-near", app.phone() ? "This page" : "This page's links", GraphMode::near);
  tab("graph-site", "Whole site", GraphMode::site);
  const float close = 34, field_w = std::clamp(a.x + a.w - x - close - 150, 120.0f, 320.0f);
  ImGui::SetCursorScreenPos(ImVec2(x, a.y + (a.h - 34) * 0.5f));
  ImGui::SetNextItemWidth(field_w);
  ScopedStyle style;
  style.font(T.font(Face::regular), T.scale.ui).var(ImGuiStyleVar_FramePadding, ImVec2(10, 8)).var(ImGuiStyleVar_FrameRounding, 8);
  style.color(ImGuiCol_FrameBg, th[Ink::code_bg]);
  if (ImGui::InputTextWithHint("##graph-search", "Find a page in the graph", st.query, sizeof st.query, ImGuiInputTextFlags_EnterReturnsTrue) &&
      st.match_count > 0) {
    for (std::size_t k = 0; k < st.scene.node.size(); ++k)  // Enter: to the first match
      if (st.matches[static_cast<std::size_t>(st.scene.node[k])]) {
        st.focus = static_cast<int>(k);
        st.center = st.scene.pos[k];
        st.zoom = std::max(st.zoom, 0.8f);
        st.focus_canvas = true;
        break;
      }
  }
  if (st.matched != st.query && st.load == GraphViewState::Load::ready) {
    st.matched = st.query;
    st.matches = title_matches(st.graph, st.matched);
    st.match_count = static_cast<int>(std::count(st.matches.begin(), st.matches.end(), 1));
  }
  if (!st.matched.empty()) {
    const std::string count = st.match_count == 1 ? "1 match" : std::to_string(st.match_count) + " matches";
    dl->AddText(T.font(Face::regular), T.scale.small, ImVec2(x + field_w + 12, a.y + (a.h - T.scale.small) * 0.5f - 1), th[Ink::muted], count.c_str());
  }
  if (icon_button("graph-close", "close", ImVec2(a.x + a.w - close - 12, a.y + (a.h - close) * 0.5f), close, "Close the graph (Esc)")) close_graph(app);
}

// The legend: the tags' colours, then what a decision and a supersession look like.
void draw_legend(App& app, const Area& a) {
  const GraphViewState& st = app.graph();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* f = T.font(Face::regular);
  const float size = T.scale.small, cy = a.y + a.h * 0.5f;
  float x = a.x + (app.phone() ? 12.0f : 24.0f);
  const auto entry = [&](const std::string& label) {
    dl->AddText(f, size, ImVec2(x, cy - size * 0.55f), th[Ink::muted], label.c_str());
    x += f->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x + 16;
  };
  for (std::size_t t = 0; t < st.graph.tags.size() && x < a.x + a.w - 260; ++t) {
    dl->AddCircleFilled(ImVec2(x + 5, cy), 5, tag_colour(static_cast<int>(t), th));
    x += 14;
    entry(st.graph.tags[t]);
  }
  if (x > a.x + a.w - 240) return;
  dl->AddQuadFilled(ImVec2(x + 6, cy - 6), ImVec2(x + 12, cy), ImVec2(x + 6, cy + 6), ImVec2(x, cy), th[Ink::heading]);
  x += 18;
  entry("decision");
  for (float d = 0; d < 24; d += 6) dl->AddLine(ImVec2(x + d, cy), ImVec2(x + d + 3, cy), th[Ink::accent], 2);
  x += 30;
  entry("supersedes");
}

// A dashed line with an arrowhead at b: one record superseding another.
void supersession(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 c, float r) {
  const ImVec2 d(b.x - a.x, b.y - a.y);
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len < r * 2 + 1) return;
  const ImVec2 u(d.x / len, d.y / len);
  for (float t = r; t < len - r - 8; t += 9) {
    const float e = std::min(t + 5, len - r - 8);
    dl->AddLine(ImVec2(a.x + u.x * t, a.y + u.y * t), ImVec2(a.x + u.x * e, a.y + u.y * e), c, 2);
  }
  const ImVec2 tip(b.x - u.x * (r + 1), b.y - u.y * (r + 1));
  dl->AddTriangleFilled(tip, ImVec2(tip.x - u.x * 9 - u.y * 5, tip.y - u.y * 9 + u.x * 5), ImVec2(tip.x - u.x * 9 + u.y * 5, tip.y - u.y * 9 - u.x * 5), c);
}

bool on_screen(ImVec2 p, const Area& a, float pad) { return p.x >= a.x - pad && p.y >= a.y - pad && p.x <= a.x + a.w + pad && p.y <= a.y + a.h + pad; }

// Edges first, faint, as thin quads written straight into the draw list (AddLine builds a
// path per call, and the whole site has tens of thousands of edges); past kMostEdges on
// screen, an even sample of them (the overview shows their density, not each line).
constexpr std::size_t kMostEdges = 6000;

void draw_edges(App& app, const Area& a, const std::vector<ImVec2>& screen, float r) {
  const GraphViewState& st = app.graph();
  const Theme& th = app.theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 c = st.match_count > 0 ? (th[Ink::rule] & 0x00FFFFFF) | 0x60000000 : th[Ink::rule];
  // Two passes over the edges (count, then write), so a frame allocates nothing for them.
  const auto shown = [&](const std::pair<int, int>& e) {
    const ImVec2 p = screen[static_cast<std::size_t>(e.first)], q = screen[static_cast<std::size_t>(e.second)];
    return !(std::max(p.x, q.x) < a.x || std::min(p.x, q.x) > a.x + a.w || std::max(p.y, q.y) < a.y || std::min(p.y, q.y) > a.y + a.h);
  };
  const std::size_t on_screen_edges = static_cast<std::size_t>(std::count_if(st.scene.links.begin(), st.scene.links.end(), shown));
  const std::size_t stride = on_screen_edges / kMostEdges + 1, count = (on_screen_edges + stride - 1) / stride;
  dl->PrimReserve(static_cast<int>(count * 6), static_cast<int>(count * 4));
  const ImVec2 uv = dl->_Data->TexUvWhitePixel;
  std::size_t seen = 0, written = 0;
  for (const auto& e : st.scene.links) {
    if (!shown(e) || seen++ % stride != 0 || written == count) continue;
    ++written;
    const ImVec2 p = screen[static_cast<std::size_t>(e.first)], q = screen[static_cast<std::size_t>(e.second)];
    const float dx = q.x - p.x, dy = q.y - p.y, len = std::sqrt(dx * dx + dy * dy);
    const ImVec2 n = len > 0.01f ? ImVec2(-dy * 0.5f / len, dx * 0.5f / len) : ImVec2(0.5f, 0);
    const ImDrawIdx base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    dl->PrimWriteIdx(base), dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + 1)), dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + 2));
    dl->PrimWriteIdx(base), dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + 2)), dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + 3));
    dl->PrimWriteVtx(ImVec2(p.x + n.x, p.y + n.y), uv, c);
    dl->PrimWriteVtx(ImVec2(q.x + n.x, q.y + n.y), uv, c);
    dl->PrimWriteVtx(ImVec2(q.x - n.x, q.y - n.y), uv, c);
    dl->PrimWriteVtx(ImVec2(p.x - n.x, p.y - n.y), uv, c);
  }
  for (const auto& [i, j] : st.scene.supersedes) supersession(dl, screen[static_cast<std::size_t>(i)], screen[static_cast<std::size_t>(j)], th[Ink::accent], r);
}

// One node: a disc in its tag's colour, a diamond for a decision record; a square when
// many are on screen (four vertices instead of a disc's dozens).
void draw_node(ImDrawList* dl, ImVec2 p, float r, bool decision, ImU32 c, bool many) {
  if (decision) dl->AddQuadFilled(ImVec2(p.x, p.y - r * 1.3f), ImVec2(p.x + r * 1.3f, p.y), ImVec2(p.x, p.y + r * 1.3f), ImVec2(p.x - r * 1.3f, p.y), c);
  else if (many) dl->AddRectFilled(ImVec2(p.x - r, p.y - r), ImVec2(p.x + r, p.y + r), c);
  else dl->AddCircleFilled(p, r, c, r < 5 ? 8 : 16);
}

// A node's name under it, unless it would cover a name already drawn (placed: their boxes);
// a strong name (the focused or current page) is drawn whatever it covers.
void draw_label(App& app, ImVec2 p, float r, const std::string& title, bool strong, std::vector<ImVec4>& placed) {
  const Typography& T = app.type();
  const Theme& th = app.theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* f = T.font(strong ? Face::bold : Face::regular);
  const std::string text = elide_text(f, T.scale.small, title, 200);
  const float w = f->CalcTextSizeA(T.scale.small, FLT_MAX, 0, text.c_str()).x;
  const ImVec2 q(p.x - w * 0.5f, p.y + r + 3);
  const ImVec4 box(q.x - 3, q.y - 1, q.x + w + 3, q.y + T.scale.small + 3);
  const auto covers = [&box](const ImVec4& o) { return box.x < o.z && o.x < box.z && box.y < o.w && o.y < box.w; };
  if (!strong && std::any_of(placed.begin(), placed.end(), covers)) return;
  placed.push_back(box);
  dl->AddRectFilled(ImVec2(box.x, box.y), ImVec2(box.z, box.w), (th[Ink::page_bg] & 0x00FFFFFF) | 0xC0000000, 3);
  dl->AddText(f, T.scale.small, q, th[strong ? Ink::heading : Ink::text], text.c_str());
}

// The nodes on screen, the labels where they fit, and the hovered node (the nearest within reach).
void draw_nodes(App& app, const Area& a, const std::vector<ImVec2>& screen, float r, bool labels) {
  GraphViewState& st = app.graph();
  const Theme& th = app.theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool pointer_in = ImGui::IsItemHovered() && a.contains(mouse);
  std::vector<int> visible;
  for (std::size_t k = 0; k < screen.size(); ++k)
    if (on_screen(screen[k], a, r)) visible.push_back(static_cast<int>(k));
  const bool many = visible.size() > 2000;
  float best = (r + 6) * (r + 6);
  st.hovered = -1;
  for (int k : visible) {
    const ImVec2 p = screen[static_cast<std::size_t>(k)];
    const int page = st.scene.node[static_cast<std::size_t>(k)];
    const bool match = st.match_count > 0 && st.matches[static_cast<std::size_t>(page)];
    ImU32 c = tag_colour(st.graph.tag[static_cast<std::size_t>(page)], th);
    if (st.scene.decision[static_cast<std::size_t>(k)] && st.graph.tag[static_cast<std::size_t>(page)] < 0) c = th[Ink::heading];
    if (st.match_count > 0 && !match) c = (c & 0x00FFFFFF) | 0x50000000;
    draw_node(dl, p, match ? r + 2 : r, st.scene.decision[static_cast<std::size_t>(k)], c, many && !match);
    if (match) dl->AddCircle(p, r + 5, th[Ink::accent], 16, 2);
    const float d = (p.x - mouse.x) * (p.x - mouse.x) + (p.y - mouse.y) * (p.y - mouse.y);
    if (pointer_in && d < best) best = d, st.hovered = k;
  }
  labels = labels || visible.size() <= 150;  // a few pages: names where they fit
  int labelled = 0;
  const bool few_matches = st.match_count > 0 && st.match_count <= 40;
  const auto is_strong = [&](int k) { return k == st.focus || st.scene.node[static_cast<std::size_t>(k)] == app.page().index; };
  std::stable_partition(visible.begin(), visible.end(), is_strong);  // their names first: the others give way
  std::vector<ImVec4> placed;
  for (int k : visible) {
    const int page = st.scene.node[static_cast<std::size_t>(k)];
    const bool strong = is_strong(k);
    if (!(labels || strong || (few_matches && st.matches[static_cast<std::size_t>(page)])) || labelled >= kMostLabels) continue;
    ++labelled;
    const ImVec2 p = screen[static_cast<std::size_t>(k)];
    draw_label(app, p, r, title_of(st, k), strong, placed);
    app.add_view_link({title_of(st, k), url_of(st, k), p.x - r, p.y - r, 2 * r, 2 * r});
  }
}

}  // namespace

namespace {

// Arrows to the nearest node that way (Shift: pan), + and - zoom, 0 fits, Enter opens.
void canvas_keys(App& app, const Area& canvas) {
  GraphViewState& st = app.graph();
  const ImGuiIO& io = ImGui::GetIO();
  static const struct { ImGuiKey key; ImVec2 dir; } arrows[] = {{ImGuiKey_LeftArrow, {-1, 0}}, {ImGuiKey_RightArrow, {1, 0}},
                                                                {ImGuiKey_UpArrow, {0, -1}}, {ImGuiKey_DownArrow, {0, 1}}};
  for (const auto& arrow : arrows) {
    if (!ImGui::IsKeyPressed(arrow.key, true)) continue;
    if (io.KeyShift || st.scene.pos.empty()) {
      st.center = ImVec2(st.center.x + arrow.dir.x * 80 / st.zoom, st.center.y + arrow.dir.y * 80 / st.zoom);
      continue;
    }
    const int next = nearest_in_direction(st.scene.pos, st.focus, arrow.dir);
    if (next < 0) continue;
    st.focus = next;
    const Camera cam{ImVec2(canvas.x + canvas.w * 0.5f, canvas.y + canvas.h * 0.5f), st.center, st.zoom};
    const ImVec2 p = cam.to_screen(st.scene.pos[static_cast<std::size_t>(next)]);
    if (!on_screen(p, {canvas.x + 60, canvas.y + 60, canvas.w - 120, canvas.h - 120}, 0)) st.center = st.scene.pos[static_cast<std::size_t>(next)];
  }
  const ImVec2 mid(canvas.x + canvas.w * 0.5f, canvas.y + canvas.h * 0.5f);
  const Camera cam{mid, st.center, st.zoom};
  if (ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd)) zoom_about(st, cam, mid, 1.4f);
  if (ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract)) zoom_about(st, cam, mid, 1 / 1.4f);
  if (ImGui::IsKeyPressed(ImGuiKey_0)) st.zoom = 0;
  if ((ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) && st.focus >= 0) open_slot(app, st.focus);
}

// Drag pans, the wheel (and a trackpad's pinch, which arrives as Ctrl+wheel) zooms about
// the pointer, a click on a node opens its page.
void canvas_pointer(App& app, const Camera& cam) {
  GraphViewState& st = app.graph();
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsItemActivated()) st.dragged = false;
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4)) {
    st.dragged = true;
    st.center = ImVec2(st.center.x - io.MouseDelta.x / st.zoom, st.center.y - io.MouseDelta.y / st.zoom);
  }
  if (ImGui::IsItemHovered() && io.MouseWheel != 0) zoom_about(st, cam, io.MousePos, std::pow(1.2f, io.MouseWheel));
  if (ImGui::IsItemDeactivated() && !st.dragged && st.hovered >= 0 && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) open_slot(app, st.hovered);
  if (st.hovered >= 0 && !st.dragged) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (resting_on(true)) whole_text_tooltip(title_of(st, st.hovered));
  }
}

void draw_canvas(App& app, const Area& a) {
  GraphViewState& st = app.graph();
  const Theme& th = app.theme();
  ImGui::SetCursorScreenPos(a.min());
  if (st.focus_canvas) ImGui::SetKeyboardFocusHere();
  st.focus_canvas = false;
  ImGui::InvisibleButton("graph-canvas", ImVec2(a.w, a.h), ImGuiButtonFlags_EnableNav);
  const bool focused = ImGui::IsItemFocused();
  const Camera cam{ImVec2(a.x + a.w * 0.5f, a.y + a.h * 0.5f), st.center, st.zoom};
  std::vector<ImVec2> screen(st.scene.pos.size());
  for (std::size_t k = 0; k < screen.size(); ++k) screen[k] = cam.to_screen(st.scene.pos[k]);
  const bool near = st.mode == GraphMode::near;
  const float r = near ? 7.0f : std::clamp(st.zoom * kGraphUnit * 0.3f, 1.5f, 8.0f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(a.min(), a.max(), true);
  draw_edges(app, a, screen, r);
  draw_nodes(app, a, screen, r, near || st.zoom * kGraphUnit >= 40);
  if (st.focus >= 0 && st.focus < static_cast<int>(screen.size()) && (focused || near)) {
    const ImVec2 p = screen[static_cast<std::size_t>(st.focus)];
    dl->AddCircle(p, r + 6, th[Ink::accent], 24, focused ? 2.5f : 1.5f);
  }
  dl->PopClipRect();
  canvas_pointer(app, cam);
  if (focused) canvas_keys(app, a);
  if (st.scene.node.size() == 1)
    dl->AddText(app.type().font(Face::regular), app.type().scale.ui, ImVec2(a.x + 24, a.y + 20), th[Ink::muted],
                "No page links here, and this page links to no other page.");
}

// Zoom in, out and fit, in the canvas's corner, for pointers without a wheel.
void zoom_buttons(App& app, const Area& a) {
  GraphViewState& st = app.graph();
  const float s = 34, x = a.x + a.w - s - 16;
  float y = a.y + a.h - 3 * (s + 8) - 8;
  const Camera cam{ImVec2(a.x + a.w * 0.5f, a.y + a.h * 0.5f), st.center, st.zoom};
  if (icon_button("graph-zoom-in", "plus", ImVec2(x, y), s, "Zoom in (+)")) zoom_about(st, cam, cam.origin, 1.4f);
  y += s + 8;
  if (icon_button("graph-zoom-out", "minus", ImVec2(x, y), s, "Zoom out (-)")) zoom_about(st, cam, cam.origin, 1 / 1.4f);
  y += s + 8;
  if (icon_button("graph-fit", "fit", ImVec2(x, y), s, "Show all (0)")) st.zoom = 0;
}

// What a screen reader gets: the focused page and its neighbours as links, and the
// focused page's name said when the arrows move to it.
void accessible_graph(App& app) {
  GraphViewState& st = app.graph();
  if (st.focus < 0 || st.focus >= static_cast<int>(st.scene.node.size())) return;
  const int page = st.scene.node[static_cast<std::size_t>(st.focus)];
  if (st.described == page) {
    app.accessibility().lists.push_back(st.description);
    return;
  }
  AccessibleList list{.title = "Link graph: " + st.graph.titles[static_cast<std::size_t>(page)], .rows = {}};
  list.rows.emplace_back("Open " + st.graph.titles[static_cast<std::size_t>(page)], app.full_url(st.graph.urls[static_cast<std::size_t>(page)]));
  const auto has = [](const std::vector<std::pair<int, int>>& pairs, int a, int b) { return std::find(pairs.begin(), pairs.end(), std::pair{a, b}) != pairs.end(); };
  for (int v : st.adj.of(page)) {
    if (list.rows.size() > 60) break;
    const char* how = has(st.graph.supersedes, page, v) ? "Supersedes: " : has(st.graph.supersedes, v, page) ? "Superseded by: "
                      : has(st.graph.links, page, v) ? "Links to: " : "Linked from: ";
    list.rows.emplace_back(how + st.graph.titles[static_cast<std::size_t>(v)], app.full_url(st.graph.urls[static_cast<std::size_t>(v)]));
  }
  app.accessibility().lists.push_back(list);
  st.description = std::move(list);
  st.described = page;
  if (st.announced != st.focus && ImGui::GetIO().NavVisible) {
    const std::size_t n = st.adj.of(page).size();
    app.platform().announce(st.graph.titles[static_cast<std::size_t>(page)] + ", " + std::to_string(n) + (n == 1 ? " link" : " links"));
  }
  st.announced = st.focus;
}

}  // namespace

void draw_graph(App& app, const Area& area) {
  GraphViewState& st = app.graph();
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ensure_scene(app);
  draw_header(app, {area.x, area.y, area.w, kHeaderH});
  if (st.load != GraphViewState::Load::ready) {
    const std::string text = st.load == GraphViewState::Load::failed ? st.error : "Loading the link graph\u2026";
    ImGui::SetCursorScreenPos(ImVec2(area.x + 24, area.y + kHeaderH + 24));
    ScopedStyle style;
    style.font(T.font(Face::regular), T.scale.body).color(ImGuiCol_Text, th[Ink::muted]);
    ImGui::PushTextWrapPos(area.x + area.w - 24);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  draw_legend(app, {area.x, area.y + kHeaderH, area.w, kLegendH});
  const Area canvas{area.x, area.y + kHeaderH + kLegendH, area.w, area.h - kHeaderH - kLegendH};
  if (st.zoom <= 0) fit(st, canvas);
  // The buttons are submitted first, so the pointer finds them before the canvas under
  // them, and drawn on a channel over it.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  zoom_buttons(app, canvas);
  dl->ChannelsSetCurrent(0);
  draw_canvas(app, canvas);
  dl->ChannelsMerge();
  accessible_graph(app);
}

}  // namespace logbook::app
