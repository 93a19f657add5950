// The subcommands of `logbook`, one file each. Each adds itself to the CLI11 app and
// sets `run` to the function that carries it out once the arguments are parsed.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace logbook::cli {

using Action = std::function<int()>;

void add_build_command(CLI::App& app, Action& run);
void add_search_command(CLI::App& app, Action& run);
void add_serve_command(CLI::App& app, Action& run);
void add_check_command(CLI::App& app, Action& run);
void add_new_command(CLI::App& app, Action& run);
void add_init_command(CLI::App& app, Action& run);

// Where `logbook build` finds the wasm app by default: LOGBOOK_APP_DIR, else the
// wasm preset's output in the source tree this binary was built from; "" in a release
// build, which has the app compiled in (embedded_app.hpp).
std::filesystem::path default_app_dir();

struct BuildOptions;
struct BuildReport;

// The options `build` and `serve` share: the content folder, -o, --base-url, --site-url,
// --title and --app-dir.
void add_site_options(CLI::App* cmd, BuildOptions& options);

// Prints a build's diagnostics, any fatal error and the summary line to stderr (and, with
// LOGBOOK_TIMINGS set, where the time went); returns the summary line.
std::string print_build_report(const BuildReport& report, const BuildOptions& options, const char* command);

}  // namespace logbook::cli
