// Spec: a link's preview shows the target's title, a decision's status and the first
// paragraph of the page (or of the section a #heading link names), from the target's
// Markdown; a pointer resting on a link opens it, leaving both closes it after a grace
// period, Escape closes it, and screen readers get it as the link's description.
#include <doctest/doctest.h>

#include <cmark-gfm.h>
#include <nlohmann/json.hpp>

#include "app/link_preview.hpp"
#include "core/markdown.hpp"
#include "core/published_site.hpp"
#include "core/site.hpp"
#include "core/url.hpp"
#include "running_app.hpp"

using namespace logbook;

namespace {

std::string excerpt_text(const app::PreviewExcerpt& e) { return e.root ? plain_text_of(e.root.get()) : "(none)"; }

// Home links to a guide's section and to a decision record.
struct Fixture : test::RunningApp {
  Fixture() {
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", {"/guide/#install", "/adr/0001/"}}, {"targets", {1, 2}}, {"backlinks", nlohmann::json::array()}},
                   {{"path", "guide.md"}, {"url", "/guide/"}, {"title", "Guide"}, {"section", 0},
                    {"links", {"/", "/adr/0001/"}}, {"targets", {0, 2}}, {"backlinks", {0}}},
                   {{"path", "adr/0001.md"}, {"url", "/adr/0001/"}, {"title", "Use SQLite"}, {"section", 0}, {"decision", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", {0}}}}},
        {"decisions", {{{"page", 2}, {"id", "ADR-0001"}, {"title", "Use SQLite"}, {"status", "accepted"}, {"date", "2026-01-02"}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1, 2}}, {"children", nlohmann::json::array()}}}}};
    std::string home = "# Home\n\nRead [Install](guide.md#install) and [the ADR](adr/0001.md).\n";
    for (int i = 0; i < 60; ++i) home += "\nA paragraph that makes the page scroll.\n";
    platform.files["/docs/index.md"] = home;
    platform.files["/docs/guide/index.md"] = "# Guide\n\nIntro, see [home](index.md).\n\n## Install\n\nRun the [installer](adr/0001.md) first.\n";
    platform.files["/docs/adr/0001/index.md"] = "---\nstatus: accepted\n---\n# Use SQLite\n\n## Context\n\nWe need offline search.\n";
    start(manifest.dump(), "/");
    settle_frames(3);
  }
  app::VisibleLink link(const std::string& text) {
    for (const auto& l : app.visible_links())
      if (l.text == text) return l;
    FAIL("no link " << text);
    return {};
  }
  int link_to_index(const std::string& text) {
    const app::DocLayout& L = app.page().layout;
    for (const auto& fr : L.fragments)
      if (fr.link >= 0 && L.text.substr(fr.begin, fr.end - fr.begin) == text) return fr.link;
    return -1;
  }
  void pointer_at(float x, float y) {
    ImGui::GetIO().AddMousePosEvent(x, y);
    app_frame();
  }
  void wait(double ms) {
    platform.clock += ms;
    settle_frames(2);
  }
};

}  // namespace

TEST_CASE("the excerpt is the page's first paragraph, or the first of the section an anchor names") {
  CHECK(excerpt_text(app::preview_excerpt("# Title\n\n> quoted\n\nFirst *one*.\n\nSecond.\n", "")) == "First one.\n");
  CHECK(excerpt_text(app::preview_excerpt("# T\n\nIntro.\n\n## Install\n\n- a list\n\nSteps.\n\n## Next\n\nNo.\n", "install")) == "Steps.\n");
  // A section with no paragraph of its own shows none (not the next section's).
  CHECK(excerpt_text(app::preview_excerpt("# T\n\n## Empty\n\n## Next\n\nNot this.\n", "empty")) == "(none)");
  CHECK(excerpt_text(app::preview_excerpt("# T\n\nIntro.\n", "no-such-heading")) == "(none)");
  CHECK(excerpt_text(app::preview_excerpt("", "")) == "(none)");
}

TEST_CASE("the excerpt's links are numbered from the page's: first_link is how many links and images come before it") {
  const app::PreviewExcerpt e = app::preview_excerpt("# T\n\n![logo](a.png) [x](b.md)\n\n## S\n\n[y](c.md) and [z](d.md)\n", "s");
  CHECK(e.first_link == 2);
  CHECK(excerpt_text(e) == "y and z\n");
  CHECK(app::preview_excerpt("Plain [a](a.md).\n", "").first_link == 0);
}

TEST_CASE("the description says the title, a decision's status and the text") {
  CHECK(app::preview_description("Use SQLite", "accepted", "We need it.\n") == "Use SQLite. Status: accepted. We need it.");
  CHECK(app::preview_description("Guide", "", "") == "Guide");
  // A long paragraph is cut after a whole character: é is two bytes, the 600th its first.
  const std::string said = app::preview_description("T", "", std::string(599, 'a') + "\xC3\xA9" + std::string(5000, 'b'));
  CHECK(said == "T. " + std::string(599, 'a') + "\xE2\x80\xA6");
}

