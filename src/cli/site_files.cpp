#include "site_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <fstream>

#include <set>

#include "content_reader.hpp"
#include "core/page_history.hpp"
#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "html.hpp"
#include "parallel.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

// Deleting a large old site takes as long as writing the new one; the new site is
// already in place, so a detached process deletes the old one. Leftovers from an
// interrupted deletion are removed by the next build (remove_leftovers).
void remove_in_background(const fs::path& dir) {
  const pid_t pid = fork();
  if (pid == 0) {
    setsid();
    if (fork() == 0) {  // grandchild: not our child, so never a zombie of ours
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
    _exit(0);
  }
  if (pid > 0) {
    waitpid(pid, nullptr, 0);
  } else {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
}

// A name no other file or thread of this process uses at the same time.
std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  return std::to_string(getpid()) + "-" + std::to_string(counter++);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A URL path segment percent-decoded; nothing if it is not a plain file name.
std::optional<std::string> file_name_of(std::string_view segment) {
  std::string out;
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '%' && i + 2 < segment.size() && hex_digit(segment[i + 1]) >= 0 && hex_digit(segment[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(segment[i + 1]) * 16 + hex_digit(segment[i + 2]));
      i += 2;
    } else {
      out += segment[i];
    }
  }
  if (out == "." || out == "..") return std::nullopt;
  for (char c : out)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return std::nullopt;
  return out;
}

}  // namespace

bool write_file(const fs::path& path, std::string_view bytes, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp-" + unique_suffix());
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (out) fs::rename(tmp, path, ec);
  if (!out || ec) {
    fs::remove(tmp, ec);
    error = "cannot write " + path.string();
    return false;
  }
  return true;
}

bool create_new_file(const fs::path& path, std::string_view bytes, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  FILE* f = std::fopen(path.c_str(), "wbx");
  if (!f) {
    error = fs::exists(path, ec) ? path.string() + " already exists; Logbook never overwrites a file. Choose another title or path."
                                 : "cannot create " + path.string();
    return false;
  }
  const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  return std::fclose(f) == 0 && ok ? true : (error = "cannot write " + path.string(), false);
}

std::optional<fs::path> output_path(const fs::path& root, std::string_view url, std::string_view file) {
  if (!url.starts_with('/')) return std::nullopt;
  fs::path out = root;
  url.remove_prefix(1);
  for (std::size_t start = 0; start < url.size();) {
    auto end = url.find('/', start);
    if (end == std::string_view::npos) end = url.size();
    const std::optional<std::string> name = file_name_of(url.substr(start, end - start));
    if (!name || name->empty()) return std::nullopt;  // also "//": an absolute path once joined
    out /= *name;
    start = end + 1;
  }
  if (!file.empty()) out /= file;
  return out;
}

bool write_output(const fs::path& root, std::string_view url, std::string_view file, std::string_view bytes,
                  std::string& error) {
  const std::optional<fs::path> path = output_path(root, url, file);
  if (!path) {
    error = "refused to write " + std::string(url) + std::string(file) + ": that URL leaves the output folder " + root.string();
    return false;
  }
  return write_file(*path, bytes, error);
}

std::string write_database_file(const Site& site, const DecisionLog& decisions, const SiteConfig& config, const fs::path& path,
                                const std::atomic<bool>* cancel) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string err = "cannot create " + path.string() + ": " + sqlite3_errmsg(db);
    sqlite3_close(db);
    return err;
  }
  if (cancel) {
    sqlite3_progress_handler(db, 10000, [](void* flag) -> int {
      return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
    }, const_cast<std::atomic<bool>*>(cancel));
  }
  std::string err = write_search_database(db, site, decisions, config);
  if (sqlite3_close(db) != SQLITE_OK && err.empty()) err = "cannot finish writing " + path.string();
  return err;
}

FetchFiles site_file_reader(const fs::path& root) {
  return [root](const std::vector<std::string>& paths) {
    std::vector<std::optional<std::string>> out;
    for (const std::string& path : paths) {
      const std::size_t slash = path.rfind('/');
      const std::string folder = "/" + path.substr(0, slash == std::string::npos ? 0 : slash + 1);
      const std::optional<fs::path> file = output_path(root, folder, path.substr(slash == std::string::npos ? 0 : slash + 1));
      std::string bytes, error;
      out.push_back(file && read_file(*file, bytes, error) ? std::optional<std::string>(std::move(bytes)) : std::nullopt);
    }
    return out;
  };
}

namespace {

// How the database is cut (piece_regions): small pieces after the index.
std::string cut_regions(const fs::path& db_file, PieceList& list, std::vector<std::uint64_t>& row_interior) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot read " + db_file.string();
  }
  const std::uint64_t index_end = search_index_end(db);
  row_interior = row_table_interior_pages(db);
  sqlite3_stmt* page_size = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &page_size, nullptr) == SQLITE_OK && sqlite3_step(page_size) == SQLITE_ROW)
    list.page_size = sqlite3_column_int(page_size, 0);
  sqlite3_finalize(page_size);
  sqlite3_close(db);
  std::error_code ec;
  list.bytes = fs::file_size(db_file, ec);
  if (ec) return "cannot read " + db_file.string() + ": " + ec.message();
  list.regions = piece_regions(list.bytes, index_end, list.page_size);
  return {};
}

}  // namespace

