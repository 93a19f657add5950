// Spec: a screen reader follows the app. The page's HTML is mirrored into the DOM after
// each in-app navigation, which is announced (the first page, loaded with its HTML, is
// not); the search palette is a combobox whose listbox holds the results with the one
// the arrows chose, and each answer's count is announced once; the hidden text input is
// named after the field in use and exposed only while one is.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "app/accessibility.hpp"
#include "running_app.hpp"

using namespace logbook;

namespace {

struct Fixture : test::RunningApp {
  Fixture() {
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", {"/guide/"}}, {"backlinks", nlohmann::json::array()}},
                   {{"path", "guide.md"}, {"url", "/guide/"}, {"title", "Guide"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", {0}}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1}}, {"children", nlohmann::json::array()}}}}};
    platform.files["/docs/index.md"] = "# Home\n\n[Guide](guide.md)\n";
    platform.files["/docs/guide/index.md"] = "# Guide\n\nIntro.\n";
    start(manifest.dump(), "/");
    settle_frames(3);
  }
};

}  // namespace

TEST_CASE("a page opened in the app is mirrored and announced; the first page is not announced") {
  Fixture f;
  CHECK(f.platform.accessible == "/docs/");
  CHECK(f.platform.announcements.empty());
  f.app.open("/guide/");
  f.settle_frames(3);
  CHECK(f.platform.accessible == "/docs/guide/");
  REQUIRE(f.platform.announcements.size() == 1);
  CHECK(f.platform.announcements[0] == "Guide");
  f.settle_frames(3);
  CHECK(f.platform.announcements.size() == 1);  // once
}

TEST_CASE("the search palette is a combobox: its results are the options, the arrows' choice is selected, each count is said once") {
  Fixture f;
  CHECK(f.platform.controls.field.empty());  // nothing typed in: the hidden input stays hidden
  f.app.open_search(true);
  f.settle_frames(2);
  CHECK(f.platform.controls.palette_open);
  CHECK(f.platform.controls.field == "Search the docs");
  ImGui::GetIO().AddInputCharactersUTF8("g");
  f.settle_frames(2);
  REQUIRE(f.platform.searches.size() == 1);
  f.app.on_search_answer(test::search_answer(f.platform.searches[0].first,
                                             {{"guide.md", "/guide/", "Guide", "Docs", "x"}, {"index.md", "/", "Home", "", "y"}}));
  f.settle_frames(2);
  CHECK(f.platform.controls.results == std::vector<std::string>{"Guide, Docs", "Home, /"});
  CHECK(f.platform.controls.selected == 0);
  ImGui::GetIO().AddKeyEvent(ImGuiKey_DownArrow, true);
  f.app_frame();
  ImGui::GetIO().AddKeyEvent(ImGuiKey_DownArrow, false);
  f.settle_frames(2);
  CHECK(f.platform.controls.selected == 1);
  REQUIRE(f.platform.announcements.size() == 1);
  CHECK(f.platform.announcements[0] == "2 results for \u201cg\u201d");
  f.app.open_search(false);
  f.settle_frames(2);
  CHECK(!f.platform.controls.palette_open);
  CHECK(f.platform.controls.results.empty());
  CHECK(f.platform.controls.field.empty());
}

TEST_CASE("result counts are said as people say them") {
  CHECK(app::results_announcement(0, "zzz") == "No results for \u201czzz\u201d");
  CHECK(app::results_announcement(1, "adr") == "1 result for \u201cadr\u201d");
  CHECK(app::results_announcement(12, "adr") == "12 results for \u201cadr\u201d");
}

TEST_CASE("the home page's lists, drawn from the reader's own state, go to the DOM copy; another page has none") {
  Fixture f;
  REQUIRE(!f.platform.lists.empty());
  CHECK(f.platform.lists.front().title == "New or changed since your last visit");
  REQUIRE(f.platform.lists.front().rows.size() == 1);
  CHECK(f.platform.lists.front().rows[0].first == "Nothing new since your last visit.");
  f.app.open("/guide/");
  f.settle_frames(3);
  CHECK(f.platform.lists.empty());
}
