// Spec: the query engine ranks and snippets results from a search database written
// by the core. The same code runs natively and in the browser's worker.
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <algorithm>

#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "core/search_rank.hpp"
#include "core/site.hpp"
#include "engine_fixture.hpp"

using namespace logbook;
using test::engine_for;

namespace {


std::vector<std::string> paths(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.path);
  return out;
}

std::string long_text(int words) {
  std::string s;
  for (int i = 0; i < words; ++i) s += "lorem ipsum dolor sit amet consectetur ";
  return s;
}

const std::vector<SourceFile> kSite = {
    {"index.md", "# Home\n\nWelcome to the knowledge base.\n"},
    {"guides/deploy.md", "---\ntitle: Deploying to production\ntags: [ops]\n---\n\nPush the site to the CDN. The cache is purged.\n"},
    {"guides/workers.md", "# Worker threads\n\nUse `worker_threads` for CPU work. Café au lait.\n"},
    {"guides/cache.md", "# Caching\n\nThe CDN keeps a cache of every page.\n"},
    {"guides/draft-notes.md", "# Notes\n\nDeploying drafts is not allowed.\n"},
};

}  // namespace

TEST_CASE("all words must match; results carry title, path, url and section") {
  auto engine = engine_for(kSite);
  REQUIRE(engine->open_error() == "");
  const auto r = engine->search("cdn cache ");
  CHECK(r.error == "");
  CHECK(paths(r) == std::vector<std::string>{"guides/cache.md", "guides/deploy.md"});
  CHECK(r.hits[0].title == "Caching");
  CHECK(r.hits[0].url == "/guides/cache/");
  CHECK(r.hits[0].section == "Guides");
}

// Each hit's source as published (index.md), in the order of the hits.
std::vector<std::string> sources_of(const SearchResult& r, const std::vector<SourceFile>& files) {
  std::vector<std::string> out;
  for (const SearchHit& h : r.hits)
    for (const SourceFile& f : files)
      if (f.path == h.path) out.push_back(f.bytes);
  return out;
}

TEST_CASE("snippets mark the matched words, made from the page's published Markdown") {
  auto engine = engine_for(kSite);
  auto r = engine->search("purged ");
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet == "");  // the index holds no text: step two makes it
  make_snippets(r, sources_of(r, kSite));
  CHECK(r.hits[0].snippet == "Push the site to the CDN. The cache is \x02purged\x03.\n");
  CHECK(render_snippet(r.hits[0].snippet, "<b>", "</b>", true).find("<b>purged</b>") != std::string::npos);
}

