// The browser edge's entry: creates the WebGL2 context and ImGui, hands the app what
// boot.js preloaded, and dispatches browser events (exported lb_* functions) to ImGui
// and the app. It holds no UI state of its own.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_impl_opengl3.h>
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/keyboard_nav.hpp"
#include "core/page_history.hpp"
#include "core/search_engine.hpp"
#include "core/search_wire.hpp"
#include "web_keys.hpp"
#include "web_platform.hpp"

using logbook::app::App;

namespace {

struct Edge {
  logbook::web::WebPlatform platform;
  std::unique_ptr<App> app;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  double last_time = 0;
  bool ready_sent = false;
  std::uint64_t shown_fingerprint = 0;  // of the frame on screen
  int frames_drawn = 0;
  ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
  ImGuiPlatformImeData ime{};
  // Search hits' texts for their snippets, by page path, title and source hash (lb_snippet_texts).
  std::unordered_map<std::string, logbook::IndexedText> page_texts;
};

Edge* g_edge = nullptr;  // the one instance; JavaScript callbacks reach it through here

void set_ime(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
  g_edge->ime = *data;
  logbook::web::js_text_input(data->WantTextInput || data->WantVisible, data->InputPos.x, data->InputPos.y, data->InputLineHeight);
}

void set_clipboard(ImGuiContext*, const char* text) { g_edge->platform.copy_to_clipboard(text ? text : ""); }
// Pasting comes from the hidden input's paste (as typed text), which needs no permission.
const char* get_clipboard(ImGuiContext*) { return ""; }

const char* css_cursor(ImGuiMouseCursor c) {
  switch (c) {
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
  }
}

void mods(int ctrl, int meta, int shift, int alt) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, ctrl != 0);
  io.AddKeyEvent(ImGuiMod_Super, meta != 0);
  io.AddKeyEvent(ImGuiMod_Shift, shift != 0);
  io.AddKeyEvent(ImGuiMod_Alt, alt != 0);
}

// What a frame would put on screen: its size, clear colour and every draw command with
// its vertices and indices. Equal fingerprints draw equal pixels.
std::uint64_t frame_fingerprint(const ImDrawData& d, const ImVec4& clear, float dpr) {
  const float head[] = {d.DisplaySize.x, d.DisplaySize.y, dpr, clear.x, clear.y, clear.z};
  ImU32 a = ImHashData(head, sizeof head, 0), b = 0;
  for (const ImDrawList* list : d.CmdLists) {
    a = ImHashData(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.size_in_bytes()), a);
    b = ImHashData(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.size_in_bytes()), b);
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      const float clip[] = {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w};
      const std::uint64_t rest[] = {static_cast<std::uint64_t>(cmd.GetTexID()), cmd.VtxOffset, cmd.IdxOffset, cmd.ElemCount,
                                    cmd.UserCallback != nullptr};
      b = ImHashData(clip, sizeof clip, b);
      b = ImHashData(rest, sizeof rest, b);
    }
  }
  return (static_cast<std::uint64_t>(a) << 32) | b;
}

bool textures_pending(const ImDrawData& d) {
  if (d.Textures)
    for (const ImTextureData* t : *d.Textures)
      if (t->Status != ImTextureStatus_OK) return true;
  return false;
}

}  // namespace

