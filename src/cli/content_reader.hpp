// Reads a content folder from disk into the core's SourceFiles: every file under it,
// except hidden files and folders (".git", ".DS_Store") and the build output folder.
// Symbolic links are never followed (they could reach anywhere on the machine): each
// is a warning, and the rest of the folder is read.
// Pages over limits::kPageBytes are not read: their SourceFile carries only the size.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/site.hpp"

namespace logbook::cli {

struct ContentReadResult {
  std::vector<SourceFile> files;
  std::string error;  // set when the folder itself cannot be read
  Diagnostics diagnostics;  // files left out (symbolic links), paths relative to the folder
};

ContentReadResult read_content(const std::filesystem::path& content_dir, const std::filesystem::path& skip_dir = {});

// A finding's file as `check`, `build` and `serve` all show it: a content file (which the
// core names relative to the content folder) joined to the content folder, any other
// file (logbook.yml, named as found) as it is; then relative to `base`: the current
// folder for people, the repository root for tools.
std::string shown_file(const std::string& file, bool in_content, const std::filesystem::path& content_dir,
                       const std::filesystem::path& base);

// Reads a whole file; false with a message on failure.
bool read_file(const std::filesystem::path& path, std::string& out, std::string& error);

}  // namespace logbook::cli