TEST_CASE("snippets from index.md are those FTS5 made from its stored copy of the text") {
  // Schema 2 kept the text in FTS5 and called snippet() in the ranked query; schema 3 keeps
  // only the index and makes the snippets of the shown hits from their index.md. The same
  // tokenizer, expression and text must give the same highlights.
  std::string long_page = "---\ntitle: Runbook\ntags: [ops]\n---\n# Runbook\n\n## Rolling back a deploy\n\n";
  for (int i = 0; i < 30; ++i) long_page += "Step " + std::to_string(i) + ": check the *cache* and the [queue](q.md). ";
  long_page += "\n\n- deploy the fix\n- purge the `cache`\n\n| a | b |\n|---|---|\n| deploy | café |\n";
  const std::vector<SourceFile> files = {kSite[1], kSite[2], kSite[3], kSite[4], {"ops/runbook.md", long_page},
                                         {"ops/q.md", "# Queue\n\nDeploying waits for the queue to drain; the cache stays warm.\n"}};
  const Site site = build_site(files);
  sqlite3* old = nullptr;
  REQUIRE(sqlite3_open(":memory:", &old) == SQLITE_OK);
  REQUIRE(sqlite3_exec(old, "CREATE VIRTUAL TABLE search USING fts5(title, headings, body, tokenize = 'porter unicode61 remove_diacritics 2')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const IndexedText t = indexed_text(site.pages[i].title, site.pages[i].headings, site.pages[i].plain_text, site.pages[i].path);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(old, "INSERT INTO search(rowid, title, headings, body) VALUES(?1, ?2, ?3, ?4)", -1, &st, nullptr);
    sqlite3_bind_int64(st, 1, static_cast<long long>(i + 1));
    sqlite3_bind_text(st, 2, t.title.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, t.headings.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, t.body.c_str(), -1, SQLITE_TRANSIENT);
    REQUIRE(sqlite3_step(st) == SQLITE_DONE);
    sqlite3_finalize(st);
  }
  auto engine = engine_for(files);
  int compared = 0;
  for (const char* q : {"cache ", "deploy ", "queue", "cafe ", "\"the cache\"", "deploy cache", "rolling OR drain", "cache -queue"}) {
    SearchResult r = engine->search(q, 20);
    make_snippets(r, sources_of(r, files));
    for (const SearchHit& h : r.hits) {
      CAPTURE(q);
      CAPTURE(h.path);
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(old, "SELECT snippet(search, 2, char(2), char(3), '…', 24) FROM search WHERE search MATCH ?1 AND rowid = ?2",
                         -1, &st, nullptr);
      sqlite3_bind_text(st, 1, h.match.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 2, static_cast<long long>(page_index_of_rowid(h.id) + 1));
      REQUIRE(sqlite3_step(st) == SQLITE_ROW);
      CHECK(h.snippet == reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
      sqlite3_finalize(st);
      ++compared;
    }
  }
  CHECK(compared >= 15);
  sqlite3_close(old);
}

TEST_CASE("a page changed since the build keeps a snippet: its first words") {
  auto engine = engine_for(kSite);
  SearchResult r = engine->search("purged ");
  make_snippets(r, {"# Deploying\n\nNow we ship with a script that tags the release and waits.\n"});
  CHECK(r.hits[0].snippet == "Deploying\nNow we ship with a script that tags the release and waits.");
}

TEST_CASE("schema 5: the index first, then the rows, and no copy of the text") {
  std::vector<SourceFile> files(kSite);
  for (int i = 0; i < 200; ++i) files.push_back({"more/p" + std::to_string(i) + ".md", "# Page " + std::to_string(i) + "\n\n" + long_text(20)});
  const Site site = build_site(files);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site) == "");
  const auto number = [db](const char* sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  };
  CHECK(number("SELECT value FROM meta WHERE key = 'schema_version'") == 5);
  CHECK(number("SELECT count(*) FROM sqlite_schema WHERE name IN ('search_content', 'search_docsize', 'headings', 'links')") == 0);
  CHECK(number("SELECT count(*) FROM pragma_table_info('pages') WHERE name IN ('markdown', 'meta')") == 0);
  CHECK(number("PRAGMA page_size") == 4096);
  // Every page of the index comes before the first page of rows (but the tables' roots).
  CHECK(number("SELECT max(pageno) FROM dbstat WHERE name LIKE 'search%'") <
        number("SELECT min(pageno) FROM dbstat WHERE name = 'pages' AND path <> '/'"));
  sqlite3_close(db);
}

TEST_CASE("regression: an index written in several segments still comes whole before the rows") {
  // Merging segments freed their pages, and the rows filled the holes inside the index.
  std::vector<SourceFile> files(kSite);
  for (int i = 0; i < 400; ++i) files.push_back({"more/p" + std::to_string(i) + ".md", "# Page " + std::to_string(i) + "\n\n" + long_text(40)});
  const Site site = build_site(files);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site, extract_decisions(site, SiteConfig{}), SiteConfig{}, 16 * 1024) == "");
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT (SELECT max(pageno) FROM dbstat WHERE name LIKE 'search%'), "
                                 "(SELECT min(pageno) FROM dbstat WHERE name = 'pages' AND path <> '/'), "
                                 "(SELECT count(*) FROM dbstat WHERE name = 'pages')", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 2) > 10);  // rows over many pages
  CHECK(sqlite3_column_int(st, 0) < sqlite3_column_int(st, 1));
  sqlite3_finalize(st);
  SearchEngine engine(db);
  CHECK(engine.search("page 17 ").hits.size() >= 1);
}

TEST_CASE("the last word is a prefix: worker_thr finds worker_threads") {
  auto engine = engine_for(kSite);
  CHECK(paths(engine->search("worker_thr")) == std::vector<std::string>{"guides/workers.md"});
  CHECK(paths(engine->search("depl")).size() == 2);
  CHECK(engine->search("depl ").hits.empty());  // finished word: no prefix
}

