// Spec: the search database is published cut into content-addressed pieces with a list,
// and read back through a read-only SQLite VFS that fetches only the pieces a query
// touches, refusing a piece whose bytes do not match its name (ADR-0009).
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <map>

#include "core/db_pieces.hpp"
#include "core/page_history.hpp"
#include "core/published_site.hpp"
#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "core/search_rank.hpp"
#include "core/site.hpp"

using namespace logbook;

namespace {

// A site of n pages with words at several frequencies, so the database spans many pieces.
std::vector<SourceFile> many_pages(int n) {
  std::vector<SourceFile> files;
  const char* words[] = {"deploy", "cache", "worker", "ledger", "rollback", "quorum", "latency", "runbook"};
  for (int i = 0; i < n; ++i) {
    std::string body = "# Page " + std::to_string(i) + " " + words[i % 8] + "\n\n";
    for (int k = 0; k < 40; ++k) body += std::string(words[(i * 7 + k) % 8]) + " term" + std::to_string((i + k) % 97) + " text ";
    body += "\n\n## Notes on " + std::string(words[(i + 3) % 8]) + "\n\nunique" + std::to_string(i) + " ends here.\n";
    files.push_back({"docs/page-" + std::to_string(1000 + i) + ".md", body});
  }
  return files;
}

std::string database_bytes(const std::vector<SourceFile>& files) {
  const Site site = build_site(files);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site) == "");
  sqlite3_int64 size = 0;
  unsigned char* data = sqlite3_serialize(db, "main", &size, 0);
  std::string out(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
  sqlite3_free(data);
  sqlite3_close(db);
  return out;
}

// A built site in memory: the list and the pieces by path, and each page's index.md.
struct MemorySite {
  std::map<std::string, std::string> files;
  std::string list_path;
  int fetches = 0;

  // flat_limit: the most pieces the list names itself (group_piece_names), as the build.
  explicit MemorySite(const std::vector<SourceFile>& sources, std::size_t flat_limit = kFlatListPieces) {
    CutDatabase cut = cut_search_database(database_bytes(sources));
    for (std::size_t i = 0; i < cut.bytes.size(); ++i) files[piece_path(cut.list.pieces[i])] = cut.bytes[i];
    for (auto& [path, bytes] : group_piece_names(cut.list, flat_limit)) files[path] = bytes;
    const std::string json = piece_list_json(cut.list);
    list_path = piece_list_path(json);
    files[list_path] = json;
    const Site site = build_site(sources);
    for (const Page& p : site.pages) files[p.url.substr(1) + "index.md"] = p.source;
  }
  FetchFiles fetch() {
    return [this](const std::vector<std::string>& paths) {
      ++fetches;
      std::vector<std::optional<std::string>> out;
      for (const std::string& p : paths) {
        const auto it = files.find(p);
        out.push_back(it == files.end() ? std::nullopt : std::optional<std::string>(it->second));
      }
      return out;
    };
  }
  PieceList list() const {
    PieceList l;
    REQUIRE(read_piece_list(files.at(list_path), list_path, l) == "");
    return l;
  }
};

std::vector<std::string> urls(const SearchResult& r) {
  std::vector<std::string> out;
  for (const SearchHit& h : r.hits) out.push_back(h.url + " " + std::to_string(h.score) + " " + h.title + " " + h.section);
  return out;
}

const std::vector<SourceFile>& corpus() {
  static const std::vector<SourceFile> files = many_pages(600);
  return files;
}

}  // namespace

