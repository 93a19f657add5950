// Spec: URLs have one home. Query values are percent-encoded; paths keep the build's
// own spelling ('%', '#', '?' encoded, all else as written); decoding knows that '+'
// is a space only in a query string; and "//host" leaves the site like "https:".
#include <doctest/doctest.h>

#include "core/url.hpp"

using namespace logbook;

TEST_CASE("a query value keeps only the unreserved characters") {
  CHECK(percent_encode("is:pr decisions/0003-a.md") == "is%3Apr%20decisions%2F0003-a.md");
  CHECK(percent_encode("A-z_0.9~") == "A-z_0.9~");
  CHECK(percent_encode("c++ & {{title}}") == "c%2B%2B%20%26%20%7B%7Btitle%7D%7D");
  CHECK(percent_encode("café") == "caf%C3%A9");  // UTF-8 bytes, upper-case hex
  CHECK(percent_encode("") == "");
}

TEST_CASE("decoding: '+' is a space in a query string and itself in a path") {
  CHECK(percent_decode("/c++-notes/") == "/c++-notes/");
  CHECK(percent_decode("a+b%2Bc", Plus::space) == "a b+c");
  CHECK(percent_decode("caf%C3%A9%2f") == "café/");  // either case of hex
  CHECK(percent_decode(percent_encode("a b+c/é?#"), Plus::space) == "a b+c/é?#");
}

TEST_CASE("a '%' that starts no escape stays as it is") {
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%4") == "%4");
  CHECK(percent_decode("%zz%41") == "%zzA");
  CHECK(percent_decode("%%41") == "%A");
}

TEST_CASE("a URL with a scheme, or protocol-relative, leaves the site; a path does not") {
  CHECK(has_scheme("https://example.org/x"));
  CHECK(has_scheme("mailto:team@example.org"));
  CHECK(has_scheme("git+ssh://host/repo"));
  CHECK(has_scheme("//cdn.example.org/x.png"));  // another host, on the site's own scheme
  CHECK_FALSE(has_scheme("/guides/setup/"));
  CHECK_FALSE(has_scheme("guides/setup.md#install"));
  CHECK_FALSE(has_scheme("#top"));
  CHECK_FALSE(has_scheme(""));
  CHECK_FALSE(has_scheme(":x"));
  // A scheme starts with a letter (RFC 3986), as browsers read it: this is a file name.
  CHECK_FALSE(has_scheme("2026:plan.md"));
  CHECK_FALSE(has_scheme("notes/a:b.md"));
}

TEST_CASE("a path is written the build's way: only '%', '#' and '?' are encoded") {
  CHECK(encode_path_chars("c#-notes/100%?.md") == "c%23-notes/100%25%3F.md");
  CHECK(encode_path_chars("my notes/café.png") == "my notes/café.png");
  CHECK(url_for_asset("img/a#1.png") == "/img/a%231.png");
  CHECK(percent_decode(url_for_asset("img/50% off#?.png")) == "/img/50% off#?.png");
}