TEST_CASE("stemming and folded diacritics") {
  auto engine = engine_for(kSite);
  CHECK(paths(engine->search("deploy ")) == std::vector<std::string>{"guides/deploy.md", "guides/draft-notes.md"});
  CHECK(paths(engine->search("cafe ")) == std::vector<std::string>{"guides/workers.md"});
}

TEST_CASE("phrases, OR and exclusion") {
  auto engine = engine_for(kSite);
  CHECK(paths(engine->search("\"keeps a cache\"")) == std::vector<std::string>{"guides/cache.md"});
  CHECK(paths(engine->search("\"cache keeps\"")).empty());
  CHECK(paths(engine->search("purged OR lait ")).size() == 2);
  CHECK(paths(engine->search("deploying -drafts")) == std::vector<std::string>{"guides/deploy.md"});
}

TEST_CASE("malformed queries never error") {
  auto engine = engine_for(kSite);
  for (const char* q : {"\"", "OR", "-", "AND OR NOT", "title:cdn", "(cdn", "cdn)", "*", "^cdn", "NEAR(", "\"cdn", "c\"d\"n"}) {
    CAPTURE(q);
    CHECK(engine->search(q).error == "");
  }
  CHECK(paths(engine->search("(cdn ")).size() == 2);
}

TEST_CASE("hostile queries: NUL, control characters, a pasted repetition") {
  auto engine = engine_for(kSite);
  const std::string with_nul("cdn\0cache\x01 ", 11);  // FTS5 saw the NUL: "unterminated string"
  const SearchResult nul = engine->search(with_nul);
  CHECK(nul.error == "");
  CHECK(paths(nul).size() == 2);
  std::string pasted;  // 4,000 copies of a word took 9.5 s; repeats now count once
  for (int i = 0; i < 4000; ++i) pasted += "cache ";
  const SearchResult repeated = engine->search(pasted);
  CHECK(repeated.error == "");
  CHECK(paths(repeated) == paths(engine->search("cache ")));
}

TEST_CASE("ranking: title beats headings beats body") {
  auto engine = engine_for({
      {"body.md", "# Something else\n\nA note about kubernetes here.\n"},
      {"heading.md", "# Other\n\n## Kubernetes setup\n\nText.\n"},
      {"title.md", "---\ntitle: Kubernetes\n---\n\nText.\n"},
  });
  CHECK(paths(engine->search("kubernetes ")) == std::vector<std::string>{"title.md", "heading.md", "body.md"});
}

TEST_CASE("ranking: a long reference page whose headings name the term beats a short passing mention") {
  std::string reference = "# HTTP client reference\n\n" + long_text(300);
  for (const char* h : {"retry", "retry backoff", "retry budget"}) reference += std::string("\n\n## ") + h + "\n\n" + long_text(80);
  auto engine = engine_for({
      {"api/client.md", reference},
      {"notes/standup.md", "# Standup notes\n\nWe talked about the retry idea briefly.\n"},
  });
  CHECK(paths(engine->search("retry ")) == std::vector<std::string>{"api/client.md", "notes/standup.md"});
}

TEST_CASE("limit caps the number of results") {
  auto engine = engine_for(kSite);
  CHECK(engine->search("the ", 1).hits.size() == 1);
}

TEST_CASE("a database from bytes: the browser's path") {
  const Site site = build_site(kSite);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site) == "");
  sqlite3_int64 size = 0;
  unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
  REQUIRE(bytes != nullptr);
  const std::string copy(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  sqlite3_free(bytes);
  sqlite3_close(db);
  auto engine = SearchEngine::from_bytes(copy);
  CHECK(engine->open_error() == "");
  CHECK(paths(engine->search("purged")) == std::vector<std::string>{"guides/deploy.md"});
}

TEST_CASE("a database of another schema version is refused with a clear message") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES('schema_version','999');", nullptr, nullptr, nullptr);
  SearchEngine engine(db);
  CHECK(engine.open_error().find("schema version 999") != std::string::npos);
  CHECK(engine.search("x").error != "");
  CHECK(SearchEngine::from_bytes("not a database")->open_error() != "");
}

