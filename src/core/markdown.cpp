#include "markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "assert.hpp"
#include "html_sanitizer.hpp"
#include "limits.hpp"
#include "slug.hpp"

namespace logbook {

namespace {

constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tagfilter", "tasklist"};

int cmark_options(const MarkdownOptions& options) {
  int flags = CMARK_OPT_DEFAULT;
  if (options.unsafe_html) flags |= CMARK_OPT_UNSAFE;
  if (options.gfm) flags |= CMARK_OPT_FOOTNOTES;
  return flags;
}

void ensure_extensions_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

template <typename F>
void for_each_node(cmark_node* root, F&& visit) {
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) visit(cmark_iter_get_node(iter), ev);
  cmark_iter_free(iter);
}

bool is_inline(cmark_node* n) {
  return (static_cast<unsigned>(cmark_node_get_type(n)) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

void append_plain_text(cmark_node* node, std::string& out) {
  for_each_node(node, [&](cmark_node* n, cmark_event_type ev) {
    const cmark_node_type type = cmark_node_get_type(n);
    if (ev == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) out += cmark_node_get_literal(n);
      else if (type == CMARK_NODE_SOFTBREAK) out += ' ';
      else if (type == CMARK_NODE_LINEBREAK) out += '\n';
      else if (type == CMARK_NODE_CODE_BLOCK) {
        out += cmark_node_get_literal(n);
      }
    } else if (ev == CMARK_EVENT_EXIT && type != CMARK_NODE_DOCUMENT &&
               (cmark_node_first_child(n) || type == CMARK_NODE_CODE_BLOCK) &&
               !is_inline(n)) {
      if (!out.empty() && out.back() != '\n') out += '\n';
    }
  });
}

// Any node whose children are inlines: paragraphs, headings, table cells, emphasis...
bool is_inline_container(cmark_node* n) {
  cmark_node* child = cmark_node_first_child(n);
  return child != nullptr && is_inline(child);
}

// Raw HTML reaches a page only through the allowlist sanitizer (ADR-0011). Each raw
// node's literal is replaced by its sanitized form, and elements left open are closed
// where their Markdown container ends; undo() leaves the tree as cmark-gfm made it.
class SanitizedRawHtml {
 public:
  explicit SanitizedRawHtml(cmark_node* root) {
    HtmlSanitizer sanitizer;
    std::vector<std::pair<cmark_node*, std::string>> closers;
    for_each_node(root, [&](cmark_node* n, cmark_event_type ev) {
      const cmark_node_type type = cmark_node_get_type(n);
      if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE)) {
        const char* literal = cmark_node_get_literal(n);
        originals_.emplace_back(n, literal ? literal : "");
        cmark_node_set_literal(n, sanitizer.fragment(originals_.back().second, cmark_node_parent(n)).c_str());
      } else if (ev == CMARK_EVENT_EXIT) {
        if (std::string end_tags = sanitizer.close(n); !end_tags.empty()) closers.emplace_back(n, std::move(end_tags));
      }
    });
    for (const auto& [container, end_tags] : closers) {
      cmark_node* first = cmark_node_first_child(container);
      cmark_node* node = cmark_node_new(first && is_inline(first) ? CMARK_NODE_HTML_INLINE : CMARK_NODE_HTML_BLOCK);
      cmark_node_set_literal(node, end_tags.c_str());
      if (cmark_node_append_child(container, node)) added_.push_back(node);
      else cmark_node_free(node);
    }
  }
  SanitizedRawHtml(const SanitizedRawHtml&) = delete;
  SanitizedRawHtml& operator=(const SanitizedRawHtml&) = delete;

  void undo() {
    for (cmark_node* n : added_) cmark_node_free(n);
    for (const auto& [n, literal] : originals_) cmark_node_set_literal(n, literal.c_str());
    added_.clear();
    originals_.clear();
  }

 private:
  std::vector<std::pair<cmark_node*, std::string>> originals_;
  std::vector<cmark_node*> added_;
};

// Finds the first run of more than limits::kWordBytes bytes without whitespace, across
// inline nodes (`a*b*c` is one word to the reader), in one pass over the literals.
struct LongWordFinder {
  std::size_t run = 0;
  int run_line = 0;
  int found_line = 0;

  void feed(const char* literal, int line) {
    for (const char* c = literal; *c; ++c) {
      if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
        if (*c == '\n') ++line;
        run = 0;
        continue;
      }
      if (run++ == 0) run_line = line;
      if (run > limits::kWordBytes && found_line == 0) found_line = run_line;
    }
  }
};

