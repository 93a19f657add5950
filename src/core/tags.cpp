#include "tags.hpp"

#include <algorithm>
#include <map>

#include "limits.hpp"
#include "slug.hpp"

namespace logbook {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::string tag_name(std::string_view written) {
  std::string out;
  bool gap = false;
  for (char c : written) {
    if (is_space(c)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ';
    gap = false;
    out += c;
  }
  return out;
}

std::string tag_slug(std::string_view written) {
  std::string slug = slugify(tag_name(written));
  if (slug.size() > kTagSlugBytes) {  // a file name has at most 255 bytes: cut after a whole character
    std::size_t cut = kTagSlugBytes;
    while (cut > 0 && (static_cast<unsigned char>(slug[cut]) & 0xC0) == 0x80) --cut;
    slug.resize(cut);
  }
  return slug;
}

std::string tag_url(std::string_view slug) { return std::string(kTagIndexUrl) + std::string(slug) + "/"; }

std::string tag_feed_path(std::string_view slug) { return "feeds/tags/" + std::string(slug) + ".xml"; }

std::vector<PublishedTag> collect_tags(const PublishedSite& site) {
  struct Gathered {
    std::vector<int> pages;
    std::map<std::string, int> spellings;  // how many pages write it so
    std::string first;                     // the spelling seen first, for ties
  };
  std::map<std::string, Gathered> by_slug;
  for (std::size_t i = 0; i < site.pages.size(); ++i)
    for (std::size_t k = 0; k < site.pages[i].tags.size() && k < limits::kTagsPerPage; ++k) {
      const std::string& written = site.pages[i].tags[k];
      const std::string name = tag_name(written), slug = slugify(name);
      if (slug.empty()) continue;
      Gathered& g = by_slug[slug];
      if (!g.pages.empty() && g.pages.back() == static_cast<int>(i)) continue;  // the same tag twice on a page
      g.pages.push_back(static_cast<int>(i));
      if (g.first.empty()) g.first = name;
      ++g.spellings[name];
    }
  std::vector<PublishedTag> out;
  out.reserve(by_slug.size());
  for (auto& [slug, g] : by_slug) {
    std::string name = g.first;
    for (const auto& [spelling, count] : g.spellings)
      if (count > g.spellings[name]) name = spelling;
    out.push_back({.slug = slug, .name = std::move(name), .pages = std::move(g.pages)});
  }
  return out;
}

int find_tag(const PublishedSite& site, std::string_view slug) {
  const auto it = std::lower_bound(site.tags.begin(), site.tags.end(), slug,
                                   [](const PublishedTag& t, std::string_view s) { return t.slug < s; });
  return it != site.tags.end() && it->slug == slug ? static_cast<int>(it - site.tags.begin()) : -1;
}

}  // namespace logbook
