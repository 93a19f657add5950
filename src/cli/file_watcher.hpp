// Watches a folder tree for changed files (Linux inotify), for `logbook serve`.
#pragma once

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>

namespace logbook::cli {

class FileWatcher {
 public:
  explicit FileWatcher(std::filesystem::path root);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }

  // Waits up to `timeout` for a change, then keeps collecting until the tree has been
  // quiet for `settle` (editors save in several steps). Returns the changed paths,
  // relative to the root; empty on timeout. Hidden files are ignored.
  std::set<std::string> wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle = std::chrono::milliseconds(30));

 private:
  void watch_tree(const std::filesystem::path& dir);
  bool read_events(int timeout_ms, std::set<std::string>& changed);

  std::filesystem::path root_;
  int fd_ = -1;
  std::string error_;
  std::unordered_map<int, std::filesystem::path> dirs_;  // watch descriptor -> folder
};

}  // namespace logbook::cli
