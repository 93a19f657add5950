// Spec: search filters narrow pages by their metadata and combine with words; the
// palette gets filter completions from the same engine. A malformed filter never errors.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include "core/query_parser.hpp"
#include "core/search_db.hpp"
#include "core/search_engine.hpp"

using namespace logbook;

namespace {

std::unique_ptr<SearchEngine> engine_for(const std::vector<SourceFile>& files, const SiteConfig& config = {}) {
  const Site site = build_site(files);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site, extract_decisions(site, config), config) == "");
  return std::make_unique<SearchEngine>(db);
}

std::vector<std::string> paths(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.path);
  return out;
}

const std::vector<SourceFile> kSite = {
    {"index.md", "# Home\n\nWelcome. Search is fast.\n"},
    {"guides/deploy.md", "---\ntitle: Deploying\ntags: [infra]\nowner: Ana Lima\ndate: 2026-03-01\n---\n\nPush to the CDN; search indexes rebuild.\n"},
    {"guides/cache.md", "---\ntitle: Caching\ntags: [infra, performance]\nowner: ben\ndate: 2025-12-01\n---\n\nThe CDN caches search results.\n"},
    {"decisions/0001-sqlite.md", "---\nid: ADR-0001\ntitle: SQLite for search\nstatus: accepted\ndate: 2026-01-15\n"
                                 "deciders: [Ana Lima, Chris]\ntags: [search, infra]\n---\n# SQLite for search\n\nWe use FTS5.\n"},
    {"decisions/0002-pagefind.md", "---\nid: ADR-0002\ntitle: Pagefind for search\nstatus: rejected\ndate: 2025-11-20\n"
                                   "deciders: [Ben]\ntags: [search]\n---\n# Pagefind for search\n\nWe tried Pagefind.\n"},
    {"decisions/0003-nygard.md", "# 3. Cache search results\n\nDate: 2026-06-01\n\n## Status\n\nProposed\n\n## Context\n\nSearch is slow on phones.\n"},
};

}  // namespace

TEST_CASE("the parser separates filters from words") {
  const ParsedQuery q = parse_query("status:Accepted cdn tag:infra -owner:ana type:decisions after:2026 before:2026-07");
  CHECK(q.to_fts5() == "\"cdn\"");
  REQUIRE(q.filters.size() == 6);
  CHECK(q.filters[0].key == "status");
  CHECK(q.filters[0].value == "accepted");
  CHECK(q.filters[1].key == "tag");
  CHECK(q.filters[2].negated);
  CHECK(q.filters[3].value == "decision");
  CHECK(q.filters[4].value == "2026-01-01");
  CHECK(q.filters[5].value == "2026-07-01");
}

TEST_CASE("malformed filters are dropped, not errors; unknown keys are words") {
  CHECK(parse_query("after:soon").filters.empty());
  CHECK(parse_query("after:2026-02-30").filters.empty());
  CHECK(parse_query("status:").filters.empty());
  CHECK(parse_query("type:banana").filters.empty());
  CHECK(parse_query("after:soon cache").to_fts5() == "\"cache\"*");
  CHECK(parse_query("status:").to_fts5() == "");
  CHECK(parse_query("http://example.org").filters.empty());
  CHECK(parse_query("http://example.org").to_fts5() == "\"http://example.org\"*");
  CHECK(parse_query("note:this").to_fts5() == "\"note:this\"*");
}

TEST_CASE("a quoted filter value keeps its spaces") {
  const ParsedQuery q = parse_query("owner:\"Ana Lima\" deploy");
  REQUIRE(q.filters.size() == 1);
  CHECK(q.filters[0].value == "Ana Lima");
  CHECK(q.to_fts5() == "\"deploy\"*");
}

TEST_CASE("filters combine with words") {
  auto e = engine_for(kSite);
  CHECK(paths(e->search("search status:accepted")) == std::vector<std::string>{"decisions/0001-sqlite.md"});
  CHECK(paths(e->search("search type:decision status:rejected")) == std::vector<std::string>{"decisions/0002-pagefind.md"});
  CHECK(paths(e->search("cdn tag:performance")) == std::vector<std::string>{"guides/cache.md"});
  CHECK(paths(e->search("cdn -tag:performance")) == std::vector<std::string>{"guides/deploy.md"});
}

