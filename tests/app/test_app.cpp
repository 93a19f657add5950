// Spec: the app navigates like a website: pages load from their own Markdown, links
// follow the manifest's resolved targets, history records each page, external and
// Ctrl-clicked links open new tabs, and the theme is remembered.
#include <doctest/doctest.h>

#include <imgui_internal.h>
#include <algorithm>
#include <cmath>
#include <array>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/url.hpp"
#include "core/utf8.hpp"
#include "running_app.hpp"

using namespace logbook;

namespace {

struct Fixture : test::RunningApp {
  Fixture() {
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", {"/guide/#install", "https://example.org", ""}}, {"backlinks", nlohmann::json::array()}},
                   {{"path", "guide.md"}, {"url", "/guide/"}, {"title", "Guide"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", {0}}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1}}, {"children", nlohmann::json::array()}}}}};
    platform.files["/docs/index.md"] = "# Home\n\n[Install](guide.md#install) [out](https://example.org) [gone](nowhere.md)\n";
    platform.files["/docs/guide/index.md"] = "---\ntitle: Guide\n---\n# Guide\n\nIntro.\n\n## Install\n\nSteps.\n";
    start(manifest.dump(), "/");
    settle();
  }
  void settle() { settle_frames(3); }
  int link_to(const std::string& text) {
    const auto links = app.visible_links();
    for (std::size_t i = 0; i < app.page().layout.links.size(); ++i) {
      for (const auto& f : app.page().layout.fragments)
        if (f.link == static_cast<int>(i) && app.page().layout.text.substr(f.begin, f.end - f.begin) == text) return static_cast<int>(i);
    }
    return -1;
  }
};

// An answer as the worker sends it (running_app.hpp).
app::SearchAnswer answer(int id, const std::vector<std::array<std::string, 5>>& hits, std::string error = "") {
  return test::search_answer(id, hits, std::move(error));
}

}  // namespace

TEST_CASE("the first page is drawn from its own Markdown, and the title follows the page") {
  Fixture f;
  CHECK(f.app.state().ready);
  CHECK(f.app.state().path == "/");
  CHECK(f.platform.title == "Home · Docs");
  CHECK(f.app.first_page_drawn());
  CHECK(f.platform.accessible == "/docs/");
}

TEST_CASE("a link goes where the manifest resolved it, with history and the anchor") {
  Fixture f;
  f.app.follow_link(f.link_to("Install"), false);
  f.settle();
  CHECK(f.app.state().path == "/guide/");
  CHECK(f.platform.history.back() == "push /docs/guide/#install");
  CHECK(f.app.state().heading == "install");
  CHECK(f.app.state().title == "Guide");

  f.app.on_popstate("/");  // back
  f.settle();
  CHECK(f.app.state().path == "/");
  CHECK(f.platform.history.back() == "push /docs/guide/#install");  // popstate adds no entry
}

TEST_CASE("a page whose URL the build percent-encoded opens, from its address and by a link") {
  // content/c#-notes.md is published at /c%23-notes/: a raw '#' would end the path.
  const nlohmann::json manifest = {
      {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
      {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0}, {"links", {"/c%23-notes/"}}},
                 {{"path", "c#-notes.md"}, {"url", "/c%23-notes/"}, {"title", "C# notes"}, {"section", 0}}}}};
  test::RunningApp a;
  a.platform.files["/docs/index.md"] = "# Home\n\n[C# notes](c%23-notes.md)\n";
  a.platform.files["/docs/c%23-notes/index.md"] = "# C# notes\n\nText.\n";
  a.start(manifest.dump(), "/c%23-notes/");
  a.settle_frames(3);
  CHECK(a.app.state().title == "C# notes");
  CHECK(a.platform.history.back() == "replace /docs/c%23-notes/");

  a.app.open("/");
  a.settle_frames(3);
  REQUIRE(a.app.page().layout.links.size() == 1);
  a.app.follow_link(0, false);
  a.settle_frames(3);
  CHECK(a.app.state().title == "C# notes");
  CHECK(a.app.state().path == "/c%23-notes/");
  CHECK(a.platform.history.back() == "push /docs/c%23-notes/");
  CHECK(a.platform.opened_tabs.empty());
}

TEST_CASE("external links and Ctrl-clicks open new tabs; broken links say so") {
  Fixture f;
  f.app.follow_link(f.link_to("out"), false);
  CHECK(f.platform.opened_tabs.back() == "https://example.org");
  f.app.follow_link(f.link_to("Install"), true);
  CHECK(f.platform.opened_tabs.back() == "/docs/guide/#install");
  CHECK(f.app.state().path == "/");
  f.app.follow_link(f.link_to("gone"), false);
  CHECK(f.app.status_line.find("nowhere.md") != std::string::npos);
}

