// Line breaking for one block of inline content: styled runs in, positioned fragments
// out. Runs of different styles wrap together as one flow; lines break at spaces, and
// anywhere between CJK characters; a word wider than the line is cut.
#pragma once

#include <string>
#include <vector>

#include "core/bidi_text.hpp"
#include "markdown_layout.hpp"

namespace logbook::app {

struct Run {
  std::string text;
  TextStyle style;
  int link = -1;
  bool hard_break = false;  // ends the line here (text is empty)
};

struct FlowMetrics {
  float natural = 0;  // width with no wrapping (widest hard line)
  float minimum = 0;  // widest unbreakable piece
};

class InlineFlow {
 public:
  InlineFlow(DocLayout& doc, const Typography& type) : doc_(doc), type_(type) {}

  // Appends the runs' text to doc.text and lays them out from (x, y) within width.
  // align: 0 left, 0.5 centre, 1 right. Returns the y below the last line.
  float lay(const std::vector<Run>& runs, float x, float y, float width, float align, float line_factor, int region);

  FlowMetrics measure(const std::vector<Run>& runs) const;

  static constexpr float kCodePad = 4.0f;  // space on each side of an inline code pill

 private:
  struct Piece {
    std::uint32_t begin = 0, end = 0;  // the word in doc.text, without trailing spaces
    float x = 0, w = 0;
    int run = 0;
    bool rtl = false;  // drawn right to left (set when a line is put in visual order)
  };
  void flush(std::vector<Piece>& line, const std::vector<Run>& runs, float x, float& y, float width, float align,
             float line_factor, int region, bool& first);
  // Puts a line's pieces in drawing order when its block has right-to-left text.
  void order_for_display(std::vector<Piece>& line) const;
  std::uint16_t style_index(const TextStyle& s);
  // A word's width as drawn: Arabic is measured in its joined forms.
  float word_width(const TextStyle& st, std::string_view word, bool shaped) const;

  TextDirection paragraph_ = TextDirection::ltr;  // of the block being laid out
  bool bidi_ = false;                              // the block has right-to-left letters

  DocLayout& doc_;
  const Typography& type_;
};

bool is_break_anywhere(std::uint32_t cp);  // CJK ideographs, kana, hangul, fullwidth forms

}  // namespace logbook::app
