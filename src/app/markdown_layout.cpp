#include "markdown_layout.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <node.h>  // footnote numbering lives only in the node struct
#include <strikethrough.h>
#include <table.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <strings.h>

#include "core/assert.hpp"
#include "core/limits.hpp"
#include "core/markdown.hpp"
#include "layout_builder.hpp"

namespace logbook::app {

namespace layout {

float Layouter::block(cmark_node* n, float x, float w, float y, const Context& ctx) {
  const cmark_node_type type = cmark_node_get_type(n);
  block_line_ = cmark_node_get_start_line(n);
  switch (type) {
    case CMARK_NODE_PARAGRAPH: return paragraph(n, x, w, y, ctx);
    case CMARK_NODE_HEADING: return heading(n, x, w, y, ctx);
    case CMARK_NODE_CODE_BLOCK: return code_block(n, x, w, y);
    case CMARK_NODE_THEMATIC_BREAK: return rule(x, w, y);
    case CMARK_NODE_BLOCK_QUOTE: return ctx.depth < limits::kNestingDepth ? quote(n, x, w, y, ctx) : flat(n, x, w, y, ctx);
    case CMARK_NODE_LIST: return ctx.depth < limits::kNestingDepth ? list(n, x, w, y, ctx) : flat(n, x, w, y, ctx);
    case CMARK_NODE_FOOTNOTE_DEFINITION: return footnote(n, x, w, y, ctx);
    case CMARK_NODE_HTML_BLOCK: return y;  // raw HTML is never executed, and not shown
    default:
      if (type == CMARK_NODE_TABLE) return table(n, x, w, y, ctx);
      return children(n, x, w, y, ctx);  // custom blocks and the unknown: their content
  }
}

// Past the nesting limit, quotes and lists add no bar, marker or indent: their leaf
// blocks are found with cmark's iterator, so the stack (small in wasm) does not grow with
// the input's nesting, and a page nested 10,000 deep still draws.
float Layouter::flat(cmark_node* n, float x, float w, float y, const Context& ctx) {
  cmark_iter* it = cmark_iter_new(n);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* c = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(c);
    const bool leaf = type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK ||
                      type == CMARK_NODE_THEMATIC_BREAK || type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_TABLE;
    if (ev != CMARK_EVENT_ENTER || !leaf) continue;
    y = block(c, x, w, y, ctx);
    cmark_iter_reset(it, c, CMARK_EVENT_EXIT);  // its inline content is the block's own
  }
  cmark_iter_free(it);
  return y;
}

// Inline content nested past the limit: its text, in one style, found without recursion.
// Links and images inside still count, so later ones keep their source index.
void Layouter::collect_flat(cmark_node* n, const TextStyle& style, int link, InlineItems& out) {
  cmark_iter* it = cmark_iter_new(n);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* c = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER || c == n) continue;
    const cmark_node_type type = cmark_node_get_type(c);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) ++source_link_;
    else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) push_text(out, cmark_node_get_literal(c), style, link);
    else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) push_text(out, " ", style, link);
  }
  cmark_iter_free(it);
}