// Block quotes and lists are what nests; the other containers sit inside them.
bool is_nesting_block(cmark_node_type type) { return type == CMARK_NODE_BLOCK_QUOTE || type == CMARK_NODE_LIST; }

struct LimitWalk {
  int depth = 0;
  int block_line = 0;  // start line of the innermost block entered
  int too_deep_line = 0;
  LongWordFinder words;
};

bool is_fenced(cmark_node* code_block) {
  int length = 0, offset = 0;
  char character = 0;
  return cmark_node_get_fenced(code_block, &length, &offset, &character) != 0;
}

}  // namespace

struct MarkdownDocument::Impl {
  MarkdownOptions options;
  int line_offset = 1;
  std::unique_ptr<cmark_parser, ParserDeleter> parser;
  cmark_node* root = nullptr;
  std::vector<RefusedTable> refused_tables;  // lines counted from the Markdown's start
  // Wikilink nodes are made by us and have no source position in cmark; we keep it here.
  std::unordered_map<cmark_node*, std::pair<int, int>> positions;

  ~Impl() {
    if (root) cmark_node_free(root);
  }

  std::pair<int, int> position(cmark_node* n) const {
    if (auto it = positions.find(n); it != positions.end()) return it->second;
    return {cmark_node_get_start_line(n), cmark_node_get_start_column(n)};
  }

  void merge_adjacent_text(cmark_node* parent) {
    for (cmark_node* child = cmark_node_first_child(parent); child; child = cmark_node_next(child)) {
      if (cmark_node_get_type(child) != CMARK_NODE_TEXT) continue;
      cmark_node* next = cmark_node_next(child);
      if (!next || cmark_node_get_type(next) != CMARK_NODE_TEXT) continue;
      std::string merged = cmark_node_get_literal(child);
      while (next && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
        merged += cmark_node_get_literal(next);
        cmark_node* after = cmark_node_next(next);
        cmark_node_free(next);  // unlinks it
        next = after;
      }
      cmark_node_set_literal(child, merged.c_str());
    }
  }

  // One wikilink found in a text literal: the bytes [open, close + 2) are "[[inner]]".
  struct WikilinkSpan {
    std::size_t open = 0, close = 0;
    std::string target, label;
  };

  // The wikilinks of one literal, left to right, in one pass: each "[[" pairs with the
  // first "]]" after it, and scanning resumes after that "]]" whether or not the pair
  // made a link, so every byte is looked at a fixed number of times.
  static std::vector<WikilinkSpan> find_wikilinks(std::string_view literal) {
    std::vector<WikilinkSpan> spans;
    std::size_t pos = 0;
    while (true) {
      const auto open = literal.find("[[", pos);
      if (open == std::string_view::npos) break;
      const auto close = literal.find("]]", open + 2);
      if (close == std::string_view::npos) break;  // no later "[[" can close either
      pos = close + 2;
      const std::string_view inner = literal.substr(open + 2, close - open - 2);
      if (inner.find_first_of("[\n") != std::string_view::npos) continue;
      const auto bar = inner.find('|');
      const auto trim = [](std::string_view s) {
        while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
        while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
        return s;
      };
      const std::string_view target = trim(inner.substr(0, bar));
      const std::string_view label = bar == std::string_view::npos ? target : trim(inner.substr(bar + 1));
      if (target.empty()) continue;
      spans.push_back({open, close, std::string(target), std::string(label.empty() ? target : label)});
    }
    return spans;
  }

