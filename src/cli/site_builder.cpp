#include "site_builder.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <set>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "content_reader.hpp"
#include "embedded_app.hpp"
#include "fallback_fonts.hpp"
#include "git_history.hpp"
#include "html.hpp"
#include "local_date.hpp"
#include "offline_list.hpp"
#include "core/checks.hpp"
#include "core/decision.hpp"
#include "core/feed.hpp"
#include "core/link_graph.hpp"
#include "core/published_site.hpp"
#include "core/publish_policy.hpp"
#include "core/site.hpp"
#include "core/tags.hpp"
#include "parallel.hpp"
#include "site_config_loader.hpp"
#include "site_files.hpp"
#include "static_page.hpp"

namespace logbook::embedded {
extern const std::string_view page_css;
extern const std::string_view loader_js;
extern const std::string_view favicon_svg;
extern const std::string_view sw_js;
extern const std::string_view font_coverage_txt;
}

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}
  void step(const char* what, std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
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
  Clock::time_point last_{};
};

// A fingerprint of what a page's static HTML depends on besides its own Markdown: its
// title and links, the pages linking to it, its section (sidebar, previous/next,
// breadcrumbs) and, for a decision record, its chain. A page whose fingerprint changes
// between two builds is written again.
using Fingerprint = std::uint64_t;

Fingerprint mix(Fingerprint h, std::string_view s) {
  h ^= std::hash<std::string_view>{}(s) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

std::vector<Fingerprint> section_fingerprints(const PublishedSite& site) {
  std::vector<Fingerprint> out(site.sections.size(), 0);
  const auto section = [&](int i) -> const Section& { return site.sections[static_cast<std::size_t>(i)]; };
  for (std::size_t i = 0; i < site.sections.size(); ++i) {
    Fingerprint h = 0;
    for (int s = static_cast<int>(i); s >= 0; s = section(s).parent) h = mix(mix(h, section(s).title), section(s).url);
    for (int p : site.reading_order(static_cast<int>(i)))
      h = mix(mix(h, site.pages[static_cast<std::size_t>(p)].url), site.pages[static_cast<std::size_t>(p)].title);
    for (int c : section(static_cast<int>(i)).children) h = mix(mix(h, section(c).url), section(c).title);
    out[i] = h;
  }
  return out;
}

// What manifest.json and sitemap.xml say about a page; when no page's changes, and no
// page came or went, a rebuild leaves those files as they are.
Fingerprint listing_fingerprint(const Page& page) {
  Fingerprint h = mix(mix(mix(mix(0, page.path), page.url), page.title), page.description);
  return mix(mix(h, page.meta.fields.dump()), std::to_string(page.section));
}

Fingerprint decision_fingerprint(const PublishedSite& site, const PublishedDecision& d) {
  Fingerprint h = mix(mix(mix(0, d.id), d.status), d.title);
  for (const auto* chain : {&d.supersedes, &d.superseded_by})
    for (int r : *chain) {
      const PublishedDecision& other = site.decisions[static_cast<std::size_t>(r)];
      h = mix(mix(mix(h, other.id), other.title), other.status);
    }
  return h;
}

Fingerprint page_fingerprint(const PublishedSite& site, int index, const std::vector<Fingerprint>& sections) {
  const PublishedPage& page = site.pages[static_cast<std::size_t>(index)];
  Fingerprint h = mix(mix(mix(sections[static_cast<std::size_t>(page.section)], page.title), page.url), page.description);
  for (const std::string& href : page.links) h = mix(h, href);
  for (int b : page.backlinks) h = mix(mix(h, site.pages[static_cast<std::size_t>(b)].url), site.pages[static_cast<std::size_t>(b)].title);
  if (const PublishedDecision* d = site.decision_of(index)) h = mix(h, std::to_string(decision_fingerprint(site, *d)));
  return h;
}

// One file of the reader app, by its path in the app folder ("fonts/inter-regular.otf").
struct AppFile {
  std::string path;
  std::string bytes;
};

// The app a site gets: the folder `dir` when it holds a built app (boot.js), else the app
// compiled into this binary (release builds, embedded_app.hpp), else none. A file of the
// folder that cannot be read sets `error`: a site with half an app must not be swapped in.
std::vector<AppFile> read_app(const fs::path& dir, std::string& error) {
  std::vector<AppFile> out;
  std::error_code ec;
  if (dir.empty() || !fs::exists(dir / "boot.js", ec)) {
    if (dir.empty())
      for (const embedded::AppFile& f : embedded::app_files()) out.push_back({std::string(f.path), std::string(f.bytes)});
    return out;
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    if (entry.is_directory(ec)) continue;
    std::string bytes;
    if (!entry.is_regular_file(ec)) error = entry.path().string() + " is not a regular file";
    if (!error.empty() || !read_file(entry.path(), bytes, error)) return out;
    out.push_back({fs::relative(entry.path(), dir, ec).generic_string(), std::move(bytes)});
  }
  if (ec) error = "cannot read " + dir.string() + ": " + ec.message();
  return out;
}

}  // namespace

