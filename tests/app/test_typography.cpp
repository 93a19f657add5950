// Spec: the faces the reader draws with. The rare faces (bold italic, bold code) may come
// later than the first page (issue 9's first-draw budget): until then a stand-in draws
// them, the first text drawn in one asks for it once, and its arrival lays the page out
// again with it. A face that never arrives leaves the stand-in: the look degrades, never
// the function.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "running_app.hpp"

using namespace logbook;
using app::Face;

namespace {

constexpr const char* kBoldItalicUrl = "/docs/app/fonts/inter-bold-italic.otf";
constexpr const char* kMonoBoldUrl = "/docs/app/fonts/mono-bold.ttf";

struct LateFaces : test::RunningApp {
  std::string bold_italic_bytes, mono_bold_bytes;
  LateFaces() {
    // As the browser's boot leaves them: no bytes for the rare faces, their URLs instead.
    bold_italic_bytes = std::exchange(imgui.fonts.bold_italic, "");
    mono_bold_bytes = std::exchange(imgui.fonts.mono_bold, "");
    imgui.fonts.later[static_cast<std::size_t>(Face::bold_italic)] = kBoldItalicUrl;
    imgui.fonts.later[static_cast<std::size_t>(Face::mono_bold)] = kMonoBoldUrl;
    platform.files[kBoldItalicUrl] = bold_italic_bytes;
    const nlohmann::json manifest = {
        {"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
        {"pages", {{{"path", "index.md"}, {"url", "/"}, {"title", "Home"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}},
                   {{"path", "rare.md"}, {"url", "/rare/"}, {"title", "Rare"}, {"section", 0},
                    {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}}}},
        {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1}},
                       {"children", nlohmann::json::array()}}}}};
    platform.files["/docs/index.md"] = "# Home\n\nPlain, **bold** and *italic* words.\n";
    platform.files["/docs/rare/index.md"] = "# Rare\n\nA ***strongly emphasised*** phrase.\n";
    start(manifest.dump(), "/");
    settle_frames(3);
  }
  long fetches(const char* url) const { return std::count(platform.fetched.begin(), platform.fetched.end(), url); }
  // The width of the page's first fragment drawn in face f ("" when none).
  float width_in(Face f) {
    const app::DocLayout& L = app.page().layout;
    for (const app::Fragment& frag : L.fragments)
      if (L.styles[frag.style].face == f) return frag.w;
    return -1;
  }
};

}  // namespace

TEST_CASE("a page without the rare faces never fetches them") {
  LateFaces t;
  CHECK(t.app.state().ready);
  CHECK(t.fetches(kBoldItalicUrl) == 0);
  CHECK(t.fetches(kMonoBoldUrl) == 0);
  CHECK(t.app.type().stand_in(Face::bold_italic));
  CHECK(t.app.type().font(Face::bold_italic) == t.app.type().font(Face::bold));  // the stand-in
}

TEST_CASE("the first page drawn in a rare face fetches it once, and is laid out again with it") {
  LateFaces t;
  t.app.open("/rare/", true);
  t.platform.deliver();  // the page's Markdown
  t.app_frame();         // laid out and drawn with the stand-in: the face is asked for
  CHECK(t.fetches(kBoldItalicUrl) == 1);
  const float with_stand_in = t.width_in(Face::bold_italic);
  REQUIRE(with_stand_in > 0);
  CHECK(with_stand_in == doctest::Approx(t.app.type().measure(Face::bold, t.app.type().scale.body, "strongly emphasised")));
  t.settle_frames(3);
  CHECK_FALSE(t.app.type().stand_in(Face::bold_italic));
  CHECK(t.app.type().font(Face::bold_italic) != t.app.type().font(Face::bold));
  const float with_face = t.width_in(Face::bold_italic);
  CHECK(with_face == doctest::Approx(t.app.type().measure(Face::bold_italic, t.app.type().scale.body, "strongly emphasised")));
  CHECK(with_face != doctest::Approx(with_stand_in));
  t.app.open("/", true);
  t.settle_frames(2);
  t.app.open("/rare/", true);
  t.settle_frames(2);
  CHECK(t.fetches(kBoldItalicUrl) == 1);  // asked for once
}

TEST_CASE("a rare face that cannot be fetched leaves its stand-in, and is not asked for again") {
  LateFaces t;
  t.platform.files.erase(kBoldItalicUrl);  // offline, or the file is missing
  t.app.open("/rare/", true);
  t.settle_frames(4);
  CHECK(t.app.state().ready);
  CHECK(t.fetches(kBoldItalicUrl) == 1);
  CHECK(t.app.type().stand_in(Face::bold_italic));
  CHECK(t.width_in(Face::bold_italic) > 0);
}

TEST_CASE("Typography: a late face's bytes that are not a font keep the stand-in") {
  test::ImGuiHarness imgui;
  app::FontBytes bytes = imgui.fonts;
  bytes.bold_italic.clear();
  bytes.later[static_cast<std::size_t>(Face::bold_italic)] = "/app/fonts/inter-bold-italic.otf";
  app::Typography type;
  imgui.new_frame();
  CHECK(type.load(bytes) == "");
  imgui.end_frame();
  CHECK(type.take_wanted().empty());  // nothing drawn in it yet
  (void)type.font(Face::bold_italic);
  const auto wanted = type.take_wanted();
  REQUIRE(wanted.size() == 1);
  CHECK(wanted[0].first == Face::bold_italic);
  CHECK(wanted[0].second == "/app/fonts/inter-bold-italic.otf");
  CHECK(type.take_wanted().empty());  // once
  static const std::string not_a_font = "<html>404</html>";
  CHECK(type.add_late(Face::bold_italic, not_a_font) != "");
  CHECK(type.stand_in(Face::bold_italic));
  CHECK(type.font(Face::bold_italic) == type.font(Face::bold));
}