  // Splits "see [[Target|label]] here" into text, a link node and text, for every
  // wikilink of the node. Linear in the literal: no recursion, no copy of the rest.
  void split_wikilinks(cmark_node* text_node) {
    const std::string literal = cmark_node_get_literal(text_node);
    const std::vector<WikilinkSpan> spans = find_wikilinks(literal);
    if (spans.empty()) return;
    // Not a structured binding: clang 14 (Emscripten 3.1.6, the fuzz build) cannot
    // capture one in a lambda.
    const std::pair<int, int> start = position(text_node);
    const int line = start.first, column = start.second;
    // Columns count characters (not UTF-8 continuation bytes) from the node's start.
    int chars = 0;
    std::size_t counted = 0;
    const auto column_at = [&](std::size_t offset) {
      for (; counted < offset; ++counted)
        if ((static_cast<unsigned char>(literal[counted]) & 0xC0) != 0x80) ++chars;
      return column + chars;
    };
    cmark_node* last = text_node;
    std::size_t text_start = 0;
    for (const WikilinkSpan& span : spans) {
      const std::string before = literal.substr(text_start, span.open - text_start);
      if (last == text_node) {
        cmark_node_set_literal(text_node, before.c_str());
      } else if (!before.empty()) {
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, before.c_str());
        cmark_node_insert_after(last, text);
        last = text;
      }
      cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
      cmark_node_set_url(link, (std::string(kWikilinkScheme) + span.target).c_str());
      cmark_node_set_title(link, "");
      cmark_node* label_node = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(label_node, span.label.c_str());
      cmark_node_append_child(link, label_node);
      positions[link] = {line, column_at(span.open)};
      cmark_node_insert_after(last, link);
      last = link;
      text_start = span.close + 2;
    }
    if (text_start < literal.size()) {
      cmark_node* rest = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(rest, literal.substr(text_start).c_str());
      cmark_node_insert_after(last, rest);
    }
  }

  // Part of summarize's one walk of the tree: nesting depth and word length.
  void track_limits(cmark_node* n, cmark_event_type event, LimitWalk& walk) const {
    const cmark_node_type type = cmark_node_get_type(n);
    if (!is_inline(n)) {
      walk.words.run = 0;
      if (event == CMARK_EVENT_ENTER) walk.block_line = cmark_node_get_start_line(n);
    }
    if (is_nesting_block(type)) {
      walk.depth += event == CMARK_EVENT_ENTER ? 1 : -1;
      if (walk.depth > limits::kNestingDepth && walk.too_deep_line == 0) walk.too_deep_line = walk.block_line;
    }
    if (event != CMARK_EVENT_ENTER) return;
    switch (type) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        // Text nodes made by split_wikilinks have no line of their own.
        walk.words.feed(cmark_node_get_literal(n), std::max(position(n).first, walk.block_line));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        walk.words.run = 0;
        break;
      case CMARK_NODE_CODE_BLOCK:
        walk.words.feed(cmark_node_get_literal(n), walk.block_line + (is_fenced(n) ? 1 : 0));
        break;
      case CMARK_NODE_HTML_BLOCK:
        walk.words.feed(cmark_node_get_literal(n), walk.block_line);
        break;
      default:
        break;
    }
  }

  void apply_wikilinks() {
    std::vector<cmark_node*> containers;
    for_each_node(root, [&](cmark_node* n, cmark_event_type ev) {
      if (ev == CMARK_EVENT_ENTER && is_inline_container(n)) containers.push_back(n);
    });
    for (cmark_node* parent : containers) {
      if (cmark_node_get_type(parent) == CMARK_NODE_LINK) continue;  // no links inside links
      merge_adjacent_text(parent);
      std::vector<cmark_node*> texts;
      for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
        if (cmark_node_get_type(c) == CMARK_NODE_TEXT) texts.push_back(c);
      for (cmark_node* t : texts) split_wikilinks(t);
    }
  }
};

MarkdownDocument::MarkdownDocument(std::string_view markdown, const MarkdownOptions& options, int line_offset)
    : impl_(std::make_unique<Impl>()) {
  ensure_extensions_registered();
  impl_->options = options;
  impl_->line_offset = line_offset;
  impl_->parser.reset(cmark_parser_new(cmark_options(options)));
  if (options.gfm) {
    for (const char* name : kExtensions)
      cmark_parser_attach_syntax_extension(impl_->parser.get(), cmark_find_syntax_extension(name));
  }
  // Every parse goes through the table guard: no table costs far more than its bytes.
  GuardedMarkdown guarded = guard_tables(markdown);
  impl_->refused_tables = std::move(guarded.refused);
  if (!impl_->refused_tables.empty()) markdown = guarded.text;
  cmark_parser_feed(impl_->parser.get(), markdown.data(), markdown.size());
  impl_->root = cmark_parser_finish(impl_->parser.get());
  if (options.wikilinks) impl_->apply_wikilinks();
}

MarkdownDocument::~MarkdownDocument() = default;
MarkdownDocument::MarkdownDocument(MarkdownDocument&&) noexcept = default;
MarkdownDocument& MarkdownDocument::operator=(MarkdownDocument&&) noexcept = default;

cmark_node* MarkdownDocument::root() const { return impl_->root; }
int MarkdownDocument::line_offset() const { return impl_->line_offset; }