TEST_CASE("the piece list: its JSON round-trips and names the format and version") {
  PieceList list{.packing = PiecePacking::deflate, .page_size = 4096, .regions = {{16384, 2}, {4096, 2}}, .bytes = 40000,
                 .pieces = {"0123456789abcdef", "fedcba9876543210", "00000000000000ff", "00000000000000fe"}, .opening = {0, 2}};
  const std::string json = piece_list_json(list);
  CHECK(json ==
        R"({"bytes":40000,"format":"logbook-search-pieces","opening":[0,2],"packing":"deflate","page_size":4096,)"
        R"("pieces":["0123456789abcdef","fedcba9876543210","00000000000000ff","00000000000000fe"],)"
        R"("regions":[{"piece_bytes":16384,"pieces":2},{"piece_bytes":4096,"pieces":2}],"version":4})");
  PieceList back;
  CHECK(read_piece_list(json, "search/list.x.json", back) == "");
  CHECK(back == list);
  CHECK(piece_list_path(json) == "search/list." + content_hash(json) + ".json");
  CHECK(piece_path("0123456789abcdef") == "search/0123456789abcdef.bin");
}

TEST_CASE("a list of version 3 (no packing) is still read: its pieces are their bytes") {
  const std::string v3 = R"({"bytes":40000,"format":"logbook-search-pieces","opening":[0],"page_size":4096,)"
                         R"("pieces":["0123456789abcdef","fedcba9876543210","00000000000000ff"],)"
                         R"("regions":[{"piece_bytes":16384,"pieces":3}],"version":3})";
  PieceList list;
  REQUIRE(read_piece_list(v3, "L", list) == "");
  CHECK(list.packing == PiecePacking::none);
  CHECK(list.regions == std::vector<PieceRegion>{{16384, 3}});
}

TEST_CASE("a list of version 1 (every piece of one size) is still read") {
  const std::string v1 = R"({"bytes":40000,"format":"logbook-search-pieces","opening":[0,2],"page_size":4096,"piece_bytes":16384,)"
                         R"("pieces":["0123456789abcdef","fedcba9876543210","00000000000000ff"],"version":1})";
  PieceList list;
  REQUIRE(read_piece_list(v1, "L", list) == "");
  CHECK(list.regions == std::vector<PieceRegion>{{16384, 3}});
  CHECK(list.piece_start(2) == 32768);
  CHECK(list.piece_size(2) == 40000 - 32768);
  CHECK(list.opening == std::vector<int>{0, 2});
}

TEST_CASE("a piece's place and size follow from the regions") {
  const PieceList list{.regions = {{16384, 2}, {4096, 3}}, .bytes = 32768 + 8192 + 100,
                       .pieces = {"0000000000000000", "0000000000000001", "0000000000000002", "0000000000000003", "0000000000000004"}};
  CHECK(list.piece_start(1) == 16384);
  CHECK(list.piece_start(3) == 32768 + 4096);
  CHECK(list.piece_size(1) == 16384);
  CHECK(list.piece_size(2) == 4096);
  CHECK(list.piece_size(4) == 100);
  CHECK(list.piece_at(0) == 0);
  CHECK(list.piece_at(32767) == 1);
  CHECK(list.piece_at(32768) == 2);
  CHECK(list.piece_at(32768 + 8192 + 99) == 4);
}

