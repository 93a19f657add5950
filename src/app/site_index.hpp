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
  // Manifest 2: who owns the page, when it should be reviewed, its decision record (an
  // index into SiteIndex::decisions, -1 for none), and what git says about it.
  std::string owner, review_by, hash, updated;
  std::vector<std::string> authors, tags;
  int decision = -1;
};

struct DecisionEntry {
  int page = -1;
  std::string id, title, status, date, review_by;
  int number = 0;
  std::vector<std::string> deciders, consulted, informed, tags;
  std::vector<int> supersedes, superseded_by;  // indexes into SiteIndex::decisions
};

// Where the site's sources live, for "Edit this page", "History" and proposals.
struct Repository {
  std::string url;  // "" when logbook.yml names no repository
  std::string branch = "main";
  std::string content_prefix = "content";
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
  std::vector<DecisionEntry> decisions;
  std::vector<std::string> statuses;
  Repository repository;
  std::string propose_decision;  // GitHub's new-file page for the next record, "" for none

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
