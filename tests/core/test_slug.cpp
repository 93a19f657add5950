// Spec: heading anchors match GitHub's, so links written for GitHub work here.
#include <doctest/doctest.h>

#include "core/slug.hpp"

using namespace logbook;

TEST_CASE("lowercase, spaces to hyphens, punctuation dropped") {
  CHECK(slugify("Getting Started") == "getting-started");
  CHECK(slugify("What's new in v1.2?") == "whats-new-in-v12");
  CHECK(slugify("C++ & Rust: a comparison") == "c--rust-a-comparison");
  CHECK(slugify("snake_case stays") == "snake_case-stays");
  CHECK(slugify("  leading space") == "--leading-space");
}

TEST_CASE("letters of other scripts are kept and lowercased") {
  CHECK(slugify("Über Café") == "über-café");
  CHECK(slugify("Привет Мир") == "привет-мир");
  CHECK(slugify("日本語の見出し") == "日本語の見出し");
}

TEST_CASE("emoji and symbols are dropped") {
  CHECK(slugify("🚀 Launch") == "-launch");
  CHECK(slugify("Price → €5") == "price--5");
}

TEST_CASE("repeated headings get -1, -2 like GitHub") {
  Slugger s;
  CHECK(s.unique("Example") == "example");
  CHECK(s.unique("Example") == "example-1");
  CHECK(s.unique("Example") == "example-2");
  CHECK(s.unique("Example 1") == "example-1-1");  // the plain slug is taken
}
