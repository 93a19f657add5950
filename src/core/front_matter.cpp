#include "front_matter.hpp"

#include <yaml-cpp/yaml.h>

#include "front_matter_block.hpp"
#include "limits.hpp"

namespace logbook {

namespace {

// yaml-cpp keeps an alias as a second reference to its anchor's node, so loading is
// linear; copying into JSON is where "billion laughs" aliases would multiply. Every node
// copied is counted, and past limits::kFrontMatterNodes the copy stops.
struct NodeBudget {
  std::size_t left = limits::kFrontMatterNodes;
};

struct TooManyNodes {
  YAML::Mark mark;  // the node being copied when the budget ran out
};

nlohmann::json to_json(const YAML::Node& node, NodeBudget& budget) {
  if (budget.left == 0) throw TooManyNodes{node.Mark()};
  --budget.left;
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      auto arr = nlohmann::json::array();
      for (const auto& item : node) arr.push_back(to_json(item, budget));
      return arr;
    }
    case YAML::NodeType::Map: {
      auto obj = nlohmann::json::object();
      for (const auto& kv : node) obj[kv.first.Scalar()] = to_json(kv.second, budget);
      return obj;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() == "!") return s;  // quoted: always a string
      if (s == "true" || s == "True" || s == "yes") return true;
      if (s == "false" || s == "False" || s == "no") return false;
      return s;
    }
    default:
      return nullptr;
  }
}

nlohmann::json to_json(const YAML::Node& node) {
  NodeBudget budget;
  return to_json(node, budget);
}

struct FieldReader {
  std::string_view file;
  Diagnostics& diagnostics;

  void warn(const YAML::Node& node, const std::string& message) {
    const auto mark = node.Mark();
    diagnostics.push_back({Severity::warning, std::string(file), mark.line >= 0 ? mark.line + 2 : 0,
                           mark.column >= 0 ? mark.column + 1 : 0, message});
  }

  std::optional<std::string> text(const YAML::Node& map, const char* key) {
    const YAML::Node node = map[key];
    if (!node) return std::nullopt;
    if (node.IsNull()) return std::nullopt;
    if (!node.IsScalar()) {
      warn(node, std::string("'") + key + "' should be a single value, like `" + key + ": Some text`; it was ignored.");
      return std::nullopt;
    }
    return node.Scalar();
  }

  std::optional<std::string> date(const YAML::Node& map, const char* key) {
    auto value = text(map, key);
    if (value && !is_iso_date(*value)) {
      warn(map[key], std::string("'") + key + "' is \"" + *value + "\"; write dates as YYYY-MM-DD, e.g. 2026-01-31.");
    }
    return value;
  }

  std::vector<std::string> list(const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    const YAML::Node node = map[key];
    if (!node || node.IsNull()) return out;
    if (node.IsScalar()) {  // `tags: infra, search` is common; accept it.
      std::string_view s = node.Scalar();
      while (!s.empty()) {
        const auto comma = s.find(',');
        std::string_view item = s.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.emplace_back(item);
        if (comma == std::string_view::npos) break;
        s.remove_prefix(comma + 1);
      }
      return out;
    }
    if (!node.IsSequence()) {
      warn(node, std::string("'") + key + "' should be a list, like `" + key + ": [a, b]`; it was ignored.");
      return out;
    }
    for (const auto& item : node) {
      if (item.IsScalar()) out.push_back(item.Scalar());
      else warn(item, std::string("each item of '") + key + "' should be a single word or phrase.");
    }
    return out;
  }
};

}  // namespace

