// UTF-8 checks and text positions. Content arrives as bytes; the core checks it is
// UTF-8 before anything parses it, and reports positions as line:column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace logbook {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, counted in characters (code points), as editors do
};

// Byte offset of the first invalid UTF-8 sequence, or nullopt if the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Line and column of a byte offset in text.
TextPosition position_of(std::string_view text, std::size_t offset);

// True when the bytes look like a binary file (a NUL byte in the first 8 KiB).
bool looks_binary(std::string_view bytes);

// Replaces each invalid sequence with U+FFFD so that a damaged file still builds.
std::string repair_utf8(std::string_view text);

// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

// ASCII letters in lower case, every other byte as it is (so UTF-8 stays valid): for
// matching keys, statuses and names the way readers type them, whatever the locale.
std::string lower_ascii(std::string_view text);

// Decodes the code point at text[i] (valid UTF-8 assumed) and advances i.
char32_t next_code_point(std::string_view text, std::size_t& i);

}  // namespace logbook
