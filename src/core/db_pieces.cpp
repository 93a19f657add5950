#include "db_pieces.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <list>
#include <utility>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <zlib.h>

#include "assert.hpp"
#include "page_history.hpp"

namespace logbook {

namespace {

using nlohmann::json;

constexpr const char* kListFormat = "logbook-search-pieces";

// zlib's fastest level: 16.5 MB for the 10,000-page corpus's 27.1 MB in 0.4 s; level 6
// saves 0.6 MB more for three times the time, on the build's longest thread.
constexpr int kPackLevel = 1;
// The window: a piece is at most kPieceBytes, so a larger one finds nothing more.
constexpr int kPackWindowBits = 14;
static_assert((std::size_t{1} << kPackWindowBits) >= kPieceBytes);

const char* packing_name(PiecePacking p) { return p == PiecePacking::deflate ? "deflate" : "none"; }

bool is_piece_name(const json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_count(const json& m, const char* key) {
  const auto it = m.find(key);
  return it != m.end() && it->is_number_unsigned();
}

// "regions" of a version 2 list: "" or what is wrong.
std::string read_regions(const json& regions, std::vector<PieceRegion>& out) {
  if (!regions.is_array() || regions.size() > kMaxPieceRegions)
    return "\"regions\" is not a list of at most " + std::to_string(kMaxPieceRegions) + " regions";
  // Clamped so that no sum overflows, even where size_t has 32 bits (wasm); check_regions
  // then refuses what does not add up.
  const auto clamp = [](const json& v) { return static_cast<std::size_t>(std::min<std::uint64_t>(v.get<std::uint64_t>(), 1u << 30)); };
  for (const json& r : regions) {
    if (!r.is_object() || !is_count(r, "piece_bytes") || !is_count(r, "pieces"))
      return "a region is not {\"piece_bytes\": <count>, \"pieces\": <count>}";
    out.push_back({clamp(r["piece_bytes"]), clamp(r["pieces"])});
  }
  return {};
}

// The regions hold whole pages, add up to the pieces, and cover the bytes with only the
// last piece short: "" or what is wrong (to follow the list's path).
std::string check_regions(const PieceList& list) {
  std::uint64_t count = 0, capacity = 0, last = 0;
  for (const PieceRegion& r : list.regions) {
    // A piece holds whole SQLite pages, and a bounded number of bytes.
    if (r.piece_bytes == 0 || r.piece_bytes > (1u << 24) || r.piece_bytes % static_cast<std::size_t>(list.page_size) != 0)
      return ": page_size " + std::to_string(list.page_size) + " and piece_bytes " + std::to_string(r.piece_bytes) +
             " do not fit (a power of two from 512 to 65536, and a multiple of it)";
    count += r.count;
    capacity += static_cast<std::uint64_t>(r.count) * r.piece_bytes;
    if (r.count > 0) last = r.piece_bytes;
  }
  // Enough pieces for the bytes, and not one more: only the last may be short, not empty.
  if (count != list.pieces.size() || capacity < list.bytes || (count > 0 && capacity - last >= list.bytes))
    return " names " + std::to_string(list.pieces.size()) + " pieces for " + std::to_string(list.bytes) + " bytes";
  return {};
}

}  // namespace

std::string pack_piece(std::string_view bytes) {
  z_stream z{};
  const int init = deflateInit2(&z, kPackLevel, Z_DEFLATED, -kPackWindowBits, 8, Z_DEFAULT_STRATEGY);
  LOGBOOK_ASSERT(init == Z_OK, "zlib takes these settings");
  std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int done = deflate(&z, Z_FINISH);
  LOGBOOK_ASSERT(done == Z_STREAM_END, "deflateBound leaves room for the whole stream");
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::optional<std::string> unpack_piece(std::string_view file, std::size_t size) {
  z_stream z{};
  if (inflateInit2(&z, -15) != Z_OK) return std::nullopt;
  std::string out(size, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(file.data()));
  z.avail_in = static_cast<uInt>(file.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  // Exactly `size` bytes that end the stream, and nothing after it. A stream that still
  // has bytes to give once `size` are out is refused without producing them.
  const bool whole = rc == Z_STREAM_END && z.avail_out == 0 && z.avail_in == 0;
  inflateEnd(&z);
  if (!whole) return std::nullopt;
  return out;
}

std::string piece_path(std::string_view name) { return "search/" + std::string(name) + ".bin"; }
std::string piece_group_path(std::string_view name) { return "search/names." + std::string(name) + ".json"; }

std::string piece_list_json(const PieceList& list) {
  json regions = json::array();
  for (const PieceRegion& r : list.regions) regions.push_back({{"piece_bytes", r.piece_bytes}, {"pieces", r.count}});
  json j = {{"format", kListFormat}, {"version", kPieceListVersion}, {"packing", packing_name(list.packing)}, {"page_size", list.page_size},
            {"regions", regions}, {"bytes", list.bytes}, {"pieces", list.pieces}, {"opening", list.opening}};
  if (!list.groups.empty()) j["groups"] = list.groups;
  return j.dump();
}

std::vector<std::pair<std::string, std::string>> group_piece_names(PieceList& list, std::size_t flat_limit) {
  std::vector<std::pair<std::string, std::string>> files;
  if (list.pieces.size() <= flat_limit || !list.groups.empty()) return files;
  for (std::size_t first = 0; first < list.pieces.size(); first += kGroupPieces) {
    const auto end = list.pieces.begin() + static_cast<std::ptrdiff_t>(std::min(first + kGroupPieces, list.pieces.size()));
    const std::string bytes = json(std::vector<std::string>(list.pieces.begin() + static_cast<std::ptrdiff_t>(first), end)).dump();
    list.groups.push_back(content_hash(bytes));
    files.emplace_back(piece_group_path(list.groups.back()), bytes);
  }
  for (std::size_t i = 0; i < list.pieces.size(); ++i)
    if (std::find(list.opening.begin(), list.opening.end(), static_cast<int>(i)) == list.opening.end()) list.pieces[i].clear();
  return files;
}

std::string piece_list_path(std::string_view list_json) { return "search/list." + content_hash(list_json) + ".json"; }

std::string read_piece_list(std::string_view text, std::string_view where, PieceList& out) {
  const std::string rebuild = "; rebuild the site with `logbook build`, or reload the page.";
  const std::string at(where);
  const json m = json::parse(text.begin(), text.end(), nullptr, false);
  if (m.is_discarded() || !m.is_object() || m.value("format", json()) != kListFormat)
    return at + " is not a Logbook search piece list" + rebuild;
  const json version = m.value("version", json());
  if (!version.is_number_integer() || version.get<long long>() < 1 || version.get<long long>() > kPieceListVersion)
    return at + " has format version " + version.dump() + ", this Logbook reads versions 1 to " + std::to_string(kPieceListVersion) + rebuild;
  for (const char* key : {"page_size", "bytes"})
    if (!is_count(m, key)) return at + ": \"" + key + "\" is not a count" + rebuild;
  PieceList list;
  if (version.get<long long>() >= 4) {
    const json packing = m.value("packing", json());
    if (packing == "deflate") list.packing = PiecePacking::deflate;
    else if (packing != "none") return at + ": \"packing\" is " + packing.dump() + ", not \"deflate\" or \"none\"" + rebuild;
  }
  const auto page_size = m["page_size"].get<std::uint64_t>();
  list.bytes = m["bytes"].get<std::uint64_t>();
  // SQLite's page sizes are powers of two from 512 to 65536.
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    return at + ": page_size " + std::to_string(page_size) + " is not a power of two from 512 to 65536" + rebuild;
  list.page_size = static_cast<int>(page_size);
  const json groups = m.value("groups", json::array());
  if (!groups.is_array() || !std::all_of(groups.begin(), groups.end(), is_piece_name))
    return at + ": \"groups\" is not a list of 16 hexadecimal digits each" + rebuild;
  for (const json& g : groups) list.groups.push_back(g.get<std::string>());
  // With groups, a name may be "" (its group holds it).
  const auto is_name_here = [&list](const json& v) { return is_piece_name(v) || (!list.groups.empty() && v == ""); };
  const json pieces = m.value("pieces", json());
  if (!pieces.is_array() || !std::all_of(pieces.begin(), pieces.end(), is_name_here))
    return at + ": \"pieces\" is not a list of 16 hexadecimal digits each" + rebuild;
  for (const json& p : pieces) list.pieces.push_back(p.get<std::string>());
  if (!list.groups.empty() && list.groups.size() != (list.pieces.size() + kGroupPieces - 1) / kGroupPieces)
    return at + ": " + std::to_string(list.groups.size()) + " groups of names for " + std::to_string(list.pieces.size()) + " pieces" + rebuild;
  if (version.get<long long>() == 1) {  // one region: every piece of "piece_bytes"
    if (!is_count(m, "piece_bytes")) return at + ": \"piece_bytes\" is not a count" + rebuild;
    list.regions = {{static_cast<std::size_t>(std::min<std::uint64_t>(m["piece_bytes"].get<std::uint64_t>(), 1u << 25)), list.pieces.size()}};
    if (list.pieces.empty()) list.regions.clear();
  } else if (std::string err = read_regions(m.value("regions", json()), list.regions); !err.empty()) {
    return at + ": " + err + rebuild;
  }
  if (std::string err = check_regions(list); !err.empty()) return at + err + rebuild;
  const json opening = m.value("opening", json::array());
  for (const json& o : opening.is_array() ? opening : json::array()) {
    if (!o.is_number_unsigned() || o.get<std::uint64_t>() >= list.pieces.size() || list.pieces[o.get<std::size_t>()].empty())
      return at + ": \"opening\" names a piece that is not in the list" + rebuild;
    list.opening.push_back(o.get<int>());
  }
  out = std::move(list);
  return {};
}

std::vector<PieceRegion> piece_regions(std::uint64_t bytes, std::uint64_t small_from, int page_size) {
  const std::uint64_t big = kPieceBytes, small = std::max<std::uint64_t>(kRowPieceBytes, static_cast<std::uint64_t>(page_size));
  // Rounded down: a row never shares a 16 KiB piece with the index (the index's last few
  // pages come in small pieces instead, and are read no more often than rows).
  const std::uint64_t big_end = std::min(bytes, small_from / big * big);
  std::vector<PieceRegion> out;
  if (big_end > 0) out.push_back({kPieceBytes, static_cast<std::size_t>((big_end + big - 1) / big)});
  if (bytes > big_end) out.push_back({static_cast<std::size_t>(small), static_cast<std::size_t>((bytes - big_end + small - 1) / small)});
  return out;
}

std::uint64_t PieceList::piece_start(int i) const {
  std::uint64_t start = 0;
  auto left = static_cast<std::size_t>(i);
  for (const PieceRegion& r : regions) {
    if (left < r.count) return start + static_cast<std::uint64_t>(left) * r.piece_bytes;
    start += static_cast<std::uint64_t>(r.count) * r.piece_bytes;
    left -= r.count;
  }
  return bytes;
}

std::size_t PieceList::piece_size(int i) const {
  std::size_t left = static_cast<std::size_t>(i), piece = 0;
  for (const PieceRegion& r : regions) {
    if (left < r.count) {
      piece = r.piece_bytes;
      break;
    }
    left -= r.count;
  }
  return static_cast<std::size_t>(std::min<std::uint64_t>(piece, bytes - std::min(bytes, piece_start(i))));
}

int PieceList::piece_at(std::uint64_t offset) const {
  std::uint64_t start = 0;
  std::size_t first = 0;
  for (const PieceRegion& r : regions) {
    const std::uint64_t size = static_cast<std::uint64_t>(r.count) * r.piece_bytes;
    if (offset < start + size) return static_cast<int>(first + (offset - start) / r.piece_bytes);
    start += size;
    first += r.count;
  }
  return static_cast<int>(pieces.size()) - 1;
}

CutDatabase cut_database(std::string_view db, std::uint64_t small_from, int page_size) {
  CutDatabase out;
  out.list.packing = PiecePacking::deflate;
  out.list.page_size = page_size;
  out.list.bytes = db.size();
  out.list.regions = piece_regions(db.size(), small_from, page_size);
  std::size_t at = 0;
  for (const PieceRegion& r : out.list.regions)
    for (std::size_t k = 0; k < r.count; ++k, at += r.piece_bytes) {
      out.bytes.push_back(pack_piece(db.substr(at, r.piece_bytes)));
      out.list.pieces.push_back(content_hash(out.bytes.back()));
    }
  return out;
}

// ---- PieceFile ----

struct PieceFile::Impl {
  PieceList list;
  FetchFiles fetch;
  std::size_t cache_limit;
  int read_ahead;
  // Least recently used at the back.
  std::list<std::pair<int, std::string>> lru;
  std::unordered_map<int, std::list<std::pair<int, std::string>>::iterator> cached;
  std::size_t cached_bytes = 0;
  int last_fetched = -2;
  int run = 0;  // batches in a row that went on from the last one (read-ahead doubles)
  PieceStatus status = PieceStatus::ok;
  std::string error;
  std::vector<int> fetched;
  int batches = 0;
  std::uint64_t file_bytes = 0;
  bool deferring = false;
  std::vector<int> deferred;
  int row_fetches = 0;

  std::size_t expected_size(int i) const { return list.piece_size(i); }

  std::string describe(int i) const {
    return "search piece " + piece_path(list.pieces[static_cast<std::size_t>(i)]) + " (piece " + std::to_string(i + 1) +
           " of " + std::to_string(list.pieces.size()) + ")";
  }

  bool fail(PieceStatus s, std::string message) {
    status = s;
    error = std::move(message);
    return false;
  }

  void keep(int i, std::string bytes) {
    cached_bytes += bytes.size();
    lru.emplace_front(i, std::move(bytes));
    cached[i] = lru.begin();
    while (cached_bytes > cache_limit && lru.size() > 1) {
      cached_bytes -= lru.back().second.size();
      cached.erase(lru.back().first);
      lru.pop_back();
    }
  }

  // The groups that name pieces of `wanted` not named yet, in one batch of their own
  // (a grouped list: a piece's name must be known before the piece is fetched).
  bool fetch_names(const std::vector<int>& wanted) {
    std::vector<std::size_t> groups;
    for (int i : wanted) {
      const std::size_t g = static_cast<std::size_t>(i) / kGroupPieces;
      if (list.pieces[static_cast<std::size_t>(i)].empty() && std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
    }
    if (groups.empty()) return true;
    ++batches;
    std::vector<std::string> paths;
    for (std::size_t g : groups) paths.push_back(piece_group_path(list.groups[g]));
    std::vector<std::optional<std::string>> got = fetch ? fetch(paths) : std::vector<std::optional<std::string>>{};
    for (std::size_t k = 0; k < groups.size(); ++k) {
      if (k >= got.size() || !got[k])
        return fail(PieceStatus::missing, "the search piece names " + paths[k] + " could not be fetched: the site was probably "
                                          "deployed again since its list was read; reload the page to search the new one.");
      file_bytes += got[k]->size();
      const std::size_t first = groups[k] * kGroupPieces, count = std::min(kGroupPieces, list.pieces.size() - first);
      const json names = json::parse(got[k]->begin(), got[k]->end(), nullptr, false);
      if (content_hash(*got[k]) != list.groups[groups[k]] || !names.is_array() || names.size() != count ||
          !std::all_of(names.begin(), names.end(), is_piece_name))
        return fail(PieceStatus::corrupt, "the search piece names " + paths[k] + " do not match their name: they were damaged "
                                          "on the server or on the way; deploy the site again with `logbook build`.");
      for (std::size_t n = 0; n < count; ++n) list.pieces[first + n] = names[n].get<std::string>();
    }
    return true;
  }

  // Fetches the pieces not yet cached in one batch and checks each against its name.
  bool fetch_batch(const std::vector<int>& wanted) {
    if (!fetch_names(wanted)) return false;
    std::vector<int> missing;
    std::vector<std::string> paths;
    for (int i : wanted)
      if (!cached.count(i) && std::find(missing.begin(), missing.end(), i) == missing.end()) {
        missing.push_back(i);
        paths.push_back(piece_path(list.pieces[static_cast<std::size_t>(i)]));
      }
    if (missing.empty()) return true;
    ++batches;
    std::vector<std::optional<std::string>> got = fetch ? fetch(paths) : std::vector<std::optional<std::string>>{};
    for (std::size_t k = 0; k < missing.size(); ++k) {
      const int i = missing[k];
      if (k >= got.size() || !got[k])
        return fail(PieceStatus::missing, describe(i) + " could not be fetched: the site was probably deployed again since its "
                                          "list was read; reload the page to search the new one.");
      const std::string& name = list.pieces[static_cast<std::size_t>(i)];
      const bool packed = list.packing == PiecePacking::deflate;
      const std::string why = " it was damaged on the server or on the way; deploy the site again with `logbook build`.";
      if ((!packed && got[k]->size() != expected_size(i)) || content_hash(*got[k]) != name)
        return fail(PieceStatus::corrupt, describe(i) + " does not match its name (" + std::to_string(got[k]->size()) +
                                          " bytes hashing to " + content_hash(*got[k]) + "):" + why);
      std::optional<std::string> bytes = packed ? unpack_piece(*got[k], expected_size(i)) : std::move(got[k]);
      if (!bytes)
        return fail(PieceStatus::corrupt, describe(i) + " matches its name but does not unpack to its " +
                                          std::to_string(expected_size(i)) + " bytes:" + why);
      fetched.push_back(i);
      file_bytes += got[k]->size();
      keep(i, std::move(*bytes));
    }
    return true;
  }

  const std::string* piece(int i) {
    if (const auto it = cached.find(i); it != cached.end()) {
      lru.splice(lru.begin(), lru, it->second);  // now the most recently used
      return &it->second->second;
    }
    if (deferring) {
      deferred.push_back(i);
      return nullptr;
    }
    std::vector<int> batch = {i};
    // Counted in bytes, as pieces of the index: a scan of the rows (a query of filters
    // only) takes as many bytes a round trip in their small pieces.
    run = i == last_fetched + 1 ? run + 1 : 0;
    const int pieces_ahead = run == 0 ? 0 : std::min(std::max(read_ahead, 0), 1 << std::min(run - 1, 16));
    const std::size_t ahead = static_cast<std::size_t>(pieces_ahead) * kPieceBytes;
    std::size_t taken = 0;
    if (run > 0)
      for (int k = i + 1; k < static_cast<int>(list.pieces.size()) && taken < ahead; ++k) {
        batch.push_back(k);
        taken += list.piece_size(k);
      }
    if (in_rows(i) && ++row_fetches == kRowFetchesBeforeScan) add_rows(batch);
    if (!fetch_batch(batch)) return nullptr;
    last_fetched = batch.back();
    return &cached.at(i)->second;
  }

  // The rows: the last region of small pieces, after the index.
  bool in_rows(int i) const { return list.regions.size() > 1 && i >= static_cast<int>(list.pieces.size() - list.regions.back().count); }

  // A query that fetched that many rows one at a time reads many (a filter, a scan): the
  // rest of them come in this batch, if half the cache holds them all.
  void add_rows(std::vector<int>& batch) const {
    const int first = static_cast<int>(list.pieces.size() - list.regions.back().count);
    if (list.bytes - list.piece_start(first) > cache_limit / 2) return;
    for (int k = first; k < static_cast<int>(list.pieces.size()); ++k)
      if (!cached.count(k)) batch.push_back(k);
  }
};

PieceFile::PieceFile(PieceList list, FetchFiles fetch, std::size_t cache_bytes, int read_ahead) : impl_(std::make_unique<Impl>()) {
  impl_->read_ahead = read_ahead;
  impl_->list = std::move(list);
  impl_->fetch = std::move(fetch);
  impl_->cache_limit = cache_bytes;
}

PieceFile::~PieceFile() = default;

bool PieceFile::read(std::uint64_t offset, void* out, std::size_t n) {
  auto* dst = static_cast<char*>(out);
  const std::uint64_t size = impl_->list.bytes;
  while (n > 0) {
    if (offset >= size) return false;  // past the end: the caller zero-fills (a short read)
    const int i = impl_->list.piece_at(offset);
    const std::string* bytes = impl_->piece(i);
    if (!bytes) return false;
    const std::size_t at = static_cast<std::size_t>(offset - impl_->list.piece_start(i));
    const std::size_t take = std::min(n, bytes->size() - at);
    std::memcpy(dst, bytes->data() + at, take);
    dst += take;
    offset += take;
    n -= take;
  }
  return true;
}

bool PieceFile::prefetch(const std::vector<int>& pieces) {
  std::vector<int> valid;
  for (int i : pieces)
    if (i >= 0 && i < static_cast<int>(impl_->list.pieces.size())) valid.push_back(i);
  return impl_->fetch_batch(valid);
}

const PieceList& PieceFile::list() const { return impl_->list; }
PieceStatus PieceFile::status() const { return impl_->status; }
const std::string& PieceFile::error() const { return impl_->error; }
const std::vector<int>& PieceFile::fetched() const { return impl_->fetched; }
void PieceFile::clear_fetched() {
  impl_->fetched.clear();
  impl_->file_bytes = 0;
}
std::uint64_t PieceFile::fetched_file_bytes() const { return impl_->file_bytes; }
int PieceFile::batches() const { return impl_->batches; }
void PieceFile::set_deferring(bool on) { impl_->deferring = on; }
std::vector<int> PieceFile::take_deferred() { return std::exchange(impl_->deferred, {}); }

// ---- The VFS: one per connection, its pAppData the PieceFile ----

namespace {

struct PieceHandle {
  sqlite3_file base;
  PieceFile* file;
};

int x_close(sqlite3_file*) { return SQLITE_OK; }

int x_read(sqlite3_file* f, void* out, int n, sqlite3_int64 offset) {
  PieceFile* file = reinterpret_cast<PieceHandle*>(f)->file;
  const auto size = static_cast<sqlite3_int64>(file->list().bytes);
  const int available = offset >= size ? 0 : static_cast<int>(std::min<sqlite3_int64>(n, size - offset));
  if (available > 0 && !file->read(static_cast<std::uint64_t>(offset), out, static_cast<std::size_t>(available)))
    return SQLITE_IOERR_READ;
  if (available == n) return SQLITE_OK;
  std::memset(static_cast<char*>(out) + available, 0, static_cast<std::size_t>(n - available));
  return SQLITE_IOERR_SHORT_READ;
}

int x_write(sqlite3_file*, const void*, int, sqlite3_int64) { return SQLITE_READONLY; }
int x_truncate(sqlite3_file*, sqlite3_int64) { return SQLITE_READONLY; }
int x_sync(sqlite3_file*, int) { return SQLITE_OK; }
int x_file_size(sqlite3_file* f, sqlite3_int64* size) {
  *size = static_cast<sqlite3_int64>(reinterpret_cast<PieceHandle*>(f)->file->list().bytes);
  return SQLITE_OK;
}
int x_lock(sqlite3_file*, int) { return SQLITE_OK; }
int x_check_reserved_lock(sqlite3_file*, int* out) {
  *out = 0;
  return SQLITE_OK;
}
int x_file_control(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int x_sector_size(sqlite3_file*) { return 4096; }
int x_device_characteristics(sqlite3_file*) { return SQLITE_IOCAP_IMMUTABLE; }

const sqlite3_io_methods kIoMethods = {1, x_close, x_read, x_write, x_truncate, x_sync, x_file_size, x_lock, x_lock,
                                       x_check_reserved_lock, x_file_control, x_sector_size, x_device_characteristics,
                                       nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};

// Only the database itself opens; SQLite asks for no journal of an immutable read-only file.
int x_open(sqlite3_vfs* vfs, const char*, sqlite3_file* f, int flags, int* out_flags) {
  if (!(flags & SQLITE_OPEN_MAIN_DB) || (flags & SQLITE_OPEN_READWRITE)) return SQLITE_CANTOPEN;
  auto* h = reinterpret_cast<PieceHandle*>(f);
  h->base.pMethods = &kIoMethods;
  h->file = static_cast<PieceFile*>(vfs->pAppData);
  if (out_flags) *out_flags = SQLITE_OPEN_READONLY;
  return SQLITE_OK;
}
int x_delete(sqlite3_vfs*, const char*, int) { return SQLITE_READONLY; }
int x_access(sqlite3_vfs*, const char*, int, int* out) {
  *out = 0;  // no journal, no WAL
  return SQLITE_OK;
}
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  sqlite3_snprintf(n, out, "%s", name);
  return SQLITE_OK;
}
// The core has no clock or entropy, and a read-only query needs neither.
int x_randomness(sqlite3_vfs*, int n, char* out) {
  std::memset(out, 0, static_cast<std::size_t>(n));
  return n;
}
int x_sleep(sqlite3_vfs*, int) { return 0; }
int x_current_time(sqlite3_vfs*, double* out) {
  *out = 2440587.5;  // 1970-01-01, as a Julian day
  return SQLITE_OK;
}
int x_last_error(sqlite3_vfs*, int, char*) { return 0; }

// The VFS first, so that the connection's VFS pointer is the whole allocation.
struct OwnedVfs {
  sqlite3_vfs vfs;
  std::string name;
};

}  // namespace

sqlite3* open_pieces_database(PieceFile& file, std::string& error) {
  static std::atomic<unsigned> counter{0};
  auto* owned = new OwnedVfs{};
  owned->name = "logbook-pieces-" + std::to_string(++counter);
  sqlite3_vfs& v = owned->vfs;
  v.iVersion = 1;
  v.szOsFile = sizeof(PieceHandle);
  v.mxPathname = 256;
  v.zName = owned->name.c_str();
  v.pAppData = &file;
  v.xOpen = x_open;
  v.xDelete = x_delete;
  v.xAccess = x_access;
  v.xFullPathname = x_full_pathname;
  v.xRandomness = x_randomness;
  v.xSleep = x_sleep;
  v.xCurrentTime = x_current_time;
  v.xGetLastError = x_last_error;
  sqlite3* db = nullptr;
  if (sqlite3_vfs_register(&v, 0) != SQLITE_OK ||
      sqlite3_open_v2("file:search.db?immutable=1", &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, v.zName) != SQLITE_OK) {
    error = "cannot open the search database's pieces: " + std::string(db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    sqlite3_vfs_unregister(&v);
    delete owned;
    return nullptr;
  }
  return db;
}

void close_pieces_database(sqlite3* db) {
  if (!db) return;
  sqlite3_vfs* vfs = nullptr;
  sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &vfs);
  sqlite3_close(db);
  if (vfs && vfs->xOpen == x_open) {
    sqlite3_vfs_unregister(vfs);
    delete reinterpret_cast<OwnedVfs*>(vfs);
  }
}

}  // namespace logbook
