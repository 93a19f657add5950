// The tag views, /tags/ (every tag with its count) and /tags/<slug>/ (a tag's decisions
// and pages, its feed): Markdown made from the tags file (core/published_site.hpp) and
// drawn by the document view as any page is, so its links are keyboard stops, find and
// selection work, and the edge's DOM copy for screen readers is the tag's static page.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/published_site.hpp"

namespace logbook::app {

class App;

// A page's or a record's tags as chips from pos, wrapping back to `left` at `right`; each
// leads to its tag view and is a keyboard stop. The height they take; with draw false,
// only that (for a view that needs its height before it draws).
float tag_chips(App& app, ImVec2 pos, float left, float right, float line_h, const std::vector<std::string>& tags, bool draw = true);

struct GeneratedPage {
  std::string title, markdown;
};

// The address is a tag view's: /tags/ or /tags/<slug>/.
bool is_tag_route(std::string_view url);
// The view at `url` from site.tags (read_tags_file); nullopt when no tag has that slug.
std::optional<GeneratedPage> tag_view_page(const PublishedSite& site, std::string_view url);
// Where a generated page's links go, by ordinal (the layout's link-order contract): their
// destinations as written, which are site paths.
std::vector<std::string> generated_links(const std::string& markdown);

}  // namespace logbook::app