TEST_CASE("a protocol-relative link (//host/x) opens the other host in a new tab, not a path under the base") {
  const nlohmann::json manifest = {
      {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
      {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0}, {"links", {"//cdn.example.org/x"}}}}}};
  test::RunningApp a;
  a.platform.files["/docs/index.md"] = "# Home\n\n[cdn](//cdn.example.org/x)\n";
  a.start(manifest.dump(), "/");
  a.settle_frames(3);
  REQUIRE(a.app.page().layout.links.size() == 1);
  a.app.follow_link(0, false);
  CHECK(a.platform.opened_tabs == std::vector<std::string>{"//cdn.example.org/x"});
  CHECK(a.app.state().path == "/");
}

TEST_CASE("an unknown address shows a not-found page rather than nothing") {
  Fixture f;
  f.app.open("/no/such/page/");
  f.settle();
  CHECK(f.app.state().title == "Page not found");
  CHECK(f.app.page().status == app::CurrentPage::Status::failed);
  CHECK(f.app.state().ready);  // drawn whole: whoever waits for the page is not left waiting
}

TEST_CASE("the theme follows the system until the reader picks one, which is remembered") {
  Fixture f;
  CHECK(f.app.state().theme == "light");
  CHECK(f.app.state().theme_choice == "system");
  f.platform.dark = true;
  f.app.on_system_theme(true);
  CHECK(f.app.state().theme == "dark");
  f.app.cycle_theme();
  CHECK(f.app.state().theme == "light");
  CHECK(f.platform.storage["logbook.theme"] == "light");
  f.app.on_system_theme(true);
  CHECK(f.app.state().theme == "light");
}

TEST_CASE("the search palette sends every keystroke's query and shows the latest answer only") {
  Fixture f;
  f.app.open_search(true);
  f.settle();
  ImGui::GetIO().AddInputCharactersUTF8("inst");  // typed, as the edge delivers it
  f.settle();
  REQUIRE(f.platform.searches.size() == 1);
  CHECK(f.platform.searches[0].second == "inst");
  ImGui::GetIO().AddInputCharactersUTF8("a");
  f.settle();
  REQUIRE(f.platform.searches.size() == 2);
  app::SearchAnswer old = answer(f.platform.searches[0].first, {{"guide.md", "/guide/", "Guide", "", "x"}});
  f.app.on_search_answer(old);
  CHECK(f.app.state().search_results == 0);  // an older keystroke's answer is dropped
  app::SearchAnswer latest = answer(f.platform.searches[1].first, {{"guide.md", "/guide/", "Guide", "", "\x02Install\x03 steps"}});
  f.app.on_search_answer(latest);
  f.settle();
  f.app.presented();
  CHECK(f.app.state().search_results == 1);
  CHECK(f.app.search_latencies().size() == 1);
}

TEST_CASE("a query typed while the search database downloads is sent when it arrives; short last words as whole words") {
  Fixture f;
  f.platform.status = app::SearchStatus::loading;
  f.app.open_search(true);
  f.settle();
  ImGui::GetIO().AddInputCharactersUTF8("install st");
  f.settle();
  CHECK(f.platform.searches.empty());
  f.platform.status = app::SearchStatus::ready;
  f.settle();
  REQUIRE(f.platform.searches.size() == 1);
  CHECK(f.platform.searches[0].second == "install st ");  // "st*" would match thousands of words
  f.settle();
  CHECK(f.platform.searches.size() == 1);  // asked once
}

TEST_CASE("opening the search palette warms the search worker up before the first keystroke") {
  Fixture f;
  CHECK(f.platform.warm_ups == 0);  // a reader who never searches fetches no piece of the database
  f.app.open_search(true);
  CHECK(f.platform.warm_ups == 1);
  CHECK(f.platform.searches.empty());  // warming up is not a query
  f.app.open_search(false);
  CHECK(f.platform.warm_ups == 1);
}

TEST_CASE("a search that failed (a missing piece of the database) says why, in the palette and in the state") {
  Fixture f;
  f.app.open_search(true);
  f.settle();
  ImGui::GetIO().AddInputCharactersUTF8("deploy");
  f.settle();
  REQUIRE(f.platform.searches.size() == 1);
  const std::string why = "search failed: search/0123456789abcdef.bin is missing; rebuild the site";
  f.app.on_search_answer(answer(f.platform.searches[0].first, {}, why));
  f.settle();
  CHECK(f.app.state().search_error == why);
  CHECK(f.app.state().search_results == 0);
  f.platform.status = app::SearchStatus::failed;
  CHECK(f.app.state().search_error == "no database");  // the worker itself failed: the platform's reason
}

