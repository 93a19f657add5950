// Spec: the app's tag views are Markdown made from the tags file: the index lists every
// tag with its count, a tag lists its records (with status) then its pages, and whatever
// a title says, it stays text (no link or markup of its own).
#include <doctest/doctest.h>

#include "app/tag_view.hpp"
#include "core/published_site.hpp"

using namespace logbook;
using namespace logbook::app;

TEST_CASE("tag views: the index with counts, a tag's records then pages, links by ordinal, titles kept as text") {
  const PublishedSite site = publish(build_site({
      {"index.md", "# Home\n"},
      {"guides/a.md", "---\ntitle: \"[x](https://evil.example) *b*\"\ntags: [search]\n---\nA\n"},
      {"decisions/0001-x.md", "---\nstatus: accepted\ntags: [search, infra]\n---\n# X\n"},
  }), {});
  CHECK(is_tag_route("/tags/"));
  CHECK_FALSE(is_tag_route("/guides/"));
  const auto index = tag_view_page(site, "/tags/");
  REQUIRE(index);
  CHECK(index->title == "Tags");
  CHECK(generated_links(index->markdown) == std::vector<std::string>{"/tags/infra/", "/tags/search/"});
  CHECK(index->markdown.find("[search](</tags/search/>) 2") != std::string::npos);

  const auto tag = tag_view_page(site, "/tags/search/");
  REQUIRE(tag);
  CHECK(tag->title == "Tag: search");
  // The feed, the record, then the page: no link from the page's title itself.
  CHECK(generated_links(tag->markdown) == std::vector<std::string>{"/feeds/tags/search.xml", "/decisions/0001-x/", "/guides/a/"});
  CHECK(tag->markdown.find("**Accepted**") != std::string::npos);
  CHECK(tag->markdown.find("## Decisions") < tag->markdown.find("## Pages"));
  CHECK_FALSE(tag_view_page(site, "/tags/nothing/"));
  CHECK_FALSE(tag_view_page(site, "/tags/search"));
}