std::string normalize_base(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!base.empty() && base.front() != '/') base.insert(base.begin(), '/');
  return base;
}

// The reader app's files in the site (wasm/CMakeLists.txt makes them) and the folder of
// its fonts, fallback faces included. They are reserved whether or not this build has the
// app, so that content valid without it stays valid with it; the rest of app/ is content's.
constexpr const char* kAppFiles[] = {"app/boot.js",        "app/boot.css",          "app/logbook.js",
                                     "app/logbook.wasm",   "app/search-core.js",    "app/search-core.wasm",
                                     "app/search-worker.js", "app/fonts"};

struct SiteBuilder::State {
  BuildOptions options;
  LoadedSiteConfig config;
  SiteInfo info;
  std::map<std::string, std::string> markdown;  // every Markdown file: path -> bytes
  std::map<std::string, std::string> assets;    // every other file
  std::map<std::string, std::size_t> unread;    // pages too big to read: path -> size
  Site site;
  DecisionLog decisions;
  PublishedSite published;  // what readers see: every page and the manifest render from it
  std::vector<int> published_at;  // site.pages[i] is published.pages[published_at[i]] (part order)
  GitHistory history;       // read once per full build; edits being served are not committed yet
  std::string app_version;  // hash of the app's files, part of the manifest's build hash
  std::vector<std::string> app_files;  // the built app's files as the site has them: app/boot.js, ...
  std::vector<AppFile> app_bytes;  // and their bytes, by path in the app folder
  std::string app_error;           // why the app could not be read
  std::set<char32_t> uncovered;       // characters of the content the app's fonts lack
  std::vector<std::string> fallback_fonts;  // the faces made for them (app/fonts/...)
  bool built = false;  // site, markdown and assets describe what is in out_dir
  std::future<std::string> database;
  PublishedSearch search_pieces;  // the database's piece list, once written
  std::string graph_text;  // the link graph's file (core/link_graph.hpp), named by published.graph
  std::atomic<bool> cancel_database{false};
  std::size_t pages_written = 0;

  fs::path out_dir() const {
    std::error_code ec;
    return fs::absolute(options.out_dir, ec);
  }

  void load_config(BuildReport& report) {
    config = load_site_config(options.content_dir);
    report.diagnostics = config.diagnostics;
    report.from_config = report.diagnostics.size();
  }

  SiteOptions site_options() const {
    SiteOptions o;
    o.reserved_outputs.assign(std::begin(kAppFiles), std::end(kAppFiles));
    o.reserved_outputs.insert(o.reserved_outputs.end(), app_files.begin(), app_files.end());
    o.parallel_for = [](std::size_t n, const std::function<void(std::size_t)>& body) { parallel_for(n, body); };
    return o;
  }

