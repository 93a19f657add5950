// Spec: `logbook serve` builds and serves with GitHub Pages semantics, rebuilds when a
// file changes, tells open pages to reload (or shows a broken edit's problems), and
// stops cleanly on SIGTERM.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "cli/static_server.hpp"
#include "temp_folder.hpp"

namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Runs `logbook serve` in the background; stops it when the test ends.
struct Server {
  pid_t pid = -1;
  int port = 0;
  fs::path log;

  Server(const fs::path& content, const fs::path& out, const std::string& base = "/", const char* host = nullptr) {
    std::random_device rd;
    port = 20000 + static_cast<int>(rd() % 20000);
    log = out.parent_path() / "serve.log";
    pid = fork();
    if (pid == 0) {
      const std::string port_s = std::to_string(port);
      freopen(log.c_str(), "w", stderr);
      execl(LOGBOOK_BINARY, "logbook", "serve", content.c_str(), "-o", out.c_str(), "--port", port_s.c_str(),
            "--base-url", base.c_str(), host ? "--host" : nullptr, host, static_cast<char*>(nullptr));  // --host only when given
      _exit(127);
    }
  }
  ~Server() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  // Stops with SIGTERM; returns the exit status.
  int stop() {
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
    return status;
  }
};

// Polls until `ok` holds or 20 s pass (a wait for the server, not a timing test).
template <typename F>
bool eventually(F ok) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string get(httplib::Client& c, const std::string& path, int* status = nullptr) {
  auto r = c.Get(path.c_str());
  if (status) *status = r ? r->status : 0;
  return r ? r->body : std::string();
}

}  // namespace

