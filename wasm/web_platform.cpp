// The C++ side of the bridge to the browser: WebPlatform and the js_* calls main.cpp
// makes, each a thin wrapper over a JavaScript function of web_platform.js (the search's
// of web_search.js). JavaScript
// calls back into C through the lb_* functions exported by main.cpp.
#include "web_platform.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/search_wire.hpp"

// The JavaScript side, in web_platform.js and web_search.js (Emscripten --js-library files). Strings it
// returns are malloc'd copies that take_c_string frees.
extern "C" {
void lbjs_fetch(int id, const char* url);
void lbjs_keep_read_copy(const char* url, const char* markdown, int length);
void lbjs_read_copy(int id, const char* url);
void lbjs_load_image(int id, const char* url);
void lbjs_search(int id, const char* request);
int lbjs_search_status();
char* lbjs_search_error();
void lbjs_history(int push, const char* url);
void lbjs_set_title(const char* title);
void lbjs_accessible_page(const char* url);
void lbjs_accessible_controls(const char* json);
void lbjs_announce(const char* text);
void lbjs_accessible_description(const char* url, const char* text);
void lbjs_accessible_lists(const char* json);
void lbjs_open_tab(const char* url);
char* lbjs_absolute_url(const char* url);
void lbjs_copy(const char* text);
char* lbjs_storage_get(const char* key);
void lbjs_storage_set(const char* key, const char* value);
int lbjs_prefers_dark();
int lbjs_touch_screen();
void lbjs_request_frames(int n);
double lbjs_now();
char* lbjs_today();
double lbjs_last_input();
float lbjs_dpr();
float lbjs_css_width();
float lbjs_css_height();
void lbjs_set_cursor(const char* cursor);
void lbjs_text_input(int active, float x, float y, float h);
void lbjs_notify_ready();
void lbjs_start_search(const char* list);
void lbjs_search_warm_up();
char* lbjs_take_preload(const char* name);
char* lbjs_initial_route();
void lbjs_install(void* scratch);
void lbjs_fail(const char* why);
void lbjs_warn(const char* text);
int lbjs_offline_state();
double lbjs_offline_bytes(int which);
void lbjs_offline_copy();
}

