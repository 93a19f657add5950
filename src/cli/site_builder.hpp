// `logbook build` as a function, shared by the build and serve commands: read the
// content folder, build the site in the core, write every output into a temporary
// folder, and swap it in only if the build succeeded.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace logbook::cli {

struct BuildOptions {
  std::filesystem::path content_dir = "content";
  std::filesystem::path out_dir = "_site";
  std::string base_url = "/";  // "/" or "/repo/"
  std::string site_url;        // "https://example.org", for canonical links and the sitemap
  std::string title;           // site title ("" = the home page's title)
  std::filesystem::path app_dir;  // the built wasm app ("" = the one compiled in, if any)
  bool strict = false;
  bool progress = false;       // live progress on stderr (a terminal)
};

struct BuildReport {
  std::size_t pages = 0;
  std::size_t warnings = 0;
  std::size_t errors = 0;
  double seconds = 0;
  bool written = false;  // the new site replaced the old one
  std::string fatal;     // set when nothing could be built at all
  // What the site was built without, and why (no git history, no app): not a problem of
  // the content, so neither a warning nor a reason for --strict to fail.
  std::vector<std::string> notes;
  Diagnostics diagnostics;
  // Where the time went (seconds), for benchmarks: reading files, parsing and linking,
  // writing pages (in parallel with the database), and the database.
  double read_seconds = 0, model_seconds = 0, pages_seconds = 0, database_seconds = 0;

  int exit_code(bool strict) const { return !fatal.empty() || errors || (strict && warnings) ? 1 : 0; }
};

// Builds a site and, for `logbook serve`, keeps what it built so that the next build
// after an edit re-reads only the files that changed and rewrites only the pages whose
// output changed, in place.
class SiteBuilder {
 public:
  explicit SiteBuilder(BuildOptions options);
  ~SiteBuilder();
  SiteBuilder(const SiteBuilder&) = delete;
  SiteBuilder& operator=(const SiteBuilder&) = delete;

  // Everything: read the content folder, write into a staging folder, swap it in.
  BuildReport build();
  // After `changed` (paths relative to the content folder, or "logbook.yml") changed:
  // Markdown edits are rebuilt in place; anything else falls back to build(). The search
  // database is rewritten in the background and replaced when it is complete.
  BuildReport rebuild(const std::set<std::string>& changed);
  // Waits for a background database write (tests, shutdown).
  void wait_for_database();
  // Pages written by the last build or rebuild.
  std::size_t pages_written() const;

 private:
  struct State;
  void cancel_database();

  std::unique_ptr<State> state_;
};

// A one-off full build.
BuildReport build_site_to_disk(const BuildOptions& options);

// "Built 42 pages in 0.31 s: 0 errors, 1 warning -> _site"
std::string summary_line(const BuildReport& report, const BuildOptions& options);

// Base path without trailing slash ("" for "/"); accepts "repo", "/repo", "/repo/".
std::string normalize_base(std::string base);

}  // namespace logbook::cli