  // Builds the model from `markdown`, reusing `previous` where files did not change.
  void make_model(BuildReport& report, Site* previous) {
    std::vector<SourceFile> files;
    files.reserve(markdown.size() + assets.size());
    for (const auto& [path, bytes] : markdown) files.push_back({path, bytes});
    for (const auto& [path, bytes] : assets) files.push_back({path, std::string()});  // only the name matters
    for (const auto& [path, size] : unread) files.push_back({path, std::string(), size});
    config.config.decisions = decisions_folder(config.config, files);
    drop_decision_template(files, config.config);
    const auto start = Clock::now();
    site = build_site(std::move(files), site_options(), previous);
    decisions = extract_decisions(site, config.config);
    report.model_seconds = seconds_since(start);
    report.pages = site.pages.size();
    // What `logbook check` finds (the site's own problems among them), so that build,
    // serve and check report a problem with the same words, place and severity.
    const std::string today = options.today.empty() ? local_today() : options.today;
    for (Diagnostic& d : run_checks({site, decisions, config.config, today})) report.diagnostics.push_back(std::move(d));
    for (const Diagnostic& d : report.diagnostics) ++(d.severity == Severity::error ? report.errors : report.warnings);

    std::string base = options.base_url == "/" ? config.config.base_url : options.base_url;
    info.base = normalize_base(base);
    info.site_url = options.site_url;
    while (!info.site_url.empty() && info.site_url.back() == '/') info.site_url.pop_back();
    const int home = site.find_page("index.md");
    info.title = !options.title.empty() ? options.title
                 : !config.config.title.empty() ? config.config.title
                 : home >= 0 ? site.pages[static_cast<std::size_t>(home)].title : "Logbook";
    info.decisions_folder = config.config.decisions;
    info.image_hosts = config.config.image_hosts;
    info.today = today;
  }

  // GitHub's new-file page for the next record, "" when logbook.yml names no repository.
  std::string propose_decision_url() const {
    std::string repository = config.config.repository;
    while (!repository.empty() && repository.back() == '/') repository.pop_back();
    const auto t = markdown.find(config.config.decision_template_path());
    return logbook::propose_decision_url({repository, config.config.branch, history.content_prefix}, config.config, decisions,
                                         t != markdown.end() ? std::string_view(t->second) : default_decision_template());
  }

  // The published model, once the output folder holds the app and its fonts.
  void publish_site(const fs::path& root) {
    std::error_code ec;
    const bool app = fs::exists(root / "app" / "boot.js", ec);
    published = publish(site, decisions, config.config,
                        {.title = info.title, .base = info.base, .app_boot = app ? "app/boot.js" : "",
                         .history = &history.pages, .app_version = app_version, .precache = precache_list(root),
                         .content_prefix = history.content_prefix, .propose_decision = propose_decision_url(),
                         .fallback_fonts = fallback_fonts, .preview = options.preview});
    published_at = published_indexes(site, published);
    published.search = search_pieces;
  }

  // The link graph laid out (ADR-0015), from the model publish_site made; it only reads
  // the model, so the full build runs it while the pages are written.
  std::string lay_out_graph() const { return write_link_graph(make_link_graph(published)); }
  void name_graph(std::string text) {
    graph_text = std::move(text);
    published.graph = "site/graph." + content_hash(graph_text) + ".json";
  }

  bool write_page(const fs::path& root, std::size_t i, std::string& error) const {
    const Page& page = site.pages[i];
    const std::string body = render_page_html(site, page, info.base);
    const std::string html = render_static_page(published, published_at[i], info, page.headings, body);
    return write_output(root, page.url, "index.html", html, error) &&
           write_output(root, page.url, "index.md", page.source, error);
  }

  // The offline copy's shell (sw.js caches it on install; offline_list.hpp): what opens
  // the site with no network. Pages, content files and search data are cached as they
  // are read, or all at once when the reader asks for the whole site.
  std::vector<std::string> precache_list(const fs::path& root) const {
    std::vector<std::string> out = {"manifest.json", "index.html", "index.md", "404.html",
                                    "assets/page.css", "assets/loader.js", "assets/favicon.svg"};
    std::error_code ec;
    if (fs::exists(root / "app" / "boot.js", ec)) {  // the app's own files, not content under app/
      // ...but not the rare faces (app/fonts/late/): the app fetches one when it first draws
      // text in it, and the service worker keeps it then (wasm/CMakeLists.txt).
      for (const std::string& f : app_files)
        if (!f.starts_with("app/fonts/late/")) out.push_back(f);
      out.insert(out.end(), fallback_fonts.begin(), fallback_fonts.end());
    }
    return out;
  }