namespace logbook::web {

namespace {

std::string take_c_string(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

std::uint32_t g_scratch = 0;  // JavaScript writes the length of a preload here

}  // namespace

void WebPlatform::fetch(const std::string& url, std::function<void(app::FetchResult)> done) {
  const int id = next_id_++;
  fetches_[id] = std::move(done);
  lbjs_fetch(id, url.c_str());
}

// The read copy's answer arrives like a fetch's (lb_fetch_done), under the same ids.
void WebPlatform::keep_read_copy(const std::string& url, const std::string& markdown) {
  lbjs_keep_read_copy(url.c_str(), markdown.data(), static_cast<int>(markdown.size()));
}

void WebPlatform::read_copy(const std::string& url, std::function<void(app::FetchResult)> done) {
  const int id = next_id_++;
  fetches_[id] = std::move(done);
  lbjs_read_copy(id, url.c_str());
}

void WebPlatform::fetch_done(int id, app::FetchResult result) {
  auto it = fetches_.find(id);
  if (it == fetches_.end()) return;
  auto done = std::move(it->second);
  fetches_.erase(it);
  done(std::move(result));
}

void WebPlatform::load_image(const std::string& url, std::function<void(app::ImageResult)> done) {
  const int id = next_id_++;
  images_[id] = std::move(done);
  lbjs_load_image(id, url.c_str());
}

void WebPlatform::image_done(int id, app::ImageResult result) {
  auto it = images_.find(id);
  if (it == images_.end()) return;
  auto done = std::move(it->second);
  images_.erase(it);
  done(result);
}

void WebPlatform::search(int id, const std::string& query, int limit) {
  lbjs_search(id, to_json(SearchRequest{.id = id, .query = query, .limit = limit}).c_str());
}
void WebPlatform::search_warm_up() { lbjs_search_warm_up(); }
app::SearchStatus WebPlatform::search_status() const {
  const int s = lbjs_search_status();
  return s == 1 ? app::SearchStatus::ready : s == 2 ? app::SearchStatus::failed : app::SearchStatus::loading;
}
std::string WebPlatform::search_error() const { return take_c_string(lbjs_search_error()); }

app::OfflineCopy WebPlatform::offline_copy() const {
  return {static_cast<app::OfflineCopy::State>(lbjs_offline_state()), lbjs_offline_bytes(0), lbjs_offline_bytes(1)};
}
void WebPlatform::make_available_offline() { lbjs_offline_copy(); }
void WebPlatform::history_push(const std::string& url) { lbjs_history(1, url.c_str()); }
void WebPlatform::history_replace(const std::string& url) { lbjs_history(0, url.c_str()); }
void WebPlatform::set_title(const std::string& title) { lbjs_set_title(title.c_str()); }
void WebPlatform::set_accessible_page(const std::string& url) { lbjs_accessible_page(url.c_str()); }
void WebPlatform::set_accessible_controls(const app::AccessibleControls& c) {
  const nlohmann::json j = {{"field", c.field}, {"paletteOpen", c.palette_open}, {"results", c.results}, {"selected", c.selected}};
  lbjs_accessible_controls(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}
void WebPlatform::announce(const std::string& text) { lbjs_announce(text.c_str()); }
void WebPlatform::set_accessible_description(const std::string& url, const std::string& text) {
  lbjs_accessible_description(url.c_str(), text.c_str());
}
void WebPlatform::set_accessible_lists(const std::vector<app::AccessibleList>& lists) {
  nlohmann::json j = nlohmann::json::array();
  for (const app::AccessibleList& l : lists) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& [text, url] : l.rows) rows.push_back({{"text", text}, {"url", url}});
    j.push_back({{"title", l.title}, {"rows", rows}});
  }
  lbjs_accessible_lists(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}
void WebPlatform::open_in_new_tab(const std::string& url) { lbjs_open_tab(url.c_str()); }
std::string WebPlatform::absolute_url(const std::string& url) const { return take_c_string(lbjs_absolute_url(url.c_str())); }
void WebPlatform::copy_to_clipboard(const std::string& text) { lbjs_copy(text.c_str()); }
std::string WebPlatform::storage_get(const std::string& key) { return take_c_string(lbjs_storage_get(key.c_str())); }
void WebPlatform::storage_set(const std::string& key, const std::string& value) { lbjs_storage_set(key.c_str(), value.c_str()); }
bool WebPlatform::system_prefers_dark() const { return lbjs_prefers_dark() != 0; }
bool WebPlatform::touch_screen() const { return lbjs_touch_screen() != 0; }
void WebPlatform::request_frames(int count) { lbjs_request_frames(count); }
double WebPlatform::now_ms() const { return lbjs_now(); }
std::string WebPlatform::today() const { return take_c_string(lbjs_today()); }
double WebPlatform::last_input_ms() const { return lbjs_last_input(); }

void js_install(double) { lbjs_install(&g_scratch); }

std::string js_take_preload(const char* name) {
  char* p = lbjs_take_preload(name);
  if (!p) return {};
  std::string bytes(p, g_scratch);
  std::free(p);
  return bytes;
}

std::string js_initial_route() { return take_c_string(lbjs_initial_route()); }
float js_device_pixel_ratio() { return lbjs_dpr(); }
void js_canvas_size(float& width, float& height) {
  width = lbjs_css_width();
  height = lbjs_css_height();
}
void js_set_cursor(const char* cursor) { lbjs_set_cursor(cursor); }
void js_text_input(bool active, float x, float y, float h) { lbjs_text_input(active ? 1 : 0, x, y, h); }
void js_notify_ready() { lbjs_notify_ready(); }
void js_start_search(const std::string& list) { lbjs_start_search(list.c_str()); }
void js_fail(const char* why) { lbjs_fail(why); }
void js_warn(const char* text) { lbjs_warn(text); }

}  // namespace logbook::web
