// libFuzzer target: a small site built from fuzzed files, its decision records read in
// every dialect, every check of `logbook check` and each page's HTML (the search
// database writer is left to the search target: here it would take most of the time).
// The input holds up to kPaths files separated by NUL bytes; the paths put some in the
// decisions folder, so supersession, ids and dates between records are exercised as
// well as links between pages.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/checks.hpp"
#include "core/decision.hpp"
#include "core/site.hpp"

namespace {

constexpr const char* kPaths[] = {
    "decisions/0001-record-decisions.md", "decisions/0002-use-sqlite.md", "decisions/20201016-dated-record.md",
    "index.md",                          "guides/setup.md",              "decisions/index.md",
};

std::vector<logbook::SourceFile> split_files(std::string_view input) {
  std::vector<logbook::SourceFile> files;
  for (const char* path : kPaths) {
    const std::size_t end = input.find('\0');
    files.push_back({path, std::string(input.substr(0, end))});
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const logbook::SiteConfig config;
  const logbook::Site site = logbook::build_site(split_files(input));
  const logbook::DecisionLog log = logbook::extract_decisions(site, config);
  (void)log.next_number();
  (void)logbook::run_checks({site, log, config, "2026-06-01"});
  for (const logbook::Page& page : site.pages) (void)logbook::render_page_html(site, page, "/repo/");
  return 0;
}