  // A page at each of a page's `aliases` (its old URLs) that sends the reader on; the
  // core keeps only aliases inside the site (Site::redirects). A meta refresh, since
  // GitHub Pages cannot send redirects and the CSP forbids script.
  bool write_redirects(const fs::path& root, std::string& error) const {
    for (const auto& [alias, target_page] : site.redirects) {
      const Page& page = site.pages[static_cast<std::size_t>(target_page)];
      const std::string target = escape_html(info.site_url + info.base + page.url);
      const std::string html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<title>Moved: " + escape_html(page.title) + "</title>"
          "<meta http-equiv=\"refresh\" content=\"0; url=" + target + "\"><link rel=\"canonical\" href=\"" + target + "\">"
          "<meta name=\"robots\" content=\"noindex\"></head><body><p>This page moved to <a href=\"" + target + "\">" +
          escape_html(page.title) + "</a>.</p></body></html>\n";
      if (!write_output(root, alias, "index.html", html, error)) return false;
    }
    return true;
  }

  // The content folder's files (Markdown, other files, pages too big to read) and the
  // app's, after ADR-0011's policy; false with report.fatal set when the folder cannot be read.
  bool read_sources(BuildReport& report) {
    ContentReadResult content = read_content(options.content_dir, options.out_dir);
    if (!content.error.empty()) {
      report.fatal = content.error;
      return false;
    }
    history = read_git_history(options.content_dir);
    if (!history.note.empty()) report.notes.push_back("built without page history (" + history.note + ")");
    app_error.clear();
    app_bytes = read_app(options.app_dir, app_error);
    if (app_bytes.empty() && app_error.empty())
      report.notes.push_back(options.app_dir.empty()
                                 ? "built without the reader app: this logbook has none built in; give one with --app-dir"
                                 : "built without the reader app: " + options.app_dir.string() +
                                       " holds no built app (boot.js); build the wasm preset or give another --app-dir");
    app_version.clear();
    app_files.clear();
    for (const AppFile& f : app_bytes) {
      app_version += content_hash(f.bytes);
      app_files.push_back("app/" + f.path);
    }
    markdown.clear();
    assets.clear();
    unread.clear();
    for (Diagnostic& d : content.diagnostics) report.diagnostics.push_back(std::move(d));
    // Files that would run script on the site's origin are sanitized or left out (ADR-0011).
    for (Diagnostic& d : apply_publish_policy(content.files, config.config)) report.diagnostics.push_back(std::move(d));
    for (SourceFile& f : content.files) {
      if (f.unread_size) unread[f.path] = f.unread_size;
      else (is_markdown_path(f.path) ? markdown : assets)[f.path] = std::move(f.bytes);
    }
    return true;
  }

  // The app, and fallback faces for the characters of the content its fonts lack.
  std::string copy_app(const fs::path& root, BuildReport& report) {
    fallback_fonts.clear();
    if (!app_error.empty()) return "cannot copy the app: " + app_error;
    std::string error;
    for (const AppFile& f : app_bytes)
      if (!write_file(root / "app" / f.path, f.bytes, error)) return "cannot write the app: " + error;
    if (app_bytes.empty()) return {};
    uncovered.clear();
    const CharacterRanges coverage(app_font_coverage(root / "app", embedded::font_coverage_txt));
    for (const Page& p : site.pages) add_uncovered_characters(p.source, coverage, uncovered);
    FallbackFonts fonts = make_fallback_fonts(uncovered, root / "app" / "fonts");
    fallback_fonts = std::move(fonts.files);
    // The font tools are missing from this machine, not something wrong with the content: a
    // note (it was a warning that the summary did not count and --strict did not see).
    if (!fonts.problem.empty()) report.notes.push_back("built without fonts for some characters: " + fonts.problem);
    return {};
  }

  // The pages `which` (indexes into site.pages) on every core; "" or a failure.
  std::string write_pages(const fs::path& root, const std::vector<std::size_t>& which, Progress* progress) const {
    std::atomic<std::size_t> done{0};
    std::mutex error_mutex;
    std::string write_error;
    parallel_for(which.size(), [&](std::size_t k) {
      std::string err;
      if (!write_page(root, which[k], err)) {
        std::lock_guard lock(error_mutex);
        write_error = err;
      }
      if (progress) progress->step("writing pages", ++done, which.size());
    });
    return write_error;
  }