TEST_CASE("a list of another version, or one that does not add up, is refused with its path") {
  PieceList out;
  std::string json = piece_list_json({.regions = {{16384, 1}}, .bytes = 10, .pieces = {"0123456789abcdef"}});
  const auto with = [&](const std::string& from, const std::string& to) {
    std::string j = json;
    j.replace(j.find(from), from.size(), to);
    return j;
  };
  CHECK(read_piece_list(with("\"version\":4", "\"version\":5"), "search/list.a.json", out) ==
        "search/list.a.json has format version 5, this Logbook reads versions 1 to 4; rebuild the site with `logbook build`, or reload the page.");
  CHECK(read_piece_list(with("\"packing\":\"none\"", "\"packing\":\"zstd\""), "L", out) ==
        "L: \"packing\" is \"zstd\", not \"deflate\" or \"none\"; rebuild the site with `logbook build`, or reload the page.");
  CHECK(read_piece_list(with("\"packing\":\"none\",", ""), "L", out).find("\"packing\" is null") != std::string::npos);
  CHECK(read_piece_list("{", "L", out).find("L is not a Logbook search piece list") == 0);
  CHECK(read_piece_list(with("\"bytes\":10", "\"bytes\":20000"), "L", out) ==
        "L names 1 pieces for 20000 bytes; rebuild the site with `logbook build`, or reload the page.");
  CHECK(read_piece_list(with("\"pieces\":1}", "\"pieces\":2}"), "L", out).find("L names 1 pieces for 10 bytes") == 0);
  CHECK(read_piece_list(with("0123456789abcdef", "0123456789ABCDEF"), "L", out).find("16 hexadecimal digits") != std::string::npos);
  CHECK(read_piece_list(with("\"page_size\":4096", "\"page_size\":4095"), "L", out).find("not a power of two") != std::string::npos);
  CHECK(read_piece_list(with("\"piece_bytes\":16384", "\"piece_bytes\":1000"), "L", out).find("do not fit") != std::string::npos);
  CHECK(read_piece_list(with("\"regions\":[", "\"regions\":[7,"), "L", out).find("a region is not") != std::string::npos);
  CHECK(read_piece_list(with("\"opening\":[]", "\"opening\":[1]"), "L", out).find("not in the list") != std::string::npos);
}

TEST_CASE("the index is cut into 16 KiB pieces and the rows after it into 4 KiB pieces, each packed and named by the hash of its file") {
  const std::string db = database_bytes(corpus());
  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open(":memory:", &conn) == SQLITE_OK);
  REQUIRE(write_search_database(conn, build_site(corpus())) == "");
  const std::uint64_t index_end = search_index_end(conn);
  // The rows' b-tree has one level above its leaves here: its root, made with the schema.
  const std::vector<std::uint64_t> interior = row_table_interior_pages(conn);
  CHECK(interior.size() == 1);
  CHECK(std::all_of(interior.begin(), interior.end(), [&](std::uint64_t at) { return at < index_end && at % 4096 == 0; }));
  sqlite3_close(conn);
  // The index is written first: it ends well inside the file, the rows after it.
  REQUIRE(index_end > 8 * kPieceBytes);
  REQUIRE(index_end < db.size());
  const CutDatabase cut = cut_search_database(db);
  const auto big = static_cast<std::size_t>(index_end / kPieceBytes);  // no row in a piece of the index
  CHECK(cut.list.regions == std::vector<PieceRegion>{{kPieceBytes, big}, {kRowPieceBytes, (db.size() - big * kPieceBytes + 4095) / 4096}});
  CHECK(cut.list.bytes == db.size());
  CHECK(cut.list.packing == PiecePacking::deflate);
  std::string joined;
  std::size_t packed = 0;
  for (std::size_t i = 0; i < cut.bytes.size(); ++i) {
    CHECK(cut.list.pieces[i] == content_hash(cut.bytes[i]));
    const std::optional<std::string> bytes = unpack_piece(cut.bytes[i], cut.list.piece_size(static_cast<int>(i)));
    REQUIRE(bytes);
    joined += *bytes;
    packed += cut.bytes[i].size();
  }
  CHECK(joined == db);
  CHECK(packed < db.size() * 3 / 4);  // an index of words packs well
}

TEST_CASE("the same content builds byte-identical pieces and list") {
  const CutDatabase a = cut_search_database(database_bytes(corpus()));
  const CutDatabase b = cut_search_database(database_bytes(corpus()));
  CHECK(a.list == b.list);
  CHECK(piece_list_json(a.list) == piece_list_json(b.list));
}

TEST_CASE("queries through the pieces answer as the whole file does") {
  MemorySite site(corpus());
  const auto pieces = SearchEngine::from_site(site.list_path, site.fetch());
  REQUIRE(pieces->open_error() == "");
  const auto whole = SearchEngine::from_bytes(database_bytes(corpus()));
  for (const char* q : {"deploy ", "cache worker", "unique42 ", "uniq", "term5 -ledger", "\"ledger rollback\"", "rollback OR quorum",
                        "nothing-like-this ", "page 17 ", "notes late"}) {
    CAPTURE(q);
    const SearchResult a = pieces->search(q, 20), b = whole->search(q, 20);
    CHECK(a.error == "");
    CHECK(urls(a) == urls(b));
  }
}