TEST_CASE("an answer's snippets follow its hits: they fill in the hits shown, and a page kept while typing keeps its snippet") {
  Fixture f;
  f.app.open_search(true);
  f.settle();
  ImGui::GetIO().AddInputCharactersUTF8("inst");
  f.settle();
  REQUIRE(f.platform.searches.size() == 1);
  const int first = f.platform.searches[0].first;
  f.app.on_search_answer(answer(first, {{"guide.md", "/guide/", "Guide", "", ""}, {"setup.md", "/setup/", "Setup", "", ""}}));
  f.settle();
  f.app.presented();
  CHECK(f.app.state().search_results == 2);
  CHECK(f.app.search_latencies().size() == 1);  // the hits drawn are the keystroke's answer
  f.app.on_search_answer(answer(first, {{"guide.md", "/guide/", "Guide", "", "\x02Inst\x03all"}, {"setup.md", "/setup/", "Setup", "", "to \x02inst\x03"}}));
  f.settle();
  f.app.presented();
  CHECK(f.app.search_latencies().size() == 1);  // the snippets are not another answer
  CHECK(f.app.palette().answer.hits[1].snippet == "to \x02inst\x03");
  ImGui::GetIO().AddInputCharactersUTF8("a");
  f.settle();
  REQUIRE(f.platform.searches.size() == 2);
  f.app.on_search_answer(answer(first, {{"other.md", "/other/", "Other", "", "late"}}));  // the old query's, late: ignored
  f.app.on_search_answer(answer(f.platform.searches[1].first, {{"setup.md", "/setup/", "Setup", "", ""}}));
  f.settle();
  CHECK(f.app.state().search_results == 1);
  CHECK(f.app.palette().answer.hits[0].snippet == "to \x02inst\x03");  // kept until the new one comes
}

TEST_CASE("copy as Markdown copies the page's source") {
  Fixture f;
  f.app.copy_page_markdown();
  CHECK(f.platform.clipboard.rfind("# Home", 0) == 0);
}

