#include "search_db.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "front_matter.hpp"
#include "markdown.hpp"
#include "search_rank.hpp"
#include "search_tokenizer.hpp"
#include "sqlite_util.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

// Every table is created before any row is written, so that their root pages lead the file;
// then the index is filled and optimized, then the rows (ADR-0009: the index first).
constexpr const char* kSchema = R"sql(
CREATE VIRTUAL TABLE search USING fts5(title, headings, body, content = '', columnsize = 0, tokenize = 'logbook');
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE pages(id INTEGER PRIMARY KEY, path TEXT NOT NULL, url TEXT NOT NULL,
                   title TEXT NOT NULL, section TEXT NOT NULL, description TEXT NOT NULL,
                   date TEXT, owner TEXT NOT NULL, review_by TEXT NOT NULL);
CREATE TABLE tags(page_id INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE INDEX tags_tag ON tags(tag);
CREATE TABLE decisions(page_id INTEGER PRIMARY KEY, id TEXT NOT NULL, number INTEGER NOT NULL,
                       title TEXT NOT NULL, status TEXT NOT NULL, date TEXT NOT NULL, review_by TEXT NOT NULL,
                       dialect TEXT NOT NULL, deciders TEXT NOT NULL, consulted TEXT NOT NULL,
                       informed TEXT NOT NULL, supersedes TEXT NOT NULL, superseded_by TEXT NOT NULL);
CREATE TABLE people(page_id INTEGER NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX people_name ON people(name COLLATE NOCASE);
)sql";

std::string section_trail(const Site& site, int section) {
  std::string trail;
  for (int s : section_chain(site.sections, section)) trail += (trail.empty() ? "" : " › ") + site.sections[static_cast<std::size_t>(s)].title;
  return trail;
}

nlohmann::json ids_of(const DecisionLog& log, const std::vector<int>& indexes) {
  auto out = nlohmann::json::array();
  for (int i : indexes) out.push_back(log.decisions[static_cast<std::size_t>(i)].id);
  return out;
}

// Each page's rowid, which carries its length (search_rank.hpp), in ascending order: FTS5
// flushes its pending terms into a new segment whenever a rowid is lower than the last
// one, and the pages table appends fastest in order too.
struct RowOrder {
  long long id;
  std::size_t page;
};
std::vector<RowOrder> rows_in_order(const Site& site) {
  std::vector<RowOrder> order;
  order.reserve(site.pages.size());
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    std::size_t tokens = count_tokens(p.title) + count_tokens(p.plain_text);
    for (const Heading& h : p.headings)
      if (h.text != p.title) tokens += count_tokens(h.text);  // as indexed_text() keeps them
    order.push_back({search_rowid(i, tokens), i});
  }
  std::sort(order.begin(), order.end(), [](const RowOrder& a, const RowOrder& b) { return a.id < b.id; });
  return order;
}

// The index, in one transaction, then merged into one segment.
std::string write_index(sqlite3* db, const Site& site, const std::vector<RowOrder>& order, std::size_t pending_bytes,
                        VocabularyCollector& vocabulary) {
  // Bulk load: a large pending-terms buffer means fewer, larger segments to merge.
  const std::string hashsize = "INSERT INTO search(search, rank) VALUES('hashsize', " + std::to_string(pending_bytes) + ")";
  if (auto err = sql::exec(db, hashsize.c_str()); !err.empty()) return err;
  // The ranking lives in the database, so `ORDER BY rank` lets FTS5 sort and stop after
  // LIMIT rows.
  if (auto err = sql::exec(db, "INSERT INTO search(search, rank) VALUES('rank', 'logbook_rank(10.0, 4.0, 1.0)')"); !err.empty()) return err;
  if (auto err = sql::exec(db, "BEGIN"); !err.empty()) return err;
  sql::Statement fts(db, "INSERT INTO search(rowid, title, headings, body) VALUES(?1, ?2, ?3, ?4)");
  if (!fts.ok()) return fts.error();
  for (const RowOrder& row : order) {
    const Page& p = site.pages[row.page];
    const IndexedText text = indexed_text(p.title, p.headings, p.plain_text, p.path);
    vocabulary.page = row.id;
    if (!fts.bind(1, row.id).bind(2, text.title).bind(3, text.headings).bind(4, text.body).run())
      return p.path + ": " + fts.error();
  }
  if (auto err = sql::exec(db, "COMMIT"); !err.empty()) return err;
  if (auto err = sql::exec(db, "INSERT INTO search(search) VALUES('optimize')"); !err.empty()) return err;
  // Merging several segments into one frees their pages; the rows written next would fill
  // those holes and land inside the index, in its large pieces (db_pieces.hpp), so that a
  // 100,000-page site had 57 pieces of rows instead of 5,000. VACUUM, while the file holds
  // the index alone, closes the holes; the rows then follow the index.
  long long freed = 0;
  {
    sql::Statement count(db, "PRAGMA freelist_count");
    if (count.ok() && count.step()) freed = count.integer(0);
  }  // finalized: VACUUM refuses to run beside a statement
  return freed > 0 ? sql::exec(db, "VACUUM") : std::string();
}