TEST_CASE("a pointer resting on a link opens its preview after a moment, from the target's Markdown") {
  Fixture f;
  const app::VisibleLink l = f.link("Install");
  f.pointer_at(l.x + 4, l.y + l.h / 2);
  CHECK_FALSE(f.app.link_preview().open);  // a pointer passing over opens nothing
  f.wait(450);
  REQUIRE(f.app.link_preview().open);
  CHECK(f.platform.fetched.back() == "/docs/guide/index.md");
  f.wait(0);
  const app::LinkPreviewState& st = f.app.link_preview();
  CHECK(st.status == app::LinkPreviewState::Status::ready);
  CHECK(st.layout.text == "Run the installer first.");  // the #install section's paragraph
  CHECK(st.hrefs == std::vector<std::string>{"/adr/0001/"});  // its link, as the manifest resolved it
  CHECK(st.described == "Guide. Run the installer first.");
  // Its link is on screen, for a click or automation.
  bool listed = false;
  for (const auto& v : f.app.visible_links()) listed |= v.text == "installer" && v.href == "/adr/0001/";
  CHECK(listed);
}

TEST_CASE("a decision's preview has its status; Escape closes it") {
  Fixture f;
  const app::VisibleLink l = f.link("the ADR");
  f.pointer_at(l.x + 4, l.y + l.h / 2);
  f.wait(450);
  f.wait(0);
  CHECK(f.app.link_preview().described == "Use SQLite. Status: accepted. We need offline search.");
  ImGui::GetIO().AddKeyEvent(ImGuiKey_Escape, true);
  f.app_frame();
  ImGui::GetIO().AddKeyEvent(ImGuiKey_Escape, false);
  f.app_frame();
  CHECK_FALSE(f.app.link_preview().open);
}

TEST_CASE("moving away closes the preview after the grace period; moving into it keeps it") {
  Fixture f;
  const app::VisibleLink l = f.link("Install");
  f.pointer_at(l.x + 4, l.y + l.h / 2);
  f.wait(450);
  f.wait(0);
  const app::LinkPreviewState& st = f.app.link_preview();
  REQUIRE(st.open);
  // Into the popover, through the gap: it stays.
  f.pointer_at(st.box_min.x + 20, st.box_min.y + 20);
  f.wait(400);
  CHECK(st.open);
  // Far away: closed once the grace period is over.
  f.pointer_at(5, 790);
  f.wait(100);
  CHECK(st.open);
  f.wait(400);
  CHECK_FALSE(st.open);
}

TEST_CASE("a click on a link in the preview follows it") {
  Fixture f;
  const app::VisibleLink l = f.link("Install");
  f.pointer_at(l.x + 4, l.y + l.h / 2);
  f.wait(450);
  f.wait(0);
  const app::VisibleLink in = f.link("installer");
  f.pointer_at(in.x + 4, in.y + in.h / 2);
  ImGui::GetIO().AddMouseButtonEvent(0, true);
  f.app_frame();
  ImGui::GetIO().AddMouseButtonEvent(0, false);
  f.app_frame();
  f.settle_frames(3);
  CHECK(f.app.state().path == "/adr/0001/");
  CHECK_FALSE(f.app.link_preview().open);
}

TEST_CASE("scrolling the page closes the preview") {
  Fixture f;
  const app::VisibleLink l = f.link("Install");
  f.pointer_at(l.x + 4, l.y + l.h / 2);
  f.wait(450);
  REQUIRE(f.app.link_preview().open);
  f.app.doc_view().scroll += 40;  // as a wheel or a finger would move it
  f.app_frame();
  CHECK_FALSE(f.app.link_preview().open);
}

TEST_CASE("a link to a page whose manifest part is not read yet: the preview reads the part, then the page") {
  test::RunningApp a;
  std::vector<SourceFile> files = {{"index.md", "# Home\n\nSee [far](z/p205.md).\n"}};
  for (int i = 0; i < 210; ++i) files.push_back({"z/p" + std::string(i < 10 ? "00" : i < 100 ? "0" : "") + std::to_string(i) + ".md",
                                                 "# Far " + std::to_string(i) + "\n\nFar away text " + std::to_string(i) + ".\n"});
  const PublishedSite model = publish(build_site(files), {.title = "Docs", .base = "/docs"});
  const ManifestFiles out = write_manifest(model);
  REQUIRE(out.parts.size() >= 2);
  for (const auto& [name, text] : out.parts) a.platform.files["/docs/" + name] = text;
  for (const SourceFile& file : files) a.platform.files["/docs" + url_for_path(file.path) + "index.md"] = file.bytes;
  a.start(out.head, "/");
  a.settle_frames(3);
  REQUIRE(a.app.state().ready);
  const int far = model.find_url("/z/p205/");
  REQUIRE_FALSE(a.app.site().loaded(far));
  int link = -1;
  for (std::size_t i = 0; i < a.app.page().layout.links.size(); ++i) link = static_cast<int>(i);
  a.frame([&] { app::open_link_preview(a.app, link, ImVec2(100, 100), ImVec2(140, 120), app::PreviewVia::hover); });
  REQUIRE(a.app.link_preview().open);
  a.settle_frames(4);  // the part, then the page's Markdown
  CHECK(a.app.site().loaded(far));
  CHECK(a.app.link_preview().described == "Far 205. Far away text 205.");
}

TEST_CASE("the popover stays on screen: above a link at the bottom, inside the right edge") {
  Fixture f;
  f.frame([&] { app::open_link_preview(f.app, f.link_to_index("Install"), ImVec2(1250, 770), ImVec2(1275, 790), app::PreviewVia::hover); });
  f.settle_frames(3);
  const app::LinkPreviewState& st = f.app.link_preview();
  REQUIRE(st.open);
  CHECK(st.box_max.y <= 770);  // above the link, which is too near the bottom
  CHECK(st.box_min.y >= 0);
  CHECK(st.box_max.x <= 1280 - 8);
}