TEST_CASE("regression: the ranking is stored in the database so FTS5 sorts and stops at LIMIT") {
  // Ordering by a computed bm25() made SQLite build a snippet for every match and sort
  // them all (4.75 ms p95 on 1k pages, far more at 10k); `ORDER BY rank` with the
  // weights configured in the database lets FTS5 stop after the rows shown.
  const Site site = build_site(kSite);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site) == "");
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT v FROM search_config WHERE k = 'rank'", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "logbook_rank(10.0, 4.0, 1.0)");
  sqlite3_finalize(st);
  REQUIRE(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN SELECT rowid FROM search WHERE search MATCH 'cdn' ORDER BY rank LIMIT 10", -1, &st, nullptr) == SQLITE_OK);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW) plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
  sqlite3_finalize(st);
  CHECK(plan.find("TEMP B-TREE") == std::string::npos);
  sqlite3_close(db);
}

TEST_CASE("ranking in tiers: every title or heading match comes before body-only matches") {
  // A body that repeats the word many times still ranks below a page naming it in a heading:
  // "title > headings > body", and the first tier spares bm25 over every page of a common word.
  std::string busy = "# Notes\n\n";
  for (int i = 0; i < 50; ++i) busy += "deploy deploy deploy. ";
  auto engine = engine_for({
      {"busy.md", busy},
      {"heading.md", "# Ops\n\n## How we deploy\n\n" + long_text(200)},
      {"title.md", "---\ntitle: Deploy\n---\n\nText.\n"},
      {"excluded.md", "# Deploy drafts\n\nA draft.\n"},
  });
  CHECK(paths(engine->search("deploy ")) == std::vector<std::string>{"title.md", "excluded.md", "heading.md", "busy.md"});
  CHECK(paths(engine->search("deploy -draft")) == std::vector<std::string>{"title.md", "heading.md", "busy.md"});
  CHECK(paths(engine->search("deploy ", 2)) == std::vector<std::string>{"title.md", "excluded.md"});
  // Words split between a heading and the body fall to the second tier but still match.
  CHECK(paths(engine->search("ops lorem ")) == std::vector<std::string>{"heading.md"});
}

namespace {

const std::vector<SourceFile> kDocs = {
    {"guides/searching.md", "# Searching\n\nSearch the database from the palette. Search works offline.\n"},
    {"guides/database.md", "# The database\n\nThe search database is cut into pieces.\n"},
    {"guides/setup.md", "# Setup\n\nInstall the tools, then configure the server.\n"},
    {"guides/server.md", "# Server\n\nThe server serves pages. Configure it with a file.\n"},
    {"guides/tools.md", "# Tools\n\nThe tools you install.\n"},
    {"guides/other.md", "# Other\n\nNothing about it.\n"},
};

}  // namespace

TEST_CASE("typos: a word that matches nothing is corrected to the closest word of the site, and the answer says so") {
  auto engine = engine_for(kDocs);
  const SearchResult r = engine->search("serch databse ");
  CHECK(r.error == "");
  CHECK(r.corrected == "search database ");
  std::vector<std::string> found = paths(r);
  std::sort(found.begin(), found.end());  // both name one of the words in their title
  CHECK(found == std::vector<std::string>{"guides/database.md", "guides/searching.md"});
  // The last word is still a prefix while typing, and corrected as a whole word.
  CHECK(engine->search("confgure").corrected == "configure");
  CHECK(engine->search("instlal tools").corrected == "install tools");  // two letters swapped
}

TEST_CASE("typos: a word that matches is never corrected; quoted words, short words and far words neither") {
  auto engine = engine_for(kDocs);
  CHECK(engine->search("server ").corrected == "");
  CHECK(engine->search("serve ").corrected == "");            // a real word of the site, though close to another
  CHECK(engine->search("\"serch\"").corrected == "");         // quoted: as typed, the way back from a correction
  CHECK(engine->search("\"serch\"").hits.empty());
  CHECK(engine->search("serh ").corrected == "");             // 4 letters allow one edit: serh -> search is two
  CHECK(engine->search("tol ").corrected == "");              // 3 letters: never
  CHECK(engine->search("xyzzyplugh ").corrected == "");       // nothing near
  CHECK(engine->search("-serch server ").corrected == "");    // exclusions stay strict
}

