// Spec: a reader with a keyboard alone reaches every link and control (WCAG 2.1.1):
// Tab and Shift+Tab go through the top bar, the sidebar, the page (its breadcrumbs,
// its links and code blocks' copy buttons in reading order, previous/next) and the
// outline, in the order they are seen (2.4.3), the focus ring shows where the focus
// is (2.4.7), Enter activates, and the reading keys still scroll the page.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/keyboard_nav.hpp"
#include "running_app.hpp"

using namespace logbook;

namespace {

struct Fixture : test::RunningApp {
  Fixture() {
    std::string body = "# Home\n\nFirst [Install](guide.md#install) then [out](https://example.org).\n\n```sh\nmake\n```\n\n";
    for (int i = 0; i < 80; ++i) body += "Filler paragraph " + std::to_string(i) + " that makes the page long.\n\n";
    body += "## End\n\nLast [guide](guide.md).\n";
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", {"/guide/#install", "https://example.org", "/guide/"}}, {"backlinks", nlohmann::json::array()}},
                   {{"path", "guide.md"}, {"url", "/guide/"}, {"title", "Guide"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", {0}}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1}}, {"children", nlohmann::json::array()}}}}};
    platform.files["/docs/index.md"] = body;
    platform.files["/docs/guide/index.md"] = "# Guide\n\nIntro.\n\n## Install\n\nSteps.\n";
    start(manifest.dump(), "/");
    settle_frames(3);
  }
  void press(ImGuiKey key, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(key, true);
    app_frame();
    io.AddKeyEvent(key, false);
    io.AddKeyEvent(ImGuiMod_Shift, false);
    app_frame();
    app_frame();  // a stop out of view: the page scrolled to it after drawing it where it was
  }
  // Tab until the focus comes back to where it started: every stop once, in order.
  std::vector<app::KeyboardFocus> round_trip(bool backwards = false) {
    std::vector<app::KeyboardFocus> stops;
    for (int i = 0; i < 200; ++i) {
      press(ImGuiKey_Tab, backwards);
      const app::KeyboardFocus f = app::keyboard_focus();
      if (!stops.empty() && f.id == stops.front().id) break;
      stops.push_back(f);
    }
    return stops;
  }
};

bool in_top_bar(const app::KeyboardFocus& f) { return f.y + f.h <= 60; }
bool in_sidebar(const app::KeyboardFocus& f) { return !in_top_bar(f) && f.x + f.w <= 280; }
bool in_outline(const app::KeyboardFocus& f) { return !in_top_bar(f) && f.x >= 1366 - 250; }

}  // namespace

TEST_CASE("Tab goes through the top bar, the sidebar, the page and the outline in the order they are seen, with the ring shown") {
  Fixture f;
  f.platform.offline = {app::OfflineCopy::State::complete, 1, 1};  // its status is a stop in the top bar too
  f.width = 1366;
  const auto stops = f.round_trip();
  REQUIRE(stops.size() >= 10);
  // The regions in reading order: each one's stops come together, after the one before.
  const auto region = [](const app::KeyboardFocus& s) { return in_top_bar(s) ? 0 : in_sidebar(s) ? 1 : in_outline(s) ? 3 : 2; };
  for (std::size_t i = 1; i < stops.size(); ++i) {
    INFO("stop " << i << " at " << stops[i].x << "," << stops[i].y << " after " << stops[i - 1].x << "," << stops[i - 1].y);
    CHECK(region(stops[i - 1]) <= region(stops[i]));
    if (region(stops[i]) == 0 && region(stops[i - 1]) == 0) CHECK(stops[i - 1].x < stops[i].x);  // left to right
    CHECK(stops[i].visible);
    CHECK(stops[i].id != stops[i - 1].id);
  }
  CHECK(region(stops.front()) == 0);
  CHECK(region(stops.back()) == 3);
  // Every link of the page is a stop, and so is the code block's copy button, even the
  // last link, far below the first screen: Tab scrolled the page to bring each into view.
  const auto in_page = std::count_if(stops.begin(), stops.end(), [&](const app::KeyboardFocus& s) { return region(s) == 2; });
  CHECK(in_page >= 3 /* breadcrumbs' home, copy as Markdown, ... */ + 3 /* links */ + 1 /* copy button */);
  for (const app::KeyboardFocus& s : stops) {
    INFO("stop at " << s.x << "," << s.y);
    CHECK(s.y >= 0);
    CHECK(s.y + s.h <= 800);  // on screen when it has the focus
  }
  // Shift+Tab goes the same way back.
  const auto back = f.round_trip(true);
  REQUIRE(back.size() == stops.size());
  for (std::size_t i = 0; i < stops.size(); ++i) CHECK(back[i].id == stops[stops.size() - 1 - i].id);
}

TEST_CASE("Enter on a focused link follows it; the reading keys scroll the page rather than move the focus") {
  Fixture f;
  f.press(ImGuiKey_Tab);
  const unsigned first = app::keyboard_focus().id;
  f.press(ImGuiKey_DownArrow);
  CHECK(app::keyboard_focus().id == first);
  CHECK(f.app.doc_view().target > 0);
  f.press(ImGuiKey_Home);
  // Tab to the page's first link, below the breadcrumbs: the one to the guide's Install heading.
  for (int i = 0; i < 40 && !(app::keyboard_focus().x > 280 && app::keyboard_focus().y > 120); ++i) f.press(ImGuiKey_Tab);
  f.press(ImGuiKey_Enter);
  f.settle_frames(2);
  CHECK(f.app.state().path == "/guide/");
  CHECK(f.platform.history.back() == "push /docs/guide/#install");
}

TEST_CASE("the search palette keeps its keys: Down chooses the next result and the query field keeps the keyboard") {
  Fixture f;
  f.app.open_search(true);
  f.settle_frames(2);
  ImGui::GetIO().AddInputCharactersUTF8("g");
  f.settle_frames(2);
  REQUIRE(!f.platform.searches.empty());
  f.app.on_search_answer(test::search_answer(f.platform.searches.back().first, {{"guide.md", "/guide/", "Guide", "", "x"}, {"index.md", "/", "Home", "", "y"}}));
  f.settle_frames(2);
  REQUIRE(ImGui::GetIO().WantTextInput);
  f.press(ImGuiKey_DownArrow);
  f.settle_frames(1);
  CHECK(f.app.palette().selected == 1);
  CHECK(ImGui::GetIO().WantTextInput);  // the field still takes the typing
  CHECK(f.app.state().search_open);
}

TEST_CASE("the first Tab reaches Skip to content; Enter on it moves the focus to the page's first stop after the breadcrumbs") {
  Fixture f;
  f.press(ImGuiKey_Tab);
  const app::KeyboardFocus skip = app::keyboard_focus();
  CHECK(skip.x < 20);
  CHECK(skip.y < 20);
  f.press(ImGuiKey_Enter);
  f.settle_frames(2);
  const app::KeyboardFocus content = app::keyboard_focus();
  CHECK(content.id != skip.id);
  CHECK(content.x > 280);   // in the page, not the sidebar
  CHECK(content.y > 120);   // below the breadcrumbs: the first link of the Markdown
  CHECK(content.visible);
  CHECK(f.app.state().path == "/");
}

TEST_CASE("regression: Skip to content, hidden, does not take the pointer's clicks on the site's name under it") {
  Fixture f;
  f.app.open("/guide/");
  f.settle_frames(3);
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(70, 30);  // the site's name in the top bar, where the skip link shows when focused
  f.app_frame();
  io.AddMouseButtonEvent(0, true);
  f.app_frame();
  io.AddMouseButtonEvent(0, false);
  f.settle_frames(3);
  CHECK(f.app.state().path == "/");
}
