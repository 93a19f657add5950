#include "fallback_fonts.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "core/utf8.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

// Broad-coverage faces from Debian, tried in order for each missing character: DejaVu for
// the scripts and symbols, Droid Sans Fallback for Chinese and Japanese, Nanum for Hangul.
// (Scripts that need shaping, such as Arabic, Thai or Devanagari, are drawn unshaped.)
constexpr const char* kSources[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
};

bool in_ranges(char32_t cp, std::string_view ranges) {
  std::size_t pos = 0;
  while (pos < ranges.size()) {
    auto end = ranges.find(',', pos);
    if (end == std::string_view::npos) end = ranges.size();
    std::string_view item = ranges.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && (item.front() == ' ' || item.front() == '\n')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\n')) item.remove_suffix(1);
    if (item.rfind("U+", 0) == 0) item.remove_prefix(2);
    const auto dash = item.find('-');
    try {
      const auto lo = static_cast<char32_t>(std::stoul(std::string(item.substr(0, dash)), nullptr, 16));
      const auto hi = dash == std::string_view::npos ? lo : static_cast<char32_t>(std::stoul(std::string(item.substr(dash + 1)), nullptr, 16));
      if (cp >= lo && cp <= hi) return true;
    } catch (...) {
      continue;
    }
  }
  return false;
}

// Characters that need no glyph of their own: controls, joiners, variation selectors.
bool drawn_without_glyph(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE000 && cp <= 0xF8FF);
}

bool run_pyftsubset(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (FILE* devnull = std::fopen("/dev/null", "w")) dup2(fileno(devnull), STDERR_FILENO);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

void add_uncovered_characters(std::string_view text, std::string_view coverage, std::set<char32_t>& out) {
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (cp < 0x80 || drawn_without_glyph(cp) || out.count(cp)) continue;
    if (!in_ranges(cp, coverage)) out.insert(cp);
  }
}

FallbackFonts make_fallback_fonts(const std::set<char32_t>& characters, const fs::path& fonts_dir) {
  FallbackFonts result;
  if (characters.empty()) return result;
  std::string unicodes;
  for (char32_t cp : characters) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%s%X", unicodes.empty() ? "" : ",", static_cast<unsigned>(cp));
    unicodes += hex;
  }
  std::error_code ec;
  fs::create_directories(fonts_dir, ec);
  for (const char* source : kSources) {
    if (!fs::exists(source, ec)) continue;
    const std::string name = "fallback-" + std::to_string(result.files.size()) + ".ttf";
    if (run_pyftsubset({"pyftsubset", source, "--unicodes=" + unicodes, "--layout-features=", "--no-hinting",
                        "--desubroutinize", "--name-IDs=", "--drop-tables+=GSUB,GPOS,GDEF,STAT,DSIG",
                        "--output-file=" + (fonts_dir / name).string()}))
      result.files.push_back("app/fonts/" + name);
  }
  if (result.files.empty())
    result.problem = std::to_string(characters.size()) +
                     " characters of the content are not in the app's fonts and no fallback could be made; "
                     "install fonttools, fonts-dejavu-core, fonts-droid-fallback and fonts-nanum (scripts/bootstrap.sh does).";
  return result;
}

}  // namespace logbook::cli
