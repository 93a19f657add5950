// The site manifest (manifest.json): what the app needs to draw navigation before
// the search database arrives. Written by `logbook build`, read by the app.
//
// Format version 2 (readers refuse other versions):
// {
//   "format": "logbook-manifest", "version": 2,
//   "title": "Site title", "base": "/repo" ("" at the root),
//   "app": null | {"boot": "app/boot.js"},          the wasm app, when it was built
//   "repository": null | {"url": "https://github.com/org/repo", "branch": "main",   (v2) from logbook.yml
//                         "content_prefix": "content"},   where content/ sits in the repository (edit links)
//   "propose_decision": null | "https://github.com/.../new/main/content/decisions?filename=...&value=..."
//                       GitHub's new-file page with the template and next id (an addition readers may ignore)
//   "statuses": ["proposed", "accepted", ...],      (v2) the decision statuses, from logbook.yml
//   "pages": [ {"path": "guides/setup.md", "url": "/guides/setup/", "title": "...",
//               "section": 1, "description": "...", "date": "YYYY-MM-DD" | null,
//               "owner": "..." | null, "review_by": "YYYY-MM-DD" | null,     (v2)
//               "decision": 0 | -1,                                        (v2) index into decisions
//               "links": ["/guides/", "https://x.org", ""], "backlinks": [0, 3]} ],
//   (links: where each link or image of the page goes, in document order, "" when broken;
//    backlinks: the pages that link here. Both are additions readers may ignore.)
//   Also per page, additions readers may ignore: "hash": 16 hex digits of the page's bytes,
//   "updated": "YYYY-MM-DD" | null (last commit touching it), "authors": [names] (git),
//   "tags": [..] from its front matter (the app suggests them as `tag:` filter values).
//   "build": 16 hex digits that change whenever any page or the app changes (new deployment).
//   "fallback_fonts": ["app/fonts/fallback-0.ttf", ...] faces the build subset to the
//   characters of this content that the app's own fonts lack (an addition readers may ignore).
//   "precache": ["search.db", "app/logbook.wasm", "guides/setup/index.md", ...] what the
//   offline copy (sw.js) downloads on the first visit, relative to the site root.
//   "decisions": [ {"page": 7, "id": "ADR-0003", "number": 3, "title": "...",   (v2) in path order
//                   "status": "accepted" | "", "date": "...", "review_by": "..." | "",
//                   "deciders": [..], "consulted": [..], "informed": [..], "tags": [..],
//                   "dialect": "front-matter" | "madr2" | "nygard" | "none",
//                   "supersedes": [2], "superseded_by": [9]} ],    indexes into decisions: the chain
//                                                  derived both ways, whichever side declared it
//   "sections": [ {"path": "guides", "url": "/guides/", "title": "Guides", "parent": 0,
//                  "index": 3 | -1, "pages": [4, 5], "children": [2]} ]     sections[0] = root
// }
// Page, section and decision references are indexes into these arrays. Dates are as
// written; the app compares them with today's date ("comments due in N days").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decision.hpp"
#include "page_history.hpp"
#include "site.hpp"
#include "site_config.hpp"

namespace logbook {

constexpr int kManifestVersion = 2;

// Every member has a default, so callers name only what they set ({.title = ..., .base = ...}).
struct ManifestInfo {
  std::string title{};
  std::string base{};
  std::optional<std::string> app_boot{};  // path of the app's boot script, relative to the site root
  const SiteHistory* history = nullptr;  // change dates and authors, when the build read git
  std::string app_version{};               // changes when the app's files change
  std::vector<std::string> precache{};     // files for the offline copy
  std::string content_prefix = "content";  // the content folder relative to the repository root
  std::string propose_decision{};          // "" when there is no repository
  std::vector<std::string> fallback_fonts{};  // faces for characters beyond the app's fonts
};

// The "build" hash: changes when any page's bytes or the app change.
std::string build_hash(const Site& site, std::string_view app_version);

std::string write_manifest(const Site& site, const ManifestInfo& info, const DecisionLog& decisions, const SiteConfig& config);
// With the default configuration (decisions in decisions/).
std::string write_manifest(const Site& site, const ManifestInfo& info);

}  // namespace logbook
