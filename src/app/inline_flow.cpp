#include "inline_flow.hpp"

#include <algorithm>
#include <cmath>

namespace logbook::app {

bool is_break_anywhere(std::uint32_t cp) {
  return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2FFFF);
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

// The next breakable token of s from i: [i, word_end) is the word, [word_end, next) the
// spaces after it.
void next_token(std::string_view s, std::size_t i, std::size_t& word_end, std::size_t& next) {
  std::size_t j = i;
  while (j < s.size() && !is_space(s[j])) {
    std::size_t k = j;
    const std::uint32_t cp = next_code_point(s, k);
    if (is_break_anywhere(cp)) {
      if (j == i) j = k;  // the ideograph alone is a token
      break;
    }
    j = k;
  }
  word_end = j;
  while (j < s.size() && is_space(s[j])) ++j;
  next = j;
}

bool has_rtl_letters(const std::vector<Run>& runs) {
  for (const Run& r : runs)
    for (std::size_t i = 0; i < r.text.size();)
      if (is_rtl_letter(next_code_point(r.text, i))) return true;
  return false;
}

}  // namespace

std::uint16_t InlineFlow::style_index(const TextStyle& s) {
  for (std::size_t i = doc_.styles.size(); i-- > 0;)
    if (doc_.styles[i] == s) return static_cast<std::uint16_t>(i);
  doc_.styles.push_back(s);
  return static_cast<std::uint16_t>(doc_.styles.size() - 1);
}

FlowMetrics InlineFlow::measure(const std::vector<Run>& runs) const {
  FlowMetrics m;
  float line = 0;
  const bool shaped = has_rtl_letters(runs);
  for (const Run& r : runs) {
    if (r.hard_break) {
      m.natural = std::max(m.natural, line);
      line = 0;
      continue;
    }
    const float pad = r.style.code ? 2 * kCodePad : 0;
    line += pad;
    std::string_view s = r.text;
    for (std::size_t i = 0, word_end, next; i < s.size(); i = next) {
      next_token(s, i, word_end, next);
      const float w = word_width(r.style, s.substr(i, word_end - i), shaped);
      m.minimum = std::max(m.minimum, w + pad);
      line += w + type_.measure(r.style.face, r.style.size, s.substr(word_end, next - word_end));
    }
  }
  m.natural = std::max(m.natural, line);
  return m;
}

float InlineFlow::word_width(const TextStyle& st, std::string_view word, bool shaped) const {
  return shaped ? type_.measure(st.face, st.size, shape_arabic(word)) : type_.measure(st.face, st.size, word);
}


float InlineFlow::lay(const std::vector<Run>& runs, float x, float y, float width, float align, float line_factor,
                      int region) {
  // The block's direction is its first strong letter's; a right-to-left block is set
  // flush right unless its alignment was chosen (a table column).
  bidi_ = has_rtl_letters(runs);
  paragraph_ = TextDirection::ltr;
  for (std::size_t ri = 0; bidi_ && ri < runs.size(); ++ri)
    if (const TextDirection d = strong_direction(runs[ri].text); d != TextDirection::neutral) {
      paragraph_ = d;
      break;
    }
  if (paragraph_ == TextDirection::rtl && align == 0) align = 1;
  std::vector<Piece> line;
  float cx = 0;
  bool first = true;
  // Where the current unbroken stretch starts in `line`: runs that touch with no space
  // between them ("strikethrough" then ",", a word then its footnote mark) move to the
  // next line together instead of leaving the comma or the mark alone at its start.
  std::size_t chain = 0;
  width = std::max(width, 8.0f);
  for (std::size_t ri = 0; ri < runs.size(); ++ri) {
    const Run& r = runs[ri];
    if (r.hard_break) {
      doc_.text += '\n';
      if (line.empty()) {  // an empty line still takes its height
        const float h = r.style.size * line_factor;
        y += h;
      } else {
        flush(line, runs, x, y, width, align, line_factor, region, first);
      }
      cx = 0;
      chain = 0;
      continue;
    }
    const std::uint32_t base = static_cast<std::uint32_t>(doc_.text.size());
    doc_.text += r.text;
    const std::string_view s = r.text;
    const TextStyle& st = r.style;
    if (st.code) cx += kCodePad;
    for (std::size_t i = 0, word_end, next; i < s.size(); i = next) {
      next_token(s, i, word_end, next);
      float w = word_width(st, s.substr(i, word_end - i), bidi_);
      const float space = type_.measure(st.face, st.size, s.substr(word_end, next - word_end));
      if (word_end == i) {  // spaces only: they separate, nothing to place
        if (!line.empty()) cx += space;
        chain = line.size();
        continue;
      }
      if (!line.empty() && cx + w > width) {
        const float chain_x = chain < line.size() ? line[chain].x : cx;
        if (chain > 0 && chain < line.size() && cx - chain_x + w <= width) {
          std::vector<Piece> carry(line.begin() + static_cast<std::ptrdiff_t>(chain), line.end());
          line.erase(line.begin() + static_cast<std::ptrdiff_t>(chain), line.end());
          flush(line, runs, x, y, width, align, line_factor, region, first);
          const float lead = runs[static_cast<std::size_t>(carry.front().run)].style.code ? kCodePad : 0.0f;
          for (Piece& piece : carry) {
            piece.x -= chain_x - lead;
            line.push_back(piece);
          }
          cx -= chain_x - lead;
        } else {
          flush(line, runs, x, y, width, align, line_factor, region, first);
          cx = st.code ? kCodePad : 0;
        }
        chain = 0;
      }
      std::size_t start = i;
      if (w > width - cx && word_end - start > 1) {
        // Too long for any line: cut before the character that would overflow. Widths
        // add up character by character, so one pass measures the word, however long
        // (measuring each piece's prefix again made a 1 MB word quadratic).
        float piece_w = 0;
        for (std::size_t probe = start, k; probe < word_end; probe = k) {
          k = probe;
          next_code_point(s, k);
          const float char_w = type_.measure(st.face, st.size, s.substr(probe, k - probe));
          if (cx + piece_w + char_w > width && probe > start) {
            line.push_back({base + static_cast<std::uint32_t>(start), base + static_cast<std::uint32_t>(probe), cx,
                            piece_w, static_cast<int>(ri)});
            flush(line, runs, x, y, width, align, line_factor, region, first);
            cx = 0;
            chain = 0;
            start = probe;
            piece_w = 0;
          }
          piece_w += char_w;
        }
        w = word_width(st, s.substr(start, word_end - start), bidi_);  // the last piece, as drawn
      }
      line.push_back({base + static_cast<std::uint32_t>(start), base + static_cast<std::uint32_t>(word_end), cx, w,
                      static_cast<int>(ri)});
      cx += w + space;
      if (space > 0) chain = line.size();
    }
    if (st.code) cx += kCodePad;
  }
  if (!line.empty()) flush(line, runs, x, y, width, align, line_factor, region, first);
  return y;
}

