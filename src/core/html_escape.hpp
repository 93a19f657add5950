// Escaping text for HTML and XML: the one home of it, used by the static pages, the
// feed, search snippets and both sanitizers. Safe in text content and in attribute
// values quoted with either quote.
#pragma once

#include <string>
#include <string_view>

namespace logbook {

// Appends `text` with & < > " ' replaced by character references.
void append_escaped_html(std::string& out, std::string_view text);

std::string escape_html(std::string_view text);

}  // namespace logbook