MarkdownSummary MarkdownDocument::summarize() const {
  MarkdownSummary summary;
  Slugger slugger;
  const int offset = impl_->line_offset - 1;
  LimitWalk walk;
  int open_links = 0;  // links and images around the node (images nest in image text)
  for_each_node(impl_->root, [&](cmark_node* n, cmark_event_type ev) {
    impl_->track_limits(n, ev, walk);
    const cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) open_links += ev == CMARK_EVENT_ENTER ? 1 : -1;
    if (ev != CMARK_EVENT_ENTER) return;
    switch (type) {
      case CMARK_NODE_HEADING: {
        Heading h;
        h.level = cmark_node_get_heading_level(n);
        append_plain_text(n, h.text);
        while (!h.text.empty() && h.text.back() == '\n') h.text.pop_back();
        h.slug = slugger.unique(h.text);
        h.line = cmark_node_get_start_line(n) + offset;
        summary.headings.push_back(std::move(h));
        break;
      }
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE: {
        Link link;
        std::string url = cmark_node_get_url(n);
        link.image = cmark_node_get_type(n) == CMARK_NODE_IMAGE;
        if (url.rfind(kWikilinkScheme, 0) == 0) {
          link.wikilink = true;
          url.erase(0, kWikilinkScheme.size());
        }
        link.destination = std::move(url);
        // Only the outermost link reads its text: reading it again for every nested
        // image made 10,000 nested images quadratic.
        if (open_links == 1) append_plain_text(n, link.text);
        while (!link.text.empty() && link.text.back() == '\n') link.text.pop_back();
        const auto [line, column] = impl_->position(n);
        link.line = line + offset;
        link.column = column;
        summary.links.push_back(std::move(link));
        break;
      }
      case CMARK_NODE_PARAGRAPH:
        if (summary.first_paragraph.empty() && cmark_node_parent(n) == impl_->root) {
          append_plain_text(n, summary.first_paragraph);
          while (!summary.first_paragraph.empty() && summary.first_paragraph.back() == '\n')
            summary.first_paragraph.pop_back();
        }
        break;
      default:
        break;
    }
  });
  append_plain_text(impl_->root, summary.plain_text);
  if (walk.too_deep_line) summary.too_deep_line = walk.too_deep_line + offset;
  if (walk.words.found_line) summary.long_word_line = walk.words.found_line + offset;
  summary.refused_tables = impl_->refused_tables;
  for (RefusedTable& table : summary.refused_tables) table.line += offset;
  return summary;
}

namespace {

// One pass, into a new string: a page of 100,000 code blocks costs what its bytes cost.
void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::size_t at = s.find(from);
  if (at == std::string::npos) return;
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  std::size_t done = 0;
  for (; at != std::string::npos; at = s.find(from, done)) {
    out.append(s, done, at - done).append(to);
    done = at + from.size();
  }
  out.append(s, done, std::string::npos);
  s = std::move(out);
}

// What cmark-gfm's HTML lacks for assistive technology (axe-core's rules): a task's
// checkbox has a name, and a code block, which may scroll sideways, can take the
// keyboard's focus to be scrolled.
std::string accessible(std::string html) {
  replace_all(html, "<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Done\" />");
  replace_all(html, "<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\" />");
  replace_all(html, "<pre><code", "<pre tabindex=\"0\"><code");
  replace_all(html, "<pre lang=", "<pre tabindex=\"0\" lang=");
  return html;
}

// "<h2><a id="steps"></a>Steps</h2>" to "<h2 id="steps">Steps</h2>", in one pass. Only an
// <a id> that opens a heading, as render_html writes it; any other HTML is left as it is.
std::string ids_on_headings(std::string_view html) {
  constexpr std::string_view kAnchor = "<a id=\"", kEnd = "\"></a>";
  constexpr std::size_t kMostTagBytes = 256, kMostSlugBytes = 1024;
  std::string out;
  out.reserve(html.size());
  std::size_t done = 0;
  for (std::size_t at = html.find("<h"); at != std::string_view::npos; at = html.find("<h", at + 2)) {
    if (at + 4 > html.size() || html[at + 2] < '1' || html[at + 2] > '6' || (html[at + 3] != '>' && html[at + 3] != ' ')) continue;
    // Bounded look-ups, so that text of many "<h" costs linear time: a heading's tag is
    // short, and a slug has no quote (slug.hpp). A slug longer than kMostSlugBytes keeps
    // its <a id>, the same target.
    const std::size_t close = html.substr(at, kMostTagBytes).find('>');
    if (close == std::string_view::npos || html.substr(at + close + 1, kAnchor.size()) != kAnchor) continue;
    const std::size_t id = at + close + 1 + kAnchor.size(), id_end = html.substr(id, kMostSlugBytes).find('"');
    if (id_end == std::string_view::npos || html.substr(id + id_end, kEnd.size()) != kEnd) continue;
    out.append(html.substr(done, at + close - done));
    out.append(" id=\"").append(html.substr(id, id_end)).append("\">");
    done = id + id_end + kEnd.size();
  }
  out.append(html.substr(done));
  return out;
}

}  // namespace

