// Spec: `logbook serve` builds and serves with GitHub Pages semantics, rebuilds when a
// file changes, tells open pages to reload (or shows a broken edit's problems), and
// stops cleanly on SIGTERM.
#include <doctest/doctest.h>

#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

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

  Server(const fs::path& content, const fs::path& out, const std::string& base = "/") {
    std::random_device rd;
    port = 20000 + static_cast<int>(rd() % 20000);
    log = out.parent_path() / "serve.log";
    pid = fork();
    if (pid == 0) {
      const std::string port_s = std::to_string(port);
      freopen(log.c_str(), "w", stderr);
      execl(LOGBOOK_BINARY, "logbook", "serve", content.c_str(), "-o", out.c_str(), "--port", port_s.c_str(),
            "--base-url", base.c_str(), static_cast<char*>(nullptr));
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

  write(dir / "content/guide.md", "---\ntitle: [broken\n---\n# Guide\n\nThird version.\n");
  CHECK(saw("event: problems"));
  {
    std::lock_guard lock(events_mutex);
    CHECK_MESSAGE(events.find("guide.md:3:1: error: malformed front matter") != std::string::npos, events);
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
