// logbook serve [CONTENT_DIR] [-o OUT_DIR] [--port N]: build, then serve on 127.0.0.1.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "core/diagnostic.hpp"
#include "site_builder.hpp"
#include "static_server.hpp"

namespace logbook::cli {

void add_serve_command(CLI::App& app, Action& run) {
  auto build = std::make_shared<BuildOptions>();
  auto serve = std::make_shared<ServeOptions>();
  build->app_dir = default_app_dir();
  CLI::App* cmd = app.add_subcommand("serve", "Build the site and serve it at http://127.0.0.1:PORT/");
  cmd->add_option("content", build->content_dir, "Folder of Markdown (default: content)");
  cmd->add_option("-o,--out", build->out_dir, "Output folder (default: _site)");
  cmd->add_option("--base-url", build->base_url, "Serve under this path, as GitHub project pages do (/repo/)");
  cmd->add_option("--app-dir", build->app_dir, "Folder of the built wasm app");
  cmd->add_option("-p,--port", serve->port, "Port (default 8000)")->check(CLI::Range(1, 65535));
  cmd->add_option("--host", serve->host, "Address to listen on (default 127.0.0.1)");
  cmd->callback([build, serve, &run] {
    run = [build, serve] {
      build->progress = isatty(STDERR_FILENO) != 0;
      const BuildReport report = build_site_to_disk(*build);
      for (const Diagnostic& d : report.diagnostics) std::cerr << format_diagnostic(d) << '\n';
      if (!report.fatal.empty()) std::cerr << "logbook serve: " << report.fatal << '\n';
      std::cerr << summary_line(report, *build) << '\n';
      if (!std::filesystem::exists(build->out_dir / "index.html")) return 1;
      serve->root = build->out_dir;
      serve->base = normalize_base(build->base_url);
      std::cerr << "Serving " << build->out_dir.string() << " at http://" << serve->host << ':' << serve->port
                << serve->base << "/ (Ctrl+C stops)" << std::endl;
      std::string error;
      if (!serve_static_site(*serve, error)) {
        std::cerr << "logbook serve: " << error << '\n';
        return 1;
      }
      return 0;
    };
  });
}

}  // namespace logbook::cli
