#include "static_server.hpp"

#include <arpa/inet.h>
#include <httplib.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <fstream>
#include <string_view>

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

// A segment a request may name: not empty, "." or "..", and free of what a file name
// in a built site never holds but a path trick needs: a backslash, a control
// character, NUL. (httplib has already decoded %2F and %2E, so an encoded slash or
// dot arrives here as itself and splits or fails like a plain one.)
bool safe_segment(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (const unsigned char c : s)
    if (c < 0x20 || c == 0x7f || c == '\\') return false;
  return true;
}

// The file itself (symlinks resolved) when it is a regular file inside root; "" when
// not. Compared segment by segment, so "/srv/site-old" is not inside "/srv/site".
fs::path inside_root(const fs::path& root, const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return {};
  const fs::path real = fs::canonical(file, ec);
  if (ec) return {};
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) return {};
  const auto [r, f] = std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
  return r == real_root.end() ? real : fs::path();
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
  if (path.empty() || path[0] != '/') return {};
  // The path's segments, each checked; only the last may be empty (a folder's URL).
  fs::path file = o.root;
  for (std::size_t start = 1;;) {
    const std::size_t slash = path.find('/', start);
    const std::string_view segment = std::string_view(path).substr(start, slash - start);
    if (slash == std::string::npos && segment.empty()) break;
    if (!safe_segment(segment)) return {};
    file /= segment;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
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
  return inside_root(o.root, file);
}

// The host a request names, without its port: "[::1]:8000" gives "::1".
std::string host_name(const std::string& header) {
  std::string host = header;
  if (!host.empty() && host[0] == '[') {
    host = host.substr(1, host.find(']') - 1);
  } else if (const auto colon = host.find(':'); colon != std::string::npos) {
    host.erase(colon);
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return host;
}

}  // namespace

struct StaticServer::Impl {
  ServeOptions options;
  httplib::Server server;
  std::atomic<int> event_streams{0};
};

namespace {

// Pages served by `logbook serve` load the live-reload script (same origin, so the
// pages' Content-Security-Policy allows it).
void add_live_reload(std::string& html, const std::string& base) {
  const auto head = html.find("</head>");
  if (head == std::string::npos) return;
  html.insert(head, "<script src=\"" + base + "/_logbook/live-reload.js\" data-base=\"" + base + "\" defer></script>\n");
}

// A page gets the live-reload script, so it is read whole: pages are small, the build
// holds their sources to limits::kPageBytes. A larger .html file is sent as it is.
bool gets_live_reload(const ServeOptions& o, const fs::path& file) {
  std::error_code ec;
  return o.live && file.extension() == ".html" && fs::file_size(file, ec) <= serve_limits::kLivePageBytes && !ec;
}

// Sends a file in chunks as the client takes them, so serving a large file costs a
// chunk of memory, not the file's size, however many clients ask for it. The open file
// stays whole if a rebuild replaces it meanwhile (pages are written by rename).
bool send_file(httplib::Response& res, const fs::path& file) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(file, ec);
  auto in = std::make_shared<std::ifstream>(file, std::ios::binary);
  if (ec || !*in) return false;
  if (size == 0) {
    res.set_content("", content_type(file).c_str());
    return true;
  }
  res.set_content_provider(size, content_type(file), [in](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
    std::array<char, 64 * 1024> chunk;
    in->seekg(static_cast<std::streamoff>(offset));
    in->read(chunk.data(), static_cast<std::streamsize>(std::min(length, chunk.size())));
    const auto got = static_cast<std::size_t>(in->gcount());
    return got > 0 && sink.write(chunk.data(), got);
  });
  return true;
}

bool send_event(httplib::DataSink& sink, const LiveEvent& e) {
  const std::string text = "event: " + e.name + "\ndata: " + e.data + "\n\n";
  return sink.write(text.data(), text.size());
}

// DNS rebinding: a page on evil.example whose name is made to resolve to 127.0.0.1
// reaches this server as its own origin, with "Host: evil.example". A server bound to
// loopback therefore answers only requests that name a loopback host.
bool host_allowed(const ServeOptions& o, const httplib::Request& req) {
  if (!is_loopback_host(o.host) || !req.has_header("Host")) return true;
  const std::string host = host_name(req.get_header_value("Host"));
  return is_loopback_host(host) || host == o.host;
}

// Another site's page may link here (a navigation) but not load or fetch from here:
// such requests could hold the live-reload streams or probe the site. Browsers say
// where a request comes from in Sec-Fetch-Site; other clients send none.
bool from_allowed_site(const httplib::Request& req) {
  const std::string site = req.get_header_value("Sec-Fetch-Site");
  return (site != "cross-site" && site != "same-site") || req.get_header_value("Sec-Fetch-Mode") == "navigate";
}

// A request that announces a body larger than the server takes is answered 413 before
// any of it is read; httplib would read up to the limit first, or wait for a body that
// never comes. (A body without a length is cut off at the limit by httplib itself.)
bool body_too_large(const httplib::Request& req) {
  return req.get_header_value_u64("Content-Length") > serve_limits::kRequestBodyBytes;
}

