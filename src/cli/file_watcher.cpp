#include "file_watcher.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cstring>

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {
constexpr uint32_t kMask = IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY |
                           IN_DELETE_SELF | IN_ATTRIB;
}

FileWatcher::FileWatcher(fs::path root) : root_(std::move(root)) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    error_ = std::string("cannot watch files: ") + std::strerror(errno);
    return;
  }
  watch_tree(root_);
}

FileWatcher::~FileWatcher() {
  if (fd_ >= 0) close(fd_);
}

void FileWatcher::watch_tree(const fs::path& dir) {
  const int wd = inotify_add_watch(fd_, dir.c_str(), kMask);
  if (wd >= 0) dirs_[wd] = dir;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with('.')) continue;
    if (entry.is_directory(ec)) watch_tree(entry.path());
  }
}

bool FileWatcher::read_events(int timeout_ms, std::set<std::string>& changed) {
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, timeout_ms) <= 0) return false;
  alignas(inotify_event) char buf[64 * 1024];
  bool any = false;
  ssize_t n;
  while ((n = read(fd_, buf, sizeof buf)) > 0) {
    for (char* ptr = buf; ptr < buf + n;) {
      const auto* ev = reinterpret_cast<const inotify_event*>(ptr);
      ptr += sizeof(inotify_event) + ev->len;
      const auto dir = dirs_.find(ev->wd);
      if (dir == dirs_.end() || ev->len == 0) continue;
      const std::string name = ev->name;
      if (name.starts_with('.')) continue;
      const fs::path path = dir->second / name;
      if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(path);
      std::error_code ec;
      changed.insert(fs::relative(path, root_, ec).generic_string());
      any = true;
    }
  }
  return any;
}

std::set<std::string> FileWatcher::wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle) {
  std::set<std::string> changed;
  if (fd_ < 0) return changed;
  if (!read_events(static_cast<int>(timeout.count()), changed)) return changed;
  while (read_events(static_cast<int>(settle.count()), changed)) {
  }
  return changed;
}

}  // namespace logbook::cli
