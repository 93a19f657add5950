// The channel from `logbook serve` to open pages: a server-sent event stream that says
// "reload" after a rebuild, or carries the build's problems to show over the page.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace logbook::cli {

struct LiveEvent {
  std::uint64_t sequence = 0;
  std::string name;  // "reload" or "problems"
  std::string data;  // JSON for "problems"
};

class LiveReload {
 public:
  void reload();
  void problems(const std::string& title, const std::vector<std::string>& lines);
  void shutdown();

  // Blocks until an event newer than `after` or the timeout (nullopt: none; keep the
  // stream alive). Returns nullopt at once after shutdown.
  std::optional<LiveEvent> next(std::uint64_t after, int timeout_ms, bool& closed);
  // The problems to show a page that connects now, if the last build had any.
  std::optional<LiveEvent> current_problems();
  std::uint64_t sequence();

 private:
  void publish(std::string name, std::string data);

  std::mutex mutex_;
  std::condition_variable changed_;
  LiveEvent last_;
  std::optional<LiveEvent> problems_;
  bool closed_ = false;
};

}  // namespace logbook::cli
