// logbook serve [CONTENT_DIR] [-o OUT_DIR] [--port N] [--host ADDR]: build, serve on 127.0.0.1 (unless --host) the
// way GitHub Pages does, rebuild when content/ or the site config changes, and reload
// open pages. A broken edit shows its problems in the browser; the server keeps going.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include "commands.hpp"
#include "core/diagnostic.hpp"
#include "file_watcher.hpp"
#include "site_builder.hpp"
#include "static_server.hpp"

namespace logbook::cli {

namespace {

std::atomic<bool> g_stop_requested{false};  // set by SIGINT/SIGTERM; signals need a global

void on_stop_signal(int) { g_stop_requested = true; }

// Prints the build's findings and tells open pages: reload, and show the problems over
// the page, warnings too, as the terminal shows them (a page opened later gets the
// last build's).
void report_build(const BuildReport& report, const BuildOptions& build, LiveReload& live, bool initial) {
  const std::string summary = print_build_report(report, build, "serve");
  std::vector<std::string> lines = shown_diagnostics(report, build);
  if (!report.fatal.empty()) lines.push_back("logbook: " + report.fatal);
  if (report.written && !initial) live.reload();
  if (!lines.empty()) live.problems(summary, lines);
}

std::filesystem::path config_path(const std::filesystem::path& content_dir) {
  std::error_code ec;
  const auto parent = std::filesystem::absolute(content_dir, ec).parent_path();
  return parent / "logbook.yml";
}

}  // namespace

void add_serve_command(CLI::App& app, Action& run) {
  auto build = std::make_shared<BuildOptions>();
  auto serve = std::make_shared<ServeOptions>();
  auto watch = std::make_shared<bool>(true);
  CLI::App* cmd = app.add_subcommand("serve", "Build the site, serve it at http://127.0.0.1:PORT/ and rebuild on changes");
  add_site_options(cmd, *build);
  cmd->add_option("-p,--port", serve->port, "Port (default 8000)")->check(CLI::Range(1, 65535));
  cmd->add_option("--host", serve->host,
                  "Address to listen on (default 127.0.0.1: this machine only; 0.0.0.0 lets anyone on the network read the site)");
  cmd->add_flag("!--no-watch", *watch, "Serve the site as built; do not rebuild on changes");
  cmd->callback([build, serve, watch, &run] {
    run = [build, serve, watch] {
      LiveReload live;
      build->progress = isatty(STDERR_FILENO) != 0;
      build->preview = true;
      SiteBuilder builder(*build);
      report_build(builder.build(), *build, live, true);
      serve->root = build->out_dir;
      serve->base = normalize_base(build->base_url);
      serve->live = *watch ? &live : nullptr;
      StaticServer server(*serve);
      std::string error;
      if (!server.bind(error)) {
        std::cerr << "logbook serve: " << error << '\n';
        return 1;
      }
      if (!is_loopback_host(serve->host))
        std::cerr << "logbook serve: warning: listening on " << serve->host << ", so anyone who can reach this machine on port "
                  << serve->port << " can read the site; leave out --host to serve this machine only.\n";
      signal(SIGINT, on_stop_signal);
      signal(SIGTERM, on_stop_signal);
      std::cerr << "Serving " << build->out_dir.string() << " at http://" << serve->host << ':' << serve->port
                << serve->base << "/" << (*watch ? ", rebuilding on changes" : "") << " (Ctrl+C stops)" << std::endl;

      // The watcher thread rebuilds on changes and stops the server on a signal.
      std::thread watcher([&] {
        FileWatcher files(build->content_dir);
        if (*watch && !files.ok()) std::cerr << "logbook serve: " << files.error() << "; pages will not rebuild.\n";
        const auto config = config_path(build->content_dir);
        std::error_code ec;
        auto config_time = std::filesystem::last_write_time(config, ec);
        while (!g_stop_requested) {
          std::set<std::string> changed;
          if (*watch && files.ok()) changed = files.wait(std::chrono::milliseconds(200));
          else std::this_thread::sleep_for(std::chrono::milliseconds(200));
          const auto now_config_time = std::filesystem::last_write_time(config, ec);
          if (*watch && now_config_time != config_time) {
            config_time = now_config_time;
            changed.insert(config.filename().string());
          }
          if (changed.empty() || g_stop_requested) continue;
          std::cerr << "Changed: " << *changed.begin() << (changed.size() > 1 ? " and " + std::to_string(changed.size() - 1) + " more" : "") << '\n';
          report_build(builder.rebuild(changed), *build, live, false);
        }
        server.stop();
      });
      server.listen();
      g_stop_requested = true;
      watcher.join();
      std::cerr << "Stopped." << std::endl;
      return 0;
    };
  });
}

}  // namespace logbook::cli
