// Minimal edits to a file's front matter, for commands that change people's files
// (`logbook new --supersedes`): one key's line is replaced or added, and every other
// byte of the file stays as it was, comments and formatting included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace logbook {

// Sets a top-level key to `yaml_value` (already YAML: use yaml_scalar / yaml_list).
// Replaces the key's line (and a block list or indented value under it), else adds
// the key at the end of the front matter, else starts a front matter block.
std::string set_front_matter_field(std::string_view text, std::string_view key, std::string_view yaml_value);

// A YAML scalar for text, quoted only when YAML would misread it ("Outage: what happened").
std::string yaml_scalar(std::string_view text);

// A flow list: [a, "b: c"]
std::string yaml_list(const std::vector<std::string>& items);

}  // namespace logbook
