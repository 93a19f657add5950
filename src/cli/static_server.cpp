#include "static_server.hpp"

#include <httplib.h>

#include "content_reader.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

std::string content_type(const fs::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".md") return "text/markdown; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".webp") return "image/webp";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".otf") return "font/otf";
  return "application/octet-stream";
}

// Maps a request path to a file under root; "" when there is none. Sets redirect
// when the path names a folder without its trailing slash, as GitHub Pages does.
fs::path resolve(const ServeOptions& o, std::string path, std::string& redirect) {
  if (!o.base.empty()) {
    if (path == o.base) {
      redirect = o.base + "/";
      return {};
    }
    if (path.rfind(o.base + "/", 0) != 0) return {};
    path.erase(0, o.base.size());
  }
  if (path.find("..") != std::string::npos) return {};
  fs::path file = o.root / fs::path(path.substr(1));
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    if (path.back() != '/') {
      redirect = o.base + path + "/";
      return {};
    }
    file /= "index.html";
  } else if (!fs::exists(file, ec) && fs::exists(file.string() + ".html", ec)) {
    file = file.string() + ".html";
  }
  return fs::is_regular_file(file, ec) ? file : fs::path();
}

}  // namespace

bool serve_static_site(const ServeOptions& o, std::string& error) {
  httplib::Server server;
  server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    std::string redirect;
    const fs::path file = resolve(o, req.path, redirect);
    if (!redirect.empty()) {
      res.set_redirect(redirect, 301);
      return;
    }
    std::string body, err;
    if (!file.empty() && read_file(file, body, err)) {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::move(body), content_type(file).c_str());
      return;
    }
    res.status = 404;
    std::string not_found;
    if (read_file(o.root / "404.html", not_found, err)) res.set_content(std::move(not_found), "text/html; charset=utf-8");
    else res.set_content("Not found", "text/plain");
  });
  if (!server.bind_to_port(o.host.c_str(), o.port)) {
    error = "cannot listen on " + o.host + ":" + std::to_string(o.port) + "; is another server using it? Try --port.";
    return false;
  }
  return server.listen_after_bind();
}

}  // namespace logbook::cli
