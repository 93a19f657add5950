// Markdown through cmark-gfm: one parse gives the tree; from it we read the heading
// outline (with GitHub anchors), every link, the plain text for the search index,
// and, once links are resolved, the HTML. [[Wikilinks]] become link nodes whose
// destination starts with "wikilink:" so that link resolution sees them like any link.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "table_guard.hpp"

struct cmark_node;

namespace logbook {

struct MarkdownOptions {
  bool gfm = true;               // table, strikethrough, autolink, tagfilter, tasklist, footnotes
  bool wikilinks = true;         // [[Target]] and [[Target|label]]
  // Raw HTML: true keeps it in pages after the allowlist sanitizer (html_sanitizer.hpp,
  // ADR-0011); false omits it, as cmark-gfm's safe mode does. tagfilter stays on either way.
  bool unsafe_html = true;
};

struct Heading {
  int level = 1;
  std::string text;
  std::string slug;
  int line = 0;
};

struct Link {
  std::string destination;  // as written (for wikilinks: the target inside [[ ]])
  std::string text;  // plain text; "" for an image or link inside another one's text
  int line = 0;
  int column = 0;
  bool wikilink = false;
  bool image = false;
};

struct MarkdownSummary {
  std::vector<Heading> headings;
  std::vector<Link> links;
  std::string plain_text;       // all visible text, blocks separated by newlines
  std::string first_paragraph;  // for descriptions
  // Past the limits of limits.hpp (0: within them): the line of the first block nested
  // deeper than kNestingDepth, and of the first word longer than kWordBytes.
  int too_deep_line = 0;
  int long_word_line = 0;
  // Tables past kTableColumns or kTableCellsPerByte, left as text (lines in the file).
  std::vector<RefusedTable> refused_tables;
};

constexpr std::string_view kWikilinkScheme = "wikilink:";

class MarkdownDocument {
 public:
  // line_offset: the line of the original file where this Markdown starts, so that
  // reported lines point into the file, past its front matter.
  MarkdownDocument(std::string_view markdown, const MarkdownOptions& options = {}, int line_offset = 1);
  ~MarkdownDocument();
  MarkdownDocument(MarkdownDocument&&) noexcept;
  MarkdownDocument& operator=(MarkdownDocument&&) noexcept;

  MarkdownSummary summarize() const;

  // Calls rewrite for each link and image (in document order, matching summarize().links)
  // and uses the returned destination; then renders HTML. Headings get id attributes;
  // raw HTML is sanitized (see MarkdownOptions::unsafe_html).
  std::string render_html(const std::function<std::string(const Link&)>& rewrite);
  // The same, reusing a summary of this document made earlier (saves walking the tree again).
  std::string render_html(const std::function<std::string(const Link&)>& rewrite, const MarkdownSummary& summary);

  // The tree rendered as it stands, exactly as cmark-gfm would (no anchors, no rewriting,
  // raw HTML NOT sanitized): for cmark-gfm's spec tests. Pages use render_html.
  std::string html() const;

  cmark_node* root() const;
  int line_offset() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Convenience for tests and tools: html() of a Markdown text (raw HTML not sanitized).
std::string markdown_to_html(std::string_view markdown, const MarkdownOptions& options = {});

// Plain text of a subtree, as cmark's plaintext renderer would print it (no wrapping).
std::string plain_text_of(cmark_node* node);

// A URL made safe for an HTML attribute exactly as cmark-gfm's renderer does it
// (percent-encoding unsafe bytes, entity-escaping & and ').
std::string escape_href(std::string_view url);

// True for destinations that must never be followed (javascript:, vbscript:, data: except images).
bool is_dangerous_url(std::string_view url, bool image);

}  // namespace logbook