  // A whole site into an empty folder; "" or what failed. The database is one sequential
  // writer; the app, its fonts, then the pages (on every core) are written meanwhile.
  std::string write_everything(const fs::path& root, BuildReport& report, Progress& progress) {
    const auto start = Clock::now();
    PublishedSearch pieces;  // written by the database's thread
    auto db = std::async(std::launch::async, [&] {
      std::string result = write_database_file(site, decisions, config.config, root / kDatabaseFile);
      if (result.empty()) result = write_search_pieces(root / kDatabaseFile, root, pieces);
      report.database_seconds = seconds_since(start);
      return result;
    });
    // The app and its fonts before the pages: what the offline copy lists depends on them.
    std::string error = copy_app(root, report);
    publish_site(root);
    auto graph = std::async(std::launch::async, [this] { return lay_out_graph(); });
    std::vector<std::size_t> all(site.pages.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    if (std::string e = write_pages(root, all, &progress); !e.empty()) error = e;
    name_graph(graph.get());
    report.pages_seconds = seconds_since(start);
    std::string err;
    for (const std::string& path : site.assets)  // the files the core admitted
      if (!write_output(root, url_for_asset(path), {}, assets[path], err)) error = err;
    if (error.empty() && !write_site_files(root, err)) error = err;
    progress.step("writing the search database", 0, 1);
    if (std::string db_error = db.get(); !db_error.empty() && error.empty()) error = "search database: " + db_error;
    if (error.empty()) error = name_search_pieces(root, pieces);
    // Last: it lists every file written above.
    if (error.empty()) error = write_offline_files(root, published.precache, published.build, offline_budget());
    return error;
  }

  std::uint64_t offline_budget() const { return static_cast<std::uint64_t>(config.config.offline_budget_mb) * 1024 * 1024; }

  // Only Markdown edits are rebuilt in place; anything else, a page too big to read, a
  // symbolic link, or characters the fonts made so far lack, needs a whole build.
  bool can_rebuild_in_place(const std::set<std::string>& changed) const {
    if (!built || options.strict) return false;
    std::error_code ec;
    for (const std::string& path : changed) {
      const fs::path file = options.content_dir / path;
      const bool is_file = fs::is_regular_file(fs::symlink_status(file, ec));  // a symbolic link: build() reports it
      const bool too_big = is_file && fs::file_size(file, ec) > limits::kPageBytes;  // never read; build() reports it
      if (!is_markdown_path(path) || (fs::exists(file, ec) && !is_file) || too_big || unread.count(path)) return false;
    }
    if (!fs::exists(out_dir() / "app" / "boot.js", ec)) return true;
    std::set<char32_t> seen = uncovered;
    const CharacterRanges coverage(app_font_coverage(out_dir() / "app", embedded::font_coverage_txt));
    for (const std::string& path : changed) {
      std::string bytes, error;
      if (read_file(options.content_dir / path, bytes, error)) add_uncovered_characters(bytes, coverage, seen);
    }
    return seen.size() == uncovered.size();
  }

  // What the output depended on before a rebuild, to tell which files to write again.
  struct Snapshot {
    std::unordered_map<std::string, Fingerprint> pages;    // path -> page_fingerprint
    std::unordered_map<std::string, Fingerprint> listed;   // changed path -> listing_fingerprint
    std::vector<std::string> urls;                         // every page's URL
    std::size_t page_count = 0;
    std::string title;
  };

  Snapshot snapshot(const std::set<std::string>& changed) const {
    Snapshot out;
    out.page_count = site.pages.size();
    out.title = info.title;
    const auto sections = section_fingerprints(published);
    for (std::size_t i = 0; i < published.pages.size(); ++i)
      out.pages.emplace(published.pages[i].path, page_fingerprint(published, static_cast<int>(i), sections));
    for (const Page& p : site.pages) out.urls.push_back(p.url);
    for (const std::string& path : changed)
      if (const int i = site.find_page(path); i >= 0) out.listed[path] = listing_fingerprint(site.pages[static_cast<std::size_t>(i)]);
    return out;
  }

  std::vector<std::size_t> pages_changed_since(const Snapshot& before, const std::set<std::string>& changed) const {
    std::vector<std::size_t> dirty;
    const auto sections = section_fingerprints(published);
    for (std::size_t i = 0; i < site.pages.size(); ++i) {
      const Page& p = site.pages[i];
      const auto old = before.pages.find(p.path);
      if (info.title != before.title || changed.count(p.path) || old == before.pages.end() ||
          old->second != page_fingerprint(published, published_at[i], sections))
        dirty.push_back(i);
    }
    return dirty;
  }

  // True when manifest.json, the feed and the sitemap must be written again.
  bool listing_changed_since(const Snapshot& before, const std::set<std::string>& changed) const {
    if (site.pages.size() != before.page_count || info.title != before.title) return true;
    for (const std::string& path : changed) {
      const int i = site.find_page(path);
      const auto old = before.listed.find(path);
      if ((i >= 0) != (old != before.listed.end()) ||
          (i >= 0 && old->second != listing_fingerprint(site.pages[static_cast<std::size_t>(i)])))
        return true;
    }
    return false;
  }

  // A page that is gone: its two files, and its folder if nothing else is in it.
  static void remove_page_output(const fs::path& root, const std::string& url) {
    const std::optional<fs::path> folder = output_path(root, url);
    if (!folder) return;
    std::error_code ec;
    fs::remove(*folder / "index.html", ec);
    fs::remove(*folder / "index.md", ec);
    fs::remove(*folder, ec);  // only if now empty
  }

  // The database is written whole into a hidden file, then cut into pieces (ADR-0009),
  // and the manifest written again to name their list.
  static constexpr const char* kDatabaseFile = ".search.db.tmp";
  // The manifest again, naming the pieces' list; on the thread that owns the model.
  // The search list is a field of the head: only manifest.json is written again.
  std::string name_search_pieces(const fs::path& root, const PublishedSearch& pieces) {
    std::string error;
    search_pieces = published.search = pieces;
    return write_file(root / "manifest.json", write_manifest_head(published), error) ? "" : error;
  }

  // It reads the model in the background; every change to the model waits for it first.
  void write_database_in_background(const fs::path& root) {
    database = std::async(std::launch::async, [this, root] {
      const fs::path tmp = root / kDatabaseFile;
      std::error_code ec;
      fs::remove(tmp, ec);
      std::string result = write_database_file(site, decisions, config.config, tmp, &cancel_database);
      PublishedSearch pieces;
      if (result.empty()) result = write_search_pieces(tmp, root, pieces);
      if (result.empty()) result = name_search_pieces(root, pieces);  // the model waits for this thread
      fs::remove(tmp, ec);
      return result;
    });
  }

  // manifest.json, its parts and the tags file. A part is named by its hash, so one already there is the
  // same file; parts no longer named are removed.
  bool write_manifest_files(const fs::path& root, std::string& error) const {
    const ManifestFiles files = write_manifest(published);
    std::set<fs::path> named;
    std::error_code ec;
    for (const auto& [name, text] : files.parts) {
      named.insert(root / name);
      if (!fs::exists(root / name, ec) && !write_file(root / name, text, error)) return false;
    }
    if (const auto& [name, text] = files.owned; !name.empty()) {
      named.insert(root / name);
      if (!fs::exists(root / name, ec) && !write_file(root / name, text, error)) return false;
    }
    if (!files.tags_name.empty()) {
      named.insert(root / files.tags_name);
      if (!fs::exists(root / files.tags_name, ec) && !write_file(root / files.tags_name, files.tags, error)) return false;
    }
    if (!published.graph.empty()) {
      named.insert(root / published.graph);
      if (!fs::exists(root / published.graph, ec) && !write_file(root / published.graph, graph_text, error)) return false;
    }
    for (const auto& entry : fs::directory_iterator(root / "site", ec)) {
      const std::string file = entry.path().filename().string();
      const bool ours = file.starts_with("pages.") || file.starts_with("owned.") || file.starts_with("tags.") || file.starts_with("graph.");
      if (ours && !named.count(entry.path())) fs::remove(entry.path(), ec);
    }
    return write_file(root / "manifest.json", files.head, error);
  }

  // manifest.json, feed.xml, sw.js, 404.html, sitemap.xml, robots.txt and the static pages' assets.
  bool write_site_files(const fs::path& root, std::string& error) const {
    std::string service_worker(embedded::sw_js);
    service_worker.replace(service_worker.find("__LOGBOOK_BUILD__"), 17, published.build);
    FeedInfo feed{info.title, info.site_url, info.base};
    return write_manifest_files(root, error) &&
           write_file(root / "feed.xml", write_atom_feed(site, decisions, history.pages, feed), error) &&
           write_file(root / "sw.js", service_worker, error) && write_redirects(root, error) &&
           write_file(root / "404.html", render_not_found_page(published, info), error) &&
           write_file(root / "sitemap.xml", sitemap_xml(site, info.site_url, info.base, tag_urls()), error) &&
           write_file(root / "robots.txt", robots_txt(info.site_url, info.base), error) &&
           write_file(root / "assets" / "page.css", embedded::page_css, error) &&
           write_file(root / "assets" / "loader.js", embedded::loader_js, error) &&
           write_file(root / "assets" / "favicon.svg", embedded::favicon_svg, error) && write_section_listings(root, error) &&
           write_tag_pages(root, error) && write_feeds_per_interest(root, error);
  }

  std::vector<std::string> tag_urls() const {
    std::vector<std::string> out;
    if (!published.tags.empty()) out.emplace_back(kTagIndexUrl);
    for (const PublishedTag& t : published.tags) out.push_back(tag_url(t.slug));
    return out;
  }

  // tags/: the index of tags and a page per tag (static_page.hpp). Written whole each
  // time, so a tag no page carries any more leaves no page behind.
  bool write_tag_pages(const fs::path& root, std::string& error) const {
    std::error_code ec;
    fs::remove_all(root / "tags", ec);
    if (published.tags.empty()) return true;
    if (!write_file(root / "tags" / "index.html", render_tag_index(published, info), error)) return false;
    for (std::size_t t = 0; t < published.tags.size(); ++t)
      for (std::size_t part = 0; part < tag_page_parts(published.tags[t]); ++part)
        if (!write_file(root / "tags" / published.tags[t].slug / section_listing_file(part),
                        render_tag_page(published, static_cast<int>(t), part, info), error))
          return false;
    return true;
  }

  // feeds/: the decisions' feed and one per tag, besides feed.xml (core/feed.hpp). A tag's
  // feed holds its last kTagFeedEntries changes: 600 tags' feeds take 3 MB at 10k pages.
  static constexpr std::size_t kTagFeedEntries = 20;
  bool write_feeds_per_interest(const fs::path& root, std::string& error) const {
    std::error_code ec;
    fs::remove_all(root / "feeds", ec);
    const FeedInfo feed{info.title, info.site_url, info.base};
    if (!decisions.decisions.empty() &&
        !write_file(root / fs::path(std::string(kDecisionsFeedPath)), write_decisions_feed(site, decisions, history.pages, feed), error))
      return false;
    std::vector<int> site_index(published.pages.size(), -1);  // published index -> site index
    for (std::size_t i = 0; i < published_at.size(); ++i) site_index[static_cast<std::size_t>(published_at[i])] = static_cast<int>(i);
    for (const PublishedTag& t : published.tags) {
      std::vector<int> pages;
      for (int p : t.pages) pages.push_back(site_index[static_cast<std::size_t>(p)]);
      FeedInfo tag = feed;
      tag.path = tag_feed_path(t.slug);
      tag.about = "pages tagged “" + t.name + "”";
      tag.only = &pages;
      tag.recent = kTagFeedEntries;
      tag.every_decision = false;
      if (!write_file(root / fs::path(tag.path), write_atom_feed(site, decisions, history.pages, tag), error)) return false;
    }
    return true;
  }

  // A section without an index.md still has a page at its URL, which the sidebars link
  // to: the list of its sections and pages (static_page.hpp). An asset in its place wins.
  bool write_section_listings(const fs::path& root, std::string& error) const {
    for (std::size_t s = 1; s < published.sections.size(); ++s) {
      const Section& sec = published.sections[s];
      if (sec.index_page >= 0) continue;
      for (std::size_t part = 0; part < section_listing_parts(sec); ++part) {
        const std::string file = sec.path + "/" + section_listing_file(part);
        if (std::binary_search(site.assets.begin(), site.assets.end(), file)) continue;
        if (!write_file(root / fs::path(file), render_section_listing(published, static_cast<int>(s), part, info), error)) return false;
      }
    }
    return true;
  }
};

SiteBuilder::SiteBuilder(BuildOptions options) : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  while (!state_->options.site_url.empty() && state_->options.site_url.back() == '/') state_->options.site_url.pop_back();
}

