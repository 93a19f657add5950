// The published model: everything a reader of the built site sees, in one type. The
// build makes it with publish() from the site, the decision log, the configuration and
// the history; every renderer reads it (the static pages in src/cli, the app's chrome in
// src/app), and it travels from one to the other as manifest.json through the one pair
// of serializers below. A fact about the site has one home here: reading order,
// previous/next, the section trail, a page's name in navigation, edit and history links.
//
// manifest.json is the head, format version 4: what the app needs before its first draw,
// whatever the site's size. The pages live in parts, content-addressed files the head
// names (site/pages.<16 hex digits of content_hash>.json), each holding at most
// kPagesPerPart pages of consecutive indexes. publish() numbers the pages in part order
// (sections depth-first from the root, each in its reading order), so a section's pages
// are one range of indexes, a part covers one range too, and page -> part is a binary
// search in the head. write_manifest / read_manifest (head) and read_manifest_part are the
// only writer and readers; read_manifest also reads versions 1 to 3 (every page inline;
// 1 lacked the decisions, repository and statuses, 2 the search) and refuses any other.
// {
//   "format": "logbook-manifest", "version": 4,
//   "title": "Site title", "base": "/repo" ("" at the root),
//   "app": null | {"boot": "app/boot.js"},          the wasm app, when it was built
//   "repository": null | {"url": "https://github.com/org/repo", "branch": "main",
//                         "content_prefix": "content"},   where content/ sits in the repository
//   "propose_decision": null | "https://github.com/.../new/main/content/decisions?filename=...&value=..."
//                       GitHub's new-file page with the template and next id
//   "preview": true,   only in `logbook serve`'s live preview, where every change is the
//                      writer's own: the app marks no page "changed since you last read it"
//   "statuses": ["proposed", "accepted", ...],      the decision statuses, from logbook.yml
//   "build": "16 hex digits", changes whenever any page or the app changes (a new deployment)
//   "search": {"list": "search/list.<hash>.json",   the search database's piece list
//              "bytes": 44347392, "pieces": 2707}   (db_pieces.hpp); absent without a database
//   "graph": "site/graph.<hash>.json"   the link graph (link_graph.hpp), read when a graph
//            opens; absent when the build wrote none
//   "precache": ["manifest.json", "app/logbook.wasm", ...]   the offline copy's shell,
//               relative to the site root; offline.json lists it with hashes for sw.js
//               (src/cli/offline_list.hpp), which caches everything else as it is read
//   "fallback_fonts": ["app/fonts/fallback-0.ttf", ...]  faces subset to the characters of
//               this content that the app's own fonts lack
//   "parts": [ {"name": "site/pages.0a1b2c3d4e5f6071.json", "first": 0, "count": 200,
//               "from": "/a/", "to": "/guides/z/"} ],   in index order, covering every page
//               once; from/to: the least and greatest URL of its pages (a URL outside
//               every range is in no part)
//   "sections": [ {"path": "guides", "url": "/guides/", "title": "Guides", "parent": 0,
//                  "index": 3 | -1, "first": 3, "count": 5, "children": [2]} ]
//               sections[0] = root; the section's pages in reading order are the indexes
//               first .. first + count - 1, its index page (when index is not -1) first;
//               its parts are the parts covering that range
//   "decisions": [ {"page": 7, "url": "/decisions/0003-x/", "id": "ADR-0003", "number": 3,
//                   "title": "...", "status": "accepted" | "", "date": "...",
//                   "review_by": "..." | "", "deciders": [..], "consulted": [..],
//                   "informed": [..], "tags": [..],
//                   "dialect": "front-matter" | "madr2" | "nygard" | "none",
//                   "supersedes": [2], "superseded_by": [9]} ],   in path order; the chain both ways
//   "recent": [12, 4],     the kHomeListLength pages changed last (git), newest first
//   "review": [8],         the kHomeListLength pages with the soonest review_by
//   "people": ["ana", "Bo", ...],   optional: the site's people (reader_queue.hpp: owners,
//               deciders, consulted, informed, commit authors), one per name as first
//               written, sorted; what "Who are you?" offers. Grows with the team, not the pages
//   "owned": "site/owned.<hash>.json",   optional: names the file of the pages that have
//               an owner and a review date (below), read when a reader's queue needs them
//   "summaries": [ {"page": 12, "path": ..., "url": ..., "title": ..., "section": 1,
//                   "decision": -1, "hash": ..., "updated": ..., "review_by": ..., "owner": ...} ]
//               what the head's lists show of the pages they name (recent, review, the
//               decisions' and the sections' index pages); empty fields are left out
//   "tags": "site/tags.<16 hex digits>.json"   optional, absent when no page has a tag:
//               the tags file, read when a tag view opens (tags.hpp)
// }
// The tags file, site/tags.<hash>.json, format "logbook-tags", version 4 (the head's):
// {"format": "logbook-tags", "version": 4,
//  "tags": [ {"slug": "search", "name": "Search", "pages": [3, 9]} ],   by slug; pages in
//           index order (tags.hpp says what a tag is)
//  "summaries": [ {"page": 3, "url": ..., "title": ..., "section": 1, "decision": -1,
//                  "updated": ..., "date": ...} ]   what a tag's list shows of each tagged
//           page (no description: the file is read whole), so a tag view needs no part }
// A part, site/pages.<hash>.json, format "logbook-pages", version 4 (the head's):
// {"format": "logbook-pages", "version": 4, "first": 200,
//  "pages": [ {"path": "guides/setup.md", "url": "/guides/setup/", "title": "...",
//              "section": 1, "hash": "16 hex digits of the page's bytes",   always there;
//              each field below is left out when empty (no date, no decision: -1, no
//              links...), and a reader takes an absent one as empty, as it takes the null,
//              -1 and [] that builds before wrote. No "description": the app shows none.
//              "date": "YYYY-MM-DD", "owner": "...", "review_by": "YYYY-MM-DD",
//              "decision": 0,                      index into decisions
//              "links": ["/guides/", "https://x.org", ""],   where each link or image of
//                       the page goes, in document order ("" when broken): the app matches
//                       them to its own layout of the Markdown by ordinal
//              "targets": [4, -1, -1],             per link, the page it leads to (-1: none):
//                       the app follows a link to a page of a part it has not read
//              "backlinks": [0, 3],                the pages that link here
//              "updated": "YYYY-MM-DD",            last commit touching it (git)
//              "authors": [names],                 who committed to it (git)
//              "last_author": "ana",               the last commit's author, and the first
//              "summary": "Fix the setup steps",   line of its message (at most
//                       kCommitSummaryBytes) (builds without git: none)
//              "tags": [..]} ],                    from its front matter, or a record's body
//  "refs": [ {"page": 9, "url": ..., "title": ..., "section": 2, "decision": -1} ]
//            the pages of other parts that link to these pages, and the neighbours
//            before the first and after the last: the app draws them without their parts }
// The owned pages, site/owned.<hash>.json, format "logbook-owned", version 4 (the head's):
// {"format": "logbook-owned", "version": 4,
//  "pages": [ {"page": 812, "url": ..., "title": ..., "owner": "ana", "review_by": "2026-03-01",
//              "decision": 4 (absent: -1)} ]}
//   every page with both an owner and a review_by, in index order: wherever they are in a
//   large site, a person's pages past review come from this one file, not from every part.
// Page, section and decision references are indexes. Dates are as written; the app
// compares them with today's date. site/boot.js and site/loader.js read "app" and
// "fallback_fonts" themselves; site/sw.js reads offline.json instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <utility>

