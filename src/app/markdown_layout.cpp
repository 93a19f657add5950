#include "markdown_layout.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <node.h>  // footnote numbering lives only in the node struct
#include <strikethrough.h>
#include <table.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/markdown.hpp"
#include "inline_flow.hpp"

namespace logbook::app {

namespace {

constexpr float kListIndent = 28;
constexpr float kQuoteIndent = 20;
constexpr float kCodePad = 16;
constexpr float kCellPadX = 12;
constexpr float kCellPadY = 7;

enum class Alert { none, note, tip, important, warning, caution };

struct AlertInfo {
  Alert kind;
  const char* marker;
  const char* title;
  Ink ink;
};
constexpr AlertInfo kAlerts[] = {
    {Alert::note, "[!NOTE]", "Note", Ink::note},
    {Alert::tip, "[!TIP]", "Tip", Ink::tip},
    {Alert::important, "[!IMPORTANT]", "Important", Ink::important},
    {Alert::warning, "[!WARNING]", "Warning", Ink::warning},
    {Alert::caution, "[!CAUTION]", "Caution", Ink::caution},
};

// Styles inherited by the blocks inside a container.
struct Context {
  Ink ink = Ink::text;
  float size = 16;
  bool tight = false;  // paragraphs of a tight list: no space between them
  int list_depth = 0;
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
    float y = children(in_.root, 0, in_.width, 0, ctx);
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
              static_cast<std::uint32_t>(doc_.decorations.size()), 0};
  }
  void end_chunk(float y1) {
    chunk_.y1 = std::max(y1, doc_.chunks.empty() ? y1 : doc_.chunks.back().y1);
    chunk_.frag_end = static_cast<std::uint32_t>(doc_.fragments.size());
    chunk_.deco_end = static_cast<std::uint32_t>(doc_.decorations.size());
    if (chunk_.frag_end > chunk_.frag_begin || chunk_.deco_end > chunk_.deco_begin) doc_.chunks.push_back(chunk_);
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

  float block(cmark_node* n, float x, float w, float y, const Context& ctx) {
    const cmark_node_type type = cmark_node_get_type(n);
    switch (type) {
      case CMARK_NODE_PARAGRAPH: return paragraph(n, x, w, y, ctx);
      case CMARK_NODE_HEADING: return heading(n, x, w, y, ctx);
      case CMARK_NODE_CODE_BLOCK: return code_block(n, x, w, y);
      case CMARK_NODE_THEMATIC_BREAK: return rule(x, w, y);
      case CMARK_NODE_BLOCK_QUOTE: return quote(n, x, w, y, ctx);
      case CMARK_NODE_LIST: return list(n, x, w, y, ctx);
      case CMARK_NODE_FOOTNOTE_DEFINITION: return footnote(n, x, w, y, ctx);
      case CMARK_NODE_HTML_BLOCK: return y;  // raw HTML is never executed, and not shown
      default:
        if (type == CMARK_NODE_TABLE) return table(n, x, w, y, ctx);
        return children(n, x, w, y, ctx);  // custom blocks and the unknown: their content
    }
  }

  // --- inline content -------------------------------------------------------------
  void collect(cmark_node* n, TextStyle style, int link, InlineItems& out) {
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
          collect(c, s, link, out);
          break;
        case CMARK_NODE_STRONG:
          s.face = s.face == Face::italic ? Face::bold_italic : s.face == Face::regular ? Face::bold : s.face;
          collect(c, s, link, out);
          break;
        case CMARK_NODE_LINK: {
          LinkInfo info;
          info.destination = cmark_node_get_url(c);
          info.source_index = source_link_++;
          doc_.links.push_back(std::move(info));
          s.ink = Ink::link;
          collect(c, s, static_cast<int>(doc_.links.size() - 1), out);
          break;
        }
        case CMARK_NODE_IMAGE: {
          ImageSlot slot;
          slot.url = cmark_node_get_url(c);
          slot.source_index = source_link_++;
          InlineItems alt;  // collected for the links and images inside, which count in document order
          collect(c, s, link, alt);
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
          collect(c, s, link, out);
          break;
      }
    }
  }

