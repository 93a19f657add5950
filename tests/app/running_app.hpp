// The whole app in a test: App on the fake platform, in ImGui without a backend. Start
// it at a route with a manifest, then run frames; each settling frame first delivers
// what the app fetched, as the browser would between frames.
#pragma once

#include <string>

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

}  // namespace logbook::test