#include "decision.hpp"
#include "page_history.hpp"
#include "site.hpp"
#include "site_config.hpp"

namespace logbook {

constexpr int kManifestVersion = 4;
// At most this many pages a part: about 130 KB (40 KB gzip) of JSON at 10k pages' sizes,
// few enough parts that a section rarely needs two (measured: issue 9).
constexpr int kPagesPerPart = 200;
// A reader refuses bigger parts, so a small head cannot claim millions of pages.
constexpr int kMostPagesPerPart = 1000;
// The home page's lists (recently changed, past review) come from the head: this many each.
constexpr int kHomeListLength = 50;

struct PublishedPage {
  std::string path{}, url{}, title{};
  std::string description{};                // the build's (static pages, feeds): not in parts
  int section = 0;                          // index into PublishedSite::sections
  std::string date{}, owner{}, review_by{}; // from the front matter, "" when absent
  int decision = -1;                        // index into PublishedSite::decisions
  std::vector<std::string> links{}; // one per link or image, in document order ("" = broken)
  std::vector<int> targets{};   // per link, the page it leads to, -1 for none (another site, a file, broken)
  std::vector<int> backlinks{}; // pages that link here
  std::string hash{}; // content_hash of the page's bytes
  std::string updated{}; // last commit's date, "" without history
  std::vector<std::string> authors{}, tags{};
  std::string last_author{}, summary{}; // the last commit's author and summary (git), "" without