SiteBuilder::~SiteBuilder() { wait_for_database(); }

void SiteBuilder::wait_for_database() {
  if (state_->database.valid()) state_->database.get();
}

// A newer edit makes the database being written obsolete: stop it rather than wait.
void SiteBuilder::cancel_database() {
  state_->cancel_database = true;
  wait_for_database();
  state_->cancel_database = false;
}

std::size_t SiteBuilder::pages_written() const { return state_->pages_written; }

BuildReport SiteBuilder::build() {
  State& s = *state_;
  cancel_database();
  const auto start = Clock::now();
  BuildReport report;
  Progress progress(s.options.progress);
  const auto finish = [&] {
    progress.clear();
    report.seconds = seconds_since(start);
    return report;
  };
  s.load_config(report);
  const bool read = s.read_sources(report);
  report.read_seconds = seconds_since(start);
  if (!read) return finish();
  s.built = false;
  s.make_model(report, nullptr);
  if (s.options.strict && (report.warnings || report.errors)) return finish();  // keep the previous site

  const fs::path out_dir = s.out_dir();
  std::error_code ec;
  fs::create_directories(out_dir.parent_path(), ec);
  const fs::path staged = staging_path(out_dir);
  fs::remove_all(staged, ec);
  remove_leftovers(out_dir);
  fs::create_directories(staged, ec);
  if (ec) {
    report.fatal = "cannot create " + staged.string() + ": " + ec.message();
    return finish();
  }
  if (std::string error = s.write_everything(staged, report, progress); !error.empty()) {
    fs::remove_all(staged, ec);
    report.fatal = error + "; the previous site was left as it was.";
    return finish();
  }
  if (std::string swap_error = swap_in(staged, out_dir); !swap_error.empty()) {
    fs::remove_all(staged, ec);
    report.fatal = swap_error;
    return finish();
  }
  report.written = true;
  s.built = true;
  s.pages_written = s.site.pages.size();
  return finish();
}

