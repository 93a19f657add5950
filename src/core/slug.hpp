// Heading anchors, compatible with GitHub's (github-slugger): lowercase, punctuation
// and symbols dropped, each space a hyphen; a repeated slug in one page gets -1, -2...
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace logbook {

std::string slugify(std::string_view heading_text);

// Hands out unique slugs within one page.
class Slugger {
 public:
  std::string unique(std::string_view heading_text);

 private:
  std::unordered_map<std::string, int> seen_;
};

// Lowercases ASCII and the common alphabets (Latin-1, Latin Extended-A, Greek, Cyrillic).
char32_t to_lower(char32_t cp);

}  // namespace logbook