extern "C" {

// draw: 1 in the display frame (requestAnimationFrame), 0 when an input event is handled
// at once: the app sees the input now, and the pixels follow in the next display frame.
EMSCRIPTEN_KEEPALIVE void lb_frame(int draw) {
  Edge& e = *g_edge;
  ImGuiIO& io = ImGui::GetIO();
  float w = 0, h = 0;
  logbook::web::js_canvas_size(w, h);
  const float dpr = logbook::web::js_device_pixel_ratio();
  io.DisplaySize = ImVec2(w, h);
  io.DisplayFramebufferScale = ImVec2(dpr, dpr);
  const double now = emscripten_get_now();
  io.DeltaTime = e.last_time > 0 ? static_cast<float>(std::max(0.001, (now - e.last_time) / 1000.0)) : 1.0f / 60.0f;
  e.last_time = now;

  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  e.app->frame(w, h);
  if (ImGui::GetMouseCursor() != e.cursor) {
    e.cursor = ImGui::GetMouseCursor();
    logbook::web::js_set_cursor(css_cursor(e.cursor));
  }
  ImGui::Render();
  // A window that appears (a tooltip, a menu) is measured in its first frame, hidden, and
  // drawn in the next: ask for that frame, or it waits for the next input.
  for (const ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if (window->Active && window->Hidden) {
      e.platform.request_frames(2);
      break;
    }
  if (!draw) return;
  // A frame whose pixels would equal the ones on screen is not drawn again: the canvas
  // keeps showing them, and the GPU (or a software renderer) stays idle.
  ImDrawData* data = ImGui::GetDrawData();
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  const std::uint64_t fingerprint = frame_fingerprint(*data, bg, dpr);
  if (fingerprint != e.shown_fingerprint || textures_pending(*data)) {
    emscripten_webgl_make_context_current(e.gl);
    glViewport(0, 0, static_cast<int>(w * dpr + 0.5f), static_cast<int>(h * dpr + 0.5f));
    glClearColor(bg.x, bg.y, bg.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(data);
    e.shown_fingerprint = fingerprint;
    ++e.frames_drawn;
  }
  e.app->presented();

  if (!e.ready_sent && e.app->first_page_drawn()) {
    e.ready_sent = true;
    logbook::web::js_notify_ready();
    // The search worker boot.js started with the app (its engine, list and opening pieces
    // loading meanwhile) is adopted now, or started here if boot.js could not.
    logbook::web::js_start_search(e.app->site().search.list);
  }
}

EMSCRIPTEN_KEEPALIVE void lb_pointer_move(float x, float y, int source) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(source == 2 ? ImGuiMouseSource_TouchScreen : source == 1 ? ImGuiMouseSource_Pen : ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(x, y);
}

EMSCRIPTEN_KEEPALIVE void lb_pointer_button(int button, int down, int ctrl, int meta, int shift, int alt) {
  mods(ctrl, meta, shift, alt);
  ImGui::GetIO().AddMouseButtonEvent(button, down != 0);
}

EMSCRIPTEN_KEEPALIVE void lb_wheel(float dx, float dy) { ImGui::GetIO().AddMouseWheelEvent(dx, dy); }

// Returns 1 when the key means something to ImGui (so the browser's default can be prevented).
EMSCRIPTEN_KEEPALIVE int lb_key(const char* key, int down, int ctrl, int meta, int shift, int alt) {
  mods(ctrl, meta, shift, alt);
  const ImGuiKey k = logbook::web::imgui_key(key);
  if (k == ImGuiKey_None) return 0;
  ImGui::GetIO().AddKeyEvent(k, down != 0);
  return 1;
}

EMSCRIPTEN_KEEPALIVE void lb_key_tap(char* key) {
  const ImGuiKey k = logbook::web::imgui_key(key);
  std::free(key);
  if (k == ImGuiKey_None) return;
  ImGui::GetIO().AddKeyEvent(k, true);
  ImGui::GetIO().AddKeyEvent(k, false);
}

EMSCRIPTEN_KEEPALIVE void lb_text(const char* utf8) { ImGui::GetIO().AddInputCharactersUTF8(utf8); }
EMSCRIPTEN_KEEPALIVE void lb_focus(int focused) { ImGui::GetIO().AddFocusEvent(focused != 0); }
EMSCRIPTEN_KEEPALIVE void lb_system_theme(int dark) { g_edge->app->on_system_theme(dark != 0); }
EMSCRIPTEN_KEEPALIVE void lb_popstate(const char* path) { g_edge->app->on_popstate(path); }

EMSCRIPTEN_KEEPALIVE void lb_fetch_done(int id, int ok, int status, const char* bytes, int len, const char* error) {
  logbook::app::FetchResult r;
  r.ok = ok != 0;
  r.status = status;
  r.bytes.assign(bytes, static_cast<std::size_t>(len));
  r.error = error ? error : "";
  g_edge->platform.fetch_done(id, std::move(r));
}

EMSCRIPTEN_KEEPALIVE void lb_image_done(int id, int ok, int texture, int w, int h) {
  logbook::app::ImageResult r;
  r.ok = ok != 0;
  r.texture = static_cast<std::uint64_t>(texture);
  r.width = static_cast<float>(w);
  r.height = static_cast<float>(h);
  g_edge->platform.image_done(id, r);
}

// The worker's answer: a SearchAnswer as JSON (core/search_wire.hpp). id is the one the
// message came with, so that an answer this page cannot read still reaches its query.
EMSCRIPTEN_KEEPALIVE void lb_search_answer(int id, const char* json) {
  logbook::SearchAnswer a;
  if (std::string error = logbook::from_json(json, a); !error.empty()) a = {.id = id, .hits = {}, .error = std::move(error)};
  g_edge->app->on_search_answer(std::move(a));
}
// The page's half of a word query's snippets: the texts of the ranked answer's hits
// (answer: a SearchAnswer as JSON) made from their pages' index.md (sources: a JSON list
// of strings, null for a page that could not be fetched), as a SearchTexts for the worker,
// whose download leaves the Markdown parser out (core/search_wire.hpp). Each page's text is
// made once per version of the page: the next keystrokes' hits are mostly the same pages.
EMSCRIPTEN_KEEPALIVE char* lb_snippet_texts(const char* answer_json, const char* sources_json) {
  logbook::SearchAnswer a;
  (void)logbook::from_json(answer_json, a);  // a malformed answer has no hits: no texts
  const nlohmann::json sources = nlohmann::json::parse(sources_json, nullptr, false);
  logbook::SearchTexts out{.id = a.id, .texts = {}};
  auto& cache = g_edge->page_texts;
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    const bool read = sources.is_array() && i < sources.size() && sources[i].is_string();
    const std::string source = read ? sources[i].get<std::string>() : std::string();
    const std::string key = a.hits[i].path + "\n" + a.hits[i].title + "\n" + logbook::content_hash(source);
    auto it = cache.find(key);
    if (it == cache.end()) {
      if (cache.size() >= 512) cache.clear();  // a bound, not an LRU: texts are cheap to make again
      it = cache.emplace(key, logbook::page_texts({a.hits[i].title}, {a.hits[i].path}, {source}).front()).first;
    }
    out.texts.push_back(it->second);
  }
  return strdup(logbook::to_json(out).c_str());
}
// A query as the worker reads it (a SearchRequest as JSON), for window.logbook.search.
// query is `length` bytes: what a script passes may hold a NUL.
EMSCRIPTEN_KEEPALIVE char* lb_search_request(int id, const char* query, int length, int limit) {
  const std::string text(query, static_cast<std::size_t>(length));
  return strdup(logbook::to_json(logbook::SearchRequest{.id = id, .query = text, .limit = limit}).c_str());
}

EMSCRIPTEN_KEEPALIVE void lb_api_open(const char* path) { g_edge->app->open(path); }
EMSCRIPTEN_KEEPALIVE void lb_api_theme(const char* theme) {
  using logbook::app::ThemeChoice;
  g_edge->app->set_theme_choice(std::strcmp(theme, "dark") == 0 ? ThemeChoice::dark : std::strcmp(theme, "system") == 0 ? ThemeChoice::system : ThemeChoice::light);
}
EMSCRIPTEN_KEEPALIVE char* lb_api_state() {
  const logbook::app::AppState s = g_edge->app->state();
  const nlohmann::json j = {{"path", s.path}, {"title", s.title}, {"heading", s.heading}, {"searchOpen", s.search_open},
                            {"theme", s.theme}, {"themeChoice", s.theme_choice}, {"ready", s.ready}, {"findOpen", s.find_open},
                            {"findMatches", s.find_matches}, {"searchResults", s.search_results},
                            {"searchError", s.search_error}, {"selection", s.selection}, {"preview", s.preview}};
  return strdup(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}
EMSCRIPTEN_KEEPALIVE char* lb_api_position() { return strdup(g_edge->app->reading_position().c_str()); }
// The keyboard's focus: the stop Tab reached, and whether its ring is drawn.
EMSCRIPTEN_KEEPALIVE char* lb_api_focus() {
  const logbook::app::KeyboardFocus f = logbook::app::keyboard_focus();
  const nlohmann::json j = {{"visible", f.visible}, {"id", f.id}, {"window", f.window}, {"x", f.x}, {"y", f.y}, {"w", f.w}, {"h", f.h}};
  return strdup(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}
EMSCRIPTEN_KEEPALIVE char* lb_api_links() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : g_edge->app->visible_links())
    out.push_back({{"text", l.text}, {"href", l.href}, {"x", l.x}, {"y", l.y}, {"w", l.w}, {"h", l.h}});
  return strdup(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}
// What the last frame asks of the GPU, for bench/app_bench.mjs: vertices, and the pixels
// its triangles cover by window (fill is what a software renderer pays for), and how
// many frames were actually drawn.
EMSCRIPTEN_KEEPALIVE char* lb_api_draw_stats() {
  const ImDrawData* d = ImGui::GetDrawData();
  double pixels = 0;
  nlohmann::json by_window = nlohmann::json::object();
  if (d)
    for (const ImDrawList* list : d->CmdLists) {
      double covered = 0;
      for (int i = 0; i + 2 < list->IdxBuffer.Size; i += 3) {
        const ImVec2 a = list->VtxBuffer[list->IdxBuffer[i]].pos, b = list->VtxBuffer[list->IdxBuffer[i + 1]].pos,
                     c = list->VtxBuffer[list->IdxBuffer[i + 2]].pos;
        covered += std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5;
      }
      pixels += covered;
      by_window[list->_OwnerName ? list->_OwnerName : "?"] = std::round(covered);
    }
  const nlohmann::json j = {{"vertices", d ? d->TotalVtxCount : 0}, {"pixels", std::round(pixels)},
                            {"pixelsByWindow", by_window}, {"framesDrawn", g_edge->frames_drawn}};
  return strdup(j.dump().c_str());
}
EMSCRIPTEN_KEEPALIVE int lb_api_latency_count() { return static_cast<int>(g_edge->app->search_latencies().size()); }
EMSCRIPTEN_KEEPALIVE double lb_api_latency(int i, int engine) {
  const auto& l = engine ? g_edge->app->search_engine_millis() : g_edge->app->search_latencies();
  return i >= 0 && static_cast<std::size_t>(i) < l.size() ? l[static_cast<std::size_t>(i)] : 0.0;
}

}  // extern "C"

int main() {
  g_edge = new Edge();
  Edge& e = *g_edge;
  logbook::web::js_install(emscripten_get_now());

  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = false;
  attrs.antialias = false;  // ImGui anti-aliases its own shapes
  attrs.depth = false;
  attrs.stencil = false;
  attrs.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
  e.gl = emscripten_webgl_create_context("#logbook-canvas", &attrs);
  if (e.gl <= 0) {
    logbook::web::js_fail("WebGL2 could not be started on this device");
    return 0;
  }
  emscripten_webgl_make_context_current(e.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.BackendPlatformName = "logbook_web";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  ImGuiPlatformIO& pio = ImGui::GetPlatformIO();
  pio.Platform_SetImeDataFn = set_ime;
  pio.Platform_SetClipboardTextFn = set_clipboard;
  pio.Platform_GetClipboardTextFn = get_clipboard;
  ImGui_ImplOpenGL3_Init("#version 300 es");

  logbook::app::AppInit init;
  // Each face as boot.js fetched it ("font-bold"), or where to fetch it when first drawn
  // ("font-bold-italic-url": the rare faces come after the first page).
  constexpr const char* kFaceKeys[] = {"font-regular", "font-bold", "font-italic", "font-bold-italic", "font-mono", "font-mono-bold"};
  for (int i = 0; i < static_cast<int>(logbook::app::Face::count); ++i) {
    const auto face = static_cast<logbook::app::Face>(i);
    init.fonts.face(face) = logbook::web::js_take_preload(kFaceKeys[i]);
    if (init.fonts.face(face).empty())
      init.fonts.later[static_cast<std::size_t>(i)] = logbook::web::js_take_preload((std::string(kFaceKeys[i]) + "-url").c_str());
  }
  for (int i = 0;; ++i) {  // fallback faces the build made for this content, if any
    std::string face = logbook::web::js_take_preload(("font-fallback-" + std::to_string(i)).c_str());
    if (face.empty()) break;
    init.fonts.fallbacks.push_back(std::move(face));
  }
  init.manifest_json = logbook::web::js_take_preload("manifest");
  init.first_page_md = logbook::web::js_take_preload("markdown");
  init.first_page_part = logbook::web::js_take_preload("part");
  init.position = logbook::web::js_take_preload("position");
  init.route = logbook::web::js_initial_route();
  e.app = std::make_unique<App>(e.platform);
  const std::string error = e.app->init(std::move(init));
  if (!error.empty()) logbook::web::js_warn(error.c_str());
  e.platform.request_frames(4);
  return 0;
}
