// One static HTML page per document: the rendered Markdown with title, description,
// Open Graph tags, breadcrumbs, the section's pages, an outline, a decision record's
// status and chain, backlinks and previous/next links. It reads well with no
// JavaScript; loader.js boots the app on top. Everything around the Markdown is drawn
// from the published model, as the app's chrome is.
#pragma once

#include <string>
#include <vector>

#include "core/markdown.hpp"
#include "core/published_site.hpp"

namespace logbook::cli {

// What only the static pages need besides the published model.
struct SiteInfo {
  std::string title = "Logbook";  // site title
  std::string base;               // base path without trailing slash: "" or "/repo"
  std::string site_url;           // absolute origin for canonical links, e.g. https://example.org ("" = relative)
  std::string decisions_folder;   // "decisions": its index page offers "Propose a decision"
  std::vector<std::string> image_hosts;  // image sources besides the site, for the pages' CSP (logbook.yml)
  // The build's date: a proposal past its comment deadline then says "Overdue" (for good:
  // it stays overdue until its file changes, which rebuilds the page). "" marks none.
  std::string today;
};

// How much of its section a page's sidebar lists: its pages around the current one and
// its first sub-sections. The section's own page lists them all. Fifteen: a window's worth
// on a laptop, and each entry is 75 bytes on every page of a 10,000-page site (issue 9).
constexpr std::size_t kSidebarPages = 15;
constexpr std::size_t kSidebarSections = 30;
// A section page without an index.md lists this many pages, then links to the next.
constexpr std::size_t kListingPages = 200;

// The page's own part is its rendered Markdown and its headings (for the outline).
std::string render_static_page(const PublishedSite& site, int page, const SiteInfo& info,
                               const std::vector<Heading>& headings, const std::string& body_html);

// The 404 page: a static page with a search hint and the site's sections.
std::string render_not_found_page(const PublishedSite& site, const SiteInfo& info);

// The page at a section's URL when the section has no index.md (a static page the app
// does not take over): its sub-sections and pages, kListingPages at a time. part 0 is
// index.html, part n is index-<n+1>.html.
std::string render_section_listing(const PublishedSite& site, int section, std::size_t part, const SiteInfo& info);
std::size_t section_listing_parts(const Section& section);
std::string section_listing_file(std::size_t part);

// The tag pages (core/tags.hpp), which the app takes over: /tags/, every tag with its
// count, and /tags/<slug>/, a tag's decisions and pages with a link to its feed,
// kListingPages at a time (part n > 0 is index-<n+1>.html, as section listings are; the
// app lists the whole tag at /tags/<slug>/).
std::string render_tag_index(const PublishedSite& site, const SiteInfo& info);
std::string render_tag_page(const PublishedSite& site, int tag, std::size_t part, const SiteInfo& info);
std::size_t tag_page_parts(const PublishedTag& tag);

// Where page sources are published: /guides/setup/index.md
std::string source_url(const std::string& page_url);

}  // namespace logbook::cli
