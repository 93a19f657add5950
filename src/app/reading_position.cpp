#include "reading_position.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

namespace logbook::app {

namespace {

constexpr std::size_t kWords = 8;        // enough to tell blocks apart
constexpr std::size_t kMaxText = 240;    // bytes kept of a block's start

bool space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// The first kWords words of text, split at whitespace.
std::vector<std::string_view> first_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (words.size() < kWords) {
    while (i < text.size() && space(text[i])) ++i;
    if (i >= text.size()) break;
    const std::size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::string_view chunk_text(const DocLayout& L, const Chunk& c) {
  if (c.frag_begin >= c.frag_end || c.frag_end > L.fragments.size()) return {};
  const std::uint32_t b = L.fragments[c.frag_begin].begin, e = L.fragments[c.frag_end - 1].end;
  return std::string_view(L.text).substr(b, std::min<std::size_t>(e - b, kMaxText));
}

// A block starts with the words.
bool starts_with_words(std::string_view block, const std::vector<std::string_view>& words) {
  const std::vector<std::string_view> have = first_words(block);
  if (have.size() < words.size()) return false;
  return std::equal(words.begin(), words.end(), have.begin());
}

const Anchor* heading_above(const DocLayout& L, float y) {
  const Anchor* found = nullptr;
  for (const Anchor& a : L.anchors) {
    if (a.y > y) break;
    if (a.level >= 1) found = &a;
  }
  return found;
}

}  // namespace

ReadingPosition reading_position_at(const DocLayout& L, float y) {
  ReadingPosition p;
  if (y <= 0 || L.chunks.empty()) return p;
  if (const Anchor* a = heading_above(L, y)) p.heading = a->slug;
  std::size_t c = L.first_chunk_below(y);
  // A chunk with no text (the rule under a heading, an image) cannot be found again by its
  // words: the block after it can.
  while (c < L.chunks.size() && L.chunks[c].frag_begin >= L.chunks[c].frag_end) ++c;
  if (c >= L.chunks.size()) return p;
  std::string text;
  for (std::string_view w : first_words(chunk_text(L, L.chunks[c]))) text += (text.empty() ? "" : " ") + std::string(w);
  p.text = std::move(text);
  p.offset = std::max(0.0f, y - L.chunks[c].y0);
  return p;
}

std::optional<float> find_reading_position(const DocLayout& L, const ReadingPosition& p) {
  const Anchor* heading = p.heading.empty() ? nullptr : L.find_anchor(p.heading);
  const std::vector<std::string_view> words = first_words(p.text);
  const float offset = std::clamp(p.offset, 0.0f, 2000.0f);
  if (!words.empty()) {
    const std::size_t from = heading ? L.first_chunk_below(heading->y) : 0;
    for (std::size_t pass = 0; pass < 2; ++pass) {  // under its heading first, then from the top
      for (std::size_t c = pass == 0 ? from : 0; c < L.chunks.size(); ++c)
        if (starts_with_words(chunk_text(L, L.chunks[c]), words)) return std::min(L.chunks[c].y0 + offset, L.chunks[c].y1);
      if (from == 0) break;
    }
  }
  if (heading) return heading->y;
  return std::nullopt;
}

std::string to_json(const ReadingPosition& p) {
  return nlohmann::json{{"heading", p.heading}, {"text", p.text}, {"offset", p.offset}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ReadingPosition reading_position_from_json(std::string_view json) {
  ReadingPosition p;
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return p;
  if (j.contains("heading") && j["heading"].is_string()) p.heading = j["heading"].get<std::string>().substr(0, 200);
  if (j.contains("text") && j["text"].is_string()) p.text = j["text"].get<std::string>().substr(0, kMaxText);
  if (j.contains("offset") && j["offset"].is_number()) p.offset = j["offset"].get<float>();
  return p;
}

}  // namespace logbook::app
