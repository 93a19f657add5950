// The one implementation of app::Platform for the browser. Its JavaScript lives in
// wasm/: web_platform.js, and web_search.js for the search (as sokol keeps its web glue
// in one place); web_platform.cpp is the C++ side.
#pragma once

#include <map>
#include <string>

#include "app/platform.hpp"

namespace logbook::web {

class WebPlatform final : public app::Platform {
 public:
  void fetch(const std::string& url, std::function<void(app::FetchResult)> done) override;
  void load_image(const std::string& url, std::function<void(app::ImageResult)> done) override;
  void search(int id, const std::string& query, int limit) override;
  void search_warm_up() override;
  app::SearchStatus search_status() const override;
  std::string search_error() const override;
  app::OfflineCopy offline_copy() const override;
  void make_available_offline() override;
  void history_push(const std::string& url) override;
  void history_replace(const std::string& url) override;
  void set_title(const std::string& title) override;
  void set_accessible_page(const std::string& url) override;
  void set_accessible_controls(const app::AccessibleControls& controls) override;
  void announce(const std::string& text) override;
  void set_accessible_description(const std::string& url, const std::string& text) override;
  void set_accessible_lists(const std::vector<app::AccessibleList>& lists) override;
  void open_in_new_tab(const std::string& url) override;
  std::string absolute_url(const std::string& url) const override;
  void copy_to_clipboard(const std::string& text) override;
  void keep_read_copy(const std::string& url, const std::string& markdown) override;
  void read_copy(const std::string& url, std::function<void(app::FetchResult)> done) override;
  std::string storage_get(const std::string& key) override;
  void storage_set(const std::string& key, const std::string& value) override;
  bool system_prefers_dark() const override;
  bool touch_screen() const override;
  void request_frames(int count) override;
  double now_ms() const override;
  std::string today() const override;
  double last_input_ms() const override;

  // Called from JavaScript when an answer arrives.
  void fetch_done(int id, app::FetchResult result);
  void image_done(int id, app::ImageResult result);

 private:
  int next_id_ = 1;
  std::map<int, std::function<void(app::FetchResult)>> fetches_;
  std::map<int, std::function<void(app::ImageResult)>> images_;
};

// The browser side, called by main.cpp.
void js_install(double now);                 // listeners, window.logbook, the frame loop
std::string js_take_preload(const char* name);  // bytes boot.js fetched before the wasm ran
std::string js_initial_route();              // location, without the base path
float js_device_pixel_ratio();
void js_canvas_size(float& width, float& height);
void js_set_cursor(const char* cursor);
void js_text_input(bool active, float x, float y, float h);
void js_notify_ready();
void js_start_search(const std::string& list);  // the manifest's search.list ("" for none)
void js_fail(const char* why);   // the app cannot run: boot.js restores the static page
void js_warn(const char* text);

}  // namespace logbook::web