void Layouter::collect(cmark_node* n, TextStyle style, int link, InlineItems& out, int depth) {
  if (depth >= limits::kNestingDepth) {
    collect_flat(n, style, link, out);
    return;
  }
  for (cmark_node* c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
    const cmark_node_type type = cmark_node_get_type(c);
    TextStyle s = style;
    switch (type) {
      case CMARK_NODE_TEXT: {
        std::string text = cmark_node_get_literal(c);
        if (skip_chars_ > 0) {  // the [!NOTE] marker of an alert
          const std::size_t k = std::min(text.size(), skip_chars_);
          text.erase(0, k);
          skip_chars_ -= k;
          while (!text.empty() && text.front() == ' ') text.erase(0, 1);
        }
        push_text(out, std::move(text), s, link);
        break;
      }
      case CMARK_NODE_SOFTBREAK:
        if (skip_newline_) {
          skip_newline_ = false;
          break;
        }
        push_text(out, " ", s, link);
        break;
      case CMARK_NODE_LINEBREAK: out.runs.push_back({"", s, link, true}); break;
      case CMARK_NODE_CODE:
        s.face = s.face == Face::bold || s.face == Face::bold_italic ? Face::mono_bold : Face::mono;
        s.size = std::round(style.size * 0.875f * 2) / 2;
        s.code = true;
        if (s.ink == Ink::text) s.ink = Ink::code_text;
        out.runs.push_back({cmark_node_get_literal(c), s, link, false});
        break;
      case CMARK_NODE_EMPH:
        s.face = s.face == Face::bold ? Face::bold_italic : s.face == Face::regular ? Face::italic : s.face;
        collect(c, s, link, out, depth + 1);
        break;
      case CMARK_NODE_STRONG:
        s.face = s.face == Face::italic ? Face::bold_italic : s.face == Face::regular ? Face::bold : s.face;
        collect(c, s, link, out, depth + 1);
        break;
      case CMARK_NODE_LINK: {
        LinkInfo info;
        info.destination = cmark_node_get_url(c);
        info.source_index = source_link_++;
        info.broken = is_broken(info);
        s.ink = info.broken ? Ink::caution : Ink::link;
        doc_.links.push_back(std::move(info));
        collect(c, s, static_cast<int>(doc_.links.size() - 1), out, depth + 1);
        break;
      }
      case CMARK_NODE_IMAGE: {
        ImageSlot slot;
        slot.url = cmark_node_get_url(c);
        slot.source_index = source_link_++;
        InlineItems alt;  // collected for the links and images inside, which count in document order
        collect(c, s, link, alt, depth + 1);
        slot.alt = logbook::plain_text_of(c);
        while (!slot.alt.empty() && slot.alt.back() == '\n') slot.alt.pop_back();
        doc_.images.push_back(std::move(slot));
        out.images.push_back({out.runs.size(), static_cast<int>(doc_.images.size() - 1)});
        break;
      }
      case CMARK_NODE_FOOTNOTE_REFERENCE: {
        LinkInfo info;
        info.footnote_ref = true;
        const char* label = c->parent_footnote_def ? reinterpret_cast<const char*>(c->parent_footnote_def->as.literal.data) : "";
        const std::size_t len = c->parent_footnote_def ? c->parent_footnote_def->as.literal.len : 0;
        info.anchor = "fn-" + std::string(label, len);
        doc_.links.push_back(std::move(info));
        // The reference's own anchor, so the footnote's back link lands here.
        const std::string back = "fnref-" + std::string(label, len);
        if (!doc_.find_anchor(back)) pending_anchors_.push_back(back);
        s.size = std::round(style.size * 0.75f);
        s.superscript = true;
        s.ink = Ink::link;
        out.runs.push_back({cmark_node_get_literal(c), s, static_cast<int>(doc_.links.size() - 1), false});
        break;
      }
      case CMARK_NODE_HTML_INLINE: {
        const char* html = cmark_node_get_literal(c);
        if (html && (std::strncmp(html, "<br", 3) == 0 || std::strncmp(html, "<BR", 3) == 0))
          out.runs.push_back({"", s, link, true});
        break;  // other tags are dropped; the text between them stays
      }
      default:
        if (type == CMARK_NODE_STRIKETHROUGH) s.strike = true;
        collect(c, s, link, out, depth + 1);
        break;
    }
  }
}

float Layouter::inline_block(cmark_node* n, const TextStyle& base, float x, float w, float y, float align) {
  InlineItems items;
  collect(n, base, -1, items);
  std::size_t run = 0;
  const auto lay_runs = [&](std::size_t until) {
    if (until <= run) return;
    std::vector<Run> part(items.runs.begin() + static_cast<long>(run), items.runs.begin() + static_cast<long>(until));
    // A hard break at the end of a block shows nothing.
    while (!part.empty() && part.back().hard_break) part.pop_back();
    run = until;
    if (part.empty()) return;
    separate_block();
    begin_chunk(y);
    flush_anchors(y);
    y = flow_.lay(part, x, y, w, align, line_factor(), region_);
    end_chunk(y);
  };
  for (const auto& [before, slot] : items.images) {
    lay_runs(before);
    y = image(slot, x, w, y);
  }
  lay_runs(items.runs.size());
  return y;
}

