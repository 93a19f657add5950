// Serves a built site the way GitHub Pages does: under its base path, folders as
// their index.html, a missing page as 404.html with status 404.
#pragma once

#include <filesystem>
#include <string>

namespace logbook::cli {

struct ServeOptions {
  std::filesystem::path root;  // the built site
  std::string base;            // "" or "/repo"
  std::string host = "127.0.0.1";
  int port = 8000;
};

// Blocks until the server stops. Returns false with a message if it could not listen.
bool serve_static_site(const ServeOptions& options, std::string& error);

}  // namespace logbook::cli
