// logbook: build, search and serve a knowledge base from a folder of Markdown.
#include <cstdio>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Logbook: a knowledge base and decision log built from Markdown in your repository."};
  app.require_subcommand(1);
  logbook::cli::Action run;
  logbook::cli::add_build_command(app, run);
  logbook::cli::add_search_command(app, run);
  logbook::cli::add_serve_command(app, run);
  logbook::cli::add_check_command(app, run);
  logbook::cli::add_new_command(app, run);
  logbook::cli::add_init_command(app, run);
  CLI11_PARSE(app, argc, argv);
  return run ? run() : 1;
}