  bool operator==(const PublishedPage&) const = default;
};

struct PublishedDecision {
  int page = -1;  // index into PublishedSite::pages
  std::string id{}, title{}, status{}, date{}, review_by{};
  int number = -1;  // -1 for date-named records
  std::vector<std::string> deciders{}, consulted{}, informed{}, tags{};
  std::string dialect{}; // how the record was written (dialect_name)
  std::vector<int> supersedes{}, superseded_by{}; // indexes into PublishedSite::decisions

  bool operator==(const PublishedDecision&) const = default;
};

// Where the site's sources live, for "Edit this page", "History" and proposals.
struct PublishedRepository {
  std::string url; // "https://github.com/org/repo" without a trailing '/'; "" for none
  std::string branch = "main";
  std::string content_prefix = "content";  // the content folder relative to the repository root

  bool operator==(const PublishedRepository&) const = default;
};

// The search database as published in pieces (db_pieces.hpp).
struct PublishedSearch {
  std::string list{};       // "search/list.<hash>.json"; "" when the site has no database
  std::uint64_t bytes = 0;  // the database's size
  int pieces = 0;

  bool operator==(const PublishedSearch&) const = default;
};

struct Neighbours {
  int prev = -1, next = -1;  // pages; -1 for none
};

// A range of pages stored in one file (see the format above).
struct PublishedPart {
  std::string name{};        // "site/pages.<hash>.json"
  int first = 0, count = 0;  // its pages: first .. first + count - 1
  std::string from{}, to{};  // the least and greatest URL of its pages
  bool loaded = false;       // its pages are in PublishedSite::pages (publish: all)

  bool operator==(const PublishedPart&) const = default;
};

// A tag and the pages that carry it (tags.hpp).
struct PublishedTag {
  std::string slug{}, name{};  // name: the spelling most of its pages use
  std::vector<int> pages{};    // in index order

  bool operator==(const PublishedTag&) const = default;
};

struct PublishedSite {
  std::string title;
  std::string base; // "" or "/repo"
  std::string app_boot; // "app/boot.js" when the app was built, else ""
  PublishedRepository repository;
  std::string propose_decision; // GitHub's new-file page for the next record, "" for none
  bool preview = false;  // `logbook serve`'s live preview (see "preview" above)
  std::vector<std::string> statuses;
  // Every page has its index from the start; a page of a part not loaded yet is empty,
  // or holds only what a summary says of it (url, title, ...): check loaded(page).
  std::vector<PublishedPage> pages;
  std::vector<PublishedPart> parts;
  std::vector<int> recent, review;  // pages for the home page's lists (see the format)
  std::vector<Section> sections;  // the core's own section type: sections[0] is the root
  std::vector<PublishedDecision> decisions;
  std::string build; // the deployment's hash
  std::vector<std::string> precache, fallback_fonts;
  PublishedSearch search;
  std::vector<std::string> people;  // the site's people, for "Who are you?" (see "people")
  std::string owned_list;  // "site/owned.<hash>.json", "" when no page has an owner and a review date
  std::vector<int> owned;  // those pages, once read
  bool owned_loaded = false;  // owned is known: publish, a head without the file, or read_owned_pages
  // Every tag (collect_tags): publish() fills it; a reader of the head has only the name
  // of the tags file ("" without tags) until read_tags_file.
  std::vector<PublishedTag> tags;
  std::string tags_file;
  std::string graph;  // "site/graph.<hash>.json" (link_graph.hpp), "" for none

  bool operator==(const PublishedSite&) const = default;

