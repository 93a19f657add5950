#include "url.hpp"

namespace logbook {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_unreserved(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.' || c == '~'; }

}  // namespace

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    if (is_unreserved(c)) {
      out += c;
      continue;
    }
    const auto b = static_cast<unsigned char>(c);
    out += {'%', kHex[b >> 4], kHex[b & 0xF]};
  }
  return out;
}

std::string percent_decode(std::string_view s, Plus plus) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += plus == Plus::space && s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

bool has_scheme(std::string_view url) {
  if (url.starts_with("//")) return true;
  if (url.empty() || !is_alpha(url.front())) return false;
  for (const char c : url) {
    if (c == ':') return true;
    if (!(is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.')) return false;
  }
  return false;
}

std::string encode_path_chars(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (const char c : path) {
    if (c == '%') out += "%25";
    else if (c == '#') out += "%23";
    else if (c == '?') out += "%3F";
    else out += c;
  }
  return out;
}

std::string url_for_asset(std::string_view path) { return "/" + encode_path_chars(path); }

}  // namespace logbook