TEST_CASE("partial matches: fewer than a screenful with all the words, pages with most of them follow") {
  auto engine = engine_for(kDocs);
  const SearchResult r = engine->search("install configure server ");
  // All three words, then two of the three; tools.md has one of the three: not "most".
  REQUIRE(paths(r) == std::vector<std::string>{"guides/setup.md", "guides/server.md"});
  CHECK(r.hits[0].missing == "");
  CHECK(r.hits[1].missing == "install");
  // Two words: pages with either follow, those naming it in the title first.
  CHECK(paths(engine->search("install database ")) ==
        std::vector<std::string>{"guides/database.md", "guides/tools.md", "guides/setup.md", "guides/searching.md"});
  // Phrases and exclusions stay strict.
  // Phrases and exclusions stay strict: server.md has the words but not the phrase,
  // setup.md the phrase and "tools".
  CHECK(paths(engine->search("\"configure the server\" database -tools ")) ==
        std::vector<std::string>{"guides/database.md", "guides/searching.md"});
}

TEST_CASE("CJK: words inside runs are found, titles rank first, snippets mark the matched characters") {
  const std::vector<SourceFile> files = {
      {"ja/kensaku.md", "---\ntitle: 全文検索の使い方\n---\n\nこのページでは検索の方法を説明します。\n"},
      {"ja/other.md", "---\ntitle: 設定\n---\n\n設定ファイルを編集してから全文検索を試してください。\n"},
      {"zh/db.md", "---\ntitle: 数据库\n---\n\n我们使用数据库来存储文档，并支持离线搜索。\n"},
  };
  auto engine = engine_for(files);
  SearchResult r = engine->search("検索 ");
  REQUIRE(paths(r) == std::vector<std::string>{"ja/kensaku.md", "ja/other.md"});
  make_snippets(r, sources_of(r, files));
  CHECK(r.hits[1].snippet.find("全文\x02検索\x03を") != std::string::npos);
  CHECK(paths(engine->search("搜索 ")) == std::vector<std::string>{"zh/db.md"});
  CHECK(paths(engine->search("存储文档 ")) == std::vector<std::string>{"zh/db.md"});
}

TEST_CASE("word forms: a page whose title names the subject in another form ranks above passing mentions") {
  auto engine = engine_for(kDocs);
  CHECK(paths(engine->search("searches ")).front() == "guides/searching.md");
}

TEST_CASE("titles come marked where the query matched them, for the reader to see why") {
  auto engine = engine_for(kDocs);
  SearchResult r = engine->search("database ");
  make_snippets(r, sources_of(r, kDocs));
  REQUIRE(paths(r).front() == "guides/database.md");
  CHECK(r.hits[0].marked_title == "The \x02" "database\x03");
  CHECK(r.hits[1].marked_title == "");  // the title does not have it
}

TEST_CASE("a page found by its headings has the words marked in its snippet too") {
  // The first tier asks for the words in titles and headings only; the snippet is of the
  // body, where that column filter matched nothing, so the snippet came unmarked.
  const std::vector<SourceFile> files = {{"guide/setup.md", "# Setup\n\nInstall the tools.\n\n## Configure\n\nNothing to configure.\n"}};
  auto engine = engine_for(files);
  SearchResult r = engine->search("configure ");
  make_snippets(r, sources_of(r, files));
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].snippet.find("\x02" "Configure\x03") != std::string::npos);
  CHECK(r.hits[0].snippet.find("to \x02" "configure\x03") != std::string::npos);
}

TEST_CASE("a page whose file name names the query ranks with those whose headings do, above passing mentions") {
  const std::vector<SourceFile> files = {
      {"guides/release-checklist.md", "# Before you ship\n\nRun the tests, tag the build, write the notes.\n"},
      {"guides/notes.md", "# Notes\n\nA long page that mentions the release checklist once, in passing, among many other words.\n"},
      {"runbooks/index.md", "# On call\n\nWhat to do at night.\n"},
  };
  auto engine = engine_for(files);
  CHECK(paths(engine->search("checklist ")) == std::vector<std::string>{"guides/release-checklist.md", "guides/notes.md"});
  CHECK(paths(engine->search("runbooks ")) == std::vector<std::string>{"runbooks/index.md"});  // a folder's index: the folder's name
  const IndexedText same = indexed_text("Release checklist", {}, "", "guides/release-checklist.md");
  CHECK(same.headings == "");  // the file name only repeats the title
}
