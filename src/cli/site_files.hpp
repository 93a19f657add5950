// Writing a built site to disk: files, the search database, the sitemap and robots.txt,
// and the swap of a staged folder into place (the previous site is kept until then).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/decision.hpp"
#include "core/site.hpp"
#include "core/site_config.hpp"

namespace logbook::cli {

// Writes a whole file, creating folders; false with a message on failure.
bool write_file(const std::filesystem::path& path, std::string_view bytes, std::string& error);

// Where a page's file lives: ROOT/<url>/<file> (URLs start with '/').
std::filesystem::path output_path(const std::filesystem::path& root, const std::string& url, const char* file);

// Creates `path` and writes the search database into it; "" or what went wrong.
// Setting *cancel abandons the write (a newer build will write the database again).
std::string write_database_file(const Site& site, const DecisionLog& decisions, const SiteConfig& config,
                                const std::filesystem::path& path, const std::atomic<bool>* cancel = nullptr);

std::string sitemap_xml(const Site& site, const std::string& site_url, const std::string& base);
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