std::string write_rows(sqlite3* db, const Site& site, const DecisionLog& log, const SiteConfig& config,
                       const std::vector<RowOrder>& order) {
  sql::Statement meta(db, "INSERT INTO meta VALUES(?1, ?2)");
  sql::Statement page(db, "INSERT INTO pages VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  sql::Statement decision(db, "INSERT INTO decisions VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  sql::Statement person(db, "INSERT INTO people VALUES(?1, ?2, ?3)");
  sql::Statement tag(db, "INSERT INTO tags VALUES(?1, ?2)");
  for (const sql::Statement* s : {&meta, &page, &tag, &decision, &person})
    if (!s->ok()) return s->error();

  meta.bind(1, "schema_version").bind(2, std::to_string(kSearchSchemaVersion)).run();
  meta.bind(1, "generator").bind(2, "logbook").run();
  meta.bind(1, "page_count").bind(2, std::to_string(site.pages.size())).run();
  meta.bind(1, "decision_statuses").bind(2, nlohmann::json(config.statuses).dump()).run();

  std::vector<int> decision_of(site.pages.size(), -1);
  for (std::size_t d = 0; d < log.decisions.size(); ++d) decision_of[static_cast<std::size_t>(log.decisions[d].page)] = static_cast<int>(d);

  for (const RowOrder& row : order) {
    const std::size_t i = row.page;
    const Page& p = site.pages[i];
    const long long id = row.id;
    const Decision* d = decision_of[i] >= 0 ? &log.decisions[static_cast<std::size_t>(decision_of[i])] : nullptr;
    std::string date = p.meta.date.value_or("");
    if (date.empty() && d && is_iso_date(d->date)) date = d->date;
    page.bind(1, id).bind(2, p.path).bind(3, p.url).bind(4, p.title).bind(5, section_trail(site, p.section))
        .bind(6, p.description).bind(7, date).bind(8, p.meta.owner.value_or(""))
        .bind(9, d ? d->review_by : p.meta.review_by.value_or(""));
    if (!page.run()) return p.path + ": " + page.error();
    if (p.meta.owner) person.bind(1, id).bind(2, *p.meta.owner).bind(3, "owner").run();
    if (d) {
      decision.bind(1, id).bind(2, d->id).bind(3, static_cast<long long>(d->number)).bind(4, d->title).bind(5, d->status)
          .bind(6, d->date).bind(7, d->review_by).bind(8, dialect_name(d->dialect))
          .bind(9, nlohmann::json(d->deciders).dump()).bind(10, nlohmann::json(d->consulted).dump())
          .bind(11, nlohmann::json(d->informed).dump()).bind(12, ids_of(log, d->predecessors).dump())
          .bind(13, ids_of(log, d->successors).dump());
      if (!decision.run()) return p.path + ": " + decision.error();
      for (const auto& [names, role] : {std::pair{&d->deciders, "decider"}, {&d->consulted, "consulted"}, {&d->informed, "informed"}})
        for (const std::string& name : *names) person.bind(1, id).bind(2, name).bind(3, role).run();
    }
    for (const std::string& t : d ? d->tags : p.meta.tags) tag.bind(1, id).bind(2, t).run();
  }
  return {};
}

// The words of a page's file name (its folder's for index.md), punctuation as spaces; ""
// when they are the title's words, as they often are.
std::string file_name_words(std::string_view path, const std::string& title) {
  std::string_view name = path.substr(0, path.rfind('.') == std::string_view::npos ? path.size() : path.rfind('.'));
  if (name == "index" || name.ends_with("/index")) name = name.substr(0, name.size() - std::min<std::size_t>(name.size(), 6));
  if (const auto slash = name.rfind('/'); slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string words, letters, title_letters;
  for (char c : name) words += (c == '-' || c == '_' || c == '.') ? ' ' : c;
  for (char c : lower_ascii(words)) if (c != ' ') letters += c;
  for (char c : lower_ascii(title)) if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) title_letters += c;
  return letters.empty() || letters == title_letters ? std::string() : words;
}

// The words typo correction compares a word that matches nothing with (search_engine.cpp).
// Created last, unlike the other tables: its root page would otherwise lead the file with
// theirs and push FTS5's structure into one more of the pieces every query reads.
std::string write_vocabulary(sqlite3* db, const VocabularyCollector& vocabulary) {
  if (auto err = sql::exec(db, "CREATE TABLE vocab(length INTEGER NOT NULL, word TEXT NOT NULL, pages INTEGER NOT NULL, "
                               "PRIMARY KEY(length, word)) WITHOUT ROWID");
      !err.empty())
    return err;
  sql::Statement word(db, "INSERT INTO vocab VALUES(?1, ?2, ?3)");
  if (!word.ok()) return word.error();
  for (const auto& [text, seen] : vocabulary.words)
    if (!word.bind(1, static_cast<long long>(text.size())).bind(2, text).bind(3, seen.pages).run()) return word.error();
  return {};
}

}  // namespace

