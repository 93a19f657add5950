#include "front_matter_edit.hpp"

namespace logbook {

namespace {

std::string_view line_at(std::string_view text, std::size_t pos) {
  const auto end = text.find('\n', pos);
  return text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
}

bool is_fence(std::string_view line, bool closing) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "---" || (closing && line == "...");
}

std::size_t next_line(std::string_view text, std::size_t pos) {
  const auto end = text.find('\n', pos);
  return end == std::string_view::npos ? text.size() : end + 1;
}

}  // namespace

std::string yaml_scalar(std::string_view text) {
  bool quote = text.empty() || text.front() == ' ' || text.back() == ' ';
  static constexpr std::string_view kSpecialFirst = "[]{}&*!|>'\"%@`#,?:-";
  if (!quote && kSpecialFirst.find(text.front()) != std::string_view::npos) quote = true;
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos || text.back() == ':') quote = true;
  for (std::string_view word : {"true", "false", "yes", "no", "null", "~", "on", "off", "True", "False", "Yes", "No", "Null"})
    if (text == word) quote = true;
  for (char c : text)
    if (c == '\n' || c == '\t' || c == '\\') quote = true;
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    if (c == '\t') { out += "\\t"; continue; }
    out += c;
  }
  return out + "\"";
}

std::string yaml_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    std::string item = yaml_scalar(items[i]);
    // Inside a flow list a comma would split the item.
    if (item.front() != '"' && item.find(',') != std::string::npos) item = "\"" + item + "\"";
    out += item;
  }
  return out + "]";
}

std::string set_front_matter_field(std::string_view text, std::string_view key, std::string_view yaml_value) {
  const std::string field = std::string(key) + ": " + std::string(yaml_value) + "\n";
  std::size_t start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
  if (!is_fence(line_at(text, start), false) || text.find('\n', start) == std::string_view::npos)
    return std::string(text.substr(0, start)) + "---\n" + field + "---\n" + std::string(text.substr(start));

  std::size_t pos = next_line(text, start);
  while (pos < text.size()) {
    const std::string_view line = line_at(text, pos);
    if (is_fence(line, true)) return std::string(text.substr(0, pos)) + field + std::string(text.substr(pos));
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      // The value may continue on indented lines or as a block list ("- item").
      std::size_t end = next_line(text, pos);
      while (end < text.size()) {
        const std::string_view next = line_at(text, end);
        if (next.empty() || !(next.front() == ' ' || next.front() == '\t' || next.starts_with("- ") || next == "-")) break;
        end = next_line(text, end);
      }
      return std::string(text.substr(0, pos)) + field + std::string(text.substr(end));
    }
    pos = next_line(text, pos);
  }
  return std::string(text);  // an unclosed block: leave the file alone
}

}  // namespace logbook