TEST_CASE("a query reads only some pieces; the opening ones come first, in one batch") {
  MemorySite site(corpus());
  const PieceList list = site.list();
  REQUIRE(!list.opening.empty());
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch());
  REQUIRE(engine->open_error() == "");
  CHECK(engine->pieces()->fetched() == list.opening);
  CHECK(site.fetches == 2);  // the list, then the opening pieces together
  engine->pieces()->clear_fetched();
  CHECK(engine->pieces()->fetched_file_bytes() == 0);
  REQUIRE(engine->search("unique42 ", 20).hits.size() == 1);
  CHECK(engine->pieces()->fetched().size() < list.pieces.size() / 2);
  // What the host sent: the packed files of the pieces read, less than the pieces' bytes.
  std::uint64_t files = 0, bytes = 0;
  for (int i : engine->pieces()->fetched()) {
    files += site.files.at(piece_path(list.pieces[static_cast<std::size_t>(i)])).size();
    bytes += list.piece_size(i);
  }
  CHECK(engine->pieces()->fetched_file_bytes() == files);
  CHECK(files < bytes);
}

TEST_CASE("the row tables' interior pages join the opening pieces while they are few") {
  // Then the rows of a query's hits cost one round trip, not one per b-tree level.
  MemorySite site(corpus());
  const PieceList list = site.list();
  const int last = static_cast<int>(list.pieces.size()) - 1;
  const std::vector<int> plain = find_opening_pieces(list, site.fetch(), {});
  CHECK(plain == list.opening);  // this site's rows have no interior page
  REQUIRE(std::find(plain.begin(), plain.end(), last) == plain.end());
  const std::vector<int> with = find_opening_pieces(list, site.fetch(), {list.piece_start(last) + 100, list.piece_start(last)});
  std::vector<int> expected = plain;
  expected.push_back(last);
  std::sort(expected.begin(), expected.end());
  CHECK(with == expected);  // sorted, each piece once
  const std::vector<std::uint64_t> many(kMostOpeningInteriorPages + 1, list.piece_start(last));
  CHECK(find_opening_pieces(list, site.fetch(), many) == plain);  // too many: a huge site's first search stays small
}

TEST_CASE("a long list names its pieces in groups, fetched as a query first needs one of their pieces") {
  MemorySite flat(corpus());
  MemorySite grouped(corpus(), 8);  // as a site of more than kFlatListPieces pieces is built
  const PieceList list = grouped.list();
  REQUIRE(list.pieces.size() > 8);
  CHECK(list.groups.size() == (list.pieces.size() + kGroupPieces - 1) / kGroupPieces);
  for (std::size_t i = 0; i < list.pieces.size(); ++i) {
    const bool opening = std::find(list.opening.begin(), list.opening.end(), static_cast<int>(i)) != list.opening.end();
    CHECK(list.pieces[i].empty() != opening);  // only the opening pieces are named in the list itself
  }
  CHECK(grouped.files.at(grouped.list_path).size() < flat.files.at(flat.list_path).size());
  // A group is the JSON array of its pieces' names, named by the hash of its bytes.
  const std::string& group = grouped.files.at(piece_group_path(list.groups[0]));
  CHECK(content_hash(group) == list.groups[0]);
  CHECK(group.find(flat.list().pieces[1]) != std::string::npos);

  const auto a = SearchEngine::from_site(grouped.list_path, grouped.fetch());
  const auto b = SearchEngine::from_site(flat.list_path, flat.fetch());
  REQUIRE(a->open_error() == "");
  CHECK(grouped.fetches == 2);  // the list and the opening pieces, no group
  for (const char* q : {"deploy ", "unique42 ", "term5 -ledger", "rollback OR quorum"}) {
    CAPTURE(q);
    CHECK(urls(a->search(q, 20)) == urls(b->search(q, 20)));
  }
  // Each group is fetched once.
  int group_fetches = 0;
  MemorySite counted(corpus(), 8);
  const FetchFiles inner = counted.fetch();
  const auto c = SearchEngine::from_site(counted.list_path, [&](const std::vector<std::string>& paths) {
    for (const std::string& p : paths) group_fetches += p.find("search/names.") == 0;
    return inner(paths);
  });
  for (int k = 0; k < 3; ++k) c->search("deploy cache ", 20);
  CHECK(group_fetches > 0);
  CHECK(static_cast<std::size_t>(group_fetches) <= list.groups.size());
}

