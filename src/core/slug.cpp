#include "slug.hpp"

#include "utf8.hpp"

namespace logbook {

char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0x80) return cp;
  if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) return cp + 0x20;        // Latin-1
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x138 && cp != 0x149) {
    // Latin Extended-A alternates upper/lower, with the parity flipping at U+0139..U+0148 and U+0179..U+017E.
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    const bool is_upper = odd_upper ? (cp % 2 == 1) : (cp % 2 == 0);
    return is_upper ? cp + 1 : cp;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 0x20;       // Greek
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                      // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
  return cp;
}

namespace {

// Symbols and punctuation that GitHub drops from anchors. Letters and digits of
// every script are kept; so are '-' and '_'.
bool dropped_from_slug(char32_t cp) {
  if (cp < 0x80) {
    const bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return !(alnum || cp == '-' || cp == '_' || cp == ' ');
  }
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||   // Latin-1 punctuation and signs
         (cp >= 0x2000 && cp <= 0x2BFF) ||                          // general punctuation, arrows, symbols
         (cp >= 0x3000 && cp <= 0x303F) ||                          // CJK punctuation
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0x200D;          // emoji and joiners
}

}  // namespace

std::string slugify(std::string_view heading_text) {
  std::string out;
  out.reserve(heading_text.size());
  for (std::size_t i = 0; i < heading_text.size();) {
    const char32_t cp = next_code_point(heading_text, i);
    if (dropped_from_slug(cp)) continue;
    if (cp == ' ') {
      out += '-';
    } else {
      append_utf8(out, to_lower(cp));
    }
  }
  return out;
}

std::string Slugger::unique(std::string_view heading_text) {
  const std::string base = slugify(heading_text);
  std::string slug = base;
  auto it = seen_.find(base);
  if (it != seen_.end()) {
    // Like github-slugger: keep counting until the suffixed slug is itself unused.
    do {
      slug = base + '-' + std::to_string(++it->second);
    } while (seen_.count(slug));
  }
  seen_.emplace(slug, 0);
  if (it == seen_.end()) seen_[base] = 0;
  return slug;
}

}  // namespace logbook
