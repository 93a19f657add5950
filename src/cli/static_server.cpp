#include "static_server.hpp"

#include <httplib.h>

#include "content_reader.hpp"

namespace logbook::embedded {
extern const std::string_view live_reload_js;
}

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

struct StaticServer::Impl {
  ServeOptions options;
  httplib::Server server;
};

namespace {

// Pages served by `logbook serve` load the live-reload script (same origin, so the
// pages' Content-Security-Policy allows it).
void add_live_reload(std::string& html, const std::string& base) {
  const auto head = html.find("</head>");
  if (head == std::string::npos) return;
  html.insert(head, "<script src=\"" + base + "/_logbook/live-reload.js\" data-base=\"" + base + "\" defer></script>\n");
}

void send_event(httplib::DataSink& sink, const LiveEvent& e) {
  const std::string text = "event: " + e.name + "\ndata: " + e.data + "\n\n";
  sink.write(text.data(), text.size());
}

}  // namespace

StaticServer::StaticServer(ServeOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  const ServeOptions& o = impl_->options;
  httplib::Server& server = impl_->server;
  if (o.live) {
    server.Get(o.base + "/_logbook/live-reload.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::string(embedded::live_reload_js), "text/javascript; charset=utf-8");
    });
    server.Get(o.base + "/_logbook/events", [&o](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      const auto start = std::make_shared<std::uint64_t>(o.live->sequence());
      res.set_chunked_content_provider("text/event-stream", [&o, start](std::size_t offset, httplib::DataSink& sink) {
        if (offset == 0) {
          const std::string hello = "retry: 500\n\n";
          sink.write(hello.data(), hello.size());
          if (auto p = o.live->current_problems()) send_event(sink, *p);
          return true;
        }
        bool closed = false;
        const auto event = o.live->next(*start, 15000, closed);
        if (closed) return false;
        if (event) {
          *start = event->sequence;
          send_event(sink, *event);
        } else {
          sink.write(":\n\n", 3);  // keep-alive comment
        }
        return sink.is_writable();
      });
    });
  }
  server.Get(".*", [&o](const httplib::Request& req, httplib::Response& res) {
    std::string redirect;
    const fs::path file = resolve(o, req.path, redirect);
    if (!redirect.empty()) {
      res.set_redirect(redirect, 301);
      return;
    }
    std::string body, err;
    const bool found = !file.empty() && read_file(file, body, err);
    if (!found) {
      res.status = 404;
      if (!read_file(o.root / "404.html", body, err)) body = "Not found";
    }
    const fs::path served = found ? file : o.root / "404.html";
    if (o.live && served.extension() == ".html") add_live_reload(body, o.base);
    res.set_header("Cache-Control", "no-cache");
    res.set_content(std::move(body), content_type(served).c_str());
  });
}

StaticServer::~StaticServer() = default;

bool StaticServer::bind(std::string& error) {
  const ServeOptions& o = impl_->options;
  if (!impl_->server.bind_to_port(o.host.c_str(), o.port)) {
    error = "cannot listen on " + o.host + ":" + std::to_string(o.port) + "; is another server using it? Try --port.";
    return false;
  }
  return true;
}

void StaticServer::listen() { impl_->server.listen_after_bind(); }

void StaticServer::stop() {
  if (impl_->options.live) impl_->options.live->shutdown();
  impl_->server.stop();
}

}  // namespace logbook::cli
