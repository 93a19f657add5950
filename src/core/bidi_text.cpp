#include "bidi_text.hpp"

#include <algorithm>

#include "utf8.hpp"

namespace logbook {

namespace {

// How a letter joins its neighbours (Unicode's ArabicShaping.txt): right-joining letters
// join only the letter before them; dual-joining letters join both sides.
enum class Joining : std::uint8_t { right, dual };

struct ArabicLetter {
  char32_t letter;
  char32_t isolated;  // then final, and for dual-joining letters initial and medial
  Joining joining;
};

// The letters of Arabic and Persian with presentation forms, in code point order.
constexpr ArabicLetter kLetters[] = {
    {0x0622, 0xFE81, Joining::right}, {0x0623, 0xFE83, Joining::right}, {0x0624, 0xFE85, Joining::right},
    {0x0625, 0xFE87, Joining::right}, {0x0626, 0xFE89, Joining::dual},  {0x0627, 0xFE8D, Joining::right},
    {0x0628, 0xFE8F, Joining::dual},  {0x0629, 0xFE93, Joining::right}, {0x062A, 0xFE95, Joining::dual},
    {0x062B, 0xFE99, Joining::dual},  {0x062C, 0xFE9D, Joining::dual},  {0x062D, 0xFEA1, Joining::dual},
    {0x062E, 0xFEA5, Joining::dual},  {0x062F, 0xFEA9, Joining::right}, {0x0630, 0xFEAB, Joining::right},
    {0x0631, 0xFEAD, Joining::right}, {0x0632, 0xFEAF, Joining::right}, {0x0633, 0xFEB1, Joining::dual},
    {0x0634, 0xFEB5, Joining::dual},  {0x0635, 0xFEB9, Joining::dual},  {0x0636, 0xFEBD, Joining::dual},
    {0x0637, 0xFEC1, Joining::dual},  {0x0638, 0xFEC5, Joining::dual},  {0x0639, 0xFEC9, Joining::dual},
    {0x063A, 0xFECD, Joining::dual},  {0x0641, 0xFED1, Joining::dual},  {0x0642, 0xFED5, Joining::dual},
    {0x0643, 0xFED9, Joining::dual},  {0x0644, 0xFEDD, Joining::dual},  {0x0645, 0xFEE1, Joining::dual},
    {0x0646, 0xFEE5, Joining::dual},  {0x0647, 0xFEE9, Joining::dual},  {0x0648, 0xFEED, Joining::right},
    {0x0649, 0xFEEF, Joining::right}, {0x064A, 0xFEF1, Joining::dual},  {0x067E, 0xFB56, Joining::dual},
    {0x0686, 0xFB7A, Joining::dual},  {0x0698, 0xFB8A, Joining::right}, {0x06A9, 0xFB8E, Joining::dual},
    {0x06AF, 0xFB92, Joining::dual},  {0x06CC, 0xFBFC, Joining::dual},
};

constexpr char32_t kLam = 0x0644, kTatweel = 0x0640, kZwj = 0x200D;

const ArabicLetter* find_letter(char32_t cp) {
  const auto it = std::lower_bound(std::begin(kLetters), std::end(kLetters), cp,
                                   [](const ArabicLetter& l, char32_t c) { return l.letter < c; });
  return it != std::end(kLetters) && it->letter == cp ? it : nullptr;
}

// Lam followed by one of these alefs is one ligature: isolated form, final form + 1.
char32_t lam_alef(char32_t alef) {
  switch (alef) {
    case 0x0622: return 0xFEF5;
    case 0x0623: return 0xFEF7;
    case 0x0625: return 0xFEF9;
    case 0x0627: return 0xFEFB;
    default: return 0;
  }
}

// Marks that sit on the letter before them and are skipped when letters join.
bool is_combining_mark(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0591 && cp <= 0x05BD) || cp == 0x05BF || cp == 0x05C1 ||
         cp == 0x05C2 || cp == 0x05C4 || cp == 0x05C5 || cp == 0x05C7 || (cp >= 0x0610 && cp <= 0x061A) ||
         (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06DC) ||
         (cp >= 0x06DF && cp <= 0x06E4) || cp == 0x06E7 || cp == 0x06E8 || (cp >= 0x06EA && cp <= 0x06ED) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200C || cp == kZwj;
}

bool is_digit(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9);
}