float Layouter::image(int slot, float x, float w, float y) {
  const ImageSlot& img = doc_.images[static_cast<std::size_t>(slot)];
  const ImageSize size = static_cast<std::size_t>(slot) < in_.image_sizes.size() ? in_.image_sizes[static_cast<std::size_t>(slot)] : ImageSize{};
  separate_block();
  if (size.w > 0 && size.h > 0) {
    const float scale = std::min(1.0f, w / size.w);
    doc_.text += img.alt;  // copied with the text, not drawn
    begin_chunk(y);
    Decoration d;
    d.kind = DecorationKind::image;
    d.x = x;
    d.y = y + 4;
    d.w = std::round(size.w * scale);
    d.h = std::round(size.h * scale);
    d.data = slot;
    d.region = region_;
    doc_.decorations.push_back(d);
    end_chunk(d.y + d.h + 4);
    return d.y + d.h + 4;
  }
  // Until it arrives, or if it never does: the alt text in a quiet frame.
  begin_chunk(y);
  Decoration frame;
  frame.kind = DecorationKind::stroke;
  frame.ink = Ink::code_border;
  frame.x = x;
  frame.y = y + 2;
  frame.rounding = 6;
  frame.region = region_;
  const std::size_t frame_index = doc_.decorations.size();
  doc_.decorations.push_back(frame);
  Run alt{img.alt, {Face::italic, t_.scale.small, Ink::muted}, -1, false};
  const float bottom = img.alt.empty() ? y + 42 : flow_.lay({alt}, x + 12, y + 10, std::max(40.0f, w - 24), 0, line_factor(), region_) + 8;
  Decoration& f = doc_.decorations[frame_index];
  f.w = img.alt.empty() ? 48.0f : std::min(w, flow_.measure({alt}).natural + 24);
  f.h = bottom - f.y;
  end_chunk(bottom + 2);
  return bottom + 2;
}

float Layouter::paragraph(cmark_node* n, float x, float w, float y, const Context& ctx) {
  y = place(y);
  TextStyle base{Face::regular, ctx.size, ctx.ink};
  y = inline_block(n, base, x, w, y, 0);
  gap(ctx.tight ? 4 : std::round(ctx.size * 0.95f));
  return y;
}

float Layouter::heading(cmark_node* n, float x, float w, float y, const Context& ctx) {
  const int level = std::clamp(cmark_node_get_heading_level(n), 1, 6);
  const float size = t_.scale.heading[level - 1];
  gap(level <= 2 ? size * 1.15f : size * 1.1f);
  y = place(y);
  Anchor a;
  a.level = level;
  a.y = y;
  if (heading_ < in_.heading_slugs.size()) a.slug = in_.heading_slugs[heading_];
  ++heading_;
  const std::size_t text_start = doc_.text.size() + (doc_.text.empty() || doc_.text.back() == '\n' ? 0 : 1);
  TextStyle base{Face::bold, size, ctx.ink == Ink::text ? Ink::heading : ctx.ink};
  // Headings set tighter than body text.
  y = inline_block_with_factor(n, base, x, w, y, level <= 2 ? 1.3f : 1.4f);
  a.text = doc_.text.substr(std::min(text_start, doc_.text.size()));
  doc_.anchors.push_back(std::move(a));
  if (level <= 2) {
    rule_line(x, w, y + 6, 1);
    y += 7;
  }
  gap(level <= 2 ? 16 : 10);
  return y;
}

float Layouter::inline_block_with_factor(cmark_node* n, const TextStyle& base, float x, float w, float y, float factor) {
  InlineItems items;
  collect(n, base, -1, items);
  while (!items.runs.empty() && items.runs.back().hard_break) items.runs.pop_back();
  separate_block();
  begin_chunk(y);
  flush_anchors(y);
  y = flow_.lay(items.runs, x, y, w, 0, factor, region_);
  end_chunk(y);
  return y;
}

