// Writing a built site to disk: files, the search database, the sitemap and robots.txt,
// and the swap of a staged folder into place (the previous site is kept until then).
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/db_pieces.hpp"
#include "core/decision.hpp"
#include "core/published_site.hpp"
#include "core/site.hpp"
#include "core/site_config.hpp"

namespace logbook::cli {

// Writes a whole file, creating folders; false with a message on failure. The bytes go
// to a temporary file beside it that is renamed into place, so a reader of the live
// site (`logbook serve`) sees the old file or the new one, never a part of one.
bool write_file(const std::filesystem::path& path, std::string_view bytes, std::string& error);

// Creates a new file with `bytes`, creating folders, and fails if it exists (an exclusive
// create: `logbook new` and `logbook init` never overwrite a file).
bool create_new_file(const std::filesystem::path& path, std::string_view bytes, std::string& error);

// The one mapping from a site URL to a file under root: ROOT/<url, percent-decoded>/<file>
// ("/guides/a%23b/", "index.html" -> ROOT/guides/a#b/index.html). Nothing for a URL that
// would leave root: not starting with '/', "//", "." or ".." segments (encoded too),
// backslashes, control characters. Every writer of the build goes through it.
std::optional<std::filesystem::path> output_path(const std::filesystem::path& root, std::string_view url,
                                                 std::string_view file = {});

// write_file at output_path(root, url, file); a URL leaving root is an error.
bool write_output(const std::filesystem::path& root, std::string_view url, std::string_view file, std::string_view bytes,
                  std::string& error);

// Creates `path` and writes the search database into it; "" or what went wrong.
// Setting *cancel abandons the write (a newer build will write the database again).
std::string write_database_file(const Site& site, const DecisionLog& decisions, const SiteConfig& config,
                                const std::filesystem::path& path, const std::atomic<bool>* cancel = nullptr);

// Reads files of a built site by their path relative to root ("search/<hash>.bin",
// "guides/setup/index.md"), for the search engine over pieces; a path that would leave
// root, or a file that cannot be read, is missing.
FetchFiles site_file_reader(const std::filesystem::path& root);

// Cuts the database at db_file into pieces under root/search/ (db_pieces.hpp), writes
// their list, then deletes db_file and the pieces and lists of earlier builds; out names
// the list for the manifest. "" or what went wrong.
std::string write_search_pieces(const std::filesystem::path& db_file, const std::filesystem::path& root, PublishedSearch& out);

// Every page, then `more` (site URLs the build writes besides pages: the tag pages).
std::string sitemap_xml(const Site& site, const std::string& site_url, const std::string& base, const std::vector<std::string>& more = {});
std::string robots_txt(const std::string& site_url, const std::string& base);

// Puts staged in out_dir's place, keeping the old site until then; the old one is
// deleted in the background. On Linux the two folders are exchanged in one step, so
// there is no moment without a site; elsewhere it takes two renames. "" or what went wrong.
std::string swap_in(const std::filesystem::path& staged, const std::filesystem::path& out_dir);

// Where a build stages its site: ".<out>.tmp-<pid>" beside out_dir.
std::filesystem::path staging_path(const std::filesystem::path& out_dir);

// Deletes what interrupted earlier builds left beside out_dir: old sites being deleted,
// and staging folders of builds whose process is gone (killed mid-build).
void remove_leftovers(const std::filesystem::path& out_dir);

}  // namespace logbook::cli
