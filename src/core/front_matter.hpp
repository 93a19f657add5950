// YAML front matter: the block between a first line `---` and the next `---` (or `...`).
// Parsed with yaml-cpp; the fields Logbook understands are typed in PageMeta, and every
// field (known or not) is also kept as JSON so later features can read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "calendar_date.hpp"
#include "diagnostic.hpp"

namespace logbook {

struct PageMeta {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> date;       // YYYY-MM-DD
  std::optional<std::string> owner;
  std::optional<std::string> review_by;  // YYYY-MM-DD
  std::vector<std::string> tags;
  std::vector<std::string> aliases;
  bool draft = false;
  nlohmann::json fields = nlohmann::json::object();  // every field as written
};

struct FrontMatter {
  PageMeta meta;
  std::string_view body;  // the Markdown after the front matter (a view into the input)
  int body_line = 1;      // line of the input where body starts (1-based)
};

// Splits and parses front matter. Problems are reported to diagnostics against
// `file`; a malformed block still yields the body, so the page builds.
FrontMatter parse_front_matter(std::string_view file, std::string_view text, Diagnostics& diagnostics);

// Just the split (no YAML), for readers that only need the body.
FrontMatter split_front_matter(std::string_view text);


}  // namespace logbook
