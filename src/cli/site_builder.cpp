#include "site_builder.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <optional>
#include <thread>
#include <unordered_map>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <mutex>
#include <sstream>

#include "content_reader.hpp"
#include "core/manifest.hpp"
#include "core/search_db.hpp"
#include "core/site.hpp"
#include "html.hpp"
#include "parallel.hpp"
#include "static_page.hpp"

namespace logbook::embedded {
extern const std::string_view page_css;
extern const std::string_view loader_js;
}

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void step(const char* what, std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (done != total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::fprintf(stderr, "\r\033[K%s %zu/%zu", what, done, total);
    std::fflush(stderr);
  }
  void clear() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

bool write_file(const fs::path& path, std::string_view bytes, std::string& error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) {
    error = "cannot write " + path.string();
    return false;
  }
  return true;
}

// Page URLs start with '/'; the file lives at OUT/url/index.html.
fs::path output_path(const fs::path& root, const std::string& url, const char* file) {
  return root / fs::path(url.substr(1)) / file;
}

std::string write_database(const Site& site, const fs::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string err = "cannot create " + path.string() + ": " + sqlite3_errmsg(db);
    sqlite3_close(db);
    return err;
  }
  std::string err = write_search_database(db, site);
  if (sqlite3_close(db) != SQLITE_OK && err.empty()) err = "cannot finish writing " + path.string();
  return err;
}

std::string sitemap(const Site& site, const BuildOptions& options, const std::string& base) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const Page& p : site.pages) {
    out += "  <url><loc>" + escape_html(options.site_url + base + p.url) + "</loc>";
    if (p.meta.date && is_iso_date(*p.meta.date)) out += "<lastmod>" + *p.meta.date + "</lastmod>";
    out += "</url>\n";
  }
  return out + "</urlset>\n";
}

std::string robots(const BuildOptions& options, const std::string& base) {
  std::string out = "User-agent: *\nAllow: /\n";
  if (!options.site_url.empty()) out += "Sitemap: " + options.site_url + base + "/sitemap.xml\n";
  return out;
}

// Deleting a large old site takes as long as writing the new one; the new site is
// already in place, so a detached child process deletes the old one. Leftovers from
// an interrupted deletion are removed by the next build (remove_leftovers).
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

void remove_leftovers(const fs::path& out_dir) {
  std::error_code ec;
  const std::string prefix = "." + out_dir.filename().string() + ".old-";
  for (const auto& entry : fs::directory_iterator(out_dir.parent_path(), ec))
    if (entry.path().filename().string().rfind(prefix, 0) == 0) remove_in_background(entry.path());
}

// Replaces out_dir with staged in one rename, keeping the old site until then.
std::string swap_in(const fs::path& staged, const fs::path& out_dir) {
  std::error_code ec;
  const fs::path old = out_dir.parent_path() / ("." + out_dir.filename().string() + ".old-" + std::to_string(getpid()));
  const bool had_old = fs::exists(out_dir, ec);
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

}  // namespace

std::string normalize_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!base.empty() && base.front() != '/') base.insert(base.begin(), '/');
  return base;
}

