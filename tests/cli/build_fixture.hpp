// What the build's specification files share (test_build.cpp, test_build_generated.cpp):
// a small site to build, its options, reading a file back and running the command.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "cli/content_reader.hpp"
#include "cli/site_builder.hpp"
#include "temp_folder.hpp"

namespace logbook::test {

using TempDir = TempFolder;

inline std::string slurp(const std::filesystem::path& p) {
  std::string out, err;
  REQUIRE_MESSAGE(cli::read_file(p, out, err), err);
  return out;
}

// Runs a shell command; its standard output, and its exit status in `status`.
inline std::string run(const std::string& command, int& status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  status = pclose(pipe);
  return out;
}

// Three pages (one tagged, one with an image) and the image, under dir/content.
inline void write_fixture(const TempDir& dir) {
  dir.write("content/index.md", "---\ntitle: Team Handbook\n---\n# Team Handbook\n\nWelcome. Read [[Setup]].\n");
  dir.write("content/guides/index.md", "# Guides\n\nHow we work.\n");
  dir.write("content/guides/setup.md",
            "---\ntitle: Setup\ndescription: Install the tools & log in.\ntags: [onboarding]\ndate: 2026-03-01\n---\n"
            "# Setup\n\n## Install\n\nRun `worker_threads` setup. See [home](../index.md) and ![logo](../img/logo.png).\n");
  dir.write("content/img/logo.png", std::string("\x89PNG\r\n\x1a\n", 8));
}

// dir/content built into dir/site.
inline cli::BuildOptions options_for(const TempDir& dir) {
  cli::BuildOptions o;
  o.content_dir = dir.path / "content";
  o.out_dir = dir.path / "site";
  return o;
}

}  // namespace logbook::test
