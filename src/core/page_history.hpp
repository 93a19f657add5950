// What the build knows of each page's past: when it last changed and who changed it
// (read from git by the command line; empty without a repository), and a hash of its
// content so that the app can tell a reader what changed since their last visit.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace logbook {

struct PageHistory {
  std::string updated;               // YYYY-MM-DD of the last commit that touched the file
  std::vector<std::string> authors;  // everyone who committed to it, most recent first
  // The last commit that touched it: its author and the first line of its message, cut
  // to kCommitSummaryBytes ("changed 2 days ago by ana: Fix the setup steps").
  std::string last_author{};
  std::string summary{};
};

// A commit summary longer than this is cut (whole characters, with an ellipsis): it is
// shown on one line, and every page's entry in the manifest's parts carries one.
inline constexpr std::size_t kCommitSummaryBytes = 160;

// The first line of a commit message, without the whitespace at its ends, cut to
// kCommitSummaryBytes after a whole UTF-8 character.
std::string commit_summary(std::string_view message);

// Source path (relative to the content folder) -> history.
using SiteHistory = std::unordered_map<std::string, PageHistory>;

// A short, stable hash of a page's bytes (16 hex digits, FNV-1a 64).
std::string content_hash(std::string_view bytes);

}  // namespace logbook