BuildReport build_site_to_disk(const BuildOptions& given) {
  const auto start = std::chrono::steady_clock::now();
  BuildOptions options = given;
  while (!options.site_url.empty() && options.site_url.back() == '/') options.site_url.pop_back();
  BuildReport report;
  Progress progress(options.progress);
  const std::string base = normalize_base(options.base_url);

  const auto seconds_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  ContentReadResult content = read_content(options.content_dir, options.out_dir);
  report.read_seconds = seconds_since(start);
  if (!content.error.empty()) {
    report.fatal = content.error;
    return report;
  }

  SiteOptions site_options;
  site_options.parallel_for = [](std::size_t n, const std::function<void(std::size_t)>& body) { parallel_for(n, body); };
  if (options.progress) std::fprintf(stderr, "\r\033[Kreading %zu files", content.files.size());
  std::unordered_map<std::string, std::string> asset_bytes;
  for (SourceFile& f : content.files)
    if (!is_markdown_path(f.path)) asset_bytes.emplace(f.path, std::move(f.bytes));
  const auto model_start = std::chrono::steady_clock::now();
  const Site site = build_site(std::move(content.files), site_options);
  report.model_seconds = seconds_since(model_start);
  report.pages = site.pages.size();
  report.diagnostics = site.diagnostics;
  report.warnings = site.warning_count();
  report.errors = site.error_count();

  const auto finish = [&] {
    progress.clear();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
  };
  if (options.strict && (report.warnings || report.errors)) return finish();  // keep the previous site

  std::error_code ec;
  const fs::path out_dir = fs::absolute(options.out_dir, ec);
  fs::create_directories(out_dir.parent_path(), ec);
  const fs::path staged = out_dir.parent_path() / ("." + out_dir.filename().string() + ".tmp-" + std::to_string(getpid()));
  fs::remove_all(staged, ec);
  remove_leftovers(out_dir);
  fs::create_directories(staged, ec);
  if (ec) {
    report.fatal = "cannot create " + staged.string() + ": " + ec.message();
    return finish();
  }

  SiteInfo info;
  info.base = base;
  info.site_url = options.site_url;
  const int home = site.find_page("index.md");
  info.title = !options.title.empty() ? options.title : home >= 0 ? site.pages[static_cast<std::size_t>(home)].title : "Logbook";

  // The database is one sequential writer; pages are rendered on the other cores meanwhile.
  const auto write_start = std::chrono::steady_clock::now();
  auto database = std::async(std::launch::async, [&] {
    std::string result = write_database(site, staged / "search.db");
    report.database_seconds = seconds_since(write_start);
    return result;
  });
  std::atomic<std::size_t> done{0};
  std::mutex error_mutex;
  std::string write_error;
  const unsigned page_threads = std::max(1u, std::thread::hardware_concurrency());
  parallel_for(site.pages.size(), [&](std::size_t i) {
    const Page& page = site.pages[i];
    const std::string body = render_page_html(site, page, base);
    std::string err;
    if (!write_file(output_path(staged, page.url, "index.html"), render_static_page(site, i, info, body), err) ||
        !write_file(output_path(staged, page.url, "index.md"), page.source, err)) {
      std::lock_guard lock(error_mutex);
      write_error = err;
    }
    progress.step("writing pages", ++done, site.pages.size());
  }, page_threads);
  report.pages_seconds = seconds_since(write_start);

  std::string err;
  for (const auto& [path, bytes] : asset_bytes)
    if (!write_file(staged / path, bytes, err)) write_error = err;
  bool ok = write_error.empty();
  std::optional<std::string> app_boot;
  if (!options.app_dir.empty() && fs::exists(options.app_dir / "boot.js", ec)) {
    fs::copy(options.app_dir, staged / "app", fs::copy_options::recursive, ec);
    if (ec) write_error = "cannot copy the app from " + options.app_dir.string() + ": " + ec.message();
    app_boot = "app/boot.js";
  }
  ok = ok && write_error.empty() &&
       write_file(staged / "manifest.json", write_manifest(site, {info.title, base, app_boot}), err) &&
       write_file(staged / "404.html", render_not_found_page(site, info), err) &&
       write_file(staged / "sitemap.xml", sitemap(site, options, base), err) &&
       write_file(staged / "robots.txt", robots(options, base), err) &&
       write_file(staged / "assets" / "page.css", embedded::page_css, err) &&
       write_file(staged / "assets" / "loader.js", embedded::loader_js, err);
  if (!ok && write_error.empty()) write_error = err;
  progress.step("writing the search database", 0, 1);
  if (std::string db_error = database.get(); !db_error.empty() && write_error.empty()) write_error = "search database: " + db_error;

  if (!write_error.empty()) {
    fs::remove_all(staged, ec);
    report.fatal = write_error + "; the previous site was left as it was.";
    return finish();
  }
  if (std::string swap_error = swap_in(staged, out_dir); !swap_error.empty()) {
    fs::remove_all(staged, ec);
    report.fatal = swap_error;
    return finish();
  }
  report.written = true;
  return finish();
}

std::string summary_line(const BuildReport& report, const BuildOptions& options) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", report.seconds);
  const auto plural = [](std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  std::string line = report.written ? "Built " : "Did not build ";
  line += plural(report.pages, "page") + " in " + seconds + " s: " + plural(report.errors, "error") + ", " +
          plural(report.warnings, "warning");
  if (report.written) line += " -> " + options.out_dir.string();
  else if (options.strict && (report.warnings || report.errors)) line += " (--strict); " + options.out_dir.string() + " was left as it was";
  return line;
}

}  // namespace logbook::cli