TEST_CASE("a group of names that is gone or damaged fails the query with its path") {
  MemorySite site(corpus(), 8);
  const PieceList list = site.list();
  for (const std::string& g : list.groups) site.files.erase(piece_group_path(g));
  auto engine = SearchEngine::from_site(site.list_path, site.fetch());
  REQUIRE(engine->open_error() == "");  // the opening pieces are named in the list
  SearchResult r = engine->search("unique42 ", 20);
  CHECK(r.stale);
  CHECK(r.error.find("search failed: the search piece names search/names.") == 0);
  MemorySite damaged(corpus(), 8);
  for (const std::string& g : list.groups) damaged.files[piece_group_path(g)][5] ^= 1;
  engine = SearchEngine::from_site(damaged.list_path, damaged.fetch());
  r = engine->search("unique42 ", 20);
  CHECK_FALSE(r.stale);
  CHECK(r.error.find("do not match their name") != std::string::npos);
  // A list whose groups do not cover its pieces, or that leaves a name out without groups.
  PieceList out;
  std::string json = site.files.at(site.list_path);
  CHECK(read_piece_list(json, "L", out) == "");
  std::string more = json;
  more.replace(more.find("\"groups\":[\""), 11, "\"groups\":[\"0000000000000000\",\"");
  CHECK(read_piece_list(more, "L", out).find(std::to_string(list.groups.size() + 1) + " groups of names for") != std::string::npos);
  std::string no_groups = piece_list_json({.regions = {{16384, 1}}, .bytes = 10, .pieces = {""}});
  CHECK(read_piece_list(no_groups, "L", out).find("16 hexadecimal digits") != std::string::npos);
}

TEST_CASE("several engines over pieces may be open at once") {
  MemorySite site(corpus());
  const auto a = SearchEngine::from_site(site.list_path, site.fetch());
  const auto b = SearchEngine::from_site(site.list_path, site.fetch());
  CHECK(urls(a->search("quorum ", 5)) == urls(b->search("quorum ", 5)));
  const auto c = SearchEngine::from_site(site.list_path, site.fetch());
  CHECK(c->search("unique7 ", 5).hits.size() == 1);
}

TEST_CASE("a piece that is gone says the site was deployed again, naming the piece") {
  MemorySite site(corpus());
  const PieceList list = site.list();
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch());
  REQUIRE(engine->open_error() == "");
  for (const std::string& name : list.pieces) site.files.erase(piece_path(name));
  const SearchResult r = engine->search("unique42 ", 20);
  CHECK(r.hits.empty());
  CHECK(r.stale);
  CHECK(r.error.find("search failed: search piece search/") == 0);
  CHECK(r.error.find("could not be fetched: the site was probably deployed again") != std::string::npos);
  CHECK(engine->pieces()->status() == PieceStatus::missing);
}

TEST_CASE("a piece whose bytes do not match its name is refused") {
  MemorySite site(corpus());
  const PieceList list = site.list();
  for (const std::string& name : list.pieces) {
    std::string& file = site.files[piece_path(name)];
    file[file.size() / 2] ^= 1;
  }
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch());
  CHECK(engine->open_error().find("search piece search/" + list.pieces[static_cast<std::size_t>(list.opening[0])] + ".bin (piece ") == 0);
  CHECK(engine->open_error().find("does not match its name") != std::string::npos);
  CHECK(engine->search("deploy ", 5).hits.empty());
}

