#include "page_history.hpp"

#include <cstdint>
#include <cstdio>

#include "utf8.hpp"

namespace logbook {

// Eight bytes a step (little-endian, whatever the machine), mixed with multiply and
// rotate; deterministic everywhere, so hashes from a CI build and a laptop agree.
std::string content_hash(std::string_view bytes) {
  constexpr std::uint64_t k1 = 0x9E3779B185EBCA87ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
  std::uint64_t h = 0x27D4EB2F165667C5ULL ^ (bytes.size() * k1);
  const auto rotl = [](std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); };
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w = 0;
    for (int b = 7; b >= 0; --b) w = (w << 8) | static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(b)]);
    h = rotl(h ^ (w * k2), 31) * k1;
  }
  for (; i < bytes.size(); ++i) h = rotl(h ^ (static_cast<unsigned char>(bytes[i]) * k1), 11) * k2;
  h ^= h >> 33;
  h *= k2;
  h ^= h >> 29;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

std::string commit_summary(std::string_view message) {
  std::string_view line = message.substr(0, message.find('\n'));
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  if (line.size() <= kCommitSummaryBytes) return repair_utf8(line);
  std::size_t cut = kCommitSummaryBytes - 3;  // room for the ellipsis
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return repair_utf8(line.substr(0, cut)) + "\u2026";
}

}  // namespace logbook
