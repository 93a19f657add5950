// Spec: static pages escape what they insert and fill {{placeholders}}.
#include <doctest/doctest.h>

#include "cli/html.hpp"

using namespace logbook::cli;

TEST_CASE("escape_html escapes the five special characters") {
  CHECK(escape_html("<a href=\"x\">Tom & 'Jerry'</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
}

TEST_CASE("fill_template replaces known keys and leaves unknown ones") {
  CHECK(fill_template("<t>{{title}}</t>{{other}}{{title}}", {{"title", "Hi"}}) == "<t>Hi</t>{{other}}Hi");
  CHECK(fill_template("no placeholders", {}) == "no placeholders");
  CHECK(fill_template("{{unclosed", {{"unclosed", "x"}}) == "{{unclosed");
}