float Layouter::code_block(cmark_node* n, float x, float w, float y) {
  y = place(y);
  std::string code = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
  if (!code.empty() && code.back() == '\n') code.pop_back();
  for (std::size_t p; (p = code.find('\t')) != std::string::npos;) code.replace(p, 1, "    ");
  const float size = t_.scale.code;
  const float line_h = std::round(size * 1.55f);
  ScrollRegion region;
  region.x = x;
  region.y = y;
  region.w = w;
  region.code = true;
  const int index = static_cast<int>(doc_.regions.size());
  doc_.regions.push_back(region);
  separate_block();
  const std::uint32_t text_begin = static_cast<std::uint32_t>(doc_.text.size());
  begin_chunk(y);
  Decoration bg;
  bg.ink = Ink::code_bg;
  bg.x = x;
  bg.y = y;
  bg.w = w;
  bg.rounding = 8;
  const std::size_t bg_index = doc_.decorations.size();
  doc_.decorations.push_back(bg);
  TextStyle style{Face::mono, size, Ink::code_text};
  const std::uint16_t style_id = style_of(style);
  float ly = y + kCodePad - 2;
  float widest = 0;
  std::size_t start = 0;
  bool first = true;
  const float ascent = t_.ascent(Face::mono) * size;
  while (start <= code.size()) {
    std::size_t end = code.find('\n', start);
    if (end == std::string::npos) end = code.size();
    const std::string_view line(code.data() + start, end - start);
    const std::uint32_t b = static_cast<std::uint32_t>(doc_.text.size());
    doc_.text += line;
    if (end < code.size()) doc_.text += '\n';
    if (!line.empty()) {
      Fragment f;
      f.x = x + kCodePad;
      f.line_y = ly;
      f.line_h = line_h;
      f.y = ly + std::round((line_h - size) * 0.5f + ascent) - ascent;
      f.w = t_.measure(Face::mono, size, line);
      f.begin = b;
      f.end = b + static_cast<std::uint32_t>(line.size());
      f.region = index;
      f.style = style_id;
      f.flags = kLineStart | (first ? kBlockStart : 0);
      widest = std::max(widest, f.w);
      doc_.fragments.push_back(f);
    }
    first = false;
    ly += line_h;
    if (end == code.size()) break;
    start = end + 1;
  }
  const float bottom = ly + kCodePad - 2;
  doc_.decorations[bg_index].h = bottom - y;
  ScrollRegion& r = doc_.regions[static_cast<std::size_t>(index)];
  r.h = bottom - y;
  r.content_w = widest + 2 * kCodePad;
  r.text_begin = text_begin;
  r.text_end = static_cast<std::uint32_t>(doc_.text.size());
  end_chunk(bottom);
  gap(18);
  return bottom;
}

float Layouter::rule(float x, float w, float y) {
  gap(26);
  y = place(y);
  rule_line(x, w, y, 2);
  separate_block();
  gap(26);
  return y + 2;
}

Alert Layouter::alert_of(cmark_node* quote) {
  cmark_node* para = cmark_node_first_child(quote);
  if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return Alert::none;
  std::string first;
  for (cmark_node* c = cmark_node_first_child(para); c && cmark_node_get_type(c) == CMARK_NODE_TEXT; c = cmark_node_next(c))
    first += cmark_node_get_literal(c);
  for (const AlertInfo& a : kAlerts) {
    const std::size_t len = std::strlen(a.marker);
    if (first.size() >= len && strncasecmp(first.c_str(), a.marker, len) == 0 &&
        (first.size() == len || first[len] == ' ' || first[len] == '\n')) {
      skip_chars_ = len;
      skip_newline_ = first.size() == len;
      return a.kind;
    }
  }
  return Alert::none;
}

float Layouter::quote(cmark_node* n, float x, float w, float y, const Context& ctx) {
  const Alert alert = alert_of(n);
  y = place(y);
  const float top = y;
  Context inner = ctx;
  inner.tight = false;
  inner.depth = ctx.depth + 1;
  Decoration bar;
  bar.x = x;
  bar.w = 4;
  bar.rounding = 2;
  if (alert == Alert::none) {
    inner.ink = Ink::muted;
    bar.ink = Ink::quote_bar;
    started_ = false;  // no margin above the first child
    y = children(n, x + kQuoteIndent, w - kQuoteIndent, y, inner);
  } else {
    const AlertInfo& info = kAlerts[static_cast<int>(alert) - 1];
    bar.ink = info.ink;
    // The title, as GitHub shows it: the alert's colour, an icon, its name.
    separate_block();
    begin_chunk(y);
    Run title{info.title, {Face::bold, ctx.size, info.ink}, -1, false};
    const float title_y = y;
    y = flow_.lay({title}, x + kQuoteIndent + 26, y, w - kQuoteIndent - 26, 0, line_factor(), region_);
    Decoration icon;
    icon.kind = DecorationKind::alert_icon;
    icon.ink = info.ink;
    icon.x = x + kQuoteIndent;
    icon.w = 18;
    icon.h = 18;
    icon.y = title_y + std::round((y - title_y - 18) * 0.5f);
    icon.data = static_cast<int>(alert);
    icon.region = region_;
    doc_.decorations.push_back(icon);
    end_chunk(y);
    pending_ = 0;
    gap(6);
    y = children(n, x + kQuoteIndent, w - kQuoteIndent, y, inner);
    skip_chars_ = 0;
    skip_newline_ = false;
  }
  bar.y = top;
  bar.h = std::max(0.0f, y - top);
  bar.region = region_;
  doc_.spans.push_back(bar);
  gap(std::round(ctx.size * 0.95f));
  return y;
}

}  // namespace layout

using layout::Layouter;

