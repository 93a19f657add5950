// The site as the reader sees it before any page arrives: manifest.json parsed into
// pages and the section tree, with look-ups by URL and path.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace logbook::app {

struct PageEntry {
  std::string path, url, title, description, date;
  int section = 0;
  std::vector<std::string> links;  // resolved hrefs, one per link or image in document order ("" = broken)
  std::vector<int> backlinks;
};

struct SectionEntry {
  std::string path, url, title;
  int parent = -1;
  int index_page = -1;
  std::vector<int> pages;
  std::vector<int> children;
};

struct SiteIndex {
  std::string title;
  std::string base;  // "" or "/repo"
  std::vector<PageEntry> pages;
  std::vector<SectionEntry> sections;
  std::unordered_map<std::string, int> by_url;

  int find_url(std::string_view url) const;
  // The pages of a section in reading order: its index first.
  std::vector<int> reading_order(int section) const;
};

// "" on success, else what is wrong with the manifest and how to fix it.
std::string parse_manifest(std::string_view json, SiteIndex& out);

// Splits "/guides/setup/#install" into the page URL and the anchor ("install").
struct Route {
  std::string url;
  std::string anchor;
  std::string query;  // search words to highlight ("?q=...")
};
Route parse_route(std::string_view site_path);

}  // namespace logbook::app