  static void push_text(InlineItems& out, std::string text, const TextStyle& s, int link) {
    if (text.empty()) return;
    if (!out.runs.empty() && out.runs.back().style == s && out.runs.back().link == link && !out.runs.back().hard_break &&
        (out.images.empty() || out.images.back().first != out.runs.size())) {
      out.runs.back().text += text;
      return;
    }
    out.runs.push_back({std::move(text), s, link, false});
  }

  void flush_anchors(float y) {
    for (std::string& a : pending_anchors_) doc_.anchors.push_back({std::move(a), y, 0, {}});
    pending_anchors_.clear();
  }

  // Lays out inline content, with block images where they occur.
  float inline_block(cmark_node* n, const TextStyle& base, float x, float w, float y, float align) {
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

  float image(int slot, float x, float w, float y) {
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

  // --- blocks ---------------------------------------------------------------------
  float paragraph(cmark_node* n, float x, float w, float y, const Context& ctx) {
    y = place(y);
    TextStyle base{Face::regular, ctx.size, ctx.ink};
    y = inline_block(n, base, x, w, y, 0);
    gap(ctx.tight ? 4 : std::round(ctx.size * 0.95f));
    return y;
  }

  float heading(cmark_node* n, float x, float w, float y, const Context& ctx) {
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
    const float factor = t_.scale.line;
    t_line_override_ = level <= 2 ? 1.3f : 1.4f;
    y = inline_block_with_factor(n, base, x, w, y);
    t_line_override_ = 0;
    a.text = doc_.text.substr(std::min(text_start, doc_.text.size()));
    (void)factor;
    doc_.anchors.push_back(std::move(a));
    if (level <= 2) {
      Decoration d;
      d.ink = Ink::rule;
      d.x = x;
      d.y = y + 6;
      d.w = w;
      d.h = 1;
      d.region = region_;
      begin_chunk(y);
      doc_.decorations.push_back(d);
      end_chunk(y + 7);
      y += 7;
    }
    gap(level <= 2 ? 16 : 10);
    return y;
  }

  float inline_block_with_factor(cmark_node* n, const TextStyle& base, float x, float w, float y) {
    InlineItems items;
    collect(n, base, -1, items);
    while (!items.runs.empty() && items.runs.back().hard_break) items.runs.pop_back();
    separate_block();
    begin_chunk(y);
    flush_anchors(y);
    y = flow_.lay(items.runs, x, y, w, 0, t_line_override_, region_);
    end_chunk(y);
    return y;
  }

  float code_block(cmark_node* n, float x, float w, float y) {
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

  std::uint16_t style_of(const TextStyle& s) {
    for (std::size_t i = 0; i < doc_.styles.size(); ++i)
      if (doc_.styles[i] == s) return static_cast<std::uint16_t>(i);
    doc_.styles.push_back(s);
    return static_cast<std::uint16_t>(doc_.styles.size() - 1);
  }

  float rule(float x, float w, float y) {
    gap(26);
    y = place(y);
    begin_chunk(y);
    Decoration d;
    d.ink = Ink::rule;
    d.x = x;
    d.y = y;
    d.w = w;
    d.h = 2;
    d.region = region_;
    doc_.decorations.push_back(d);
    end_chunk(y + 2);
    separate_block();
    gap(26);
    return y + 2;
  }

  Alert alert_of(cmark_node* quote) {
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

  float quote(cmark_node* n, float x, float w, float y, const Context& ctx) {
    const Alert alert = alert_of(n);
    y = place(y);
    const float top = y;
    Context inner = ctx;
    inner.tight = false;
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

  float list(cmark_node* n, float x, float w, float y, const Context& ctx) {
    const bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    int number = ordered ? cmark_node_get_list_start(n) : 0;
    Context inner = ctx;
    inner.tight = cmark_node_get_list_tight(n) != 0;
    inner.list_depth = ctx.list_depth + 1;
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
        const std::string label = std::to_string(number++) + delim;
        const std::uint32_t b = static_cast<std::uint32_t>(doc_.text.size());
        doc_.text += label + " ";
        Fragment f;
        const TextStyle style{Face::regular, ctx.size, Ink::muted};
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

  float footnote(cmark_node* n, float x, float w, float y, const Context& ctx) {
    if (!footnotes_started_) {
      footnotes_started_ = true;
      gap(32);
      y = place(y);
      begin_chunk(y);
      Decoration d;
      d.ink = Ink::rule;
      d.x = x;
      d.y = y;
      d.w = w;
      d.h = 1;
      doc_.decorations.push_back(d);
      end_chunk(y + 1);
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
    const std::string number = std::to_string(footnote_number_) + ".";
    const std::uint32_t b = static_cast<std::uint32_t>(doc_.text.size());
    doc_.text += number + " ";
    Fragment f;
    const TextStyle style{Face::regular, inner.size, Ink::muted};
    f.w = t_.measure(style.face, style.size, number);
    f.x = x + kListIndent - 8 - f.w;
    f.line_y = y;
    f.line_h = line_h;
    const float ascent = t_.ascent(style.face) * style.size;
    f.y = y + std::round((line_h - style.size) * 0.5f + ascent) - ascent;
    f.begin = b;
    f.end = b + static_cast<std::uint32_t>(number.size());
    f.style = style_of(style);
    f.flags = kLineStart | kBlockStart;
    doc_.fragments.push_back(f);
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

  float table(cmark_node* n, float x, float w, float y, const Context& ctx);

  const LayoutInput& in_;
  const Typography& t_;
  DocLayout doc_;
  InlineFlow flow_;
  Chunk chunk_;
  float pending_ = 0;
  bool started_ = false;
  std::size_t heading_ = 0;
  int source_link_ = 0;
  int region_ = -1;
  std::size_t skip_chars_ = 0;
  bool skip_newline_ = false;
  float t_line_override_ = 0;
  bool footnotes_started_ = false;
  bool after_marker_ = false;
  int footnote_number_ = 0;
  std::vector<std::string> pending_anchors_;
};

// Tables: columns get their natural width when the table fits; otherwise the extra
// width is shared so that every column keeps its widest word, and a table that still
// cannot fit scrolls sideways like a code block.
float Layouter::table(cmark_node* n, float x, float w, float y, const Context& ctx) {
  y = place(y);
  const int columns = std::max<int>(1, cmark_gfm_extensions_get_table_columns(n));
  const std::uint8_t* align = cmark_gfm_extensions_get_table_alignments(n);
  std::vector<std::vector<cmark_node*>> rows;
  for (cmark_node* r = cmark_node_first_child(n); r; r = cmark_node_next(r)) {
    rows.emplace_back();
    for (cmark_node* c = cmark_node_first_child(r); c; c = cmark_node_next(c)) rows.back().push_back(c);
  }
  const float size = std::round(ctx.size * 0.94f);
  std::vector<float> natural(static_cast<std::size_t>(columns), 0), minimum(static_cast<std::size_t>(columns), 24);
  std::vector<std::vector<InlineItems>> cells(rows.size());
  const int saved_link = source_link_;
  const std::size_t saved_links = doc_.links.size(), saved_images = doc_.images.size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool header = cmark_gfm_extensions_get_table_row_is_header(cmark_node_parent(rows[r].front()) ? cmark_node_parent(rows[r].front()) : n);
    for (std::size_t c = 0; c < rows[r].size() && c < natural.size(); ++c) {
      InlineItems items;
      collect(rows[r][c], {header ? Face::bold : Face::regular, size, ctx.ink}, -1, items);
      const FlowMetrics m = flow_.measure(items.runs);
      natural[c] = std::max(natural[c], m.natural + 2 * kCellPadX);
      minimum[c] = std::max(minimum[c], m.minimum + 2 * kCellPadX);
    }
  }
  // Measuring collected links and images once; collect again below for real.
  source_link_ = saved_link;
  doc_.links.resize(saved_links);
  doc_.images.resize(saved_images);

  float total_natural = 0, total_min = 0;
  for (int c = 0; c < columns; ++c) {
    total_natural += natural[static_cast<std::size_t>(c)];
    total_min += minimum[static_cast<std::size_t>(c)];
  }
  std::vector<float> width = natural;
  if (total_natural > w) {
    const float spare = std::max(0.0f, w - total_min), wanted = total_natural - total_min;
    for (int c = 0; c < columns; ++c) {
      const auto i = static_cast<std::size_t>(c);
      width[i] = minimum[i] + (wanted > 0 ? (natural[i] - minimum[i]) * spare / wanted : 0);
    }
  }
  float table_w = 0;
  for (float cw : width) table_w += cw;

  ScrollRegion region;
  region.x = x;
  region.y = y;
  region.w = w;
  region.content_w = table_w + 1;
  const int outer_region = region_;
  if (table_w > w + 0.5f) {
    region_ = static_cast<int>(doc_.regions.size());
    doc_.regions.push_back(region);
  }
  const float top = y;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool header = cmark_gfm_extensions_get_table_row_is_header(cmark_node_parent(rows[r].front()));
    separate_block();
    begin_chunk(y);
    const std::size_t bg_index = doc_.decorations.size();
    if (header || r % 2 == 0) {
      Decoration bg;
      bg.ink = header ? Ink::table_header_bg : Ink::table_stripe;
      bg.x = x;
      bg.y = y;
      bg.w = table_w;
      bg.region = region_;
      doc_.decorations.push_back(bg);
    }
    float cx = x, bottom = y + std::round(size * line_factor()) + 2 * kCellPadY;
    for (int c = 0; c < columns; ++c) {
      const auto i = static_cast<std::size_t>(c);
      if (c > 0) doc_.text += '\t';
      if (i < rows[r].size()) {
        const char a = align ? static_cast<char>(align[i]) : 0;
        const float factor = a == 'c' ? 0.5f : a == 'r' ? 1.0f : 0.0f;
        InlineItems items;
        collect(rows[r][i], {header ? Face::bold : Face::regular, size, ctx.ink}, -1, items);
        for (const auto& img : items.images) {  // images in cells: their alt text
          items.runs.insert(items.runs.begin() + static_cast<long>(std::min(img.first, items.runs.size())),
                            Run{doc_.images[static_cast<std::size_t>(img.second)].alt, {Face::italic, size, Ink::muted}, -1, false});
        }
        if (!items.runs.empty())
          bottom = std::max(bottom, flow_.lay(items.runs, cx + kCellPadX, y + kCellPadY, width[i] - 2 * kCellPadX, factor,
                                              line_factor(), region_) + kCellPadY);
      }
      cx += width[i];
    }
    if (bg_index < doc_.decorations.size() && doc_.decorations[bg_index].kind == DecorationKind::fill &&
        doc_.decorations[bg_index].w == table_w && doc_.decorations[bg_index].y == y)
      doc_.decorations[bg_index].h = bottom - y;
    // Cell borders: one outline per cell keeps the grid even where rows differ in height.
    cx = x;
    for (int c = 0; c < columns; ++c) {
      Decoration border;
      border.kind = DecorationKind::stroke;
      border.ink = Ink::table_border;
      border.x = cx;
      border.y = y;
      border.w = width[static_cast<std::size_t>(c)];
      border.h = bottom - y;
      border.region = region_;
      doc_.decorations.push_back(border);
      cx += width[static_cast<std::size_t>(c)];
    }
    end_chunk(bottom);
    y = bottom;
  }
  if (region_ != outer_region) {
    doc_.regions[static_cast<std::size_t>(region_)].h = y - top;
    region_ = outer_region;
  }
  gap(std::round(ctx.size * 1.1f));
  return y;
}

}  // namespace

std::size_t DocLayout::first_chunk_below(float y) const {
  return static_cast<std::size_t>(
      std::partition_point(chunks.begin(), chunks.end(), [y](const Chunk& c) { return c.y1 < y; }) - chunks.begin());
}

std::size_t DocLayout::fragment_at_offset(std::uint32_t offset) const {
  auto it = std::partition_point(fragments.begin(), fragments.end(), [offset](const Fragment& f) { return f.begin <= offset; });
  if (it == fragments.begin()) return 0;
  return static_cast<std::size_t>(it - fragments.begin() - 1);
}

const Anchor* DocLayout::find_anchor(std::string_view slug) const {
  for (const Anchor& a : anchors)
    if (a.slug == slug) return &a;
  return nullptr;
}

DocLayout layout_markdown(const LayoutInput& input) {
  if (!input.root || !input.type) return {};
  return Layouter(input).run();
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