bool is_ltr_letter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
  if (cp < 0x100) return cp >= 0xC0 && cp != 0xD7 && cp != 0xF7;
  if (is_combining_mark(cp)) return false;
  return (cp < 0x0590) || (cp >= 0x0900 && cp <= 0x1FFF) || (cp >= 0x2C00 && cp <= 0x2DFF) ||
         (cp >= 0x3040 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

// Characters drawn as their mirror image in right-to-left text.
char32_t mirrored(char32_t cp) {
  switch (cp) {
    case '(': return ')';
    case ')': return '(';
    case '[': return ']';
    case ']': return '[';
    case '{': return '}';
    case '}': return '{';
    case '<': return '>';
    case '>': return '<';
    case 0xAB: return 0xBB;
    case 0xBB: return 0xAB;
    default: return cp;
  }
}

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t cp : s) append_utf8(out, cp);
  return out;
}

bool joins_forward(char32_t cp) {  // can join the letter after it
  if (cp == kTatweel || cp == kZwj) return true;
  const ArabicLetter* l = find_letter(cp);
  return l && l->joining == Joining::dual;
}

bool joins_backward(char32_t cp) {  // can join the letter before it
  return cp == kTatweel || cp == kZwj || find_letter(cp) != nullptr;
}

std::u32string shape(std::u32string_view in) {
  std::u32string out;
  out.reserve(in.size());
  const auto neighbour = [&](std::size_t i, int step) -> char32_t {
    for (std::size_t k = i + static_cast<std::size_t>(step); k < in.size(); k += static_cast<std::size_t>(step))
      if (!is_combining_mark(in[k]) || in[k] == kZwj) return in[k];
    return 0;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t cp = in[i];
    const ArabicLetter* letter = find_letter(cp);
    if (!letter) {
      out.push_back(cp);
      continue;
    }
    const char32_t before = i > 0 ? neighbour(i, -1) : 0;
    const bool join_before = before && joins_forward(before);
    if (cp == kLam && i + 1 < in.size() && lam_alef(in[i + 1])) {
      out.push_back(lam_alef(in[i + 1]) + (join_before ? 1 : 0));
      ++i;
      continue;
    }
    const char32_t after = neighbour(i, 1);
    const bool join_after = letter->joining == Joining::dual && after && joins_backward(after);
    int form = 0;  // isolated, final, initial, medial
    if (join_before && join_after) form = 3;
    else if (join_before) form = 1;
    else if (join_after) form = 2;
    out.push_back(letter->isolated + static_cast<char32_t>(form));
  }
  return out;
}

// Reverses shaped right-to-left text for drawing: clusters (a character and the marks on
// it) in reverse order, except that runs of digits and Latin letters, with the separators
// inside them ("3.14", "v1.2"), keep their order.
std::u32string reverse_for_display(std::u32string_view s) {
  struct Span {
    std::size_t begin, end;
    bool keep;
  };
  std::vector<Span> spans;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    while (j < s.size() && is_combining_mark(s[j])) ++j;
    const bool keep = is_digit(s[i]) || is_ltr_letter(s[i]);
    const bool joins_kept = !spans.empty() && spans.back().keep && keep;
    // A separator between two kept characters ("3.14", "a-b") stays with them.
    const bool inner = !spans.empty() && spans.back().keep && !keep && j < s.size() &&
                       (is_digit(s[j]) || is_ltr_letter(s[j])) && (s[i] == '.' || s[i] == ',' || s[i] == ':' ||
                                                                    s[i] == '-' || s[i] == '/' || s[i] == '_');
    if (joins_kept || inner) spans.back().end = j;
    else spans.push_back({i, j, keep});
    i = j;
  }
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t k = spans.size(); k-- > 0;) {
    const Span& sp = spans[k];
    if (sp.keep) out.append(s.substr(sp.begin, sp.end - sp.begin));
    else {
      out.push_back(mirrored(s[sp.begin]));
      out.append(s.substr(sp.begin + 1, sp.end - sp.begin - 1));
    }
  }
  return out;
}

}  // namespace

bool is_rtl_letter(char32_t cp) {
  if (is_combining_mark(cp) || is_digit(cp)) return false;
  if (cp >= 0x0600 && cp <= 0x060F) return false;  // Arabic number signs, punctuation
  return (cp >= 0x05D0 && cp <= 0x05F4) || (cp >= 0x0608 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFC) || (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF);
}

