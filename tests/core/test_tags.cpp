// Spec: the site's tags. A tag is named by its slug, so spellings that differ only in
// case or spacing are one tag, shown as most pages write it; a record in an older dialect
// brings the tags of its body; tags with no letter or digit are no tag.
#include <doctest/doctest.h>

#include "core/limits.hpp"
#include "core/tags.hpp"

using namespace logbook;

TEST_CASE("a tag's name is trimmed with single spaces; its slug is a heading's") {
  CHECK(tag_name("  Release   notes\t") == "Release notes");
  CHECK(tag_slug("  Release   notes\t") == "release-notes");
  CHECK(tag_slug("C++") == "c");
  CHECK(tag_slug("Café") == "café");
  CHECK(tag_slug("!!!").empty());
  CHECK(tag_slug(std::string(300, 'a')) == std::string(kTagSlugBytes, 'a'));  // a file name's length at most
  CHECK(tag_slug(std::string(99, 'a') + "é") == std::string(99, 'a'));       // cut after a whole character
  CHECK(tag_url("search") == "/tags/search/");
  CHECK(tag_feed_path("search") == "feeds/tags/search.xml");
}

TEST_CASE("collect_tags: one tag per slug, the most used spelling, pages in reading order") {
  const Site site = build_site({
      {"index.md", "---\ntags: [search]\n---\n# Home\n"},
      {"guides/a.md", "---\ntags: [Search, infra, search]\n---\n# A\n"},  // twice on one page: once
      {"guides/b.md", "---\ntags: [' search ', '!!!']\n---\n# B\n"},
      {"decisions/0001-x.md", "# ADR-0001: X\n\n* Status: accepted\n* Tags: infra, Search\n"},
  });
  const PublishedSite p = publish(site, {});
  REQUIRE(p.tags.size() == 2);
  CHECK(p.tags[0].slug == "infra");
  CHECK(p.tags[1].slug == "search");
  CHECK(p.tags[1].name == "search");  // three pages write it so, two "Search"
  const auto urls = [&](const PublishedTag& t) {
    std::vector<std::string> out;
    for (int i : t.pages) out.push_back(p.pages[static_cast<std::size_t>(i)].url);
    return out;
  };
  CHECK(urls(p.tags[0]) == std::vector<std::string>{"/decisions/0001-x/", "/guides/a/"});
  CHECK(urls(p.tags[1]) == std::vector<std::string>{"/", "/decisions/0001-x/", "/guides/a/", "/guides/b/"});
  CHECK(find_tag(p, "search") == 1);
  CHECK(find_tag(p, "nothing") == -1);
}

TEST_CASE("a page's tags past kTagsPerPage make no tag pages") {
  std::string tags;
  for (std::size_t i = 0; i < limits::kTagsPerPage + 5; ++i) tags += (i ? ", t" : "t") + std::to_string(i);
  const PublishedSite p = publish(build_site({{"a.md", "---\ntags: [" + tags + "]\n---\n# A\n"}}), {});
  CHECK(p.tags.size() == limits::kTagsPerPage);
}