std::string write_search_pieces(const fs::path& db_file, const fs::path& root, PublishedSearch& out) {
  PieceList list;
  std::vector<std::uint64_t> row_interior;
  std::string error = cut_regions(db_file, list, row_interior);
  if (!error.empty()) return error;
  // A batch of pieces at a time, so that a large database is never held in memory whole;
  // each batch packed on every core (the database's thread is the build's longest).
  std::ifstream in(db_file, std::ios::binary);
  if (!in) return "cannot read " + db_file.string();
  list.packing = PiecePacking::deflate;
  std::set<std::string> written;
  constexpr std::size_t kBatch = 256;
  std::vector<std::string> batch;
  const auto flush = [&]() {
    parallel_for(batch.size(), [&batch](std::size_t k) { batch[k] = pack_piece(batch[k]); });
    for (const std::string& file : batch) {
      list.pieces.push_back(content_hash(file));
      if (written.insert(list.pieces.back()).second && !write_file(root / piece_path(list.pieces.back()), file, error)) return false;
    }
    batch.clear();
    return true;
  };
  for (const PieceRegion& region : list.regions)
    for (std::size_t k = 0; k < region.count; ++k) {
      std::string piece(region.piece_bytes, '\0');
      in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
      piece.resize(static_cast<std::size_t>(in.gcount()));
      batch.push_back(std::move(piece));
      if (batch.size() == kBatch && !flush()) return error;
    }
  if (!flush()) return error;
  in.close();
  list.opening = find_opening_pieces(list, site_file_reader(root), row_interior);
  for (const auto& [path, bytes] : group_piece_names(list)) {
    if (!write_file(root / path, bytes, error)) return error;
    written.insert(fs::path(path).filename().string());
  }
  const std::string json = piece_list_json(list);
  const std::string list_path = piece_list_path(json);
  if (!write_file(root / list_path, json, error)) return error;
  written.insert(fs::path(list_path).filename().string());
  std::error_code ec;
  fs::remove(db_file, ec);
  // What a previous build in this folder left (`logbook serve` rebuilds in place).
  for (const auto& entry : fs::directory_iterator(root / "search", ec)) {
    const std::string name = entry.path().filename().string();
    if (!written.count(name) && !written.count(entry.path().stem().string())) fs::remove(entry.path(), ec);
  }
  out = {list_path, list.bytes, static_cast<int>(list.pieces.size())};
  return {};
}

std::string sitemap_xml(const Site& site, const std::string& site_url, const std::string& base, const std::vector<std::string>& more) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const Page& p : site.pages) {
    out += "  <url><loc>" + escape_html(site_url + base + p.url) + "</loc>";
    if (p.meta.date && is_iso_date(*p.meta.date)) out += "<lastmod>" + *p.meta.date + "</lastmod>";
    out += "</url>\n";
  }
  for (const std::string& url : more) out += "  <url><loc>" + escape_html(site_url + base + url) + "</loc></url>\n";
  return out + "</urlset>\n";
}

std::string robots_txt(const std::string& site_url, const std::string& base) {
  std::string out = "User-agent: *\nAllow: /\n";
  if (!site_url.empty()) out += "Sitemap: " + site_url + base + "/sitemap.xml\n";
  return out;
}

fs::path staging_path(const fs::path& out_dir) {
  return out_dir.parent_path() / ("." + out_dir.filename().string() + ".tmp-" + std::to_string(getpid()));
}

void remove_leftovers(const fs::path& out_dir) {
  std::error_code ec;
  const std::string old_prefix = "." + out_dir.filename().string() + ".old-";
  const std::string staging_prefix = "." + out_dir.filename().string() + ".tmp-";
  for (const auto& entry : fs::directory_iterator(out_dir.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(old_prefix)) {
      remove_in_background(entry.path());
    } else if (name.starts_with(staging_prefix)) {
      // Another build may be staging right now; only a dead process's folder is left over.
      const std::string digits = name.substr(staging_prefix.size());
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
      const pid_t pid = static_cast<pid_t>(std::stol(digits));
      if (pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH) remove_in_background(entry.path());
    }
  }
}

std::string swap_in(const fs::path& staged, const fs::path& out_dir) {
  std::error_code ec;
  // A name of its own for each swap: a serving process swaps again and again, and the
  // previous old site may still be being deleted.
  const fs::path old = out_dir.parent_path() / ("." + out_dir.filename().string() + ".old-" + unique_suffix());
  const bool had_old = fs::exists(out_dir, ec);
#ifdef RENAME_EXCHANGE
  if (had_old && renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, out_dir.c_str(), RENAME_EXCHANGE) == 0) {
    fs::rename(staged, old, ec);  // staged now holds the previous site
    if (ec) fs::remove_all(staged, ec);
    else remove_in_background(old);
    return {};
  }
  // EINVAL or ENOSYS: a filesystem or kernel without exchange; two renames then.
#endif
  if (had_old) {
    fs::rename(out_dir, old, ec);
    if (ec) return "cannot move the previous site " + out_dir.string() + " aside: " + ec.message();
  }
  fs::rename(staged, out_dir, ec);
  if (ec) {
    if (had_old) fs::rename(old, out_dir, ec);
    return "cannot move the new site into " + out_dir.string() + ": " + ec.message();
  }
  if (had_old) remove_in_background(old);
  return {};
}

}  // namespace logbook::cli
