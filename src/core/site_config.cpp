#include "site_config.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

namespace logbook {

bool SiteConfig::is_known_status(std::string_view status) const {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

namespace {

struct Reader {
  std::string_view file;
  Diagnostics& diagnostics;

  void report(Severity severity, const YAML::Mark& mark, std::string message) {
    diagnostics.push_back({severity, std::string(file), mark.line >= 0 ? mark.line + 1 : 0,
                           mark.column >= 0 ? mark.column + 1 : 0, std::move(message)});
  }

  void text(const YAML::Node& root, const char* key, std::string& out) {
    const YAML::Node node = root[key];
    if (!node || node.IsNull()) return;
    if (!node.IsScalar()) {
      report(Severity::error, node.Mark(), std::string("'") + key + "' should be a single value, like `" + key + ": value`.");
      return;
    }
    out = node.Scalar();
  }

  void list(const YAML::Node& root, const char* key, std::vector<std::string>& out) {
    const YAML::Node node = root[key];
    if (!node || node.IsNull()) return;
    if (!node.IsSequence() || node.size() == 0) {
      report(Severity::error, node.Mark(), std::string("'") + key + "' should be a non-empty list, like `" + key + ": [a, b]`.");
      return;
    }
    std::vector<std::string> values;
    for (const auto& item : node) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        report(Severity::error, item.Mark(), std::string("each item of '") + key + "' should be one word.");
        return;
      }
      std::string value = item.Scalar();
      std::transform(value.begin(), value.end(), value.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
      values.push_back(std::move(value));
    }
    out = std::move(values);
  }
};

bool is_safe_folder(std::string_view folder) {
  if (folder.empty() || folder.front() == '/' || folder.back() == '/') return false;
  std::size_t start = 0;
  while (start <= folder.size()) {
    auto end = folder.find('/', start);
    if (end == std::string_view::npos) end = folder.size();
    const auto segment = folder.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

SiteConfigResult parse_site_config(std::string_view file, std::string_view yaml) {
  SiteConfigResult result;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    result.diagnostics.push_back({Severity::error, std::string(file), e.mark.line >= 0 ? e.mark.line + 1 : 0,
                                  e.mark.column >= 0 ? e.mark.column + 1 : 0,
                                  "malformed YAML: " + e.msg + ". Fix the line; until then the defaults are used."});
    return result;
  }
  if (root.IsNull()) return result;
  if (!root.IsMap()) {
    result.diagnostics.push_back({Severity::error, std::string(file), 1, 1,
                                  "logbook.yml should be `key: value` lines (a YAML mapping); the defaults are used."});
    return result;
  }
  Reader read{file, result.diagnostics};
  SiteConfig& c = result.config;
  try {
    if (const YAML::Node v = root["version"]; v && (!v.IsScalar() || v.Scalar() != std::to_string(kSiteConfigVersion))) {
      read.report(Severity::error, v.Mark(), "this Logbook reads logbook.yml version " + std::to_string(kSiteConfigVersion) +
                                                 "; set `version: 1` or upgrade Logbook.");
    }
    read.text(root, "title", c.title);
    read.text(root, "repository", c.repository);
    read.text(root, "branch", c.branch);
    read.text(root, "base_url", c.base_url);
    read.text(root, "decision_id_prefix", c.decision_id_prefix);
    read.text(root, "theme", c.theme);
    read.list(root, "statuses", c.statuses);
    std::string decisions = c.decisions;
    read.text(root, "decisions", decisions);
    while (!decisions.empty() && decisions.back() == '/') decisions.pop_back();
    if (is_safe_folder(decisions)) c.decisions = decisions;
    else read.report(Severity::error, root["decisions"].Mark(),
                     "'decisions' should be a folder inside the content folder, like `decisions: adr`.");
    if (c.theme != "auto" && c.theme != "light" && c.theme != "dark") {
      read.report(Severity::error, root["theme"].Mark(), "'theme' is \"" + c.theme + "\"; use auto, light or dark.");
      c.theme = "auto";
    }
    static const char* const kKnown[] = {"version", "title", "repository", "branch", "base_url", "decisions",
                                         "decision_id_prefix", "theme", "statuses"};
    for (const auto& kv : root) {
      const std::string key = kv.first.Scalar();
      if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown))
        read.report(Severity::warning, kv.first.Mark(), "unknown key '" + key + "' is ignored; check its spelling against the reference (Configuration).");
    }
  } catch (const YAML::Exception& e) {
    read.report(Severity::error, e.mark, "logbook.yml could not be read: " + e.msg);
  }
  return result;
}

}  // namespace logbook