namespace {

// One page of the given Markdown, opened and settled.
struct OnePage : test::RunningApp {
  explicit OnePage(const std::string& markdown) {
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", nlohmann::json::array()}, {"children", nlohmann::json::array()}}}}};
    platform.files["/docs/index.md"] = markdown;
    start(manifest.dump(), "/");
    settle_frames(3);
  }
};

std::string repeated(const std::string& piece, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("regression: a frame draws what is on screen, however long the block it is in") {
  // Every decoration of the blocks in view was drawn: a paragraph of 50,000 code spans put
  // 50,000 pills into every frame, a table row of 2,000 cells 2,000 borders (tables are
  // now at most limits::kTableColumns wide: 256 columns against 64, each wider than the screen).
  const auto vertices = [](const std::string& markdown) {
    OnePage page(markdown);
    CHECK(page.app.state().ready);
    return page.app_frame();
  };
  const int pills = vertices(repeated("`a` ", 2'000) + "\n"), many_pills = vertices(repeated("`a` ", 50'000) + "\n");
  CAPTURE(pills);
  CAPTURE(many_pills);
  CHECK(many_pills < pills * 3 / 2);
  const std::string row = "|" + repeated(" a |", 64) + "\n|" + repeated("---|", 64) + "\n";
  const std::string wide_row = "|" + repeated(" a |", 256) + "\n|" + repeated("---|", 256) + "\n";
  const int cells = vertices(repeated(row, 3)), many_cells = vertices(repeated(wide_row, 3));
  CAPTURE(cells);
  CAPTURE(many_cells);
  CHECK(many_cells < cells * 3 / 2);
}

namespace {

// Pushes a font, a variable and two colours, and leaves early half the time.
bool styled(bool leave_early, const ImGuiStyle& seen) {
  app::ScopedStyle style;
  style.font(ImGui::GetFont(), 20).var(ImGuiStyleVar_FrameRounding, 9).color(ImGuiCol_Text, IM_COL32(255, 0, 0, 255));
  style.color(ImGuiCol_Button, IM_COL32(0, 255, 0, 255));
  if (leave_early) return ImGui::GetStyle().FrameRounding == 9;
  return &seen == &ImGui::GetStyle() && ImGui::GetFontSize() == 20;
}

}  // namespace

TEST_CASE("ScopedStyle pops what it pushed when its scope ends, however the scope is left") {
  test::ImGuiHarness imgui;
  imgui.new_frame();
  ImGui::Begin("w");
  const ImGuiStyle& style = ImGui::GetStyle();
  const float rounding = style.FrameRounding, font_size = ImGui::GetFontSize();
  const ImVec4 text = style.Colors[ImGuiCol_Text], button = style.Colors[ImGuiCol_Button];
  for (bool early : {true, false}) {
    CHECK(styled(early, style));
    CHECK(style.FrameRounding == rounding);
    CHECK(ImGui::GetFontSize() == font_size);
    CHECK(style.Colors[ImGuiCol_Text].x == text.x);
    CHECK(style.Colors[ImGuiCol_Button].y == button.y);
  }
  ImGui::End();
  imgui.end_frame();  // ImGui asserts that every stack is back where the frame began
}

namespace {

// A site in three parts (core/published_site.hpp, at most kPagesPerPart pages a part):
// the home page; section a's first 200 pages; a's last 50 with section b's 30.
struct PartsFixture : test::RunningApp {
  PublishedSite model;
  std::vector<std::string> parts;  // the parts' URLs

  explicit PartsFixture(const std::string& route, bool part_with_head = false) {
    static_assert(kPagesPerPart == 200, "the fixture's sizes assume 200 pages a part");
    const auto num = [](int i) { return (i < 100 ? "0" : "") + std::string(i < 10 ? "0" : "") + std::to_string(i); };
    std::vector<SourceFile> files = {{"index.md", "# Home\n\n[A 150](a/p150.md)\n"}};
    for (int i = 0; i < 250; ++i) files.push_back({"a/p" + num(i) + ".md", "# A " + num(i) + "\n\n[B 005](../b/p005.md)\n"});
    for (int i = 0; i < 30; ++i) files.push_back({"b/p" + num(i) + ".md", "# B " + num(i) + "\n"});
    model = publish(build_site(files), {.title = "Docs", .base = "/docs"});
    const ManifestFiles out = write_manifest(model);
    for (const auto& [name, text] : out.parts) {
      parts.push_back("/docs/" + name);
      platform.files[parts.back()] = text;
    }
    for (const SourceFile& f : files) platform.files["/docs" + url_for_path(f.path) + "index.md"] = f.bytes;
    if (!part_with_head) {
      start(out.head, route);
      return;
    }
    app::AppInit init;
    init.fonts = imgui.fonts;
    init.manifest_json = out.head;
    init.route = route;
    init.first_page_part = platform.files[parts[2]];  // as boot.js would hand it over
    frame([&] { CHECK(app.init(init) == ""); });
  }
  int page(const std::string& url) const { return model.find_url(url); }
  bool fetched(const std::string& url) const {
    return std::find(platform.fetched.begin(), platform.fetched.end(), url) != platform.fetched.end();
  }
};

}  // namespace

TEST_CASE("parts: the first page waits for its own part only; its neighbour in another part is drawn from refs") {
  PartsFixture f("/a/p240/");
  REQUIRE(f.parts.size() == 3);
  CHECK(f.platform.fetched == std::vector<std::string>{f.parts[2]});  // found by its URL's range, not by loading all
  CHECK_FALSE(f.app.state().ready);
  f.app_frame();  // drawn while the part is on its way: the sidebar does not decide what is open yet
  CHECK(f.platform.fetched.size() == 1);
  f.settle_frames(1);  // the part arrives; the page's Markdown is asked for
  const int prev = f.page("/a/p199/");
  CHECK_FALSE(f.app.site().loaded(prev));
  CHECK(f.app.site().pages[static_cast<std::size_t>(prev)].title == "A 199");  // previous, across the boundary
  f.settle_frames(3);
  CHECK(f.app.state().ready);
  CHECK(f.app.state().path == "/a/p240/");
  CHECK(f.platform.title == "A 240 · Docs");
  CHECK(f.fetched(f.parts[1]));          // the sidebar shows all of section a
  CHECK_FALSE(f.fetched(f.parts[0]));    // nothing needs the home page's part
}

TEST_CASE("parts: a link to a page of a part not read yet loads that part, then the page") {
  PartsFixture f("/");
  f.settle_frames(3);
  REQUIRE(f.app.state().ready);
  CHECK(f.platform.fetched == std::vector<std::string>{f.parts[0], "/docs/index.md"});
  f.app.open("/a/p150/");
  CHECK(f.app.page().status == app::CurrentPage::Status::loading);
  f.settle_frames(3);
  CHECK(f.app.state().path == "/a/p150/");
  CHECK(f.app.state().ready);
  CHECK(f.fetched(f.parts[1]));
  CHECK(f.platform.history.back() == "push /docs/a/p150/");
}

TEST_CASE("parts: a URL outside every part's range is not found, without fetching; a part that fails says so") {
  PartsFixture f("/");
  f.settle_frames(3);
  const std::size_t before = f.platform.fetched.size();
  f.app.open("/a/p1999/");
  CHECK(f.platform.fetched.size() == before);
  CHECK(f.app.page().status == app::CurrentPage::Status::failed);
  f.platform.files.erase(f.parts[2]);
  f.app.open("/b/p007/");
  f.settle_frames(3);
  CHECK(f.app.page().status == app::CurrentPage::Status::failed);
  CHECK(f.app.page().error.find("Could not load site/pages.") != std::string::npos);
  CHECK(f.app.page().error.find("HTTP 404") != std::string::npos);
}

TEST_CASE("parts: the first page's part handed over with the head is not fetched again") {
  PartsFixture f("/a/p240/", true);
  CHECK(f.platform.fetched == std::vector<std::string>{"/docs/a/p240/index.md"});
  f.settle_frames(3);
  CHECK(f.app.state().ready);
  CHECK_FALSE(f.fetched(f.parts[2]));
}

TEST_CASE("the top bar says whether the site is available offline, how far its copy is, and offers the whole site with its size") {
  using app::OfflineCopy, app::offline_label;
  using S = OfflineCopy::State;
  CHECK(offline_label({S::unknown, 0, 0}) == "");  // no service worker: nothing to say
  CHECK(offline_label({S::partial, 0, 48.0 * 1024 * 1024}) == "Make available offline (48 MB)");
  CHECK(offline_label({S::partial, 0, 2.5 * 1024 * 1024}) == "Make available offline (2.5 MB)");
  CHECK(offline_label({S::downloading, 17.0 * 1024 * 1024, 48.0 * 1024 * 1024}) == "Offline copy: 35 % of 48 MB");
  CHECK(offline_label({S::downloading, 48.0 * 1024 * 1024, 48.0 * 1024 * 1024}) == "Offline copy: 99 % of 48 MB");  // done when it says so
  CHECK(offline_label({S::complete, 48.0 * 1024 * 1024, 48.0 * 1024 * 1024}) == "Available offline");
}

TEST_CASE("the key O asks for the whole site offline when it is offered, and does nothing otherwise") {
  Fixture f;
  const auto press_o = [&] {
    ImGui::GetIO().AddKeyEvent(ImGuiKey_O, true);
    f.app_frame();
    ImGui::GetIO().AddKeyEvent(ImGuiKey_O, false);
    f.app_frame();
  };
  press_o();
  CHECK(f.platform.offline_requests == 0);  // no worker: nothing to ask
  f.platform.offline = {app::OfflineCopy::State::partial, 0, 48.0 * 1024 * 1024};
  press_o();
  CHECK(f.platform.offline_requests == 1);
  f.platform.offline.state = app::OfflineCopy::State::downloading;
  press_o();
  CHECK(f.platform.offline_requests == 1);  // once is enough
}

TEST_CASE("on a phone, the drawer's foot says whether the site is available offline and offers the whole site") {
  Fixture f;
  f.width = 390;
  ImGui::GetIO().DisplaySize = ImVec2(390, 800);
  f.platform.offline = {app::OfflineCopy::State::partial, 0, 48.0 * 1024 * 1024};
  f.app.sidebar().drawer_open = true;
  f.app_frame();
  f.app_frame();
  // The offer ends 12 px from the drawer's right edge (320 px wide), 8 px into its 52 px foot.
  ImGui::GetIO().AddMousePosEvent(300, 800 - 52 + 8 + 18);
  f.app_frame();
  ImGui::GetIO().AddMouseButtonEvent(0, true);
  f.app_frame();
  ImGui::GetIO().AddMouseButtonEvent(0, false);
  f.app_frame();
  CHECK(f.platform.offline_requests == 1);
}

namespace {

// A tooltip window was drawn in the last frame.
bool tooltip_shown() {
  for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
    if ((w->Flags & ImGuiWindowFlags_Tooltip) && w->WasActive) return true;
  return false;
}

std::string minimal_manifest() {
  return nlohmann::json{{"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"pages", nlohmann::json::array()},
                        {"sections", nlohmann::json::array()}}.dump();
}

}  // namespace

TEST_CASE("the theme control cycles system, the other appearance, the system's own kept, and system again") {
  Fixture f;  // the system is light
  const auto step = [&] {
    f.app.cycle_theme();
    return f.app.state().theme_choice + "/" + f.app.state().theme + "/" + f.platform.storage["logbook.theme"];
  };
  CHECK(step() == "dark/dark/dark");       // the first click always changes what the reader sees
  CHECK(step() == "light/light/light");
  CHECK(step() == "system/light/system");  // back to following the system
  f.platform.dark = true;
  f.app.on_system_theme(true);
  CHECK(f.app.state().theme == "dark");    // and it does
  // Remembered: a new visit starts with the choice.
  test::RunningApp again;
  again.platform.storage["logbook.theme"] = "system";
  again.platform.dark = true;
  again.start(minimal_manifest(), "/");
  CHECK(again.app.state().theme_choice == "system");
  CHECK(again.app.state().theme == "dark");
}

TEST_CASE("a line too long for its place ends in an ellipsis after a whole character, never mid-letter") {
  test::RunningApp r;
  r.start(minimal_manifest(), "/");
  ImFont* font = r.app.type().font(app::Face::bold);
  const auto width = [&](const std::string& s) { return font->CalcTextSizeA(16, FLT_MAX, 0, s.c_str()).x; };
  CHECK(app::elide_text(font, 16, "Short", 200) == "Short");
  const std::string title = "Pinned third-party sources from registries, checked by hash";
  const std::string fitted = app::elide_text(font, 16, title, 180);
  REQUIRE(fitted.size() > 3);
  CHECK(fitted.substr(fitted.size() - 3) == "\xE2\x80\xA6");
  CHECK(title.rfind(fitted.substr(0, fitted.size() - 3), 0) == 0);  // a prefix of the title
  CHECK(width(fitted) <= 180);
  CHECK(width(app::elide_text(font, 16, title, 180)) > 180 - width("Wi\xE2\x80\xA6"));  // and uses the room it has
  // Letters of several bytes are kept whole or dropped whole.
  const std::string accented = "Décisions à réviser éventuellement très bientôt";
  for (float w = 20; w < 300; w += 7) {
    const std::string s = app::elide_text(font, 16, accented, w);
    CHECK(!find_invalid_utf8(s));
  }
  // Nothing fits: the ellipsis alone.
  CHECK(app::elide_text(font, 16, title, 4) == "\xE2\x80\xA6");
}

TEST_CASE("previous/next cards show a long title cut with an ellipsis, on a phone too") {
  test::RunningApp r;
  const std::string long_title = "A very long page title that a phone cannot show on one line of a card";
  const nlohmann::json manifest = {
      {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
      {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                  {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}},
                 {{"path", "long.md"}, {"url", "/long/"}, {"title", long_title}, {"section", 0},
                  {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}}}},
      {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1}}, {"children", nlohmann::json::array()}}}}};
  r.platform.files["/docs/index.md"] = "# Home\n\nShort.\n";
  r.width = 390;
  r.start(manifest.dump(), "/");
  r.settle_frames(4);
  bool found = false;
  for (const app::VisibleLink& l : r.app.visible_links())
    if (l.href == "/long/") {
      found = true;
      CHECK(l.text.size() < long_title.size());
      CHECK(l.text.substr(l.text.size() - 3) == "\xE2\x80\xA6");
    }
  CHECK(found);
  // Pointing at the card shows the whole title.
  for (const app::VisibleLink& l : r.app.visible_links())
    if (l.href == "/long/") {
      ImGui::GetIO().AddMousePosEvent(l.x + 40, l.y + 40);
      r.app_frame();
      r.app_frame();
    }
  CHECK(tooltip_shown());
}