void InlineFlow::order_for_display(std::vector<Piece>& line) const {
  std::vector<TextDirection> dirs;
  for (const Piece& p : line) dirs.push_back(strong_direction(std::string_view(doc_.text).substr(p.begin, p.end - p.begin)));
  const std::vector<TextDirection> resolved = resolve_neutrals(dirs, paragraph_);
  const std::vector<int> order = visual_order(dirs, paragraph_);
  // The space after each piece, in logical order; between two pieces that end up side by
  // side, the space that separated them.
  std::vector<float> gap(line.size(), 0.0f);
  for (std::size_t i = 0; i + 1 < line.size(); ++i) gap[i] = line[i + 1].x - (line[i].x + line[i].w);
  std::vector<Piece> out;
  float cx = line.front().x;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto i = static_cast<std::size_t>(order[k]);
    Piece p = line[i];
    p.rtl = resolved[i] == TextDirection::rtl;
    p.x = cx;
    cx += p.w;
    if (k + 1 < order.size()) cx += gap[std::min(i, static_cast<std::size_t>(order[k + 1]))];
    out.push_back(p);
  }
  line = std::move(out);
}

void InlineFlow::flush(std::vector<Piece>& line, const std::vector<Run>& runs, float x, float& y, float width,
                       float align, float line_factor, int region, bool& first) {
  if (bidi_) order_for_display(line);
  float max_size = 0, max_ascent = 0;
  for (const Piece& p : line) {
    const TextStyle& s = runs[static_cast<std::size_t>(p.run)].style;
    if (s.superscript) continue;
    max_size = std::max(max_size, s.size);
    max_ascent = std::max(max_ascent, type_.ascent(s.face) * s.size);
  }
  if (max_size == 0) {  // only superscripts
    max_size = runs[static_cast<std::size_t>(line.front().run)].style.size / 0.75f;
    max_ascent = type_.ascent(Face::regular) * max_size;
  }
  const float line_h = std::round(max_size * line_factor);
  const float baseline = y + std::round((line_h - max_size) * 0.5f + max_ascent);
  const float used = line.back().x + line.back().w;
  const float shift = std::max(0.0f, (width - used) * align);
  for (std::size_t i = 0; i < line.size();) {
    std::size_t j = i + 1;
    // One fragment per stretch of one run: fewer draw calls and simpler selection. A
    // right-to-left stretch is one whose words follow each other backwards in the text.
    while (j < line.size() && line[j].run == line[i].run && line[j].rtl == line[i].rtl &&
           (!line[i].rtl || line[j].end <= line[j - 1].begin))
      ++j;
    const Run& r = runs[static_cast<std::size_t>(line[i].run)];
    Fragment f;
    f.x = x + shift + line[i].x;
    f.w = line[j - 1].x + line[j - 1].w - line[i].x;
    f.line_y = y;
    f.line_h = line_h;
    f.y = baseline - type_.ascent(r.style.face) * r.style.size;
    if (r.style.superscript) f.y = y + std::round(line_h * 0.12f);
    f.begin = line[i].rtl ? line[j - 1].begin : line[i].begin;
    f.end = line[i].rtl ? line[i].end : line[j - 1].end;
    f.link = r.link;
    f.region = region;
    f.style = style_index(r.style);
    f.flags = (i == 0 ? kLineStart : 0) | (first ? kBlockStart : 0) | (line[i].rtl ? kRightToLeft : 0);
    first = false;
    if (r.style.code) {
      Decoration d;
      d.kind = DecorationKind::fill;
      d.ink = Ink::code_bg;
      d.x = f.x - kCodePad;
      d.w = f.w + 2 * kCodePad;
      d.y = f.y - r.style.size * 0.18f;
      d.h = r.style.size * 1.4f;
      d.rounding = 4;
      d.region = region;
      doc_.decorations.push_back(d);
    }
    if (line[i].rtl) doc_.right_to_left_shown[f.begin] = visual_rtl(std::string_view(doc_.text).substr(f.begin, f.end - f.begin));
    doc_.fragments.push_back(f);
    i = j;
  }
  y += line_h;
  line.clear();
}

}  // namespace logbook::app