TEST_CASE("a packed piece unpacks to exactly its size, and nothing else unpacks") {
  std::string bytes;
  for (int i = 0; i < 3000; ++i) bytes += "deploy " + std::to_string(i % 37) + " ";
  bytes.resize(16384);
  const std::string file = pack_piece(bytes);
  CHECK(file.size() < bytes.size() / 2);
  CHECK(pack_piece(bytes) == file);  // the same bytes, the same file: stable names
  CHECK(unpack_piece(file, bytes.size()) == bytes);
  CHECK_FALSE(unpack_piece(file, bytes.size() - 1));  // more than asked for: refused, not cut
  CHECK_FALSE(unpack_piece(file, bytes.size() + 1));  // fewer
  CHECK_FALSE(unpack_piece(file.substr(0, file.size() - 1), bytes.size()));  // cut short
  CHECK_FALSE(unpack_piece(file + "x", bytes.size()));  // bytes after the stream
  CHECK_FALSE(unpack_piece("not deflate at all", 10));
  CHECK_FALSE(unpack_piece("", 10));
  // A stream that would unpack to a gigabyte stops at the size asked for.
  const std::string bomb = pack_piece(std::string(1u << 24, '\0'));
  CHECK_FALSE(unpack_piece(bomb, 4096));
}

TEST_CASE("a piece that matches its name but does not unpack is refused, naming it") {
  const std::string file = "\x01\x02 not a deflate stream";
  const PieceList list{.packing = PiecePacking::deflate, .regions = {{4096, 1}}, .bytes = 4096, .pieces = {content_hash(file)}};
  PieceFile pieces(list, [&](const std::vector<std::string>& paths) {
    return std::vector<std::optional<std::string>>(paths.size(), file);
  });
  char out[16];
  CHECK_FALSE(pieces.read(0, out, sizeof out));
  CHECK(pieces.status() == PieceStatus::corrupt);
  CHECK(pieces.error() == "search piece search/" + content_hash(file) + ".bin (piece 1 of 1) matches its name but does not unpack to "
                          "its 4096 bytes: it was damaged on the server or on the way; deploy the site again with `logbook build`.");
}

TEST_CASE("a site of version 3, its pieces unpacked, still answers") {
  const std::string db = database_bytes(corpus());
  CutDatabase cut = cut_search_database(db);
  std::map<std::string, std::string> files;
  for (std::size_t i = 0; i < cut.bytes.size(); ++i) {
    const std::string bytes = *unpack_piece(cut.bytes[i], cut.list.piece_size(static_cast<int>(i)));
    cut.list.pieces[i] = content_hash(bytes);
    files[piece_path(cut.list.pieces[i])] = bytes;
  }
  cut.list.packing = PiecePacking::none;
  std::string json = piece_list_json(cut.list);
  json.replace(json.find("\"packing\":\"none\","), 17, "");
  json.replace(json.find("\"version\":4"), 11, "\"version\":3");
  files["search/list.v3.json"] = json;
  const auto engine = SearchEngine::from_site("search/list.v3.json", [&](const std::vector<std::string>& paths) {
    std::vector<std::optional<std::string>> out;
    for (const std::string& p : paths) out.push_back(files.count(p) ? std::optional<std::string>(files[p]) : std::nullopt);
    return out;
  });
  REQUIRE(engine->open_error() == "");
  CHECK(urls(engine->search("unique42 ", 5)) == urls(SearchEngine::from_bytes(db)->search("unique42 ", 5)));
}

TEST_CASE("a missing list or a damaged list is an error, not a crash") {
  MemorySite site(corpus());
  CHECK(SearchEngine::from_site("search/list.0000000000000000.json", site.fetch())->open_error() ==
        "search/list.0000000000000000.json could not be fetched: the site was probably deployed again; reload the page.");
  site.files[site.list_path] = "not json";
  CHECK(SearchEngine::from_site(site.list_path, site.fetch())->open_error().find("is not a Logbook search piece list") != std::string::npos);
}

