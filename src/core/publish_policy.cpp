#include "publish_policy.hpp"

#include <algorithm>

#include "svg_sanitizer.hpp"

namespace logbook {

namespace {

// Served by GitHub Pages and most hosts as HTML, XML, SVG or script. XML documents can
// hold XHTML and its scripts; a .js file on the origin can register a service worker.
constexpr std::string_view kActiveExtensions[] = {
    "html", "htm", "shtml", "xhtml", "xht", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt",
    "rdf", "rss", "atom", "js", "mjs", "cjs", "wasm"};

std::string extension_of(std::string_view path) {
  const auto slash = path.rfind('/');
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string ext(path.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return ext;
}

bool listed_for_publishing(std::string_view path, const SiteConfig& config) {
  return std::any_of(config.publish_files.begin(), config.publish_files.end(),
                     [&](const std::string& pattern) { return matches_glob(pattern, path); });
}

std::string how_to_publish(std::string_view path) {
  return "to publish it as it is on purpose, list it in logbook.yml: `publish_files: [" + std::string(path) + "]`.";
}

}  // namespace

bool runs_script_when_opened(std::string_view path) {
  const std::string ext = extension_of(path);
  return std::find(std::begin(kActiveExtensions), std::end(kActiveExtensions), ext) != std::end(kActiveExtensions);
}

bool matches_glob(std::string_view pattern, std::string_view path) {
  // matched[j]: pattern[0, i) matches path[0, j). One row per pattern character: O(|pattern| * |path|).
  std::vector<char> matched(path.size() + 1, 0), next(path.size() + 1, 0);
  matched[0] = 1;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const bool globstar = pattern[i] == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*';
    std::fill(next.begin(), next.end(), 0);
    if (pattern[i] == '*') {
      for (std::size_t j = 0; j <= path.size(); ++j)
        next[j] = matched[j] || (j > 0 && next[j - 1] && (globstar || path[j - 1] != '/'));
      if (globstar) {
        ++i;  // both stars; "**/" also matches no folder at all
        if (i + 1 < pattern.size() && pattern[i + 1] == '/') {
          std::vector<char> with_slash(next);
          ++i;
          for (std::size_t j = 0; j <= path.size(); ++j) with_slash[j] = matched[j] || (j > 0 && next[j - 1] && path[j - 1] == '/');
          next.swap(with_slash);
        }
      }
    } else {
      for (std::size_t j = 1; j <= path.size(); ++j)
        next[j] = matched[j - 1] && (pattern[i] == '?' ? path[j - 1] != '/' : pattern[i] == path[j - 1]);
    }
    matched.swap(next);
  }
  return matched[path.size()] != 0;
}

Diagnostics apply_publish_policy(std::vector<SourceFile>& files, const SiteConfig& config) {
  Diagnostics refusals;
  const auto refused = [&](SourceFile& f) {
    if (is_markdown_path(f.path) || !runs_script_when_opened(f.path) || listed_for_publishing(f.path, config)) return false;
    if (extension_of(f.path) == "svg") {
      SvgSanitized svg = sanitize_svg(f.bytes);
      if (svg.problem.empty()) {
        f.bytes = std::move(svg.svg);
        return false;
      }
      refusals.push_back({Severity::warning, f.path, svg.line, 0,
                          "this SVG is not published: " + svg.problem + ". Remove that from the file; or, " + how_to_publish(f.path) +
                              " Links to it are broken until then."});
      return true;
    }
    refusals.push_back({Severity::warning, f.path, 0, 0,
                        "not published: a ." + extension_of(f.path) + " file can run script on the site's origin when it is opened; " +
                            how_to_publish(f.path) + " Links to it are broken until then."});
    return true;
  };
  std::vector<SourceFile> published;
  published.reserve(files.size());
  for (SourceFile& f : files)
    if (!refused(f)) published.push_back(std::move(f));
  files = std::move(published);
  return refusals;
}

}  // namespace logbook
