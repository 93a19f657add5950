// Spec: what the app needs to draw the decision log: decision rows in the search
// database (schema 2) and decisions in manifest.json (version 3), chain both ways.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "core/published_site.hpp"
#include "core/search_db.hpp"
#include "../../src/core/sqlite_util.hpp"

using namespace logbook;

namespace {

const std::vector<SourceFile> kFiles = {
    {"index.md", "---\nowner: docs-team\nreview_by: 2027-01-01\n---\n# Home\n"},
    {"decisions/0001-a.md", "---\nid: ADR-0001\ntitle: A\nstatus: superseded\ndate: 2026-01-01\ndeciders: [Ana]\n"
                            "consulted: [Ben]\ninformed: [Everyone]\ntags: [infra]\n---\n# A\n"},
    {"decisions/0002-b.md", "---\nid: ADR-0002\ntitle: B\nstatus: accepted\ndate: 2026-02-01\nreview_by: 2027-02-01\n"
                            "supersedes: [ADR-0001]\n---\n# B\n"},
    {"decisions/0003-nygard.md", "# 3. C\n\nDate: 2026-03-01\n\n## Status\n\nProposed\n"},
};

}  // namespace

TEST_CASE("the search database has a decisions row per record, with the chain derived both ways") {
  const Site site = build_site(kFiles);
  SiteConfig config;
  config.repository = "https://github.com/acme/handbook";
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site, extract_decisions(site, config), config) == "");
  CHECK(check_search_database(db) == "");
  {
    sql::Statement q(db, "SELECT d.id, d.status, d.date, d.review_by, d.dialect, d.deciders, d.consulted, d.informed, "
                         "d.supersedes, d.superseded_by FROM decisions d JOIN pages p ON p.id = d.page_id ORDER BY p.path");
    REQUIRE(q.ok());
    REQUIRE(q.step());
    CHECK(q.text(0) == "ADR-0001");
    CHECK(q.text(1) == "superseded");
    CHECK(q.text(5) == "[\"Ana\"]");
    CHECK(q.text(6) == "[\"Ben\"]");
    CHECK(q.text(7) == "[\"Everyone\"]");
    CHECK(q.text(8) == "[]");
    CHECK(q.text(9) == "[\"ADR-0002\"]");  // declared only by ADR-0002
    REQUIRE(q.step());
    CHECK(q.text(3) == "2027-02-01");
    CHECK(q.text(8) == "[\"ADR-0001\"]");
    REQUIRE(q.step());
    CHECK(q.text(0) == "ADR-0003");
    CHECK(q.text(2) == "2026-03-01");
    CHECK(q.text(4) == "nygard");
    CHECK_FALSE(q.step());
  }
  {
    sql::Statement q(db, "SELECT owner, review_by, date FROM pages WHERE path = 'index.md'");
    REQUIRE(q.step());
    CHECK(q.text(0) == "docs-team");
    CHECK(q.text(1) == "2027-01-01");
  }
  {
    sql::Statement q(db, "SELECT date FROM pages WHERE path = 'decisions/0003-nygard.md'");
    REQUIRE(q.step());
    CHECK(q.text(0) == "2026-03-01");  // a body-dialect date is the page's date
  }
  {
    sql::Statement q(db, "SELECT group_concat(name || '/' || role, ' ') FROM (SELECT * FROM people ORDER BY page_id, role)");
    REQUIRE(q.step());
    CHECK(q.text(0) == "Ben/consulted Ana/decider Everyone/informed docs-team/owner");
  }
  sqlite3_close(db);
}

TEST_CASE("a database of another schema version is refused with what to do") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(sql::exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema_version', '1');") == "");
  CHECK(check_search_database(db).find("rebuild the site") != std::string::npos);
  sqlite3_close(db);
}

TEST_CASE("the manifest carries the decision log, the repository and the statuses") {
  const Site site = build_site(kFiles);
  SiteConfig config;
  config.repository = "https://github.com/acme/handbook";
  const ManifestFiles files = write_manifest(publish(site, extract_decisions(site, config), config,
      {.title = "Docs", .base = "", .content_prefix = "docs/content", .propose_decision = "https://github.com/acme/handbook/new/main/docs/content/decisions?filename=0004-title.md"}));
  auto m = nlohmann::json::parse(files.head);
  REQUIRE(files.parts.size() == 1);
  m["pages"] = nlohmann::json::parse(files.parts[0].second)["pages"];
  CHECK(m["version"] == kManifestVersion);
  CHECK(m["repository"]["url"] == "https://github.com/acme/handbook");
  CHECK(m["repository"]["branch"] == "main");
  CHECK(m["repository"]["content_prefix"] == "docs/content");  // where edit and history links point
  CHECK(m["propose_decision"] == "https://github.com/acme/handbook/new/main/docs/content/decisions?filename=0004-title.md");
  CHECK(m["statuses"].size() == 5);
  const auto& decisions = m["decisions"];
  REQUIRE(decisions.size() == 3);
  CHECK(decisions[0]["id"] == "ADR-0001");
  CHECK(decisions[0]["superseded_by"] == nlohmann::json::array({1}));
  CHECK(decisions[1]["supersedes"] == nlohmann::json::array({0}));
  CHECK(decisions[1]["review_by"] == "2027-02-01");
  CHECK(decisions[0]["consulted"] == nlohmann::json::array({"Ben"}));
  CHECK(decisions[2]["status"] == "proposed");
  CHECK(decisions[2]["title"] == "C");
  const int page = decisions[1]["page"];
  CHECK(m["pages"][static_cast<std::size_t>(page)]["path"] == "decisions/0002-b.md");
  CHECK(m["pages"][static_cast<std::size_t>(page)]["decision"] == 1);
  CHECK(decisions[1]["url"] == "/decisions/0002-b/");  // the decision log links without the page's part
  const auto& home = m["pages"][0];
  CHECK(home["path"] == "index.md");
  CHECK(home["owner"] == "docs-team");
  CHECK_FALSE(home.contains("tags"));      // empty fields are left out of a part
  CHECK(home["review_by"] == "2027-01-01");
  CHECK_FALSE(home.contains("decision"));  // not a record: -1, left out
}

TEST_CASE("without logbook.yml the manifest has no repository and MADR's statuses") {
  const auto m = nlohmann::json::parse(write_manifest(publish(build_site(kFiles), {.title = "Docs", .base = ""})).head);
  CHECK(m["repository"].is_null());
  CHECK(m["propose_decision"].is_null());
  CHECK(m["decisions"].size() == 3);
}