TEST_CASE("the piece cache is bounded: past it, the least recently used piece is fetched again") {
  MemorySite site(corpus());
  const PieceList list = site.list();
  PieceFile file(list, site.fetch(), 2 * kPieceBytes, 0);  // the first pieces are the index's, of 16 KiB
  char byte = 0;
  for (int i : {0, 1, 0, 2, 1, 0}) REQUIRE(file.read(static_cast<std::uint64_t>(i) * kPieceBytes, &byte, 1));
  CHECK(file.fetched() == std::vector<int>{0, 1, 2, 1, 0});
}

TEST_CASE("consecutive pieces are read ahead, one more the first time, then twice as many each time the run goes on") {
  MemorySite site(many_pages(3000));
  PieceFile file(site.list(), site.fetch(), kPieceCacheBytes, 4);
  char bytes[2];
  REQUIRE(file.read(kPieceBytes - 1, bytes, 2));  // pieces 0 and 1: consecutive
  CHECK(file.fetched() == std::vector<int>{0, 1, 2});
  CHECK(site.fetches == 2);
  file.clear_fetched();
  REQUIRE(file.read(3 * kPieceBytes, bytes, 1));  // the run goes on: two ahead
  CHECK(file.fetched() == std::vector<int>{3, 4, 5});
  file.clear_fetched();
  REQUIRE(file.read(6 * kPieceBytes, bytes, 1));  // and on: four ahead, the most asked for
  CHECK(file.fetched() == std::vector<int>{6, 7, 8, 9, 10});
  file.clear_fetched();
  REQUIRE(file.read(11 * kPieceBytes, bytes, 1));
  CHECK(file.fetched() == std::vector<int>{11, 12, 13, 14, 15});
  file.clear_fetched();
  REQUIRE(file.read(40 * kPieceBytes, bytes, 1));  // elsewhere: a new run, nothing ahead
  CHECK(file.fetched() == std::vector<int>{40});
}

TEST_CASE("in the rows' 4 KiB pieces, read-ahead takes as many bytes as in the index's 16 KiB pieces") {
  MemorySite site(corpus());
  const PieceList list = site.list();
  const int first_small = static_cast<int>(list.regions[0].count);
  REQUIRE(list.regions.size() == 2);
  REQUIRE(list.regions[1].count > 14);
  PieceFile file(list, site.fetch(), kPieceCacheBytes, 3);
  char bytes[2];
  REQUIRE(file.read(list.piece_start(first_small + 1) - 1, bytes, 2));  // two consecutive small pieces
  std::vector<int> expected;
  for (int i = first_small; i < first_small + 2 + 4; ++i) expected.push_back(i);  // and 16 KiB more
  CHECK(file.fetched() == expected);
  CHECK(site.fetches == 2);
}

TEST_CASE("rank reads the index alone; rows then reads the rows of the hits asked for") {
  MemorySite site(corpus());
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch());
  const SearchResult whole = engine->search("rollback ", 20);
  REQUIRE(whole.hits.size() == 20);
  engine->pieces()->clear_fetched();
  const auto cold = SearchEngine::from_site(site.list_path, site.fetch());
  cold->pieces()->clear_fetched();
  SearchResult ranked = cold->rank("rollback ", 20);
  const std::size_t index_only = cold->pieces()->fetched().size();
  REQUIRE(ranked.hits.size() == 20);
  for (std::size_t i = 0; i < 20; ++i) {
    CHECK(ranked.hits[i].id == whole.hits[i].id);
    CHECK(ranked.hits[i].url == "");
  }
  cold->rows(ranked, 0, 8);
  CHECK(cold->pieces()->fetched().size() > index_only);
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(ranked.hits[i].url == whole.hits[i].url);
    CHECK(ranked.hits[i].title == whole.hits[i].title);
    CHECK(ranked.hits[i].section == whole.hits[i].section);
  }
  CHECK(ranked.hits[8].url == "");
  // A hit's id holds its place in the site (Site::pages, search_rank.hpp); publish() numbers
  // pages in part order, and published_indexes maps one to the other.
  const Site built = build_site(corpus());
  const PublishedSite published = publish(built, {});
  const std::vector<int> at = published_indexes(built, published);
  for (const SearchHit& h : whole.hits)
    CHECK(published.pages[static_cast<std::size_t>(at[page_index_of_rowid(h.id)])].url == h.url);
}

