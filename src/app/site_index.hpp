// The site as the reader sees it: the core's published model (manifest.json, read by
// read_manifest), under the app's names, and the app's routes.
#pragma once

#include <string>
#include <string_view>

#include "core/published_site.hpp"

namespace logbook::app {

using SiteIndex = logbook::PublishedSite;
using PageEntry = logbook::PublishedPage;
using DecisionEntry = logbook::PublishedDecision;
using SectionEntry = logbook::Section;

// Splits "/guides/setup/#install" into the page URL and the anchor ("install").
struct Route {
  std::string url;
  std::string anchor;
  std::string query;  // search words to highlight ("?q=...")
};
Route parse_route(std::string_view site_path);

}  // namespace logbook::app
