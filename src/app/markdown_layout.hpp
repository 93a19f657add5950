// The Markdown layout engine: cmark-gfm's tree (never HTML) laid out once per page and
// width into positioned text fragments and decorations. The document view only draws
// what is visible, finds text under the pointer, and copies ranges of `text`.
//
// `text` is the page's visible text in reading order: every fragment is a range of it,
// and what lies between fragments (spaces where a line wrapped, newlines between
// blocks, list markers) is there too, so a selection or a find match is a byte range.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "theme.hpp"
#include "typography.hpp"

struct cmark_node;

namespace logbook::app {

struct TextStyle {
  Face face = Face::regular;
  float size = 16;
  Ink ink = Ink::text;
  bool strike = false;
  bool code = false;       // inline code: drawn on a tinted pill
  bool superscript = false;
  bool operator==(const TextStyle&) const = default;
};

enum FragmentFlags : std::uint8_t {
  kLineStart = 1,   // first fragment of a visual line
  kBlockStart = 2,  // first fragment of a block (paragraph, heading, cell, code line...)
  kRightToLeft = 4, // right-to-left text: drawn shaped and reversed (core/bidi_text.hpp)
};

struct Fragment {
  float x = 0, y = 0, w = 0;      // y: top of the glyphs (ImGui draws text from there)
  float line_y = 0, line_h = 0;   // the line box, for selection and hit testing
  std::uint32_t begin = 0, end = 0;  // range of DocLayout::text
  std::int32_t link = -1;         // index into DocLayout::links
  std::int32_t region = -1;       // horizontal scroll region, or -1
  std::uint16_t style = 0;        // index into DocLayout::styles
  std::uint8_t flags = 0;
};

enum class DecorationKind : std::uint8_t {
  fill,        // rounded rectangle
  stroke,      // rectangle outline
  bullet,      // disc (level 0), circle (1), square (2+): data = level
  checkbox,    // data = 1 when checked
  image,       // data = index into images
  alert_icon,  // data = alert kind
};

struct Decoration {
  DecorationKind kind = DecorationKind::fill;
  Ink ink = Ink::rule;
  float x = 0, y = 0, w = 0, h = 0;
  float rounding = 0;
  std::int32_t region = -1;
  std::int32_t data = 0;
};

struct LinkInfo {
  std::string destination;  // as written; wikilinks as "wikilink:Target"
  int source_index = -1;    // n-th link or image of the page in document order (summarize().links)
  bool footnote_ref = false;
  bool footnote_back = false;
  bool broken = false;      // leads to no page or file of the site: drawn as broken, not followed
  std::string anchor;       // for footnotes: the anchor to jump to
};

struct Anchor {
  std::string slug;  // GitHub-style, as in summarize().headings; fn-x / fnref-x for footnotes
  float y = 0;
  int level = 0;     // heading level, 0 for footnotes
  std::string text;
};

struct ScrollRegion {
  float x = 0, y = 0, w = 0, h = 0;  // the visible box
  float content_w = 0;               // may be wider than w
  bool code = false;
  std::uint32_t text_begin = 0, text_end = 0;  // the code, for the copy button
};

struct ImageSlot {
  std::string url;  // as written (resolved by the app)
  int source_index = -1;
  std::string alt;
};

// Consecutive fragments of one leaf block (or one table row): y ranges grow in order,
// so the visible ones are found by binary search.
struct Chunk {
  float y0 = 0, y1 = 0;
  std::uint32_t frag_begin = 0, frag_end = 0, deco_begin = 0, deco_end = 0;
  int line = 0;  // the source line where its block starts (cmark's): the app finds changed blocks by it
};

// Space opened between blocks after layout, for what the app draws there itself (the
// text removed since the reader's last visit): item is the app's own index.
struct Gap {
  float y = 0, h = 0;
  int item = -1;
};

struct ImageSize {
  float w = 0, h = 0;  // 0 while unknown
};

struct DocLayout {
  float width = 0, height = 0;
  std::string text;
  std::vector<TextStyle> styles;
  std::vector<Fragment> fragments;
  std::vector<Decoration> decorations;  // leaf decorations, in chunk order
  std::vector<Decoration> spans;        // container decorations (quote bars, alert boxes): few, always checked
  std::vector<Chunk> chunks;
  std::vector<LinkInfo> links;
  std::vector<Anchor> anchors;
  std::vector<ScrollRegion> regions;
  std::vector<ImageSlot> images;
  // Right-to-left fragments as drawn (shaped, in visual order), by the fragment's begin:
  // made once at layout, not in every frame.
  std::unordered_map<std::uint32_t, std::string> right_to_left_shown;
  // The space for the page's own views (history line, home lists, the decision log, a
  // record's header): below the page's leading H1, or at the top without one. The
  // layout leaves it views_h tall; the app sets its height once the views are drawn.
  float views_y = 0, views_h = 0;
  std::vector<Gap> gaps;  // in y order

  // Index of the first chunk whose bottom is below y.
  std::size_t first_chunk_below(float y) const;
  // Fragment index holding text offset, or the nearest one before it.
  std::size_t fragment_at_offset(std::uint32_t offset) const;
  const Anchor* find_anchor(std::string_view slug) const;
  // Makes the views' space h tall: moves everything below it (no new layout).
  void set_views_height(float h);
  // Opens the gaps (sorted by y; several at one y stack in order) in one pass, with no new
  // layout: everything at or below a gap's y moves down by its h; a quote's bar or an
  // alert's box around it grows. Sets `gaps` to where they are now.
  void open_gaps(std::vector<Gap> sorted);
};

struct LayoutInput {
  cmark_node* root = nullptr;
  float width = 720;
  const Typography* type = nullptr;
  std::vector<ImageSize> image_sizes;  // by ImageSlot index, from an earlier layout
  std::vector<std::string> heading_slugs;  // in document order (MarkdownSummary)
  // Where each link or image goes, by source index (PublishedPage::links, "" when
  // broken); without them no link is drawn as broken.
  const std::vector<std::string>* hrefs = nullptr;
};

DocLayout layout_markdown(const LayoutInput& input);

// Byte ranges of `text` where needle occurs, ASCII case-insensitive.
std::vector<std::pair<std::uint32_t, std::uint32_t>> find_all(std::string_view text, std::string_view needle);

}  // namespace logbook::app
