// Reads, with libgit2, when each file of the content folder last changed and who
// changed it. Without a repository (or on any git error) the history is empty and the
// site is built without it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/page_history.hpp"

namespace logbook::cli {

struct GitHistory {
  SiteHistory pages;           // by path relative to the content folder
  std::string content_prefix;  // the content folder relative to the repository root ("content")
  std::string note;            // why there is no history, when there is none
};

GitHistory read_git_history(const std::filesystem::path& content_dir);

// Where a repository is hosted, for `logbook init`'s logbook.yml.
struct GitRemote {
  std::string web_url;  // "https://github.com/org/repo"; "" when the remote is not a web host
  std::string branch;   // the remote's default branch, else the checked-out one; "" if unknown
};

// The remote "origin" (else the first remote) of the repository holding `dir`; empty
// fields when `dir` is in no repository or it has no remote.
GitRemote read_git_remote(const std::filesystem::path& dir);

// A remote's URL as the web page of the repository: git@github.com:org/repo.git,
// ssh://git@github.com/org/repo and https://user@github.com/org/repo.git all give
// https://github.com/org/repo. "" for a local path or a URL without host and path.
std::string web_url_of_remote(std::string_view url);

}  // namespace logbook::cli
