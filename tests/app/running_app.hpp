// The whole app in a test: App on the fake platform, in ImGui without a backend. Start
// it at a route with a manifest, then run frames; each settling frame first delivers
// what the app fetched, as the browser would between frames.
#pragma once

#include <array>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "app/app.hpp"
#include "fake_platform.hpp"
#include "imgui_harness.hpp"

namespace logbook::test {

struct RunningApp {
  ImGuiHarness imgui{1280, 800};
  FakePlatform platform;
  app::App app{platform};
  float width = 1280;

  // Initialises the app; the test fails if init reports a problem.
  void start(const std::string& manifest_json, const std::string& route) {
    app::AppInit init;
    init.fonts = imgui.fonts;
    init.manifest_json = manifest_json;
    init.route = route;
    frame([&] { CHECK(app.init(init) == ""); });
  }
  template <typename F>
  void frame(F&& f) {
    imgui.new_frame();
    f();
    imgui.end_frame();
  }
  // Runs one frame; returns the vertices it drew.
  int app_frame() {
    imgui.new_frame();
    app.frame(width, 800);
    return imgui.end_frame();
  }
  void settle_frames(int count) {
    for (int i = 0; i < count; ++i) {
      platform.deliver();
      app_frame();
    }
  }
};

// An answer as the worker sends it: hits of {path, url, title, section, snippet}, the
// other fields empty (tests that need them set them).
inline app::SearchAnswer search_answer(int id, const std::vector<std::array<std::string, 5>>& hits, std::string error = "") {
  app::SearchAnswer a{.id = id, .hits = {}, .error = std::move(error), .millis = 1, .corrected = ""};
  for (const auto& h : hits) {
    app::SearchHitView& v = a.hits.emplace_back();
    std::tie(v.path, v.url, v.title, v.section, v.snippet) = std::tie(h[0], h[1], h[2], h[3], h[4]);
  }
  return a;
}

}  // namespace logbook::test
