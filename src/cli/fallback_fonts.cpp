#include "fallback_fonts.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/bidi_text.hpp"
#include "core/utf8.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

// Faces from Debian, each subset to the missing characters it is meant for, merged behind
// the app's fonts in this order: DejaVu for most scripts and symbols, Droid Sans Fallback
// for Chinese and Japanese, Nanum for Hangul, Noto for the scripts of South and South-East
// Asia and Ethiopia, Symbola for emoji (drawn in one colour: the app has no colour glyphs).
// Arabic is drawn in its joined forms (core/bidi_text.hpp); scripts whose letters change
// shape in clusters (Devanagari, Bengali...) are drawn letter by letter, unshaped.
struct FallbackSource {
  const char* path;
  const char* ranges;  // characters it is used for; empty: any
};

constexpr FallbackSource kSources[] = {
    {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", ""},
    {"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", "2E80-9FFF,F900-FAFF,FE30-FE4F,FF00-FFEF,20000-2FFFF"},
    {"/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "1100-11FF,3130-318F,A960-A97F,AC00-D7AF"},
    {"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", "0900-097F,A8E0-A8FF"},
    {"/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf", "0980-09FF"},
    {"/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf", "0A00-0A7F"},
    {"/usr/share/fonts/truetype/noto/NotoSansGujarati-Regular.ttf", "0A80-0AFF"},
    {"/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf", "0B80-0BFF"},
    {"/usr/share/fonts/truetype/noto/NotoSansTelugu-Regular.ttf", "0C00-0C7F"},
    {"/usr/share/fonts/truetype/noto/NotoSansKannada-Regular.ttf", "0C80-0CFF"},
    {"/usr/share/fonts/truetype/noto/NotoSansMalayalam-Regular.ttf", "0D00-0D7F"},
    {"/usr/share/fonts/truetype/noto/NotoSansSinhala-Regular.ttf", "0D80-0DFF"},
    {"/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", "0E00-0E7F"},
    {"/usr/share/fonts/truetype/noto/NotoSansLao-Regular.ttf", "0E80-0EFF"},
    {"/usr/share/fonts/truetype/noto/NotoSansMyanmar-Regular.ttf", "1000-109F"},
    {"/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf", "1200-139F,2D80-2DDF"},
    {"/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf", "1780-17FF"},
    {"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", "2190-2BFF,1F000-1FAFF"},
};

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

CharacterRanges::CharacterRanges(std::string_view ranges) {
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
      ranges_.emplace_back(lo, hi);
    } catch (...) {
      continue;
    }
  }
  std::sort(ranges_.begin(), ranges_.end());
}

bool CharacterRanges::contains(char32_t cp) const {
  // The last range starting at or before cp is the only one that can hold it (they do
  // not overlap).
  auto it = std::upper_bound(ranges_.begin(), ranges_.end(), std::pair<char32_t, char32_t>(cp, U'\U0010FFFF'));
  return it != ranges_.begin() && cp <= std::prev(it)->second;
}

bool CharacterRanges::overlaps(const std::set<char32_t>& characters) const {
  return std::any_of(characters.begin(), characters.end(), [this](char32_t cp) { return contains(cp); });
}

void add_uncovered_characters(std::string_view text, const CharacterRanges& coverage, std::set<char32_t>& out) {
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    if (cp < 0x80 || drawn_without_glyph(cp) || out.count(cp)) continue;
    if (!coverage.contains(cp)) out.insert(cp);
  }
}

std::string app_font_coverage(const fs::path& app_dir, std::string_view fallback) {
  std::ifstream in(app_dir / "fonts" / "coverage.txt", std::ios::binary);
  if (!in) return std::string(fallback);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

FallbackFonts make_fallback_fonts(const std::set<char32_t>& characters, const fs::path& fonts_dir) {
  FallbackFonts result;
  if (characters.empty()) return result;
  // Arabic is drawn in its presentation forms, so those are the glyphs the subset needs.
  std::set<char32_t> wanted = characters;
  add_shaped_forms(wanted);
  std::string unicodes;
  for (char32_t cp : wanted) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%s%X", unicodes.empty() ? "" : ",", static_cast<unsigned>(cp));
    unicodes += hex;
  }
  std::error_code ec;
  fs::create_directories(fonts_dir, ec);
  for (const FallbackSource& fallback : kSources) {
    const char* source = fallback.path;
    const CharacterRanges meant_for(fallback.ranges);
    const bool needed = meant_for.empty() || meant_for.overlaps(wanted);
    if (!needed || !fs::exists(source, ec)) continue;
    const std::string name = "fallback-" + std::to_string(result.files.size()) + ".ttf";
    if (run_pyftsubset({"pyftsubset", source, "--unicodes=" + unicodes, "--layout-features=", "--no-hinting",
                        "--desubroutinize", "--name-IDs=", "--drop-tables+=GSUB,GPOS,GDEF,STAT,DSIG",
                        "--output-file=" + (fonts_dir / name).string()}))
      result.files.push_back("app/fonts/" + name);
  }
  if (result.files.empty())
    result.problem = std::to_string(characters.size()) +
                     " characters of the content are not in the app's fonts and no fallback could be made; "
                     "install fonttools, fonts-dejavu-core, fonts-droid-fallback, fonts-nanum, fonts-noto-core and "
                     "fonts-symbola (scripts/bootstrap.sh does).";
  return result;
}

}  // namespace logbook::cli
