// Spec: the manifest gives the app the page list and the section tree, versioned.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/manifest.hpp"

using namespace logbook;

TEST_CASE("the manifest lists pages and sections with a format version") {
  const Site site = build_site({{"index.md", "# Home\n"}, {"guides/a.md", "---\ndate: 2026-01-02\n---\n# A\n"}});
  const auto m = nlohmann::json::parse(write_manifest(site, {.title = "Docs", .base = "/repo"}));
  CHECK(m["format"] == "logbook-manifest");
  CHECK(m["version"] == kManifestVersion);
  CHECK(m["title"] == "Docs");
  CHECK(m["base"] == "/repo");
  CHECK(m["app"].is_null());
  REQUIRE(m["pages"].size() == 2);
  CHECK(m["pages"][0]["url"] == "/guides/a/");
  CHECK(m["pages"][0]["date"] == "2026-01-02");
  CHECK(m["sections"][0]["index"] == 1);
  CHECK(m["sections"][1]["pages"] == nlohmann::json::array({0}));
}

TEST_CASE("the app entry appears when the app was built") {
  const Site site = build_site({{"index.md", "# Home\n"}});
  const auto m = nlohmann::json::parse(write_manifest(site, {.title = "Docs", .base = "", .app_boot = std::string("app/boot.js")}));
  CHECK(m["app"]["boot"] == "app/boot.js");
}

TEST_CASE("each page lists where its links go, in document order, and who links to it") {
  const Site site = build_site({{"index.md", "# Home\n[A](guides/a.md) [[Missing]] [x](https://example.org) ![i](pic.png)\n"},
                                {"guides/a.md", "# A\n[back](../index.md#home)\n"}});
  const auto m = nlohmann::json::parse(write_manifest(site, {.title = "Docs", .base = ""}));
  const auto& home = m["pages"][1];
  CHECK(home["url"] == "/");
  CHECK(home["links"] == nlohmann::json::array({"/guides/a/", "", "https://example.org", ""}));
  CHECK(home["backlinks"] == nlohmann::json::array({0}));
  CHECK(m["pages"][0]["links"] == nlohmann::json::array({"/#home"}));
  CHECK(m["pages"][0]["backlinks"] == nlohmann::json::array({1}));
}

TEST_CASE("pages carry a content hash and their git history; the build hash follows every page") {
  Site site = build_site({{"index.md", "# Home\n"}, {"a.md", "# A\n"}});
  SiteHistory history{{"a.md", {"2026-11-20", {"Ana", "Ben"}}}};
  const auto m = nlohmann::json::parse(write_manifest(site, {.title = "Docs", .base = "", .history = &history, .app_version = "app1"}));
  CHECK(m["pages"][0]["hash"] == content_hash("# A\n"));
  CHECK(m["pages"][0]["updated"] == "2026-11-20");
  CHECK(m["pages"][0]["authors"] == nlohmann::json::array({"Ana", "Ben"}));
  CHECK(m["pages"][1]["updated"].is_null());
  const std::string build = m["build"];
  CHECK(build.size() == 16);
  const auto other_app = nlohmann::json::parse(write_manifest(site, {.title = "Docs", .base = "", .history = &history, .app_version = "app2"}));
  CHECK(other_app["build"] != build);
  site = build_site({{"index.md", "# Home\n"}, {"a.md", "# A, edited\n"}});
  const auto edited = nlohmann::json::parse(write_manifest(site, {.title = "Docs", .base = "", .history = &history, .app_version = "app1"}));
  CHECK(edited["build"] != build);
}