IndexedText indexed_text(const std::string& title, const std::vector<Heading>& headings, std::string plain_text,
                         std::string_view path) {
  IndexedText out{title, {}, std::move(plain_text)};
  // The H1 usually repeats the title; index it once, in the title column.
  for (const Heading& h : headings)
    if (h.text != title) out.headings += h.text + "\n";
  if (std::string name = file_name_words(path, title); !name.empty()) out.headings += name + "\n";
  return out;
}

IndexedText indexed_text_of_source(const std::string& title, std::string_view source, std::string_view path) {
  const FrontMatter fm = split_front_matter(source);
  MarkdownSummary summary = MarkdownDocument(fm.body, MarkdownOptions{}, fm.body_line).summarize();
  return indexed_text(title, summary.headings, std::move(summary.plain_text), path);
}

std::string write_search_database(sqlite3* db, const Site& site) {
  const SiteConfig config;
  return write_search_database(db, site, extract_decisions(site, config), config);
}

std::string write_search_database(sqlite3* db, const Site& site, const DecisionLog& log, const SiteConfig& config,
                                  std::size_t pending_bytes) {
  if (auto err = sql::exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;"); !err.empty()) return err;
  VocabularyCollector vocabulary;
  if (auto err = register_search_tokenizer(db, &vocabulary); !err.empty()) return err;
  if (auto err = sql::exec(db, kSchema); !err.empty()) return "creating the schema: " + err;
  if (site.pages.size() > kMaxIndexedPages)
    return "the site has " + std::to_string(site.pages.size()) + " pages; the search index holds at most " +
           std::to_string(kMaxIndexedPages) + ": split the site";
  const std::vector<RowOrder> order = rows_in_order(site);
  if (auto err = write_index(db, site, order, pending_bytes, vocabulary); !err.empty()) return err;
  if (auto err = sql::exec(db, "BEGIN"); !err.empty()) return err;
  if (auto err = write_rows(db, site, log, config, order); !err.empty()) return err;
  if (auto err = write_vocabulary(db, vocabulary); !err.empty()) return err;
  return sql::exec(db, "COMMIT");
}

std::uint64_t search_index_end(sqlite3* db) {
  // One b-tree at a time (dbstat walks only the one named), FTS5's shadow tables of
  // `search`: the index, its segment index, its configuration (no docsize: search_rank.hpp).
  sql::Statement last(db, "SELECT max(pageno) FROM dbstat WHERE name = ?1");
  sql::Statement page_size(db, "PRAGMA page_size");
  if (!last.ok() || !page_size.ok() || !page_size.step()) return 0;
  long long end = 0;
  for (const char* table : {"search_data", "search_idx", "search_config"}) {
    last.bind(1, table);
    if (last.step()) end = std::max(end, last.integer(0));
    sqlite3_reset(last.get());
  }
  return static_cast<std::uint64_t>(end) * static_cast<std::uint64_t>(page_size.integer(0));
}

std::vector<std::uint64_t> row_table_interior_pages(sqlite3* db) {
  sql::Statement interior(db, "SELECT pageno FROM dbstat WHERE name IN ('pages', 'decisions') AND pagetype = 'internal' ORDER BY pageno");
  sql::Statement page_size(db, "PRAGMA page_size");
  std::vector<std::uint64_t> out;
  if (!interior.ok() || !page_size.ok() || !page_size.step()) return out;
  while (interior.step())
    out.push_back(static_cast<std::uint64_t>(interior.integer(0) - 1) * static_cast<std::uint64_t>(page_size.integer(0)));
  return out;
}

std::string check_search_database(sqlite3* db) {
  sql::Statement version(db, "SELECT value FROM meta WHERE key = 'schema_version'");
  if (!version.ok() || !version.step())
    return "this is not a Logbook search database (no meta.schema_version); rebuild the site with `logbook build`.";
  const std::string found = version.text(0);
  if (found != std::to_string(kSearchSchemaVersion))
    return "the search database has schema version " + found + ", this Logbook reads version " +
           std::to_string(kSearchSchemaVersion) + "; rebuild the site with this version of `logbook build`.";
  return {};
}

}  // namespace logbook
