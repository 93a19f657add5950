// Lists (bullets, numbers, task boxes), footnote definitions and tables.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <node.h>  // a footnote definition's label lives only in the node struct
#include <table.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "layout_builder.hpp"

namespace logbook::app::layout {

// "3." or "2)" in the margin before a list item or a footnote, right-aligned against the
// item's text, on the middle of its first line; its text becomes part of the page's text.
void Layouter::number_label(const std::string& label, float x, float y, float line_h, float size) {
  const std::uint32_t b = static_cast<std::uint32_t>(doc_.text.size());
  doc_.text += label + " ";
  Fragment f;
  const TextStyle style{Face::regular, size, Ink::muted};
  f.w = t_.measure(style.face, style.size, label);
  f.x = x + kListIndent - 8 - f.w;
  f.line_y = y;
  f.line_h = line_h;
  const float ascent = t_.ascent(style.face) * style.size;
  f.y = y + std::round((line_h - style.size) * 0.5f + ascent) - ascent;
  f.begin = b;
  f.end = b + static_cast<std::uint32_t>(label.size());
  f.style = style_of(style);
  f.region = region_;
  f.flags = kLineStart | kBlockStart;
  doc_.fragments.push_back(f);
}

float Layouter::list(cmark_node* n, float x, float w, float y, const Context& ctx) {
  const bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
  int number = ordered ? cmark_node_get_list_start(n) : 0;
  Context inner = ctx;
  inner.tight = cmark_node_get_list_tight(n) != 0;
  inner.list_depth = ctx.list_depth + 1;
  inner.depth = ctx.depth + 1;
  const char delim = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM ? ')' : '.';
  for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
    if (!inner.tight) gap(std::round(ctx.size * 0.5f));
    y = place(y);
    started_ = false;
    const bool task = std::strcmp(cmark_node_get_type_string(item), "tasklist") == 0;
    const float line_h = std::round(ctx.size * line_factor());
    separate_block();
    begin_chunk(y);
    if (ordered) {
      number_label(std::to_string(number++) + delim, x, y, line_h, ctx.size);
    } else if (!task) {
      doc_.text += "- ";
      Decoration d;
      d.kind = DecorationKind::bullet;
      d.ink = Ink::muted;
      d.w = d.h = 6;
      d.x = x + kListIndent - 16;
      d.y = y + std::round(line_h * 0.5f) - 3;
      d.data = ctx.list_depth;
      d.region = region_;
      doc_.decorations.push_back(d);
    }
    if (task) {
      const bool checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
      doc_.text += checked ? "[x] " : "[ ] ";
      Decoration d;
      d.kind = DecorationKind::checkbox;
      d.ink = checked ? Ink::accent : Ink::faint;
      d.w = d.h = 15;
      d.x = x + kListIndent - 22;
      d.y = y + std::round((line_h - 15) * 0.5f);
      d.rounding = 4;
      d.data = checked ? 1 : 0;
      d.region = region_;
      doc_.decorations.push_back(d);
    }
    end_chunk(y + line_h);
    after_marker_ = true;
    const float item_top = y;
    y = children(item, x + kListIndent, w - kListIndent, y, inner);
    after_marker_ = false;
    if (y == item_top) y += line_h;  // an empty item still shows its marker
    started_ = true;
    if (inner.tight) pending_ = 0;
    gap(inner.tight ? 4 : std::round(ctx.size * 0.5f));
  }
  gap(std::round(ctx.size * 0.95f));
  return y;
}

