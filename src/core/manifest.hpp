// The site manifest (manifest.json): what the app needs to draw navigation before
// the search database arrives. Written by `logbook build`, read by the app.
//
// Format version 1:
// {
//   "format": "logbook-manifest", "version": 1,
//   "title": "Site title", "base": "/repo" ("" at the root),
//   "app": null | {"boot": "app/boot.js"},          the wasm app, when it was built
//   "pages": [ {"path": "guides/setup.md", "url": "/guides/setup/", "title": "...",
//               "section": 1, "description": "...", "date": "YYYY-MM-DD" | null} ],
//   "sections": [ {"path": "guides", "url": "/guides/", "title": "Guides", "parent": 0,
//                  "index": 3 | -1, "pages": [4, 5], "children": [2]} ]     sections[0] = root
// }
// Page and section references are indexes into these arrays.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "site.hpp"

namespace logbook {

constexpr int kManifestVersion = 1;

struct ManifestInfo {
  std::string title;
  std::string base;
  std::optional<std::string> app_boot;  // path of the app's boot script, relative to the site root
};

std::string write_manifest(const Site& site, const ManifestInfo& info);

}  // namespace logbook
