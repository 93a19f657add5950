// Right-to-left text for a renderer without a shaping engine: Arabic joining forms,
// reversal for drawing, and word-level ordering of mixed lines.
#include <doctest/doctest.h>

#include "core/bidi_text.hpp"
#include "core/utf8.hpp"

using namespace logbook;

namespace {

std::u32string code_points(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
  return out;
}

}  // namespace

TEST_CASE("directions: Hebrew and Arabic letters are right-to-left; digits and punctuation are neutral") {
  CHECK(strong_direction("שלום") == TextDirection::rtl);
  CHECK(strong_direction("مرحبا") == TextDirection::rtl);
  CHECK(strong_direction("hello") == TextDirection::ltr);
  CHECK(strong_direction("2024, (3.14)") == TextDirection::neutral);
  CHECK(strong_direction("— «שלום» world") == TextDirection::rtl);  // the first strong letter decides
  CHECK(strong_direction("١٢٣") == TextDirection::neutral);         // Arabic-Indic digits are numbers
}

TEST_CASE("Arabic letters take their joining forms: initial, medial, final, isolated") {
  // كتب (kaf, teh, beh): kaf initial, teh medial, beh final.
  CHECK(code_points(shape_arabic("كتب")) == std::u32string{0xFEDB, 0xFE98, 0xFE90});
  // A right-joining letter (dal) breaks the word: the letter after it starts again.
  // درس: dal isolated, reh isolated (dal joins nothing after it), seen isolated.
  CHECK(code_points(shape_arabic("درس")) == std::u32string{0xFEA9, 0xFEAD, 0xFEB1});
  // A letter alone is isolated.
  CHECK(code_points(shape_arabic("ب")) == std::u32string{0xFE8F});
}

TEST_CASE("Arabic marks do not break the join; lam-alef is one ligature") {
  // بَب: beh, fatha, beh: the marks are skipped, the letters still join.
  CHECK(code_points(shape_arabic("بَب")) == std::u32string{0xFE91, 0x064E, 0xFE90});
  // لا alone: the isolated ligature; بلا: beh initial, then the final ligature.
  CHECK(code_points(shape_arabic("لا")) == std::u32string{0xFEFB});
  CHECK(code_points(shape_arabic("بلا")) == std::u32string{0xFE91, 0xFEFC});
}

TEST_CASE("text without Arabic is not changed by shaping") {
  CHECK(shape_arabic("hello") == "hello");
  CHECK(shape_arabic("שלום") == "שלום");
}

TEST_CASE("a right-to-left word is reversed for drawing, marks stay after their base, numbers keep their order") {
  CHECK(visual_rtl("שלום") == "םולש");
  CHECK(code_points(visual_rtl("שָׁלוֹם")) == code_points("םוֹלשָׁ"));
  CHECK(visual_rtl("גרסה 3.14") == "3.14 הסרג");
  CHECK(visual_rtl("(שלום)") == "(םולש)");  // brackets are mirrored
}

TEST_CASE("pieces of a line are ordered by the word-level bidi algorithm") {
  using D = TextDirection;
  // A left-to-right paragraph with two Hebrew words in it: the Hebrew pair is reversed.
  CHECK(visual_order({D::ltr, D::rtl, D::rtl, D::ltr}, D::ltr) == std::vector<int>{0, 2, 1, 3});
  // A right-to-left paragraph: everything right to left, an English pair keeps its order.
  CHECK(visual_order({D::rtl, D::ltr, D::ltr, D::rtl}, D::rtl) == std::vector<int>{3, 1, 2, 0});
  // A number between Hebrew words goes with them.
  CHECK(visual_order({D::rtl, D::neutral, D::rtl}, D::ltr) == std::vector<int>{2, 1, 0});
  // A neutral between directions takes the paragraph's.
  CHECK(resolve_neutrals({D::ltr, D::neutral, D::rtl}, D::ltr)[1] == D::ltr);
  CHECK(resolve_neutrals({D::ltr, D::neutral, D::rtl}, D::rtl)[1] == D::rtl);
}

TEST_CASE("a whole line (a title, a label) is turned into drawing order") {
  CHECK(visual_line("plain English") == "plain English");
  CHECK(visual_line("שלום עולם") == "םלוע םולש");
  CHECK(visual_line("Logbook בעברית") == "Logbook תירבעב");
  CHECK(visual_line("מדריך Logbook למתחילים") == "םיליחתמל Logbook ךירדמ");
}

TEST_CASE("a font subset for Arabic text gets every form shaping can make") {
  std::set<char32_t> chars{0x0628, 0x0644, 0x0627};  // beh, lam, alef
  add_shaped_forms(chars);
  for (char32_t form : {0xFE8F, 0xFE90, 0xFE91, 0xFE92, 0xFEDD, 0xFEE0, 0xFE8D, 0xFE8E, 0xFEFB, 0xFEFC})
    CHECK(chars.count(form) == 1);
}
