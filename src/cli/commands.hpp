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

// Where `logbook build` finds the wasm app by default: LOGBOOK_APP_DIR, else the
// wasm preset's output in the source tree this binary was built from.
std::filesystem::path default_app_dir();

}  // namespace logbook::cli
