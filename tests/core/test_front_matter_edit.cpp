// Spec: commands that edit people's files change one front matter line and keep every
// other byte.
#include <doctest/doctest.h>

#include "core/front_matter_edit.hpp"

using namespace logbook;

TEST_CASE("an existing key's line is replaced, comments and order kept") {
  const std::string before = "---\nid: ADR-0003   \nstatus: accepted # agreed in review\ntags: [a]\n---\n# Body\n\nstatus: not yaml\n";
  CHECK(set_front_matter_field(before, "status", "superseded") ==
        "---\nid: ADR-0003   \nstatus: superseded\ntags: [a]\n---\n# Body\n\nstatus: not yaml\n");
}

TEST_CASE("a block list under the key is replaced whole") {
  CHECK(set_front_matter_field("---\nsuperseded_by:\n  - ADR-0004\n- ADR-0005\ntitle: X\n---\n", "superseded_by", "[ADR-0009]") ==
        "---\nsuperseded_by: [ADR-0009]\ntitle: X\n---\n");
}

TEST_CASE("a missing key is added at the end of the front matter") {
  CHECK(set_front_matter_field("---\ntitle: X\n---\nBody\n", "superseded_by", "[ADR-0008]") ==
        "---\ntitle: X\nsuperseded_by: [ADR-0008]\n---\nBody\n");
  CHECK(set_front_matter_field("---\ntitle: X\n...\nBody\n", "a", "1") == "---\ntitle: X\na: 1\n...\nBody\n");
}

TEST_CASE("a file without front matter gets a block; an unclosed block is left alone") {
  CHECK(set_front_matter_field("# 1. Title\n", "superseded_by", "[ADR-0002]") == "---\nsuperseded_by: [ADR-0002]\n---\n# 1. Title\n");
  CHECK(set_front_matter_field("---\ntitle: X\n", "a", "1") == "---\ntitle: X\n");
}

TEST_CASE("a key that is a prefix of another key is not confused with it") {
  CHECK(set_front_matter_field("---\ndate_old: x\n---\n", "date", "2026-01-01") == "---\ndate_old: x\ndate: 2026-01-01\n---\n");
}

TEST_CASE("YAML values are quoted only when YAML would misread them") {
  CHECK(yaml_scalar("Use SQLite for search") == "Use SQLite for search");
  CHECK(yaml_scalar("Outage: what happened") == "\"Outage: what happened\"");
  CHECK(yaml_scalar("yes") == "\"yes\"");
  CHECK(yaml_scalar("[draft] idea") == "\"[draft] idea\"");
  CHECK(yaml_scalar("say \"hi\": now") == "\"say \\\"hi\\\": now\"");
  CHECK(yaml_list({"ADR-0003", "a, b"}) == "[ADR-0003, \"a, b\"]");
}