TEST_CASE("a query of only filters lists the matching pages, newest first") {
  auto e = engine_for(kSite);
  CHECK(paths(e->search("type:decision")) ==
        std::vector<std::string>{"decisions/0003-nygard.md", "decisions/0001-sqlite.md", "decisions/0002-pagefind.md"});
  CHECK(paths(e->search("tag:INFRA")) == std::vector<std::string>{"guides/deploy.md", "decisions/0001-sqlite.md", "guides/cache.md"});
  const SearchResult r = e->search("status:proposed");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].status == "proposed");
  CHECK(r.hits[0].date == "2026-06-01");  // from the Nygard Date line
  CHECK(r.hits[0].title == "3. Cache search results");
  CHECK(r.hits[0].decision == "ADR-0003");  // the palette lists records by id and status
  CHECK(e->search("search status:accepted").hits[0].decision == "ADR-0001");  // words read the rows too
  CHECK(e->search("tag:INFRA").hits[0].decision == "");
}

TEST_CASE("status: and type: alternatives; other filters must all hold") {
  auto e = engine_for(kSite);
  CHECK(e->search("status:accepted status:rejected").hits.size() == 2);
  CHECK(paths(e->search("type:page tag:infra")) == std::vector<std::string>{"guides/deploy.md", "guides/cache.md"});
  CHECK(e->search("tag:infra tag:performance").hits.size() == 1);
  CHECK(paths(e->search("type:decision -status:rejected -status:proposed")) == std::vector<std::string>{"decisions/0001-sqlite.md"});
}

TEST_CASE("a status the team made up is kept whole and found by status:\"on hold\"") {
  const auto e = engine_for({{"index.md", "# Home\n"},
                             {"decisions/0001-a.md", "---\nstatus: On hold\ndate: 2026-01-15\n---\n# A\n"},
                             {"decisions/0002-b.md", "# 2. B\n\n## Status\n\nOn hold (budget)\n"},
                             {"decisions/0003-c.md", "---\nstatus: on\n---\n# C\n"}});
  const SearchResult r = e->search("status:\"on hold\"");
  CHECK(paths(r) == std::vector<std::string>{"decisions/0001-a.md", "decisions/0002-b.md"});
  REQUIRE(!r.hits.empty());
  CHECK(r.hits[0].status == "on hold");
  CHECK(paths(e->search("status:on")) == std::vector<std::string>{"decisions/0003-c.md"});
}

TEST_CASE("owner: matches page owners and decision deciders, by full name or first name") {
  auto e = engine_for(kSite);
  CHECK(paths(e->search("owner:ana")) == std::vector<std::string>{"guides/deploy.md", "decisions/0001-sqlite.md"});
  CHECK(paths(e->search("owner:\"ana lima\" type:page")) == std::vector<std::string>{"guides/deploy.md"});
  CHECK(paths(e->search("owner:ben")) == std::vector<std::string>{"guides/cache.md", "decisions/0002-pagefind.md"});
  CHECK(e->search("owner:an").hits.empty());  // a name, not a prefix
}

TEST_CASE("after: is inclusive, before: exclusive, on the page's or record's date") {
  auto e = engine_for(kSite);
  CHECK(paths(e->search("after:2026-01-15 type:decision")) == std::vector<std::string>{"decisions/0003-nygard.md", "decisions/0001-sqlite.md"});
  CHECK(paths(e->search("before:2026-01-15 type:decision")) == std::vector<std::string>{"decisions/0002-pagefind.md"});
  CHECK(paths(e->search("after:2026 before:2026-04")) == std::vector<std::string>{"guides/deploy.md", "decisions/0001-sqlite.md"});
  // Pages without a date never match a date filter.
  for (const auto& h : e->search("before:2100").hits) CHECK(h.path != "index.md");
}

TEST_CASE("filters with exclusions and no words still list") {
  auto e = engine_for(kSite);
  CHECK(paths(e->search("type:decision -pagefind")) == std::vector<std::string>{"decisions/0003-nygard.md", "decisions/0001-sqlite.md"});
}

TEST_CASE("malformed filters in a search never error") {
  auto e = engine_for(kSite);
  for (const char* q : {"status:", "after:yesterday", "type:", "owner:\"unclosed", "tag:\"\"", "-status:", "before:0000-00-00 cdn", "status:x'); DROP TABLE pages; --"}) {
    const SearchResult r = e->search(q);
    CHECK_MESSAGE(r.error.empty(), q);
  }
  CHECK(e->search("status:x'); DROP TABLE pages; --").hits.empty());
  CHECK(e->search("type:decision").hits.size() == 3);  // still there
}
