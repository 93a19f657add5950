// Reads, with libgit2, when each file of the content folder last changed and who
// changed it. Without a repository (or on any git error) the history is empty and the
// site is built without it.
#pragma once

#include <filesystem>
#include <string>

#include "core/page_history.hpp"

namespace logbook::cli {

struct GitHistory {
  SiteHistory pages;           // by path relative to the content folder
  std::string content_prefix;  // the content folder relative to the repository root ("content")
  std::string note;            // why there is no history, when there is none
};

GitHistory read_git_history(const std::filesystem::path& content_dir);

}  // namespace logbook::cli
