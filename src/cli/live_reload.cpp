#include "live_reload.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

namespace logbook::cli {

void LiveReload::publish(std::string name, std::string data) {
  {
    std::lock_guard lock(mutex_);
    last_ = {last_.sequence + 1, std::move(name), std::move(data)};
    if (last_.name == "problems") problems_ = last_;
  }
  changed_.notify_all();
}

void LiveReload::reload() {
  {
    std::lock_guard lock(mutex_);
    problems_.reset();
  }
  publish("reload", "{}");
}

void LiveReload::problems(const std::string& title, const std::vector<std::string>& lines) {
  publish("problems", nlohmann::json{{"title", title}, {"lines", lines}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void LiveReload::shutdown() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

std::optional<LiveEvent> LiveReload::next(std::uint64_t after, int timeout_ms, bool& closed) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return closed_ || last_.sequence > after; });
  closed = closed_;
  if (closed_ || last_.sequence <= after) return std::nullopt;
  return last_;
}

std::optional<LiveEvent> LiveReload::current_problems() {
  std::lock_guard lock(mutex_);
  return problems_;
}

std::uint64_t LiveReload::sequence() {
  std::lock_guard lock(mutex_);
  return last_.sequence;
}

}  // namespace logbook::cli