float Layouter::footnote(cmark_node* n, float x, float w, float y, const Context& ctx) {
  if (!footnotes_started_) {
    footnotes_started_ = true;
    gap(32);
    y = place(y);
    rule_line(x, w, y, 1);
    y += 1;
    gap(16);
  }
  y = place(y);
  const std::string label(reinterpret_cast<const char*>(n->as.literal.data), n->as.literal.len);
  doc_.anchors.push_back({"fn-" + label, y, 0, {}});
  ++footnote_number_;
  Context inner = ctx;
  inner.size = t_.scale.small;
  inner.ink = Ink::muted;
  inner.tight = true;
  const float line_h = std::round(inner.size * line_factor());
  separate_block();
  begin_chunk(y);
  number_label(std::to_string(footnote_number_) + ".", x, y, line_h, inner.size);
  end_chunk(y + line_h);
  started_ = false;
  after_marker_ = true;
  y = children(n, x + kListIndent, w - kListIndent - 28, y, inner);
  after_marker_ = false;
  // The way back to where the note was referenced.
  LinkInfo back;
  back.footnote_back = true;
  back.anchor = "fnref-" + label;
  doc_.links.push_back(back);
  begin_chunk(y - line_h);
  Run arrow{"↩", {Face::regular, inner.size, Ink::link}, static_cast<int>(doc_.links.size() - 1), false};
  doc_.text += ' ';
  flow_.lay({arrow}, x + w - 22, y - line_h - 1, 22, 0, line_factor(), region_);
  end_chunk(y);
  started_ = true;
  pending_ = 0;
  gap(6);
  return y;
}

namespace {

// Column widths for a table w wide: natural widths when they fit; otherwise the extra
// over the narrowest (each column's widest word) is shared in proportion to what each
// would like.
std::vector<float> share_width(const std::vector<float>& natural, const std::vector<float>& minimum, float w) {
  float total_natural = 0, total_min = 0;
  for (std::size_t c = 0; c < natural.size(); ++c) total_natural += natural[c], total_min += minimum[c];
  std::vector<float> width = natural;
  if (total_natural <= w) return width;
  const float spare = std::max(0.0f, w - total_min), wanted = total_natural - total_min;
  for (std::size_t c = 0; c < natural.size(); ++c) width[c] = minimum[c] + (wanted > 0 ? (natural[c] - minimum[c]) * spare / wanted : 0);
  return width;
}

}  // namespace

// Each column's natural width (its widest cell on one line) and minimum (its widest word).
void Layouter::measure_columns(TableGrid& g, const Context& ctx, std::vector<float>& natural, std::vector<float>& minimum) {
  natural.assign(static_cast<std::size_t>(g.columns), 0);
  minimum.assign(static_cast<std::size_t>(g.columns), 24);
  // Collecting a cell's inlines numbers its links and images: measure, then forget them.
  const int saved_link = source_link_;
  const std::size_t saved_links = doc_.links.size(), saved_images = doc_.images.size();
  for (std::size_t r = 0; r < g.rows.size(); ++r) {
    for (std::size_t c = 0; c < g.rows[r].size() && c < natural.size(); ++c) {
      InlineItems items;
      collect(g.rows[r][c], {g.header[r] ? Face::bold : Face::regular, g.size, ctx.ink}, -1, items);
      const FlowMetrics m = flow_.measure(items.runs);
      // One pixel of slack: laying out the same runs again can land a hair wider than
      // measured (fractional advances), which wrapped a header as "Sampl/e".
      natural[c] = std::max(natural[c], m.natural + 2 * kCellPadX + 1.0f);
      minimum[c] = std::max(minimum[c], m.minimum + 2 * kCellPadX + 1.0f);
    }
  }
  source_link_ = saved_link;
  doc_.links.resize(saved_links);
  doc_.images.resize(saved_images);
}

TableGrid Layouter::table_grid(cmark_node* n, float w, const Context& ctx) {
  TableGrid g;
  g.columns = std::max<int>(1, cmark_gfm_extensions_get_table_columns(n));
  g.align = cmark_gfm_extensions_get_table_alignments(n);
  g.size = std::round(ctx.size * 0.94f);
  for (cmark_node* r = cmark_node_first_child(n); r; r = cmark_node_next(r)) {
    g.rows.emplace_back();
    g.header.push_back(cmark_gfm_extensions_get_table_row_is_header(r) ? 1 : 0);
    g.lines.push_back(cmark_node_get_start_line(r));
    for (cmark_node* c = cmark_node_first_child(r); c; c = cmark_node_next(c)) g.rows.back().push_back(c);
  }
  std::vector<float> natural, minimum;
  measure_columns(g, ctx, natural, minimum);
  g.width = share_width(natural, minimum, w);
  for (float cw : g.width) g.width_sum += cw;
  return g;
}

