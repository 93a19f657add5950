// The site configuration, logbook.yml, written by people. Every key is optional;
// an absent file or key means the default below.
//
//   version: 1                       optional; other versions are refused
//   title: Team Handbook             site title (default: the home page's title)
//   repository: https://github.com/org/repo   where "edit" and "comments" links point
//   branch: main                     the repository's default branch
//   base_url: /repo/                 path the site is served under
//   decisions: decisions             folder of decision records, inside the content folder
//                                    (default: found where adr-tools, MADR or log4brains keep one)
//   decision_id_prefix: ADR-         ids of new records: ADR-0008
//   theme: auto                      auto | light | dark
//   statuses: [proposed, accepted, rejected, deprecated, superseded]   MADR's, the default
//   image_hosts: ["https://img.shields.io"]   where pages may load images from besides the
//                                    site itself (default: nowhere; "https:" for anywhere)
//   overdue_proposals: warning      warning | error: what `logbook check` makes of a proposal
//                                    still proposed past its comment deadline (reader_queue.hpp)
//   publish_files: [demo/widget.html, "embeds/**"]   files that can run script when opened
//                                    (.html, .js, an SVG the sanitizer refuses), published
//                                    as they are on purpose (ADR-0011); globs allowed
//
// Unknown keys are warnings (a typo should not pass silently); values of the wrong
// type are errors that name the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace logbook {

constexpr int kSiteConfigVersion = 1;

struct SiteConfig {
  std::string title;
  std::string repository;
  std::string branch = "main";
  std::string base_url = "/";
  std::string decisions = "decisions";
  bool decisions_configured = false;  // logbook.yml set `decisions`; else it is discovered
  std::string decision_id_prefix = "ADR-";
  std::string theme = "auto";
  std::vector<std::string> statuses = {"proposed", "accepted", "rejected", "deprecated", "superseded"};
  std::vector<std::string> image_hosts;    // CSP sources: "https:", "https://img.shields.io", "*.example.org"
  std::vector<std::string> publish_files;  // glob patterns of content paths
  // A whole-site offline copy of at most this many MB downloads by itself after the first
  // page is shown; above it the reader asks for one (site/sw.js, src/cli/offline_list.hpp).
  int offline_budget_mb = 10;
  std::string overdue_proposals = "warning";  // "warning" or "error"

  // True when a page may load an image from `url` (absolute or protocol-relative) under
  // the pages' Content-Security-Policy; relative URLs and data: images always may.
  bool allows_image(std::string_view url) const;

  // The template `logbook new decision` copies; it is neither built nor checked.
  std::string decision_template_path() const { return decisions + "/template.md"; }
  bool is_known_status(std::string_view status) const;
};

struct SiteConfigResult {
  SiteConfig config;
  Diagnostics diagnostics;  // against `file`; on errors the defaults stand for the bad keys
};

// Parses logbook.yml; `file` names it in diagnostics.
SiteConfigResult parse_site_config(std::string_view file, std::string_view yaml);

}  // namespace logbook
