// URLs as the build writes them and the reader reads them: one home for percent-
// encoding, decoding, and telling a site path from a URL that leaves the site, so the
// build, the static pages and the app cannot disagree about a link.
#pragma once

#include <string>
#include <string_view>

namespace logbook {

// Every byte but RFC 3986's unreserved characters (A-Z a-z 0-9 - _ . ~) as %XX, with
// upper-case hex: for a value in a query string ("is:pr a.md" -> "is%3Apr%20a.md").
std::string percent_encode(std::string_view s);

// Where a '+' is a space: in a query string ("?q=a+b") it is, in a path or an anchor
// it is itself ("/c++-notes/").
enum class Plus { literal, space };

// %XX escapes decoded (either case of hex); a '%' without two hex digits after it
// stays as it is, so decoding never fails.
std::string percent_decode(std::string_view s, Plus plus = Plus::literal);

// True for a URL that leaves the site: one with a scheme ("https:", "mailto:"; RFC 3986:
// a letter, then letters, digits, '+', '-' or '.', then ':') or a protocol-relative
// "//host/x", which a browser reads as another host. Anything else ("guides/a.md",
// "/img/x.png", "2026:plan.md", "#top") is a path in the site.
bool has_scheme(std::string_view url);

// The build's way of writing a path into a URL: only '%', '#' and '?', which would end
// or change the path, are percent-encoded; everything else (spaces, UTF-8) is left as
// it is, as the manifest and the pages carry it. "a#1.png" -> "a%231.png".
std::string encode_path_chars(std::string_view path);

// URL of a file published as it is: "img/a#1.png" -> "/img/a%231.png".
std::string url_for_asset(std::string_view path);

}  // namespace logbook
