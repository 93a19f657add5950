#include "site_config.hpp"

#include <algorithm>

#include <yaml-cpp/yaml.h>

namespace logbook {

bool SiteConfig::is_known_status(std::string_view status) const {
  return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

bool SiteConfig::allows_image(std::string_view url) const {
  std::string lower(url.substr(0, 512));
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  if (lower.rfind("data:image/", 0) == 0) return true;
  std::string scheme = "https";  // protocol-relative URLs take the page's, and sites are served over https
  std::string_view rest = lower;
  if (const auto colon = lower.find(':'); colon != std::string::npos && colon < lower.find_first_of("/?#")) {
    scheme = lower.substr(0, colon);
    rest.remove_prefix(colon + 1);
  } else if (lower.rfind("//", 0) != 0) {
    return true;  // relative: the site itself
  }
  if (rest.rfind("//", 0) != 0) return false;
  rest.remove_prefix(2);
  const std::string_view host = rest.substr(0, rest.find_first_of(":/?#"));
  for (const std::string& source : image_hosts) {
    if (source == "*" || source == scheme + ":" || (source == "http:" && scheme == "https")) return true;
    std::string_view expected = source;
    if (const auto sep = expected.find("://"); sep != std::string_view::npos) {
      if (expected.substr(0, sep) != scheme && !(expected.substr(0, sep) == "http" && scheme == "https")) continue;
      expected.remove_prefix(sep + 3);
    } else if (scheme != "https" && scheme != "http") {
      continue;
    }
    std::string pattern(expected.substr(0, expected.find_first_of(":/")));
    for (char& c : pattern)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (pattern.rfind("*.", 0) == 0 ? host.size() > pattern.size() - 1 && host.substr(host.size() - (pattern.size() - 1)) == pattern.substr(1)
                                    : host == pattern)
      return true;
  }
  return false;
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

  // A list of strings kept as written, each checked by `valid`; `example` shows one.
  void strings(const YAML::Node& root, const char* key, std::vector<std::string>& out, bool (*valid)(std::string_view),
               const char* example) {
    const YAML::Node node = root[key];
    if (!node || node.IsNull()) return;
    if (!node.IsSequence()) {
      report(Severity::error, node.Mark(), std::string("'") + key + "' should be a list, like `" + key + ": [" + example + "]`.");
      return;
    }
    for (const auto& item : node) {
      if (item.IsScalar() && valid(item.Scalar())) out.push_back(item.Scalar());
      else report(Severity::error, item.Mark(), std::string("this item of '") + key + "' is ignored: write it like " + example + ".");
    }
  }
};

// A Content-Security-Policy source Logbook accepts in image_hosts: a scheme ("https:"),
// "*", or a host with an optional scheme, "*." and port. Nothing that could end the
// policy or the attribute it stands in (spaces, ';', quotes, '<').
bool is_image_source(std::string_view source) {
  if (source.empty() || source.size() > 253) return false;
  if (source == "*" || source == "https:" || source == "http:") return true;
  if (source.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-*:/_") != std::string_view::npos) return false;
  const auto scheme = source.find("://");
  if (scheme != std::string_view::npos) {
    const std::string_view name = source.substr(0, scheme);
    if (name != "https" && name != "http") return false;
    source.remove_prefix(scheme + 3);
  }
  const std::string_view host = source.substr(0, source.find_first_of(":/"));
  if (host.empty() || host.find('*', host.rfind("*.", 0) == 0 ? 1 : 0) != std::string_view::npos) return false;
  if (host.size() == source.size() || source[host.size()] == '/') return true;
  const std::string_view port = source.substr(host.size() + 1, source.find('/', host.size()) - host.size() - 1);
  return port == "*" || (!port.empty() && port.find_first_not_of("0123456789") == std::string_view::npos);
}

bool is_content_pattern(std::string_view pattern) {
  if (pattern.empty() || pattern.front() == '/') return false;
  return ("/" + std::string(pattern) + "/").find("/../") == std::string::npos;
}

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
    read.text(root, "overdue_proposals", c.overdue_proposals);
    read.list(root, "statuses", c.statuses);
    read.strings(root, "image_hosts", c.image_hosts, is_image_source, "\"https://img.shields.io\" (or \"https:\" for any host)");
    read.strings(root, "publish_files", c.publish_files, is_content_pattern, "demo/widget.html or \"embeds/**\" (inside the content folder)");
    if (const YAML::Node v = root["offline_budget_mb"]; v) {
      const std::string mb = v.IsScalar() ? v.Scalar() : "";
      if (!mb.empty() && mb.size() <= 6 && mb.find_first_not_of("0123456789") == std::string::npos) c.offline_budget_mb = std::stoi(mb);
      else read.report(Severity::error, v.Mark(), "'offline_budget_mb' should be a whole number of megabytes, like `offline_budget_mb: 10` (0: never copy the whole site by itself).");
    }
    std::string decisions = c.decisions;
    read.text(root, "decisions", decisions);
    while (!decisions.empty() && decisions.back() == '/') decisions.pop_back();
    if (is_safe_folder(decisions)) {
      c.decisions = decisions;
      c.decisions_configured = root["decisions"] && root["decisions"].IsScalar();
    } else {
      read.report(Severity::error, root["decisions"].Mark(), "'decisions' should be a folder inside the content folder, like `decisions: adr`.");
    }
    if (c.theme != "auto" && c.theme != "light" && c.theme != "dark") {
      read.report(Severity::error, root["theme"].Mark(), "'theme' is \"" + c.theme + "\"; use auto, light or dark.");
      c.theme = "auto";
    }
    if (c.overdue_proposals != "warning" && c.overdue_proposals != "error") {
      read.report(Severity::error, root["overdue_proposals"].Mark(),
                  "'overdue_proposals' is \"" + c.overdue_proposals + "\"; use warning (the default) or error (`logbook check` fails on a proposal past its comment deadline).");
      c.overdue_proposals = "warning";
    }
    static const char* const kKnown[] = {"version", "title", "repository", "branch", "base_url", "decisions",
                                         "decision_id_prefix", "theme", "statuses", "image_hosts", "publish_files",
                                         "offline_budget_mb", "overdue_proposals"};
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
