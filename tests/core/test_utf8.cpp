// Spec: content arrives as bytes; invalid UTF-8 is found, located and repaired.
#include <doctest/doctest.h>

#include "core/utf8.hpp"

using namespace logbook;

TEST_CASE("valid UTF-8 passes, including 4-byte sequences") {
  CHECK_FALSE(find_invalid_utf8("plain ascii").has_value());
  CHECK_FALSE(find_invalid_utf8("Zürich 東京 🚀").has_value());
}

TEST_CASE("invalid sequences are found at their byte offset") {
  CHECK(find_invalid_utf8("ab\xFF" "cd") == std::optional<std::size_t>(2));
  CHECK(find_invalid_utf8("\xC0\xAF") == std::optional<std::size_t>(0));       // overlong '/'
  CHECK(find_invalid_utf8("x\xED\xA0\x80") == std::optional<std::size_t>(1));  // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xE2\x82") == std::optional<std::size_t>(0));       // truncated
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == std::optional<std::size_t>(0));  // past U+10FFFF
}

TEST_CASE("positions count lines and characters, not bytes") {
  const std::string text = "one\ntwo é\n\xFF";
  const auto pos = position_of(text, text.size() - 1);
  CHECK(pos.line == 3);
  CHECK(pos.column == 1);
  const auto after_accent = position_of(text, text.find("é") + 2);
  CHECK(after_accent.line == 2);
  CHECK(after_accent.column == 6);
}

TEST_CASE("repair replaces each bad byte with U+FFFD and keeps the rest") {
  CHECK(repair_utf8("a\xFFz") == "a\xEF\xBF\xBDz");
  CHECK_FALSE(find_invalid_utf8(repair_utf8("\xC3\x28 \xE2\x82")).has_value());
}

TEST_CASE("binary files are recognised by NUL bytes") {
  CHECK(looks_binary(std::string("PNG\0\0data", 9)));
  CHECK_FALSE(looks_binary("# Title\n"));
}

TEST_CASE("code points round-trip through append and next") {
  std::string s;
  for (char32_t cp : {U'a', U'é', U'東', U'🚀'}) append_utf8(s, cp);
  std::size_t i = 0;
  CHECK(next_code_point(s, i) == U'a');
  CHECK(next_code_point(s, i) == U'é');
  CHECK(next_code_point(s, i) == U'東');
  CHECK(next_code_point(s, i) == U'🚀');
  CHECK(i == s.size());
}

TEST_CASE("lower_ascii lowers ASCII letters only, so UTF-8 text stays valid") {
  CHECK(lower_ascii("Status: ACCEPTED") == "status: accepted");
  CHECK(lower_ascii("ÄRGER über Zürich") == "Ärger über zürich");
}
