// The allowlist sanitizer for raw HTML written in Markdown, in the spirit of GitHub's
// (html-pipeline's SanitizationFilter). Content comes from many hands and is published
// on an origin other projects may share, so raw HTML may format text but never run
// script, load a frame, submit a form, redirect the tab or replace the page's ids and
// the app's globals. ADR-0011 states the policy; the tests in test_html_sanitizer.cpp
// spell it out element by element.
//
// - Allowed elements keep only their allowed attributes; URLs keep only safe schemes
//   (decoded first, so `jav&#x09;ascript:` is caught); id and name get the prefix
//   `user-content-`, as on GitHub.
// - script, style, iframe, svg, form, meta, base and their kind are dropped with their
//   content; any other element is dropped and its text kept (escaped).
// - Comments, doctypes, processing instructions and CDATA are dropped.
// - Output is balanced: stray end tags are dropped, open elements are closed.
// - One forward pass: time and memory are linear in the input.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace logbook {

inline constexpr std::string_view kUserContentPrefix = "user-content-";

// Raw HTML arrives from cmark-gfm in fragments (an HTML block, an inline tag) while
// Markdown sits between them: `<details>` in one block may close in a later one. The
// sanitizer keeps the elements left open across fragments, each tagged with the scope
// (the Markdown node) it was opened in; an end tag closes only an element of its own
// scope, and leaving a scope closes what is still open in it.
class HtmlSanitizer {
 public:
  // The sanitized form of one fragment of raw HTML found in `scope`.
  std::string fragment(std::string_view html, const void* scope = nullptr);
  // End tags for the elements still open in `scope` (innermost first); "" if none.
  std::string close(const void* scope = nullptr);

 private:
  struct Open {
    std::string_view tag;
    const void* scope;
  };
  void open_element(std::string_view tag, const void* scope);
  void end_tag(std::string_view tag, const void* scope, std::string& out);
  std::vector<Open> open_;
  std::map<std::pair<const void*, std::string_view>, int> open_count_;  // keeps end tags O(1) when stray
};

// A whole fragment on its own: every element it leaves open is closed at its end.
std::string sanitize_html(std::string_view html);

// True when a URL (entities already decoded) may stand in an attribute: http, https,
// relative and #fragment; mailto for links; data:image/png|gif|jpeg|webp for images.
bool is_allowed_url(std::string_view url, bool image);

// Decodes character references (numeric, and the named ones that matter for URLs and
// text) as a browser reads an attribute value; unknown names are left as written.
std::string decode_entities(std::string_view text);

}  // namespace logbook
