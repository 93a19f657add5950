// logbook build [CONTENT_DIR] [-o OUT_DIR] [--base-url PATH] [--strict]
#include <unistd.h>

#include <iostream>
#include <memory>

#include "commands.hpp"
#include "core/diagnostic.hpp"
#include "site_builder.hpp"

namespace logbook::cli {

std::filesystem::path default_app_dir() {
  if (const char* env = std::getenv("LOGBOOK_APP_DIR")) return env;
#ifdef LOGBOOK_DEFAULT_APP_DIR
  return LOGBOOK_DEFAULT_APP_DIR;
#else
  return {};  // a release build: the app compiled into the binary
#endif
}

void add_site_options(CLI::App* cmd, BuildOptions& options) {
  options.app_dir = default_app_dir();
  cmd->add_option("content", options.content_dir, "Folder of Markdown (default: content)");
  cmd->add_option("-o,--out", options.out_dir, "Output folder (default: _site)");
  cmd->add_option("--base-url", options.base_url, "Path the site is served under, e.g. /repo/ for GitHub project pages");
  cmd->add_option("--site-url", options.site_url, "Origin for canonical links and the sitemap, e.g. https://docs.example.org");
  cmd->add_option("--title", options.title, "Site title (default: logbook.yml's, else the home page's title)");
  cmd->add_option("--app-dir", options.app_dir, "Folder of the built wasm app (default: the one built in, else the wasm preset's output)");
}

std::string print_build_report(const BuildReport& report, const BuildOptions& options, const char* command) {
  for (const Diagnostic& d : report.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  if (!report.fatal.empty()) std::cerr << "logbook " << command << ": " << report.fatal << '\n';
  for (const std::string& note : report.notes) std::cerr << "logbook " << command << ": note: " << note << '\n';
  const std::string summary = summary_line(report, options);
  std::cerr << summary << std::endl;
  if (std::getenv("LOGBOOK_TIMINGS"))
    std::cerr << "timings: read " << report.read_seconds << " s, model " << report.model_seconds << " s, pages "
              << report.pages_seconds << " s, database " << report.database_seconds << " s, total " << report.seconds << " s\n";
  return summary;
}

void add_build_command(CLI::App& app, Action& run) {
  auto options = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand("build", "Build the static site from a content folder");
  add_site_options(cmd, *options);
  cmd->add_flag("--strict", options->strict, "Treat warnings as errors: exit 1 and keep the previous site");
  cmd->callback([options, &run] {
    run = [options] {
      options->progress = isatty(STDERR_FILENO) != 0;
      const BuildReport report = build_site_to_disk(*options);
      print_build_report(report, *options, "build");
      return report.exit_code(options->strict);
    };
  });
}

}  // namespace logbook::cli