  // Look-ups and the facts the renderers share. All take and give indexes; a bad index
  // gives an empty answer, never undefined behaviour.
  int find_url(std::string_view url) const;  // -1 if no page has it
  // A section's pages in reading order: its index page first.
  std::vector<int> reading_order(int section) const;
  // The pages before and after a page in its section's reading order.
  Neighbours neighbours(int page) const;
  // The sections above a page, outermost first, without the root (which is "Home") and
  // without the section a section index page stands for: the breadcrumbs.
  std::vector<int> trail(int page) const;
  // The page's source in the repository: the editor and the list of commits ("" when the
  // site names no repository).
  std::string edit_url(int page) const;
  std::string history_url(int page) const;
  // The record of a page, or nullptr.
  const PublishedDecision* decision_of(int page) const;
  // A page's name in navigation (the sidebars): a decision record's id comes first
  // ("ADR-0003: SQLite FTS5 for search"), as the decision log lists it; else the title.
  std::string nav_title(int page) const;

  // The part holding a page (-1 for a bad index), and whether it was read.
  int part_of(int page) const;
  bool loaded(int page) const;
  // The parts not read yet that may hold the page at `url`: its part when a loaded page
  // or a summary names it, else those whose URL range holds it, the parts of the section
  // with the longest URL prefix first. Empty: no page has this URL, or its part is loaded.
  std::vector<int> parts_for_url(std::string_view url) const;

  // URL -> page, made by index_urls() (publish and read_manifest call it).
  void index_urls();
  std::unordered_map<std::string, int> by_url;
};

// What the build adds to the site's own content. Every member has a default, so callers
// name only what they set ({.title = ..., .base = ...}).
struct PublishInputs {
  std::string title{};
  std::string base{};
  std::string app_boot{}; // path of the app's boot script, "" without the app
  const SiteHistory* history = nullptr;    // change dates and authors, when the build read git
  std::string app_version{}; // changes when the app's files change
  std::vector<std::string> precache{}; // files for the offline copy
  std::string content_prefix = "content";  // the content folder relative to the repository root
  std::string propose_decision{}; // "" when there is no repository
  std::vector<std::string> fallback_fonts{}; // faces for characters beyond the app's fonts
  bool preview = false;  // built by `logbook serve`
};

// The one function that makes the published model.
PublishedSite publish(const Site& site, const DecisionLog& decisions, const SiteConfig& config, const PublishInputs& inputs);
// With the default configuration (decisions in decisions/).
PublishedSite publish(const Site& site, const PublishInputs& inputs);

// For each page of `site`, its index in `published` (publish numbers pages in part order).
std::vector<int> published_indexes(const Site& site, const PublishedSite& published);

// The "build" hash: changes when any page's bytes or the app change.
std::string build_hash(const Site& site, std::string_view app_version);

// The serializers. Readers never throw: a field of the wrong type reads as its default,
// and indexes out of range are dropped, so a hand-edited file cannot crash a reader.
struct ManifestFiles {
  std::string head;  // manifest.json
  std::vector<std::pair<std::string, std::string>> parts;  // name (site/pages.<hash>.json) -> text
  std::pair<std::string, std::string> owned;  // site/owned.<hash>.json -> text; empty for none
  std::string tags_name, tags;  // the tags file (site/tags.<hash>.json) and its text; "" without tags
};
ManifestFiles write_manifest(const PublishedSite& site);
// manifest.json alone (ManifestFiles::head): what a change of the head's own fields (the
// search list, named once the database is cut) writes again, without the parts.
std::string write_manifest_head(const PublishedSite& site);
// "" on success, else what is wrong with the text and how to fix it (an old or newer
// format version, not JSON, not a manifest).
std::string read_manifest(std::string_view json, PublishedSite& out);
// Reads the tags file (site.tags_file) into site.tags and the summaries of the tagged
// pages. "" on success, else what is wrong and how to fix it; `site` is then unchanged.
std::string read_tags_file(std::string_view json, PublishedSite& site);
// Reads the text of site.parts[part] into `site`: its pages and the summaries of their
// refs. "" on success, else what is wrong and how to fix it; `site` is then unchanged.
std::string read_manifest_part(std::string_view json, int part, PublishedSite& site);
// Reads the text of site.owned_list: site.owned and the summaries of those pages not read
// yet. "" on success, else what is wrong and how to fix it; `site` is then unchanged.
std::string read_owned_pages(std::string_view json, PublishedSite& site);

}  // namespace logbook