TEST_CASE("the rows of the hits come in a few batches, not a round trip each") {
  MemorySite site(many_pages(3000));  // pages' rows over many pieces
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch(), 0);
  std::string spread;  // 20 pages far apart
  for (int i = 0; i < 20; ++i) spread += (i ? " OR unique" : "unique") + std::to_string(i * 149) + " ";
  SearchResult r = engine->rank(spread, 20);
  REQUIRE(r.hits.size() == 20);
  const int before = engine->pieces()->batches();
  const std::size_t fetched_before = engine->pieces()->fetched().size();
  engine->rows(r, 0, 20);
  for (const SearchHit& h : r.hits) CHECK(h.url != "");
  CHECK(engine->pieces()->fetched().size() - fetched_before >= 8);  // the rows are spread out
  CHECK(engine->pieces()->batches() - before <= 3);                 // the b-tree's depth
}

TEST_CASE("the rows of the hits shown come in 4 KiB pieces: a page each, not 16 KiB") {
  MemorySite site(corpus());
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch(), 0);
  SearchResult ranked = engine->rank("rollback ", 20);
  REQUIRE(ranked.hits.size() == 20);
  engine->pieces()->clear_fetched();
  engine->rows(ranked, 0, 8);
  REQUIRE(!engine->pieces()->fetched().empty());
  // The roots of `pages` and `decisions` are opening pieces, already read.
  for (int i : engine->pieces()->fetched()) CHECK(engine->pieces()->list().piece_size(i) == kRowPieceBytes);
}

TEST_CASE("a reader that fetched many rows one at a time gets the rest of the rows in one batch") {
  MemorySite site(corpus());
  const PieceList list = site.list();
  const int first = static_cast<int>(list.regions[0].count), n = static_cast<int>(list.pieces.size());
  REQUIRE(n - first > kRowFetchesBeforeScan + 1);
  PieceFile file(list, site.fetch(), kPieceCacheBytes, 0);
  char byte = 0;
  for (int k = 0; k < kRowFetchesBeforeScan - 1; ++k) REQUIRE(file.read(list.piece_start(first + k), &byte, 1));
  CHECK(file.fetched().size() == static_cast<std::size_t>(kRowFetchesBeforeScan - 1));  // one at a time, so far
  REQUIRE(file.read(list.piece_start(first + kRowFetchesBeforeScan - 1), &byte, 1));
  CHECK(file.fetched().size() == static_cast<std::size_t>(n - first));  // and now all of them
  CHECK(file.batches() == kRowFetchesBeforeScan);
}

TEST_CASE("a query of filters only, which reads every row, costs a bounded number of round trips") {
  std::vector<SourceFile> files = corpus();
  files.push_back({"decisions/0001-use-pieces.md", "---\nstatus: accepted\ndate: 2026-11-30\n---\n# Use pieces\n\nWe cut the database.\n"});
  MemorySite site(files);
  const auto engine = SearchEngine::from_site(site.list_path, site.fetch());
  const int opened = engine->pieces()->batches();
  const SearchResult r = engine->search("status:accepted", 12);
  REQUIRE(r.hits.size() == 1);
  CHECK(r.hits[0].title == "Use pieces");
  CHECK(engine->pieces()->batches() - opened <= kRowFetchesBeforeScan + 1);
}
