// The site's tags: one home for what a tag is, shared by the build (tag pages, feeds,
// `logbook check`) and the app (its tag views). A page's tags come from its front matter,
// or, for a decision record in an older dialect, from the record's own `Tags:` line.
// A tag is named by its slug: two spellings that slug the same ("Search", " search ")
// are one tag, shown under the spelling most pages use (`logbook check` warns about the
// others). A tag whose slug is empty (only punctuation or symbols) is not a tag.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "published_site.hpp"

namespace logbook {

// The spelling kept: trimmed, each run of whitespace one space.
std::string tag_name(std::string_view written);
// The tag's URL segment, as heading anchors are made (slug.hpp): /tags/<slug>/; at most
// kTagSlugBytes, since it names a folder and a file.
constexpr std::size_t kTagSlugBytes = 100;
std::string tag_slug(std::string_view written);

// Where the build writes a tag's page and feed, and the index of all tags (site paths).
constexpr std::string_view kTagIndexUrl = "/tags/";
std::string tag_url(std::string_view slug);        // "/tags/<slug>/"
std::string tag_feed_path(std::string_view slug);  // "feeds/tags/<slug>.xml"

// Every tag of the published site (all pages loaded, as publish() makes it), sorted by
// slug, each with its pages in index order (reading order). Linear in the tags written.
std::vector<PublishedTag> collect_tags(const PublishedSite& site);

// The tag at `slug` in site.tags, or -1.
int find_tag(const PublishedSite& site, std::string_view slug);

}  // namespace logbook
