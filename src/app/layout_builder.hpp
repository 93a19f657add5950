// The layout engine's builder, shared by its two source files: markdown_layout.cpp
// (inline content, paragraphs, headings, code, rules, quotes and alerts, images) and
// layout_lists_tables.cpp (lists, footnotes, tables). Internal to src/app.
#pragma once

#include <cmark-gfm.h>

#include <algorithm>
#include <string>
#include <vector>

#include "inline_flow.hpp"
#include "markdown_layout.hpp"

namespace logbook::app::layout {

inline constexpr float kListIndent = 28;
inline constexpr float kQuoteIndent = 20;
inline constexpr float kCodePad = 16;
inline constexpr float kCellPadX = 12;
inline constexpr float kCellPadY = 7;

enum class Alert { none, note, tip, important, warning, caution };

struct AlertInfo {
  Alert kind;
  const char* marker;
  const char* title;
  Ink ink;
};
inline constexpr AlertInfo kAlerts[] = {
    {Alert::note, "[!NOTE]", "Note", Ink::note},
    {Alert::tip, "[!TIP]", "Tip", Ink::tip},
    {Alert::important, "[!IMPORTANT]", "Important", Ink::important},
    {Alert::warning, "[!WARNING]", "Warning", Ink::warning},
    {Alert::caution, "[!CAUTION]", "Caution", Ink::caution},
};

// Styles inherited by the blocks inside a container.
// A table's rows of cells and the width each column gets (layout_lists_tables.cpp).
struct TableGrid {
  std::vector<std::vector<cmark_node*>> rows;  // the cells, row by row
  std::vector<char> header;                    // by row
  std::vector<int> lines;                      // by row: its source line
  std::vector<float> width;                    // by column
  const std::uint8_t* align = nullptr;         // by column: 'l', 'c', 'r' or 0
  int columns = 1;
  float size = 0;     // the cells' text size
  float width_sum = 0;
};

struct Context {
  Ink ink = Ink::text;
  float size = 16;
  bool tight = false;  // paragraphs of a tight list: no space between them
  int list_depth = 0;
  int depth = 0;       // quotes and lists around this block (drawn flat past limits::kNestingDepth)
};

// Items of a paragraph: runs of text, with block images between them.
struct InlineItems {
  std::vector<Run> runs;
  std::vector<std::pair<std::size_t, int>> images;  // (insert before run index, image slot)
};

class Layouter {
 public:
  explicit Layouter(const LayoutInput& in) : in_(in), t_(*in.type), flow_(doc_, t_) {}

  DocLayout run() {
    doc_.width = in_.width;
    Context ctx;
    ctx.size = t_.scale.body;
    float y = 0;
    cmark_node* first = cmark_node_first_child(in_.root);
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING && cmark_node_get_heading_level(first) == 1) {
      y = block(first, 0, in_.width, 0, ctx);
      // Below the title's margin. The margin still collapses with the next block's (at
      // least as tall), so that block starts at or below views_y, and without views the
      // page is laid out as if there were no space.
      doc_.views_y = y + pending_;
      first = cmark_node_next(first);
    }
    for (cmark_node* n = first; n; n = cmark_node_next(n)) y = block(n, 0, in_.width, y, ctx);
    doc_.height = y + 8;
    return std::move(doc_);
  }

 private:
  // --- vertical rhythm: margins collapse as in CSS; the first block has none.
  void gap(float g) { pending_ = std::max(pending_, g); }
  float place(float y) {
    if (started_) y += pending_;
    pending_ = 0;
    started_ = true;
    return y;
  }

  void begin_chunk(float y) {
    chunk_ = {y, y, static_cast<std::uint32_t>(doc_.fragments.size()), 0,
              static_cast<std::uint32_t>(doc_.decorations.size()), 0, block_line_};
  }
  void end_chunk(float y1) {
    chunk_.y1 = std::max(y1, doc_.chunks.empty() ? y1 : doc_.chunks.back().y1);
    chunk_.frag_end = static_cast<std::uint32_t>(doc_.fragments.size());
    chunk_.deco_end = static_cast<std::uint32_t>(doc_.decorations.size());
    if (chunk_.frag_end > chunk_.frag_begin || chunk_.deco_end > chunk_.deco_begin) doc_.chunks.push_back(chunk_);
  }
  // A horizontal line in the rule colour, in a chunk of its own: under a heading, above
  // the footnotes, for a thematic break.
  void rule_line(float x, float w, float y, float thickness) {
    begin_chunk(y);
    Decoration d;
    d.ink = Ink::rule;
    d.x = x;
    d.y = y;
    d.w = w;
    d.h = thickness;
    d.region = region_;
    doc_.decorations.push_back(d);
    end_chunk(y + thickness);
  }
  // Blocks are separated by a newline in the text, except right after a list marker,
  // whose item's first block follows on the same line ("1. First").
  void separate_block() {
    if (after_marker_) {
      after_marker_ = false;
      return;
    }
    if (!doc_.text.empty() && doc_.text.back() != '\n') doc_.text += '\n';
  }
  float line_factor() const { return t_.scale.line; }