namespace {

// Mouse input as a reader gives it, one frame per event.
struct Mouse {
  test::RunningApp& r;
  void move(float x, float y) {
    ImGui::GetIO().AddMousePosEvent(x, y);
    r.app_frame();
  }
  void click(int button) {
    ImGui::GetIO().AddMouseButtonEvent(button, true);
    r.app_frame();
    ImGui::GetIO().AddMouseButtonEvent(button, false);
    r.app_frame();
    r.app_frame();
  }
};

const app::VisibleLink* find_link(const std::vector<app::VisibleLink>& links, const std::string& text, const std::string& href = "") {
  for (const app::VisibleLink& l : links)
    if (l.text == text && (href.empty() || l.href == href)) return &l;
  return nullptr;
}

// WCAG's contrast ratio of two colours (1 to 21).
double contrast(ImU32 a, ImU32 b) {
  const auto luminance = [](ImU32 c) {
    const auto channel = [](unsigned v) {
      const double s = v / 255.0;
      return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
  };
  const double x = luminance(a), y = luminance(b);
  return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

}  // namespace

TEST_CASE("a right-click on a link offers to open it in a new tab or copy its address, as a browser's menu does") {
  Fixture f;
  Mouse mouse{f};
  std::vector<app::VisibleLink> links = f.app.visible_links();
  REQUIRE(find_link(links, "Install") != nullptr);
  const app::VisibleLink install_link = *find_link(links, "Install");
  const app::VisibleLink* install = &install_link;
  mouse.move(install->x + 5, install->y + install->h / 2);
  mouse.click(ImGuiMouseButton_Right);
  CHECK(f.app.state().path == "/");  // a right-click does not follow the link
  REQUIRE(f.app.link_menu().open);
  links = f.app.visible_links();
  const app::VisibleLink* copy = find_link(links, "Copy link address");
  REQUIRE(copy != nullptr);
  mouse.move(copy->x + 10, copy->y + copy->h / 2);
  mouse.click(ImGuiMouseButton_Left);
  CHECK(f.platform.clipboard == "https://example.org/docs/guide/#install");
  CHECK_FALSE(f.app.link_menu().open);
  // Again, for a new tab; an external link keeps its own address.
  mouse.move(install->x + 5, install->y + install->h / 2);
  mouse.click(ImGuiMouseButton_Right);
  links = f.app.visible_links();
  const app::VisibleLink* tab = find_link(links, "Open in new tab");
  REQUIRE(tab != nullptr);
  mouse.move(tab->x + 10, tab->y + tab->h / 2);
  mouse.click(ImGuiMouseButton_Left);
  CHECK(f.platform.opened_tabs == std::vector<std::string>{"https://example.org/docs/guide/#install"});
  CHECK(f.app.state().path == "/");
  CHECK(f.app.absolute_url("https://example.com/x") == "https://example.orghttps://example.com/x");  // the platform decides (fake)
}

TEST_CASE("a broken link is drawn as broken (caution ink), says so on hover, and a click goes nowhere") {
  Fixture f;  // [gone](nowhere.md): the manifest gives it no href
  Mouse mouse{f};
  const app::DocLayout& L = f.app.page().layout;
  const auto ink_of = [&](const std::string& text) {
    for (const app::Fragment& fr : L.fragments)
      if (L.text.substr(fr.begin, fr.end - fr.begin) == text) return L.styles[fr.style].ink;
    return app::Ink::count;
  };
  CHECK(L.links[static_cast<std::size_t>(f.link_to("gone"))].broken);
  CHECK(ink_of("gone") == app::Ink::caution);
  CHECK_FALSE(L.links[static_cast<std::size_t>(f.link_to("Install"))].broken);
  CHECK(ink_of("Install") == app::Ink::link);
  CHECK_FALSE(L.links[static_cast<std::size_t>(f.link_to("out"))].broken);
  std::vector<app::VisibleLink> links = f.app.visible_links();
  REQUIRE(find_link(links, "gone") != nullptr);
  const app::VisibleLink gone = *find_link(links, "gone");
  mouse.move(gone.x + 5, gone.y + gone.h / 2);
  mouse.move(gone.x + 6, gone.y + gone.h / 2);
  CHECK(tooltip_shown());
  const std::vector<std::string> history = f.platform.history;
  mouse.click(ImGuiMouseButton_Left);
  f.settle();
  CHECK(f.app.state().path == "/");
  CHECK(f.platform.history == history);
  CHECK(f.platform.opened_tabs.empty());
  CHECK(f.app.status_line == "Broken link: nowhere.md does not exist");
  // A right-click offers no menu: there is no address to open or copy.
  mouse.click(ImGuiMouseButton_Right);
  CHECK_FALSE(f.app.link_menu().open);
}

TEST_CASE("a broken link's message names its target as written, a wikilink by its name, a long one cut") {
  app::LinkInfo link;
  link.destination = "../guides/missing.md";
  CHECK(app::broken_link_message(link) == "Broken link: ../guides/missing.md does not exist");
  link.destination = "wikilink:Team Notes";
  CHECK(app::broken_link_message(link) == "Broken link: Team Notes does not exist");
  link.destination = std::string(100000, 'x');
  CHECK(app::broken_link_message(link).size() < 220);
}

TEST_CASE("a heading shows its permalink while the pointer is on it; a click copies its address and puts it in the address bar") {
  Fixture f;
  f.app.open("/guide/");
  f.settle();
  Mouse mouse{f};
  CHECK(find_link(f.app.visible_links(), "#", "/guide/#install") == nullptr);  // not until hovered
  const app::Anchor* install = f.app.page().layout.find_anchor("install");
  REQUIRE(install != nullptr);
  const float y = f.app.doc_view().area_y + f.app.doc_view().origin_y - f.app.doc_view().scroll + install->y + 8;
  mouse.move(f.app.doc_view().content_x + 40, y);
  const std::vector<app::VisibleLink> links = f.app.visible_links();
  const app::VisibleLink* mark = find_link(links, "#", "/guide/#install");
  REQUIRE(mark != nullptr);
  CHECK(mark->x < f.app.doc_view().content_x);  // in the margin, before the heading
  f.platform.history.clear();
  mouse.move(mark->x + mark->w / 2, mark->y + mark->h / 2);
  mouse.click(ImGuiMouseButton_Left);
  CHECK(f.platform.clipboard == "https://example.org/docs/guide/#install");
  CHECK(f.platform.history == std::vector<std::string>{"replace /docs/guide/#install"});
}

namespace {

std::string long_page(const std::string& preface) {
  std::string md = "# Long page\n\n" + preface;
  for (int s = 1; s <= 6; ++s) {
    md += "## Part " + std::to_string(s) + "\n\n";
    for (int p = 1; p <= 6; ++p)
      md += "Paragraph " + std::to_string(s) + "." + std::to_string(p) + " says something long enough to wrap over a line or two of the page at this width.\n\n";
  }
  return md;
}

// An app started on one page of Markdown, with a reading position handed over at boot.
struct Reopened : test::RunningApp {
  Reopened(const std::string& markdown, const std::string& position) {
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", nlohmann::json::array()}, {"children", nlohmann::json::array()}}}}};
    platform.files["/docs/index.md"] = markdown;
    app::AppInit init;
    init.fonts = imgui.fonts;
    init.manifest_json = manifest.dump();
    init.route = "/";
    init.position = position;
    frame([&] { CHECK(app.init(init) == ""); });
    settle_frames(4);
  }
};

}  // namespace

TEST_CASE("the reading position survives a reload of a changed page: same heading, same block, same place in it") {
  Reopened before(long_page(""), "");
  CHECK(app::reading_position_from_json(before.app.reading_position()).text.empty());  // at the top
  before.app.scroll_to_anchor("part-4", false);
  before.app.doc_view().scroll += 130;  // into the section, mid-paragraph
  before.app_frame();
  const std::string saved = before.app.reading_position();
  const app::ReadingPosition p = app::reading_position_from_json(saved);
  CHECK(p.heading == "part-4");
  CHECK(p.text.rfind("Paragraph 4.", 0) == 0);
  // The writer added text above: the reader stays with the words they were reading.
  Reopened after(long_page("A new paragraph at the top, which moves everything below it down.\n\nAnd another.\n\n"), saved);
  const app::ReadingPosition q = app::reading_position_from_json(after.app.reading_position());
  CHECK(q.heading == p.heading);
  CHECK(q.text == p.text);
  CHECK(std::abs(q.offset - p.offset) < 2);
  CHECK(after.app.doc_view().scroll > before.app.doc_view().scroll);
}

TEST_CASE("the app taking over from a scrolled static page starts at the block the reader had at the top") {
  // What boot.js reads from the static page: the heading above, the block's first words.
  Reopened r(long_page(""), R"({"heading":"part-3","text":"Paragraph 3.3 says something long enough","offset":0})");
  CHECK(r.app.state().heading == "part-3");
  CHECK(app::reading_position_from_json(r.app.reading_position()).text.rfind("Paragraph 3.3 says", 0) == 0);
  // A block no longer there: its heading; neither: the top; nonsense: the top.
  Reopened gone(long_page(""), R"({"heading":"part-2","text":"Deleted words","offset":10})");
  CHECK(gone.app.state().heading == "part-2");
  Reopened none(long_page(""), R"({"heading":"nowhere","text":"Deleted words","offset":10})");
  CHECK(none.app.doc_view().scroll == 0);
  Reopened junk(long_page(""), "{not json");
  CHECK(junk.app.doc_view().scroll == 0);
}

TEST_CASE("on a touch screen a long press on a link opens the link menu, with rows a finger can hit, and does not follow the link") {
  Fixture f;
  f.platform.touch = true;
  f.width = 390;
  f.settle();
  std::vector<app::VisibleLink> links = f.app.visible_links();
  REQUIRE(find_link(links, "Install") != nullptr);
  const app::VisibleLink install = *find_link(links, "Install");
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(install.x + 4, install.y + install.h / 2);
  io.AddMouseButtonEvent(0, true);
  for (int i = 0; i < 45; ++i) f.app_frame();  // three quarters of a second at 60 frames a second
  CHECK(f.app.link_menu().open);
  io.AddMouseButtonEvent(0, false);
  f.app_frame();
  f.settle();
  CHECK(f.app.state().path == "/");  // letting go after a long press is not a tap
  CHECK(f.app.link_menu().open);
  links = f.app.visible_links();
  const app::VisibleLink* copy = find_link(links, "Copy link address");
  REQUIRE(copy != nullptr);
  CHECK(copy->h >= 44);
}

TEST_CASE("labels such as 'On this page' are drawn in inks that meet 4.5:1 on the page, in both themes") {
  for (const app::ThemeKind kind : {app::ThemeKind::light, app::ThemeKind::dark}) {
    const app::Theme th = app::make_theme(kind);
    CAPTURE(static_cast<int>(kind));
    for (const app::Ink ink : {app::Ink::text, app::Ink::muted, app::Ink::heading, app::Ink::link})
      CHECK(contrast(th[ink], th[app::Ink::page_bg]) >= 4.5);
    // Faint is for rules and dots, never for words: it is under 4.5:1.
    CHECK(contrast(th[app::Ink::faint], th[app::Ink::page_bg]) < 4.5);
  }
}

TEST_CASE("regression: on a phone the open palette hides the whole page, down to the screen's foot") {
  // The palette's window ends a little above the foot; the layer behind it was a dim veil,
  // so the page's text showed below the palette's footer.
  Fixture f;
  f.width = 390;
  ImGui::GetIO().DisplaySize = ImVec2(390, 844);
  f.app.open_search(true);
  f.app_frame();
  f.app_frame();
  ImGuiWindow* layer = ImGui::FindWindowByName("##palette-dim");
  REQUIRE(layer != nullptr);
  REQUIRE(layer->DrawList->VtxBuffer.Size > 0);
  CHECK((layer->DrawList->VtxBuffer[0].col >> IM_COL32_A_SHIFT) == 0xFF);  // opaque
}