std::string MarkdownDocument::render_html(const std::function<std::string(const Link&)>& rewrite) {
  return render_html(rewrite, summarize());
}

std::string MarkdownDocument::render_html(const std::function<std::string(const Link&)>& rewrite, const MarkdownSummary& summary) {
  std::size_t link_index = 0;
  std::size_t heading_index = 0;
  std::vector<cmark_node*> links;
  std::vector<cmark_node*> headings;
  for_each_node(impl_->root, [&](cmark_node* n, cmark_event_type ev) {
    if (ev != CMARK_EVENT_ENTER) return;
    const auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) links.push_back(n);
    if (type == CMARK_NODE_HEADING) headings.push_back(n);
  });
  LOGBOOK_ASSERT(links.size() == summary.links.size() && headings.size() == summary.headings.size(),
                 "the summary is this document's: its links and headings are the tree's, in document order");
  for (cmark_node* n : links) {
    const Link& link = summary.links[link_index++];
    std::string url = rewrite ? rewrite(link) : link.destination;
    if (is_dangerous_url(url, link.image)) url = "#";
    cmark_node_set_url(n, url.c_str());
  }
  // Each heading's id, the target of the table of contents' links and of deep links: cmark
  // writes an empty <a id> first inside it, which ids_on_headings moves onto the heading
  // itself. Not a link (with href and text it would cost 7 MB at 10,000 pages, issue 9),
  // nor an empty element before the heading's text: 1.1 MB less at 10,000 pages.
  for (cmark_node* n : headings) {
    const std::string& slug = summary.headings[heading_index++].slug;
    cmark_node* anchor = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    const std::string html = "<a id=\"" + slug + "\"></a>";
    cmark_node_set_on_enter(anchor, html.c_str());
    cmark_node_prepend_child(n, anchor);
  }
  std::optional<SanitizedRawHtml> raw;
  if (impl_->options.unsafe_html) raw.emplace(impl_->root);
  std::string out = ids_on_headings(accessible(html()));
  if (raw) raw->undo();
  for (cmark_node* n : headings) cmark_node_free(cmark_node_first_child(n));  // leave the tree as it was
  return out;
}

std::string MarkdownDocument::html() const {
  char* html = cmark_render_html(impl_->root, cmark_options(impl_->options),
                                 cmark_parser_get_syntax_extensions(impl_->parser.get()));
  std::string out(html);
  std::free(html);
  return out;
}

std::string markdown_to_html(std::string_view markdown, const MarkdownOptions& options) {
  return MarkdownDocument(markdown, options).html();
}

std::string plain_text_of(cmark_node* node) {
  std::string out;
  append_plain_text(node, out);
  return out;
}

std::string escape_href(std::string_view url) {
  static constexpr std::string_view kSafe =
      "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(url.size());
  for (char c : url) {
    if (kSafe.find(c) != std::string_view::npos) out += c;
    else if (c == '&') out += "&amp;";
    else if (c == '\'') out += "&#x27;";
    else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    }
  }
  return out;
}

bool is_dangerous_url(std::string_view url, bool image) {
  std::string lower;
  for (char c : url.substr(0, 16)) {
    if (c == ' ' || c == '\t' || c == '\n') continue;
    lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (lower.rfind("javascript:", 0) == 0 || lower.rfind("vbscript:", 0) == 0 || lower.rfind("file:", 0) == 0)
    return true;
  if (lower.rfind("data:", 0) == 0) {
    return !(image && (lower.rfind("data:image/png", 0) == 0 || lower.rfind("data:image/gif", 0) == 0 ||
                       lower.rfind("data:image/jpeg", 0) == 0 || lower.rfind("data:image/webp", 0) == 0));
  }
  return false;
}

}  // namespace logbook
