// Fonts for the characters the content uses that the app's bundled faces lack (CJK, other
// scripts): the build finds them and subsets Debian's broad-coverage fonts to exactly
// those characters with pyftsubset (fonttools), so a reader downloads only what the pages
// need. The bundled faces' ranges are in site/font-coverage.txt (shared with the wasm build).
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/site.hpp"

namespace logbook::cli {

// A set of characters written as ranges ("U+0020-007E,U+00A0-024F,..."; the U+ is
// optional), read once and asked many times: a build asks it of every character.
class CharacterRanges {
 public:
  explicit CharacterRanges(std::string_view ranges);
  bool contains(char32_t cp) const;
  bool empty() const { return ranges_.empty(); }
  bool overlaps(const std::set<char32_t>& characters) const;

 private:
  std::vector<std::pair<char32_t, char32_t>> ranges_;  // sorted by their first character
};

// Code points in `text` outside `coverage`, added to `out`.
void add_uncovered_characters(std::string_view text, const CharacterRanges& coverage, std::set<char32_t>& out);

// The characters the app's text faces have: the wasm build writes their exact list to
// APP/fonts/coverage.txt; an app without it is taken to cover `fallback` (the ranges the
// faces were subset to, site/font-coverage.txt).
std::string app_font_coverage(const std::filesystem::path& app_dir, std::string_view fallback);

struct FallbackFonts {
  std::vector<std::string> files;  // relative to the site root: app/fonts/fallback-0.ttf, ...
  std::string problem;             // why some characters will show as boxes, if they will
};

// Writes the subset faces into fonts_dir (SITE/app/fonts).
FallbackFonts make_fallback_fonts(const std::set<char32_t>& characters, const std::filesystem::path& fonts_dir);

}  // namespace logbook::cli
