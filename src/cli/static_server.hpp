// Serves a built site the way GitHub Pages does: under its base path, folders as
// their index.html, a missing page as 404.html with status 404. It serves files
// under the site's folder and nothing else.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "live_reload.hpp"

namespace logbook::cli {

struct ServeOptions {
  std::filesystem::path root;  // the built site
  std::string base;            // "" or "/repo"
  std::string host = "127.0.0.1";
  int port = 8000;             // 0: any free port (see StaticServer::port)
  LiveReload* live = nullptr;  // when set: /_logbook/events, and pages load live-reload.js
};

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
