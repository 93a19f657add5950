// Right-to-left text for a renderer that draws glyphs one code point at a time, left to
// right, with no shaping engine (Dear ImGui's). Hebrew needs only its order reversed;
// Arabic also needs each letter in its joining form (initial, medial, final, isolated),
// which Unicode's Arabic Presentation Forms encode as code points of their own, so a
// plain font can draw joined Arabic.
//
// Ordering is the Unicode bidirectional algorithm at word level: a paragraph takes the
// direction of its first strong letter; right-to-left words and the neutral words between
// them (digits, punctuation) are ordered right to left; a number or a left-to-right word
// inside keeps its own order. That covers prose; it does not resolve every neutral the way
// the full algorithm (UAX #9) would, and explicit embedding marks are not honoured.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace logbook {

enum class TextDirection : std::uint8_t { neutral, ltr, rtl };

// Hebrew, Arabic, Syriac, Thaana, NKo and their presentation forms.
bool is_rtl_letter(char32_t cp);

// The direction of the first strong letter in the text; neutral if it has none.
TextDirection strong_direction(std::string_view utf8);

// Arabic letters replaced by their contextual forms and lam-alef ligatures, in logical
// order. Text without Arabic comes back unchanged.
std::string shape_arabic(std::string_view logical);

// A right-to-left word or stretch as it is drawn left to right: shaped, characters
// reversed with combining marks kept after their base, digits and Latin kept in order.
std::string visual_rtl(std::string_view logical);

// The direction each piece is drawn in: a neutral piece (digits, punctuation) between
// two pieces of one direction takes theirs, otherwise the paragraph's.
std::vector<TextDirection> resolve_neutrals(const std::vector<TextDirection>& pieces, TextDirection paragraph);

// Word-level bidi for pieces of one line: given each piece's direction in logical order
// and the paragraph's, the order in which to draw them left to right.
std::vector<int> visual_order(const std::vector<TextDirection>& pieces, TextDirection paragraph);

// One line (a label, a title) as drawn left to right; unchanged when it has no
// right-to-left letters.
std::string visual_line(std::string_view logical);

// Adds the presentation forms shape_arabic can make from the given characters, so a font
// subset built for them has every glyph the shaped text needs.
void add_shaped_forms(std::set<char32_t>& characters);

}  // namespace logbook
