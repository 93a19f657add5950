// libFuzzer target: Markdown through the core, as a page goes through the build:
// parse (with wikilinks and GFM), summary (outline, links, plain text), HTML with
// every link rewritten, and the tree as cmark-gfm renders it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view markdown(reinterpret_cast<const char*>(data), size);
  logbook::MarkdownDocument doc(markdown, {}, 3);
  const logbook::MarkdownSummary summary = doc.summarize();
  std::size_t rewritten = 0;
  const std::string html = doc.render_html(
      [&](const logbook::Link& link) {
        ++rewritten;
        (void)logbook::is_dangerous_url(link.destination, link.image);
        return logbook::escape_href(link.destination);
      },
      summary);
  // render_html visits the links summarize() listed, in the same order.
  if (rewritten != summary.links.size()) __builtin_trap();
  (void)doc.html();
  (void)logbook::plain_text_of(doc.root());
  return 0;
}
