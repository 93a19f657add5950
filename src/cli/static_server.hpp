// Serves a built site the way GitHub Pages does: under its base path, folders as
// their index.html, a missing page as 404.html with status 404. It serves files
// under the site's folder and nothing else, and it keeps answering when clients hold
// connections open (live-reload tabs) or send their requests slowly.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "live_reload.hpp"

namespace logbook::cli {

// What the server holds itself to (SECURITY.md states these numbers).
namespace serve_limits {
// Open pages that live-reload at once; one more gets 503 and simply does not reload.
inline constexpr int kEventStreams = 64;
// Requests answered at once besides the event streams. A client that stalls holds
// one of these until its timeout, so this many stalled clients delay everyone.
inline constexpr int kRequestThreads = 32;
// A client that sends nothing of its request for kReadTimeoutSeconds, or takes nothing
// of the answer for kWriteTimeoutSeconds, is dropped; so is a kept-alive connection
// idle for kKeepAliveSeconds. Stopping the server waits at most that long for them.
inline constexpr int kReadTimeoutSeconds = 2;
inline constexpr int kWriteTimeoutSeconds = 5;
inline constexpr int kKeepAliveSeconds = 2;
// The site is read-only: a request body (POST, PUT) larger than this is discarded as
// it arrives, never held in memory, and answered 413.
inline constexpr std::size_t kRequestBodyBytes = 64u << 10;
// A page larger than this is sent without the live-reload script, as any other file:
// files are streamed, pages that get the script are read whole.
inline constexpr std::uintmax_t kLivePageBytes = 32u << 20;
// An event stream writes a comment this often, so a closed tab frees its slot soon.
inline constexpr int kEventPingMilliseconds = 2000;
}  // namespace serve_limits

struct ServeOptions {
  std::filesystem::path root;  // the built site
  std::string base;            // "" or "/repo"
  std::string host = "127.0.0.1";
  int port = 8000;             // 0: any free port (see StaticServer::port)
  LiveReload* live = nullptr;  // when set: /_logbook/events, and pages load live-reload.js
};

// True for an address or name that only this machine can reach: "localhost" (and
// names under it), 127.0.0.0/8, "::1".
bool is_loopback_host(std::string_view host);

class StaticServer {
 public:
  explicit StaticServer(ServeOptions options);
  ~StaticServer();
  // Binds the port; false with a message if it cannot.
  bool bind(std::string& error);
  // The port bound (the one chosen when the options asked for any).
  int port() const;
  // Serves until stop() is called from another thread.
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace logbook::cli
