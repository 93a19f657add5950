// One static HTML page per document: the rendered Markdown with title, description,
// Open Graph tags, breadcrumbs, the section's pages, an outline, backlinks and
// previous/next links. It reads well with no JavaScript; loader.js boots the app on top.
#pragma once

#include <string>
#include <vector>

#include "core/page_history.hpp"
#include "core/site.hpp"

namespace logbook::cli {

struct SiteInfo {
  std::string title = "Logbook";  // site title
  std::string base;               // base path without trailing slash: "" or "/repo"
  std::string site_url;           // absolute origin for canonical links, e.g. https://example.org ("" = relative)
  // Edit-through-pull-request links (empty repository: none).
  std::string repository;         // https://github.com/org/repo
  std::string branch = "main";
  std::string content_prefix = "content";  // the content folder, relative to the repository root
  std::string decisions_folder;            // "decisions"
  std::string propose_decision_url;        // GitHub's new-file page, template and next id filled in
  const SiteHistory* history = nullptr;    // last change and authors per page (git)
  std::vector<std::string> image_hosts;    // image sources besides the site, for the pages' CSP (logbook.yml)
};

std::string render_static_page(const Site& site, std::size_t page_index, const SiteInfo& info, const std::string& body_html);

// The 404 page: a static page with a search hint and the site's sections.
std::string render_not_found_page(const Site& site, const SiteInfo& info);

// Where page sources are published: /guides/setup/index.md
std::string source_url(const Page& page);

}  // namespace logbook::cli
