// Where the reader is in a page, in words rather than pixels: the heading they are
// under, the first words of the block at the top of the view and how far into it. A
// position survives what pixels do not: a live reload after the writer saved (the text
// above may have changed), or the app taking over from the static page (other fonts,
// other widths). The static page (site/boot.js) writes the same three fields.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "markdown_layout.hpp"

namespace logbook::app {

struct ReadingPosition {
  std::string heading;  // slug of the heading above, "" at the page's top
  std::string text;     // the first words of the block at the top of the view
  float offset = 0;     // pixels from that block's top to the top of the view
};

// The position at layout y (the top of the view in layout coordinates).
ReadingPosition reading_position_at(const DocLayout& layout, float y);
// The layout y to scroll to for a position: its block, looked for under its heading,
// then anywhere; else the heading itself; nothing when neither is on the page.
std::optional<float> find_reading_position(const DocLayout& layout, const ReadingPosition& position);

// {"heading": ..., "text": ..., "offset": ...}; a malformed one reads as empty.
std::string to_json(const ReadingPosition& position);
ReadingPosition reading_position_from_json(std::string_view json);

}  // namespace logbook::app