  float children(cmark_node* parent, float x, float w, float y, const Context& ctx) {
    for (cmark_node* n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) y = block(n, x, w, y, ctx);
    return y;
  }

  float block(cmark_node* n, float x, float w, float y, const Context& ctx);
  // The blocks inside a container nested too deep, one after another at this depth.
  float flat(cmark_node* n, float x, float w, float y, const Context& ctx);

  // --- inline content -------------------------------------------------------------
  // depth: the inline containers (emphasis, links...) around n; past
  // limits::kNestingDepth their text is taken in the style reached there.
  void collect(cmark_node* n, TextStyle style, int link, InlineItems& out, int depth = 0);
  void collect_flat(cmark_node* n, const TextStyle& style, int link, InlineItems& out);

  static void push_text(InlineItems& out, std::string text, const TextStyle& s, int link) {
    if (text.empty()) return;
    if (!out.runs.empty() && out.runs.back().style == s && out.runs.back().link == link && !out.runs.back().hard_break &&
        (out.images.empty() || out.images.back().first != out.runs.size())) {
      out.runs.back().text += text;
      return;
    }
    out.runs.push_back({std::move(text), s, link, false});
  }

  // The manifest names no target for it ("" where a link with a destination goes).
  bool is_broken(const LinkInfo& link) const {
    const auto* hrefs = in_.hrefs;
    return hrefs && !link.destination.empty() && link.source_index >= 0 &&
           static_cast<std::size_t>(link.source_index) < hrefs->size() && (*hrefs)[static_cast<std::size_t>(link.source_index)].empty();
  }

  void flush_anchors(float y) {
    for (std::string& a : pending_anchors_) doc_.anchors.push_back({std::move(a), y, 0, {}});
    pending_anchors_.clear();
  }

  // Lays out inline content, with block images where they occur.
  float inline_block(cmark_node* n, const TextStyle& base, float x, float w, float y, float align);

  float image(int slot, float x, float w, float y);

  // --- blocks ---------------------------------------------------------------------
  float paragraph(cmark_node* n, float x, float w, float y, const Context& ctx);

  float heading(cmark_node* n, float x, float w, float y, const Context& ctx);

  float inline_block_with_factor(cmark_node* n, const TextStyle& base, float x, float w, float y, float factor);

  float code_block(cmark_node* n, float x, float w, float y);

  std::uint16_t style_of(const TextStyle& s) {
    for (std::size_t i = 0; i < doc_.styles.size(); ++i)
      if (doc_.styles[i] == s) return static_cast<std::uint16_t>(i);
    doc_.styles.push_back(s);
    return static_cast<std::uint16_t>(doc_.styles.size() - 1);
  }

  float rule(float x, float w, float y);

  Alert alert_of(cmark_node* quote);

  float quote(cmark_node* n, float x, float w, float y, const Context& ctx);

  void number_label(const std::string& label, float x, float y, float line_h, float size);

  float list(cmark_node* n, float x, float w, float y, const Context& ctx);

  float footnote(cmark_node* n, float x, float w, float y, const Context& ctx);

  float table(cmark_node* n, float x, float w, float y, const Context& ctx);
  TableGrid table_grid(cmark_node* n, float w, const Context& ctx);
  void measure_columns(TableGrid& g, const Context& ctx, std::vector<float>& natural, std::vector<float>& minimum);
  float table_row(const TableGrid& g, std::size_t r, float x, float y, const Context& ctx);
  void cell_borders(const TableGrid& g, float x, float y, float bottom);

  const LayoutInput& in_;
  const Typography& t_;
  DocLayout doc_;
  InlineFlow flow_;
  Chunk chunk_;
  float pending_ = 0;
  bool started_ = false;
  std::size_t heading_ = 0;
  int source_link_ = 0;
  int block_line_ = 0;  // the source line of the leaf block (or table row) being laid out
  int region_ = -1;
  std::size_t skip_chars_ = 0;
  bool skip_newline_ = false;
  bool footnotes_started_ = false;
  bool after_marker_ = false;
  int footnote_number_ = 0;
  std::vector<std::string> pending_anchors_;
};

}  // namespace logbook::app::layout