namespace {

// Where a YAML mistake is and what it is, in an author's words. yaml-cpp notices an
// unclosed `[` or quote only where the text ends, and names it in parser terms ("end of
// sequence flow not found"), so the common mistakes are found by a scan of our own: an
// opening bracket or quote without its closing one is reported where it opens.
struct YamlMistake {
  int line = 0, column = 0;  // 0-based, in the YAML text
  std::string what;          // "" when the scan found nothing to say
};

// The first bracket or quote left open, in one pass (linear in the text). A bracket or
// quote opens only where a value may start (after `: `, `- `, `,` or another bracket),
// as YAML has it, so `title: Don't panic` and `title: a[1]` are plain text.
YamlMistake unclosed_opener(std::string_view yaml) {
  struct Open { char c; int line, column; };
  std::vector<Open> open;
  int line = 0, column = 0;
  char quote = 0;
  Open quote_at{0, 0, 0};
  char prev = '\n';  // the last character outside quotes that is not a space
  for (std::size_t i = 0; i < yaml.size(); ++i, ++column) {
    const char c = yaml[i];
    if (c == '\n') {
      ++line, column = -1;
      if (!quote && open.empty()) prev = '\n';
      continue;
    }
    if (quote) {
      if (c == '\\' && quote == '"') ++i, ++column;
      else if (c == quote) quote = 0, prev = c;
      continue;
    }
    const bool value_start = prev == '\n' || prev == ':' || prev == '-' || prev == ',' || prev == '[' || prev == '{';
    if (c == '#' && (i == 0 || yaml[i - 1] == ' ' || yaml[i - 1] == '\n')) {
      while (i + 1 < yaml.size() && yaml[i + 1] != '\n') ++i;  // a comment: to the end of the line
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if ((c == '"' || c == '\'') && value_start) quote = c, quote_at = {c, line, column};
    else if ((c == '[' || c == '{') && (value_start || !open.empty())) open.push_back({c, line, column});
    else if ((c == ']' || c == '}') && !open.empty()) open.pop_back();
    prev = c;
  }
  if (quote)
    return {quote_at.line, quote_at.column,
            std::string("the text in quotes that starts here never ends; add the closing ") + (quote == '"' ? "`\"`" : "`'`") +
                " at the end of the value"};
  if (!open.empty()) {
    const Open& o = open.front();
    return {o.line, o.column,
            o.c == '[' ? "the list that `[` starts here is never closed; end it with `]`, like `tags: [a, b]`"
                       : "the set of fields that `{` starts here is never closed; end it with `}`"};
  }
  return {};
}

// yaml-cpp's message in plain words, for the mistakes the scan above does not find;
// `line` is the text of the line it points at.
std::string plain_yaml_message(const std::string& msg, std::string_view line) {
  const std::string_view indent = line.substr(0, line.find_first_not_of(" \t"));
  if (indent.find('\t') != std::string_view::npos) return "this line is indented with a tab; indent with spaces";
  if (msg == YAML::ErrorMsg::MAP_VALUE && !indent.empty())
    return "this line is indented under a field that already has a value; start it at the beginning of the line";
  if (msg == YAML::ErrorMsg::MAP_VALUE)
    return "this line has a second `: ` in its value; put the value in quotes, like `title: \"Setup: the basics\"`";
  if (msg == YAML::ErrorMsg::END_OF_MAP || msg == YAML::ErrorMsg::BLOCK_ENTRY)
    return "this line is indented differently from the lines above it; line up the items of a list, and start each field "
           "at the beginning of its line";
  if (msg == YAML::ErrorMsg::UNKNOWN_TOKEN)
    return "a value here starts with a character YAML reserves (like @ or `); put the value in quotes";
  if (msg.rfind(YAML::ErrorMsg::INVALID_ESCAPE, 0) == 0)
    return "a backslash in double quotes starts an escape YAML does not know; write the value in single quotes instead";
  return "this is not valid YAML (" + msg + "); check the quotes, brackets and indentation";
}

// The text of a 0-based line.
std::string_view line_at(std::string_view text, int line) {
  std::size_t at = 0;
  for (int i = 0; i < line; ++i) {
    const std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) return {};
    at = end + 1;
  }
  return text.substr(at, text.find('\n', at) - at);
}


}  // namespace

FrontMatter parse_front_matter(std::string_view file, std::string_view text, Diagnostics& diagnostics) {
  const FrontMatterBlock block = find_front_matter_block(text);
  FrontMatter fm;
  fm.body = block.body;
  fm.body_line = block.body_line;
  if (block.kind == FrontMatterBlock::Kind::unclosed) {
    diagnostics.push_back({Severity::error, std::string(file), 1, 1,
                           "front matter starts with '---' but never ends; add a line '---' after the last field."});
    return fm;
  }
  if (block.kind == FrontMatterBlock::Kind::none) return fm;
  if (block.yaml.size() > limits::kFrontMatterBytes) {
    diagnostics.push_back({Severity::error, std::string(file), 2, 1,
                           "front matter is " + std::to_string(block.yaml.size() >> 10) + " KiB, more than the " +
                               std::to_string(limits::kFrontMatterBytes >> 10) +
                               " KiB allowed; move long text into the page. The page was built without its front matter."});
    return fm;
  }
  const std::string yaml(block.yaml);

  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& e) {
    // The YAML starts on the file's line 2 (after the opening `---`).
    YamlMistake m = unclosed_opener(block.yaml);
    if (m.what.empty()) {
      const int line = std::max(e.mark.line, 0);
      m = {line, std::max(e.mark.column, 0), plain_yaml_message(e.msg, line_at(block.yaml, line))};
    }
    diagnostics.push_back({Severity::error, std::string(file), m.line + 2, m.column + 1,
                           "malformed front matter: " + m.what + ". The page was built without its front matter."});
    return fm;
  }
  if (root.IsNull()) return fm;
  if (!root.IsMap()) {
    diagnostics.push_back({Severity::error, std::string(file), 2, 1,
                           "front matter should be `key: value` lines (a YAML mapping); it was ignored."});
    return fm;
  }
  try {
    fm.meta.fields = to_json(root);
    FieldReader read{file, diagnostics};
    PageMeta& m = fm.meta;
    m.title = read.text(root, "title");
    m.description = read.text(root, "description");
    m.owner = read.text(root, "owner");
    m.date = read.date(root, "date");
    m.review_by = read.date(root, "review_by");
    m.tags = read.list(root, "tags");
    m.aliases = read.list(root, "aliases");
    if (const YAML::Node draft = root["draft"]; draft && draft.IsScalar()) {
      const auto value = to_json(draft);
      if (value.is_boolean()) m.draft = value.get<bool>();
      else read.warn(draft, "'draft' should be true or false.");
    }
  } catch (const TooManyNodes& e) {
    fm.meta = PageMeta{};
    diagnostics.push_back({Severity::error, std::string(file), e.mark.line >= 0 ? e.mark.line + 2 : 2,
                           e.mark.column >= 0 ? e.mark.column + 1 : 0,
                           "front matter expands to more than " + std::to_string(limits::kFrontMatterNodes) +
                               " values (each *alias repeats what its &anchor holds); write the values out or use "
                               "fewer aliases. The page was built without its front matter."});
  } catch (const YAML::Exception& e) {
    diagnostics.push_back({Severity::error, std::string(file), e.mark.line + 2, e.mark.column + 1,
                           "front matter could not be read: " + e.msg});
  }
  return fm;
}

}  // namespace logbook