// Cell borders: one outline per cell keeps the grid even where rows differ in height.
void Layouter::cell_borders(const TableGrid& g, float x, float y, float bottom) {
  for (float cw : g.width) {
    Decoration border;
    border.kind = DecorationKind::stroke;
    border.ink = Ink::table_border;
    border.x = x;
    border.y = y;
    border.w = cw;
    border.h = bottom - y;
    border.region = region_;
    doc_.decorations.push_back(border);
    x += cw;
  }
}

// One row: its background (the header's, or every other row's stripe), its cells and
// their borders; returns its bottom.
float Layouter::table_row(const TableGrid& g, std::size_t r, float x, float y, const Context& ctx) {
  const bool header = g.header[r] != 0;
  separate_block();
  block_line_ = g.lines[r];
  begin_chunk(y);
  const std::size_t bg_index = doc_.decorations.size();
  if (header || r % 2 == 0) {
    Decoration bg;
    bg.ink = header ? Ink::table_header_bg : Ink::table_stripe;
    bg.x = x;
    bg.y = y;
    bg.w = g.width_sum;
    bg.region = region_;
    doc_.decorations.push_back(bg);
  }
  float cx = x, bottom = y + std::round(g.size * line_factor()) + 2 * kCellPadY;
  for (std::size_t i = 0; i < g.width.size(); ++i) {
    if (i > 0) doc_.text += '\t';
    if (i < g.rows[r].size()) {
      const char a = g.align ? static_cast<char>(g.align[i]) : 0;
      const float factor = a == 'c' ? 0.5f : a == 'r' ? 1.0f : 0.0f;
      InlineItems items;
      collect(g.rows[r][i], {header ? Face::bold : Face::regular, g.size, ctx.ink}, -1, items);
      for (const auto& img : items.images) {  // images in cells: their alt text
        items.runs.insert(items.runs.begin() + static_cast<long>(std::min(img.first, items.runs.size())),
                          Run{doc_.images[static_cast<std::size_t>(img.second)].alt, {Face::italic, g.size, Ink::muted}, -1, false});
      }
      if (!items.runs.empty())
        bottom = std::max(bottom, flow_.lay(items.runs, cx + kCellPadX, y + kCellPadY, g.width[i] - 2 * kCellPadX, factor,
                                            line_factor(), region_) + kCellPadY);
    }
    cx += g.width[i];
  }
  if (bg_index < doc_.decorations.size() && doc_.decorations[bg_index].kind == DecorationKind::fill &&
      doc_.decorations[bg_index].w == g.width_sum && doc_.decorations[bg_index].y == y)
    doc_.decorations[bg_index].h = bottom - y;
  cell_borders(g, x, y, bottom);
  end_chunk(bottom);
  return bottom;
}

// Tables: columns get their natural width when the table fits; otherwise the extra
// width is shared so that every column keeps its widest word, and a table that still
// cannot fit scrolls sideways like a code block.
float Layouter::table(cmark_node* n, float x, float w, float y, const Context& ctx) {
  y = place(y);
  const TableGrid g = table_grid(n, w, ctx);
  const int outer_region = region_;
  if (g.width_sum > w + 0.5f) {
    ScrollRegion region;
    region.x = x;
    region.y = y;
    region.w = w;
    region.content_w = g.width_sum + 1;
    region_ = static_cast<int>(doc_.regions.size());
    doc_.regions.push_back(region);
  }
  const float top = y;
  for (std::size_t r = 0; r < g.rows.size(); ++r) y = table_row(g, r, x, y, ctx);
  if (region_ != outer_region) {
    doc_.regions[static_cast<std::size_t>(region_)].h = y - top;
    region_ = outer_region;
  }
  gap(std::round(ctx.size * 1.1f));
  return y;
}

}  // namespace logbook::app::layout
