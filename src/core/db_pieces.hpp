// The search database published as content-addressed pieces (ADR-0009): the build cuts
// the database file into pieces of kPieceBytes, each named by the hash of its bytes, and
// writes a list of them; a reader opens the database through a read-only SQLite VFS that
// fetches only the pieces a query touches. The core never touches files or the network:
// the caller hands it a FetchFiles callback (files natively, XHR in the browser's worker).
//
// The list, search/list.<content_hash of the list's bytes>.json, named by the manifest's
// "search.list" (format "logbook-search-pieces", version 4; read_piece_list also reads
// versions 1 to 3, and refuses any other):
// {
//   "format": "logbook-search-pieces", "version": 4,
//   "packing": "deflate",              how a piece's file holds its bytes: "deflate", raw
//                                      DEFLATE (RFC 1951) of them, or "none", the bytes
//                                      themselves (what versions 1 to 3 always mean)
//   "page_size": 4096,                 the SQLite page size of the database
//   "regions": [{"piece_bytes": 16384, "pieces": 1400},   the file in order, cut into
//               {"piece_bytes": 4096, "pieces": 900}],    runs of equal pieces (at most
//                                      kMaxPieceRegions); only the file's last piece may
//                                      be shorter than its region's piece_bytes
//   "bytes": 44347392,                 the database's size
//   "pieces": ["3f2a9c0d11b4e5f6", ...],  in file order, as many as the regions count; a
//                                      piece's file is search/<name>.bin and its name is
//                                      content_hash of the file's bytes (packed, so that a
//                                      name never stands for two different files across
//                                      packings). "" in a list with groups: the
//                                      name is in the piece's group
//   "groups": ["9c0d11b4e5f63f2a", ...],  only above kFlatListPieces pieces: group g, the
//                                      file search/names.<name>.json (a JSON array of
//                                      names, content_hash of its bytes), names pieces
//                                      g * kGroupPieces to g * kGroupPieces + 63; a reader
//                                      fetches a group when it first needs one of its pieces
//   "opening": [0, 1, 57]              pieces every query reads (the schema, FTS5's
//                                      structure, ...): fetch them when the palette opens;
//                                      always named in the list itself
// }
// Version 1 had "piece_bytes": N instead of "regions" (one region, of every piece);
// version 2 had no groups; version 3 no packing (its pieces are the bytes themselves).
// Why packed: the index compresses to 60 % (27.1 MB to 16.5 MB at 10,000 pages), which
// is disk the host keeps, bytes a host that does not compress sends, and room in the
// reader's offline copy; a host that gzips sends about what it did (ADR-0009). Why groups: a name costs about 10 bytes gzipped, so the flat
// list of a 100,000-page site (23,000 pieces) was 218 KB, more than a first search may
// cost; grouped, the list is a few KB and a query fetches the few groups it touches.
// Why two sizes: the index, written first, is read in runs (a doclist, FTS5's segment
// index), where 16 KiB pieces save round trips; the rows after it are read one by one,
// a row per hit in a different place each, where a 4 KiB piece (one SQLite page) costs
// a quarter of the bytes (ADR-0009, "The pieces as built").
// A piece's name is the hash of its bytes, so a piece never changes and a list names only
// the pieces of one build: a piece that is gone (404) means the site was deployed again,
// and the reader must take the new manifest's list and ask again (PieceStatus::missing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct sqlite3;

namespace logbook {

constexpr std::size_t kPieceBytes = 16 * 1024;     // the index's pieces
constexpr std::size_t kRowPieceBytes = 4 * 1024;   // the rows' pieces: one SQLite page
constexpr int kPieceListVersion = 4;
// Lists of more pieces name them in groups of kGroupPieces (the "groups" above).
constexpr std::size_t kFlatListPieces = 4096;
constexpr std::size_t kGroupPieces = 64;
constexpr std::size_t kMaxPieceRegions = 64;
// Pieces kept in memory once read, least recently used dropped first.
constexpr std::size_t kPieceCacheBytes = 32u * 1024 * 1024;
// Consecutive pieces mean a long doclist or a table scan: fetch more at once, counted in
// pieces of kPieceBytes (in the rows' small pieces, as many bytes): one the first time a
// run goes on, then twice as many each time it goes on again, up to this many. A doclist
// that just crosses into a second piece costs one piece more, not four (the first search
// at 10k pages read 64 KiB ahead for a word in 426 pages); a scan still gets 8 at a time.
constexpr int kReadAhead = 8;
// Rows fetched one batch at a time before the rest of the rows' region comes in one batch:
// the rows of the hits shown come in a batch of their own (set_deferring), so a query
// that fetches this many is reading most rows (a filter such as status:accepted, a scan).
constexpr int kRowFetchesBeforeScan = 32;

// How a piece's file holds its bytes ("packing" above).
enum class PiecePacking { none, deflate };

// A piece's file: its bytes as raw DEFLATE, the same file for the same bytes (the pinned
// zlib, one level), so an unchanged piece keeps its name across builds.
std::string pack_piece(std::string_view bytes);
// A piece's bytes from its packed file: exactly `size` bytes, or nullopt when the file is
// not one whole DEFLATE stream of that many (damaged, cut short, or longer: it never
// unpacks past `size`, whatever the file claims).
std::optional<std::string> unpack_piece(std::string_view file, std::size_t size);

// `count` consecutive pieces of piece_bytes each.
struct PieceRegion {
  std::size_t piece_bytes = kPieceBytes;
  std::size_t count = 0;

