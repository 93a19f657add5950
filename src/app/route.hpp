// The app's routes: an address split into the page's URL, the anchor and the search
// words, encoded the way the published model (src/core/published_site.hpp) holds URLs.
#pragma once

#include <string>
#include <string_view>

namespace logbook::app {

// Splits "/guides/setup/#install" into the page URL and the anchor ("install").
struct Route {
  std::string url;
  std::string anchor;
  std::string query;  // search words to highlight ("?q=...")
  std::string params;  // the whole query string, undecoded (a view's own state: the decision log's filters)
};
Route parse_route(std::string_view site_path);

}  // namespace logbook::app