TextDirection strong_direction(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t cp = next_code_point(utf8, i);
    if (is_rtl_letter(cp)) return TextDirection::rtl;
    if (is_ltr_letter(cp)) return TextDirection::ltr;
  }
  return TextDirection::neutral;
}

std::string shape_arabic(std::string_view logical) {
  bool arabic = false;
  for (std::size_t i = 0; i < logical.size() && !arabic;) arabic = find_letter(next_code_point(logical, i)) != nullptr;
  if (!arabic) return std::string(logical);
  return encode(shape(decode(logical)));
}

std::string visual_rtl(std::string_view logical) { return encode(reverse_for_display(shape(decode(logical)))); }

std::vector<TextDirection> resolve_neutrals(const std::vector<TextDirection>& pieces, TextDirection paragraph) {
  // A neutral piece between two pieces of one direction takes it; others the paragraph's.
  const TextDirection fallback = paragraph == TextDirection::rtl ? TextDirection::rtl : TextDirection::ltr;
  std::vector<TextDirection> out(pieces);
  const std::size_t n = pieces.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (pieces[i] != TextDirection::neutral) continue;
    TextDirection before = fallback, after = fallback;
    for (std::size_t k = i; k-- > 0;)
      if (pieces[k] != TextDirection::neutral) {
        before = pieces[k];
        break;
      }
    for (std::size_t k = i + 1; k < n; ++k)
      if (pieces[k] != TextDirection::neutral) {
        after = pieces[k];
        break;
      }
    out[i] = before == after ? before : fallback;
  }
  return out;
}

std::vector<int> visual_order(const std::vector<TextDirection>& pieces, TextDirection paragraph) {
  const std::vector<TextDirection> resolved = resolve_neutrals(pieces, paragraph);
  const bool rtl_paragraph = paragraph == TextDirection::rtl;
  const std::size_t n = pieces.size();
  std::vector<int> level(n), order(n);
  for (std::size_t i = 0; i < n; ++i) {
    level[i] = resolved[i] == TextDirection::rtl ? 1 : (rtl_paragraph ? 2 : 0);
    order[i] = static_cast<int>(i);
  }
  const int highest = n ? *std::max_element(level.begin(), level.end()) : 0;
  for (int l = highest; l >= 1; --l)  // UAX #9 rule L2: reverse every run at level l or above
    for (std::size_t i = 0; i < n;) {
      if (level[static_cast<std::size_t>(order[i])] < l) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < n && level[static_cast<std::size_t>(order[j])] >= l) ++j;
      std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  return order;
}

std::string visual_line(std::string_view logical) {
  if (strong_direction(logical) == TextDirection::neutral) return std::string(logical);
  bool any_rtl = false;
  for (std::size_t i = 0; i < logical.size() && !any_rtl;) any_rtl = is_rtl_letter(next_code_point(logical, i));
  if (!any_rtl) return std::string(logical);
  std::vector<std::string_view> words;
  std::vector<TextDirection> dirs;
  for (std::size_t i = 0; i < logical.size();) {
    while (i < logical.size() && logical[i] == ' ') ++i;
    std::size_t j = i;
    while (j < logical.size() && logical[j] != ' ') ++j;
    if (j > i) {
      words.push_back(logical.substr(i, j - i));
      dirs.push_back(strong_direction(words.back()));
    }
    i = j;
  }
  const TextDirection paragraph = strong_direction(logical);
  const std::vector<TextDirection> resolved = resolve_neutrals(dirs, paragraph);
  std::string out;
  for (const int w : visual_order(dirs, paragraph)) {
    if (!out.empty()) out += ' ';
    const auto i = static_cast<std::size_t>(w);
    out += resolved[i] == TextDirection::rtl ? visual_rtl(words[i]) : std::string(words[i]);
  }
  return out;
}

void add_shaped_forms(std::set<char32_t>& characters) {
  std::set<char32_t> forms;
  for (char32_t cp : characters) {
    const ArabicLetter* l = find_letter(cp);
    if (!l) continue;
    const int count = l->joining == Joining::dual ? 4 : 2;
    for (int f = 0; f < count; ++f) forms.insert(l->isolated + static_cast<char32_t>(f));
    if (characters.count(kLam) && lam_alef(cp)) {
      forms.insert(lam_alef(cp));
      forms.insert(lam_alef(cp) + 1);
    }
  }
  characters.insert(forms.begin(), forms.end());
}

}  // namespace logbook