BuildReport SiteBuilder::rebuild(const std::set<std::string>& changed) {
  State& s = *state_;
  if (!s.can_rebuild_in_place(changed)) return build();
  cancel_database();
  const auto start = Clock::now();
  BuildReport report;
  s.load_config(report);
  for (const std::string& path : changed) {
    std::string bytes, error;
    if (read_file(s.options.content_dir / path, bytes, error)) s.markdown[path] = std::move(bytes);
    else s.markdown.erase(path);
  }
  report.read_seconds = seconds_since(start);

  const State::Snapshot before = s.snapshot(changed);
  Site previous = std::move(s.site);
  s.make_model(report, &previous);
  const fs::path out_dir = s.out_dir();
  const auto write_start = Clock::now();
  s.publish_site(out_dir);
  s.name_graph(s.lay_out_graph());
  const std::vector<std::size_t> dirty = s.pages_changed_since(before, changed);
  std::string write_error = s.write_pages(out_dir, dirty, nullptr);
  for (const std::string& url : before.urls)
    if (s.site.find_url(url) < 0) s.remove_page_output(out_dir, url);
  std::string err;
  if (s.listing_changed_since(before, changed) && write_error.empty() && !s.write_site_files(out_dir, err)) write_error = err;
  report.pages_seconds = seconds_since(write_start);
  s.pages_written = dirty.size();
  s.write_database_in_background(out_dir);

  if (!write_error.empty()) report.fatal = write_error;
  report.written = write_error.empty();
  report.seconds = seconds_since(start);
  return report;
}

BuildReport build_site_to_disk(const BuildOptions& options) { return SiteBuilder(options).build(); }

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