  bool operator==(const PieceRegion&) const = default;
};

struct PieceList {
  PiecePacking packing = PiecePacking::none;  // what cut_database and the build write: deflate
  int page_size = 4096;
  std::vector<PieceRegion> regions{};  // in file order; their counts add up to pieces.size()
  std::uint64_t bytes = 0;
  std::vector<std::string> pieces{};   // 16 hex digits each; "" where a group holds the name
  std::vector<int> opening{};          // indexes into pieces
  std::vector<std::string> groups{};   // the groups' names, when the names come in groups

  // Where piece i starts in the file, its size, and the piece that holds byte `offset`
  // (offset < bytes); i must be a piece of the list.
  std::uint64_t piece_start(int i) const;
  std::size_t piece_size(int i) const;
  int piece_at(std::uint64_t offset) const;

  bool operator==(const PieceList&) const = default;
};

// How a file of `bytes` bytes is cut: pieces of kPieceBytes up to small_from (rounded down
// to a whole piece), then pieces of max(kRowPieceBytes, page_size) to the end.
std::vector<PieceRegion> piece_regions(std::uint64_t bytes, std::uint64_t small_from, int page_size);

// "search/<name>.bin": where a piece lives, relative to the site root.
std::string piece_path(std::string_view name);
// "search/names.<name>.json": where a group of piece names lives.
std::string piece_group_path(std::string_view name);
// A list of more than flat_limit pieces gets groups: moves every name but the opening
// pieces' into groups of kGroupPieces and returns each group's file (path, bytes) to
// write beside the list. Nothing to do (and no files) for a shorter list.
std::vector<std::pair<std::string, std::string>> group_piece_names(PieceList& list, std::size_t flat_limit = kFlatListPieces);
// The list's JSON and its content-addressed path "search/list.<hash>.json".
std::string piece_list_json(const PieceList& list);
std::string piece_list_path(std::string_view list_json);
// Reads a list; "" on success, else what is wrong, naming `where` (the list's path).
std::string read_piece_list(std::string_view json, std::string_view where, PieceList& out);

// The database file cut into pieces (piece_regions) and packed: the list (without
// opening pieces) and each piece's file.
struct CutDatabase {
  PieceList list;
  std::vector<std::string> bytes;  // bytes[i] is piece i's file (pack_piece of its bytes)
};
CutDatabase cut_database(std::string_view db_bytes, std::uint64_t small_from, int page_size = 4096);

// The edge's one job: the bytes of files of the built site, by path relative to the site
// root (e.g. "search/3f2a9c0d11b4e5f6.bin"). Asked for several at once, it may fetch them
// in parallel; each answer is the file's bytes, or nullopt when it is missing or unreadable.
using FetchFiles = std::function<std::vector<std::optional<std::string>>(const std::vector<std::string>& paths)>;

enum class PieceStatus {
  ok,
  missing,  // a piece is gone: the site was deployed again; reload the manifest and list
  corrupt,  // a piece's file does not match its name, or does not unpack to its size
};

// A read-only database file made of pieces, with a bounded cache of the pieces read.
class PieceFile {
 public:
  // read_ahead: how many pieces of kPieceBytes (or as many bytes of smaller pieces) past a
  // run of consecutive reads to fetch in the same batch.
  PieceFile(PieceList list, FetchFiles fetch, std::size_t cache_bytes = kPieceCacheBytes, int read_ahead = kReadAhead);
  ~PieceFile();
  PieceFile(const PieceFile&) = delete;
  PieceFile& operator=(const PieceFile&) = delete;

  // Copies n bytes at offset into out; false on failure (see status() and error()). When
  // it reads consecutive pieces it asks for the next few in the same batch (read-ahead).
  bool read(std::uint64_t offset, void* out, std::size_t n);
  // Fetches these pieces in one batch (e.g. the list's opening pieces); false on failure.
  bool prefetch(const std::vector<int>& pieces);
  // While deferring, a read of a piece not yet fetched fails without fetching it and
  // notes the piece: a caller with several independent look-ups (the rows of the hits)
  // tries them all, then fetches what they wanted in one batch, and tries again.
  void set_deferring(bool on);
  std::vector<int> take_deferred();

  const PieceList& list() const;
  PieceStatus status() const;
  const std::string& error() const;  // names the piece and says what to do
  // Every piece fetched so far, in order (for tests and the bench), and its reset.
  const std::vector<int>& fetched() const;
  void clear_fetched();
  // Batches asked of FetchFiles so far: the round trips of a reader that fetches a batch in parallel.
  int batches() const;
  // The bytes of the files fetched so far (pieces as packed, groups of names), what a host
  // sends that does not compress them again; clear_fetched resets it too.
  std::uint64_t fetched_file_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A read-only SQLite connection over a PieceFile, through a VFS registered under a name of
// its own (several may be open at once) and unregistered when the connection closes
// (close_pieces_database). The file must outlive the connection. nullptr and error on failure.
sqlite3* open_pieces_database(PieceFile& file, std::string& error);
void close_pieces_database(sqlite3* db);

}  // namespace logbook