// Serves /_logbook/events: one stream per open page, up to kEventStreams of them.
void serve_events(LiveReload& live, std::atomic<int>& streams, httplib::Response& res) {
  using namespace serve_limits;
  if (++streams > kEventStreams) {
    --streams;
    res.status = 503;
    res.set_content("logbook serve: too many open pages; this one will not reload\n", "text/plain; charset=utf-8");
    return;
  }
  const auto start = std::make_shared<std::uint64_t>(live.sequence());
  res.set_chunked_content_provider(
      "text/event-stream",
      [&live, start](std::size_t offset, httplib::DataSink& sink) {
        if (offset == 0) {
          const std::string hello = "retry: 500\n\n";
          if (!sink.write(hello.data(), hello.size())) return false;
          if (auto p = live.current_problems()) return send_event(sink, *p);
          return true;
        }
        bool closed = false;
        const auto event = live.next(*start, kEventPingMilliseconds, closed);
        if (closed) return false;
        if (!event) return sink.write(":\n\n", 3);  // a comment: fails once the tab is gone
        *start = event->sequence;
        return send_event(sink, *event);
      },
      [&streams](bool) { --streams; });
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || (host.size() > 10 && host.substr(host.size() - 10) == ".localhost")) return true;
  const std::string name(host);
  in_addr v4{};
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, name.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

StaticServer::StaticServer(ServeOptions options) : impl_(std::make_unique<Impl>()) {
  using namespace serve_limits;
  impl_->options = std::move(options);
  Impl& impl = *impl_;
  const ServeOptions& o = impl.options;
  httplib::Server& server = impl.server;
  // Event streams each hold a thread for as long as their page is open, so the pool
  // has a thread for each one allowed plus kRequestThreads for everything else; the
  // timeouts drop a client that stalls instead of letting it hold a thread.
  server.new_task_queue = [] { return new httplib::ThreadPool(kEventStreams + kRequestThreads); };
  server.set_read_timeout(kReadTimeoutSeconds, 0);
  server.set_write_timeout(kWriteTimeoutSeconds, 0);
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_payload_max_length(kRequestBodyBytes);  // bodies sent without a length stop here
  server.set_default_headers({{"Cache-Control", "no-cache"},
                              {"X-Content-Type-Options", "nosniff"},
                              {"Cross-Origin-Resource-Policy", "same-origin"}});
  server.set_pre_routing_handler([&o](const httplib::Request& req, httplib::Response& res) {
    if (!host_allowed(o, req)) {
      res.status = 421;
      res.set_content("logbook serve answers requests for localhost only; open http://127.0.0.1:" + std::to_string(o.port) + "/\n",
                      "text/plain; charset=utf-8");
    } else if (!from_allowed_site(req)) {
      res.status = 403;
      res.set_content("logbook serve: pages of other sites may link here but not load from here\n", "text/plain; charset=utf-8");
    } else if (body_too_large(req)) {
      res.status = 413;
      res.set_content("logbook serve: the site is read-only; request bodies larger than " + std::to_string(kRequestBodyBytes >> 10) +
                          " KiB are refused\n",
                      "text/plain; charset=utf-8");
    } else {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    return httplib::Server::HandlerResponse::Handled;
  });
  if (o.live) {
    server.Get(o.base + "/_logbook/live-reload.js", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(embedded::live_reload_js), "text/javascript; charset=utf-8");
    });
    server.Get(o.base + "/_logbook/events", [&impl](const httplib::Request&, httplib::Response& res) {
      serve_events(*impl.options.live, impl.event_streams, res);
    });
  }
  server.Get(".*", [&o](const httplib::Request& req, httplib::Response& res) {
    std::string redirect;
    const fs::path file = resolve(o, req.path, redirect);
    if (!redirect.empty()) {
      res.set_redirect(redirect, 301);
      return;
    }
    if (!file.empty() && !gets_live_reload(o, file) && send_file(res, file)) return;
    std::string body, err;
    const bool found = !file.empty() && read_file(file, body, err);
    fs::path served = file;
    if (!found) {
      res.status = 404;
      served = o.root / "404.html";
      const fs::path page = inside_root(o.root, served);
      if (page.empty() || !read_file(page, body, err)) body = "Not found";
    }
    if (o.live && served.extension() == ".html") add_live_reload(body, o.base);
    res.set_content(std::move(body), content_type(served).c_str());
  });
}

StaticServer::~StaticServer() = default;

bool StaticServer::bind(std::string& error) {
  ServeOptions& o = impl_->options;
  httplib::Server& server = impl_->server;
  const int port = o.port == 0 ? server.bind_to_any_port(o.host) : (server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0) {
    error = "cannot listen on " + o.host + ":" + std::to_string(o.port) + "; is another server using it? Try --port.";
    return false;
  }
  o.port = port;
  return true;
}

int StaticServer::port() const { return impl_->options.port; }

void StaticServer::listen() { impl_->server.listen_after_bind(); }

void StaticServer::stop() {
  if (impl_->options.live) impl_->options.live->shutdown();
  impl_->server.stop();
}

}  // namespace logbook::cli