TEST_CASE("serve: pages, clean URLs, 404, live reload on edit, problems on a broken edit, clean stop") {
  const fs::path dir = fs::temp_directory_path() / ("logbook-serve-" + std::to_string(getpid()));
  fs::remove_all(dir);
  write(dir / "content/index.md", "# Home\n\nSee [guide](guide.md).\n");
  write(dir / "content/guide.md", "# Guide\n\nFirst version.\n");

  Server server(dir / "content", dir / "site", "/docs/");
  httplib::Client client("127.0.0.1", server.port);
  REQUIRE_MESSAGE(eventually([&] { int s = 0; get(client, "/docs/", &s); return s == 200; }), "server did not start");

  int status = 0;
  CHECK(get(client, "/docs/guide/", &status).find("First version.") != std::string::npos);
  CHECK(status == 200);
  CHECK(get(client, "/docs/guide/", &status).find("/docs/_logbook/live-reload.js") != std::string::npos);
  get(client, "/docs/guide", &status);
  CHECK(status == 301);  // folder without its slash, as GitHub Pages
  CHECK(get(client, "/docs/nowhere/", &status).find("Page not found") != std::string::npos);
  CHECK(status == 404);
  get(client, "/guide/", &status);
  CHECK(status == 404);  // outside the base path
  CHECK(get(client, "/docs/guide/index.md").find("First version.") != std::string::npos);

  // An open page listens for events.
  std::string events;
  std::mutex events_mutex;
  httplib::Client listener("127.0.0.1", server.port);
  listener.set_read_timeout(30, 0);
  std::thread listen([&] {
    listener.Get("/docs/_logbook/events", [&](const char* data, std::size_t n) {
      std::lock_guard lock(events_mutex);
      events.append(data, n);
      return events.find("event: problems") == std::string::npos;
    });
  });
  const auto saw = [&](const char* what) {
    return eventually([&] {
      std::lock_guard lock(events_mutex);
      return events.find(what) != std::string::npos;
    });
  };
  REQUIRE(saw("retry:"));

  write(dir / "content/guide.md", "# Guide\n\nSecond version.\n");
  CHECK(eventually([&] { return get(client, "/docs/guide/").find("Second version.") != std::string::npos; }));
  CHECK(saw("event: reload"));

  write(dir / "content/guide.md", "---\ntitle: [broken\n---\n# Guide\n\nThird version. ![x](https://elsewhere.example/x.png)\n");
  CHECK(saw("event: problems"));
  {
    // As `logbook check` and `logbook build` print them: the path from the content
    // folder's parent, errors and warnings alike.
    std::lock_guard lock(events_mutex);
    CHECK_MESSAGE(events.find("content/guide.md:2:8: error: malformed front matter") != std::string::npos, events);
    CHECK_MESSAGE(events.find("content/guide.md:6:16: warning: image https://elsewhere.example/x.png will not load") != std::string::npos, events);
  }
  CHECK(eventually([&] { return get(client, "/docs/guide/").find("Third version.") != std::string::npos; }));
  listen.join();

  const int exit_status = server.stop();
  CHECK(WIFEXITED(exit_status));
  CHECK(WEXITSTATUS(exit_status) == 0);
  std::ifstream log(server.log);
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  CHECK(text.find("Stopped.") != std::string::npos);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

namespace {

using logbook::cli::LiveReload;
using logbook::cli::ServeOptions;
using logbook::cli::StaticServer;
namespace limits = logbook::cli::serve_limits;

// A StaticServer on a free loopback port, serving on its own thread.
struct RunningServer {
  LiveReload live;
  StaticServer server;
  std::thread thread;

  explicit RunningServer(const fs::path& root) : server(ServeOptions{root, "", "127.0.0.1", 0, &live}) {
    std::string error;
    REQUIRE_MESSAGE(server.bind(error), error);
    thread = std::thread([this] { server.listen(); });
  }
  ~RunningServer() { stop(); }
  void stop() {
    if (!thread.joinable()) return;
    server.stop();
    thread.join();
  }
};

// A raw connection, so a request reaches the server exactly as written: no client
// normalises its path or fills in its headers.
struct RawClient {
  int fd = -1;

  explicit RawClient(int port) {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawClient() { close(fd); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  void send_text(const std::string& text) const { REQUIRE(send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size())); }
  // Reads until `until` has arrived or the server closes; returns what arrived.
  std::string receive(const std::string& until = "") const {
    std::string got;
    char buf[4096];
    while (until.empty() || got.find(until) == std::string::npos) {
      const ssize_t n = recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  }
  // Reads until the server closes, keeping nothing; returns the number of bytes.
  std::size_t drain() const {
    std::size_t total = 0;
    char buf[65536];
    for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) total += static_cast<std::size_t>(n);
    return total;
  }
};

std::string raw_get(int port, const std::string& target, const std::string& host = "127.0.0.1") {
  RawClient c(port);
  c.send_text("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  return c.receive();
}

int status_of(const std::string& response) {
  return response.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(response.c_str() + 9) : 0;
}

std::string percent_encode_slashes(const std::string& path) {
  std::string out;
  for (const char c : path) out += c == '/' ? std::string("%2F") : std::string(1, c);
  return out;
}

long peak_memory_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// The memory the process holds now (the server under test runs in it).
long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("serve: no request reads a file outside the site's folder, however its path is spelled") {
  TempFolder dir("logbook-serve-escape");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  dir.write("site/guide/index.html", "<html><head></head><body>Guide</body></html>");
  dir.write("site/404.html", "<html><head></head><body>Page not found</body></html>");
  dir.write("secret.txt", "SECRET-MARKER");
  dir.write("site-old/page.html", "SECRET-MARKER");  // a sibling whose name starts like the site's
  fs::create_symlink(dir.path / "secret.txt", dir.path / "site/link-to-secret.txt");
  fs::create_symlink(dir.path, dir.path / "site/link-to-parent");
  fs::create_symlink(dir.path / "site-old", dir.path / "site/old");
  RunningServer s(dir.path / "site");
  const int port = s.server.port();
  const std::string secret = (dir.path / "secret.txt").string();

  const std::vector<std::string> attacks = {
      "/" + secret,                        // "//tmp/.../secret.txt": an absolute path joined onto the root
      "/" + percent_encode_slashes(secret),  // "/%2Ftmp%2F...": the same, encoded
      "//etc/passwd",
      "/%2Fetc%2Fpasswd",
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E%2Fsecret.txt",
      "/guide/..%2F..%2Fsecret.txt",
      "/..\\secret.txt",
      "/%5C..%5Csecret.txt",
      "/guide/%00/../../secret.txt",
      "/./index.html",
      "/guide//index.html",
      "/link-to-secret.txt",               // symlinks inside the site that point out of it
      "/link-to-parent/secret.txt",
      "/old/page.html",
      "/old/page",
  };
  for (const std::string& target : attacks) {
    CAPTURE(target);
    const std::string response = raw_get(port, target);
    CHECK((status_of(response) == 404 || status_of(response) == 400));
    CHECK(response.find("SECRET-MARKER") == std::string::npos);
    CHECK(response.find("root:") == std::string::npos);
  }
  // What the site holds is still served.
  CHECK(raw_get(port, "/").find("Home") != std::string::npos);
  CHECK(raw_get(port, "/guide/").find("Guide") != std::string::npos);
  CHECK(raw_get(port, "/guide/index.html").find("Guide") != std::string::npos);
  CHECK(status_of(raw_get(port, "/guide")) == 301);
}

TEST_CASE("serve: a server on loopback answers only requests for a loopback host (DNS rebinding)") {
  CHECK(logbook::cli::is_loopback_host("localhost"));
  CHECK(logbook::cli::is_loopback_host("docs.localhost"));
  CHECK(logbook::cli::is_loopback_host("127.0.0.1"));
  CHECK(logbook::cli::is_loopback_host("127.3.2.1"));
  CHECK(logbook::cli::is_loopback_host("::1"));
  CHECK_FALSE(logbook::cli::is_loopback_host("0.0.0.0"));
  CHECK_FALSE(logbook::cli::is_loopback_host("192.168.1.20"));
  CHECK_FALSE(logbook::cli::is_loopback_host("evil.example"));
  CHECK_FALSE(logbook::cli::is_loopback_host("localhost.evil.example"));
  CHECK_FALSE(logbook::cli::is_loopback_host("evillocalhost"));

  TempFolder dir("logbook-serve-host");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  RunningServer s(dir.path / "site");
  const int port = s.server.port();
  const std::string p = ":" + std::to_string(port);
  for (const std::string& host : std::vector<std::string>{"127.0.0.1" + p, "localhost" + p, "LOCALHOST", "docs.localhost" + p, "[::1]" + p}) {
    CAPTURE(host);
    CHECK(status_of(raw_get(port, "/", host)) == 200);
  }
  for (const std::string& host : std::vector<std::string>{"evil.example" + p, "evil.example", "127.0.0.1.evil.example" + p, "[::2]" + p}) {
    CAPTURE(host);
    const std::string response = raw_get(port, "/", host);
    CHECK(status_of(response) == 421);
    CHECK(response.find("Home") == std::string::npos);
  }
}

TEST_CASE("serve: another site's page may link to the site but not load from it or hold its live-reload streams") {
  TempFolder dir("logbook-serve-cross-site");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  RunningServer s(dir.path / "site");
  const auto status = [&](const std::string& target, const std::string& site, const std::string& mode) {
    RawClient c(s.server.port());
    c.send_text("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: " + site + "\r\nSec-Fetch-Mode: " + mode + "\r\n\r\n");
    return status_of(c.receive("\r\n\r\n"));  // the head only: an event stream does not end
  };
  CHECK(status("/", "cross-site", "navigate") == 200);  // a link from elsewhere
  CHECK(status("/", "none", "navigate") == 200);        // typed in the address bar
  CHECK(status("/", "same-origin", "cors") == 200);     // the site's own pages
  CHECK(status("/", "cross-site", "no-cors") == 403);
  CHECK(status("/", "same-site", "cors") == 403);       // another server on localhost
  CHECK(status("/_logbook/events", "cross-site", "cors") == 403);
  CHECK(status_of(raw_get(s.server.port(), "/")) == 200);  // a client that is not a browser
}

TEST_CASE("serve: every answer tells the browser not to guess its type or share it with other sites") {
  TempFolder dir("logbook-serve-headers");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  dir.write("site/data.bin", "<script>alert(1)</script>");
  RunningServer s(dir.path / "site");
  for (const std::string target : {"/", "/data.bin", "/missing/"}) {
    CAPTURE(target);
    const std::string response = raw_get(s.server.port(), target);
    CHECK(response.find("X-Content-Type-Options: nosniff\r\n") != std::string::npos);
    CHECK(response.find("Cross-Origin-Resource-Policy: same-origin\r\n") != std::string::npos);
  }
}

TEST_CASE("serve: a large file is sent in chunks as the client takes it, not read whole for each request") {
  TempFolder dir("logbook-serve-large");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  const fs::path big = dir.path / "site/big.bin";
  std::ofstream(big, std::ios::binary).close();
  fs::resize_file(big, 256u << 20);  // sparse: takes no disk, reads as zeros
  RunningServer s(dir.path / "site");

  const long peak_before = peak_memory_kib();
  RawClient c(s.server.port());
  c.send_text("GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  CHECK(c.drain() > (256u << 20));
  CHECK(peak_memory_kib() - peak_before < 64 * 1024);

  RawClient range(s.server.port());
  range.send_text("GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=100-199\r\nConnection: close\r\n\r\n");
  const std::string part = range.receive();
  CHECK(status_of(part) == 206);
  CHECK(part.find("Content-Length: 100\r\n") != std::string::npos);
}

TEST_CASE("serve: a large request body is answered 413 and never held in memory (httplib keeps any size by default)") {
  TempFolder dir("logbook-serve-body");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  RunningServer s(dir.path / "site");
  RawClient c(s.server.port());
  c.send_text("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n");
  CHECK(status_of(c.receive("\r\n\r\n")) == 413);
}

TEST_CASE("serve: a request whose headers never end is dropped after a bounded amount, and the server keeps answering") {
  TempFolder dir("logbook-serve-header-flood");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  RunningServer s(dir.path / "site");
  const int port = s.server.port();
  constexpr std::size_t kFloodBytes = 20u << 20;

  // Sends a request head, then `piece` again and again: up to kFloodBytes, or until
  // the server closes the connection. Returns the bytes the server took; the
  // connection is still open when the server took them all.
  const auto flood = [&](const std::string& piece, std::unique_ptr<RawClient>& c) {
    c = std::make_unique<RawClient>(port);
    timeval timeout{10, 0};
    setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    c->send_text("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    std::string chunk;
    while (chunk.size() < (64u << 10)) chunk += piece;
    std::size_t sent = 0;
    for (ssize_t n = 0; sent < kFloodBytes && n >= 0; sent += static_cast<std::size_t>(std::max<ssize_t>(n, 0)))
      n = send(c->fd, chunk.data(), chunk.size(), MSG_NOSIGNAL);
    return sent;
  };
  const std::vector<std::pair<std::string, std::string>> floods = {
      {"header lines without end", "X-Flood: " + std::string(40, 'a') + "\r\n"},
      {"one header line without end", std::string(1000, 'a')},
      {"lines ended by a bare newline", "X-Flood: " + std::string(40, 'a') + "\n"},
  };
  for (const auto& [what, piece] : floods) {
    CAPTURE(what);
    const long before = resident_kib();
    std::unique_ptr<RawClient> c;
    CHECK(flood(piece, c) < kFloodBytes);          // the server closed the connection
    CHECK(resident_kib() - before < 8 * 1024);    // what it read was never kept
    CHECK(status_of(raw_get(port, "/")) == 200);  // others are answered meanwhile
  }
}

TEST_CASE("serve: keeps answering with every live-reload tab open and clients that stall, and stops promptly") {
  TempFolder dir("logbook-serve-load");
  dir.write("site/index.html", "<html><head></head><body>Home</body></html>");
  dir.write("site/big.bin", std::string(16u << 20, 'x'));
  RunningServer s(dir.path / "site");
  const int port = s.server.port();

  std::vector<std::unique_ptr<RawClient>> streams, stalled, slow_readers;
  const auto open_stream = [&] {
    auto c = std::make_unique<RawClient>(port);
    c->send_text("GET /_logbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string head = c->receive("retry:");
    return std::make_pair(std::move(c), head);
  };
  for (int i = 0; i < limits::kEventStreams; ++i) {
    auto [c, head] = open_stream();
    REQUIRE_MESSAGE(status_of(head) == 200, "stream ", i, ": ", head);
    streams.push_back(std::move(c));
  }
  // One page more than the limit is refused at once instead of waiting for a thread.
  CHECK(status_of(open_stream().second) == 503);
  for (int i = 0; i < 20; ++i) {  // half a request, then nothing
    stalled.push_back(std::make_unique<RawClient>(port));
    stalled.back()->send_text("GET / HTTP/1.1\r\nHo");
  }
  for (int i = 0; i < 5; ++i) {  // ask for a large file and never read it
    slow_readers.push_back(std::make_unique<RawClient>(port));
    slow_readers.back()->send_text("GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  const auto start = std::chrono::steady_clock::now();
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(2, 0);
  client.set_read_timeout(2, 0);
  int status = 0;
  CHECK(get(client, "/", &status).find("Home") != std::string::npos);
  CHECK(status == 200);
  CHECK(seconds_since(start) < 1.0);

  // A closed tab gives its place back to the next page that opens, within two pings.
  streams.pop_back();
  const auto closed_at = std::chrono::steady_clock::now();
  CHECK(eventually([&] { return status_of(open_stream().second) == 200; }));
  CHECK(seconds_since(closed_at) < 2 * limits::kEventPingMilliseconds / 1000.0 + 1.0);

  // Stopping waits for a client that stalls only until its read timeout drops it.
  slow_readers.clear();
  RawClient late(port);
  late.send_text("GET / HTTP/1.1\r\nHo");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto stop_start = std::chrono::steady_clock::now();
  s.stop();
  CHECK(seconds_since(stop_start) < limits::kReadTimeoutSeconds + 1.0);
}

TEST_CASE("serve: listens on 127.0.0.1 by default and warns when told to listen on the network") {
  const fs::path dir = fs::temp_directory_path() / ("logbook-serve-host-" + std::to_string(getpid()));
  fs::remove_all(dir);
  write(dir / "content/index.md", "# Home\n");
  Server server(dir / "content", dir / "site", "/", "0.0.0.0");
  httplib::Client client("127.0.0.1", server.port);
  REQUIRE_MESSAGE(eventually([&] { int s = 0; get(client, "/", &s); return s == 200; }), "server did not start");
  server.stop();
  std::ifstream log(server.log);
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  CHECK_MESSAGE(text.find("logbook serve: warning: listening on 0.0.0.0, so anyone who can reach this machine") != std::string::npos, text);
  std::error_code ec;
  fs::remove_all(dir, ec);
}