std::size_t DocLayout::first_chunk_below(float y) const {
  return static_cast<std::size_t>(
      std::partition_point(chunks.begin(), chunks.end(), [y](const Chunk& c) { return c.y1 < y; }) - chunks.begin());
}

std::size_t DocLayout::fragment_at_offset(std::uint32_t offset) const {
  auto it = std::partition_point(fragments.begin(), fragments.end(), [offset](const Fragment& f) { return f.begin <= offset; });
  if (it == fragments.begin()) return 0;
  return static_cast<std::size_t>(it - fragments.begin() - 1);
}

// Everything at or below views_y is after the views: the title above is laid out before
// views_y is set, so none of it reaches down to it.
namespace {

// Moves every y of the layout (not its gaps) by what by(y) says.
template <typename By>
void move_all(DocLayout& L, By by) {
  const auto move = [&](float& y) { y += by(y); };
  for (Fragment& f : L.fragments) move(f.y), move(f.line_y);
  for (Decoration& d : L.decorations) move(d.y);
  for (Chunk& c : L.chunks) move(c.y0), move(c.y1);
  for (Anchor& a : L.anchors) move(a.y);
  for (ScrollRegion& r : L.regions) move(r.y);
  for (Decoration& d : L.spans) {
    const float top = by(d.y);
    d.h += by(d.y + d.h - 0.01f) - top;  // the gaps inside it
    d.y += top;
  }
}

}  // namespace

void DocLayout::set_views_height(float h) {
  const float dy = h - views_h;
  if (dy == 0) return;
  const float at = views_y;
  move_all(*this, [&](float y) { return y >= at ? dy : 0.0f; });
  for (Gap& g : gaps) g.y += g.y >= at ? dy : 0;
  height += dy;
  views_h = h;
}

void DocLayout::open_gaps(std::vector<Gap> sorted) {
  std::vector<float> above(sorted.size() + 1, 0);  // above[k]: the gaps before k, in all
  for (std::size_t k = 0; k < sorted.size(); ++k) above[k + 1] = above[k] + sorted[k].h;
  const auto by = [&](float y) {
    const auto k = std::upper_bound(sorted.begin(), sorted.end(), y, [](float v, const Gap& g) { return v < g.y; }) - sorted.begin();
    return above[static_cast<std::size_t>(k)];
  };
  move_all(*this, by);
  for (std::size_t k = 0; k < sorted.size(); ++k) sorted[k].y += above[k];
  height += above.back();
  gaps = std::move(sorted);
}

const Anchor* DocLayout::find_anchor(std::string_view slug) const {
  for (const Anchor& a : anchors)
    if (a.slug == slug) return &a;
  return nullptr;
}

namespace {

// The link-order contract: a laid-out link's or image's source_index is its node's
// ordinal among the tree's links and images in document order, which is the order of
// summarize().links and so of the manifest's resolved hrefs.
void assert_link_ordinals(const DocLayout& doc, cmark_node* root) {
  std::vector<cmark_node*> nodes;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) nodes.push_back(n);
  }
  cmark_iter_free(it);
  const auto is_node = [&](int ordinal, const std::string& url) {
    if (ordinal < 0 || ordinal >= static_cast<int>(nodes.size())) return false;
    const char* written = cmark_node_get_url(nodes[static_cast<std::size_t>(ordinal)]);
    return url == (written ? written : "");
  };
  for (const LinkInfo& link : doc.links)
    LOGBOOK_ASSERT(link.footnote_ref || link.footnote_back || is_node(link.source_index, link.destination),
                   "a link's source_index is its ordinal among the page's links and images");
  for (const ImageSlot& image : doc.images)
    LOGBOOK_ASSERT(is_node(image.source_index, image.url), "an image's source_index is its ordinal among the page's links and images");
}

}  // namespace

DocLayout layout_markdown(const LayoutInput& input) {
  if (!input.root || !input.type) return {};
  DocLayout doc = Layouter(input).run();
  if (LOGBOOK_ASSERTS_ON) assert_link_ordinals(doc, input.root);
  return doc;
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> find_all(std::string_view text, std::string_view needle) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  if (needle.empty() || needle.size() > text.size()) return out;
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const char first = lower(needle[0]);
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    if (lower(text[i]) != first) continue;
    std::size_t k = 1;
    while (k < needle.size() && lower(text[i + k]) == lower(needle[k])) ++k;
    if (k == needle.size()) {
      out.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + k));
      i += k - 1;
    }
  }
  return out;
}

}  // namespace logbook::app
