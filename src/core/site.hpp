// The content model: the pages of a content folder, their URLs, the section tree,
// and the link graph. The caller hands in every file as bytes (the core never
// touches the filesystem); build_site checks, parses and links them, and reports
// problems as diagnostics without dropping the rest of the site.
//
// URL rules (clean URLs): guides/setup.md -> /guides/setup/, guides/index.md -> /guides/,
// index.md -> /. Path segments are lowercased and spaces become hyphens.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diagnostic.hpp"
#include "front_matter.hpp"
#include "limits.hpp"
#include "markdown.hpp"
#include "url.hpp"  // url_for_asset, which callers of this header use

namespace logbook {

struct SourceFile {
  std::string path;   // relative to the content folder, '/'-separated
  std::string bytes;
  // A page the reader left unread because it is over SiteOptions::max_file_bytes: its
  // size on disk (bytes is empty), so that build_site reports it like any page too big.
  std::size_t unread_size = 0;
};

enum class LinkKind { page, anchor, asset, external, missing };

struct ResolvedLink {
  LinkKind kind = LinkKind::missing;
  int target_page = -1;   // for page and anchor links
  std::string anchor;     // without '#'
  std::string href;       // site-relative ("/guides/setup/#install") or external as written
};

struct Page {
  std::string path;         // guides/setup.md
  std::string url;          // /guides/setup/
  int section = 0;          // index into Site::sections
  bool is_section_index = false;
  std::string title;
  std::string description;
  PageMeta meta;
  std::string source;       // the whole file, valid UTF-8 (repaired if it was not)
  std::string source_hash;  // content_hash(source): tells readers and caches what changed
  std::size_t body_offset = 0;  // where the Markdown starts in source, past front matter
  int body_line = 1;
  std::vector<Heading> headings;
  std::unordered_set<std::string> anchors;  // the headings' slugs, so a link's #anchor is found at once
  std::vector<Link> links;             // as written, in document order
  std::vector<ResolvedLink> resolved;  // parallel to links
  std::vector<int> outgoing;           // distinct linked pages
  std::vector<int> backlinks;          // distinct pages that link here
  std::string plain_text;
  // The body's HTML, rendered during the one parse, with each link's destination left
  // as a marker that render_page_html replaces once links are resolved.
  std::string html_with_link_markers;
  Diagnostics parse_diagnostics;  // what reading this file found (front matter, emptiness)

  std::string_view body() const { return std::string_view(source).substr(body_offset); }
  // True when #anchor names one of its headings or a footnote.
  bool has_anchor(const std::string& anchor) const;
};

struct Section {
  std::string path;        // "guides/api" ("" for the root)
  std::string url;         // "/guides/api/"
  std::string title;
  int parent = -1;
  int index_page = -1;
  std::vector<int> pages;  // excluding the index page; ordered by `order`, then title
  std::vector<int> children;

  bool operator==(const Section&) const = default;
};

struct SiteOptions {
  std::size_t max_file_bytes = limits::kPageBytes;
  bool include_drafts = false;
  MarkdownOptions markdown;
  // Files the build writes besides the core's own list, relative to the output folder; a
  // folder reserves everything in it. The CLI passes the reader app's files (app/boot.js,
  // app/logbook.wasm, app/fonts...), so that content/app/setup.md is a page but
  // content/app/boot.js is refused.
  std::vector<std::string> reserved_outputs;
  // Runs body(i) for i in [0, n); the CLI passes a thread pool, the default is a loop.
  std::function<void(std::size_t n, const std::function<void(std::size_t)>& body)> parallel_for;
};

struct Site {
  std::vector<Page> pages;        // ordered by path
  std::vector<Section> sections;  // sections[0] is the root
  std::vector<std::string> assets;  // other files to publish as they are
  // The old URLs of pages (front matter `aliases`) that get a page sending readers on:
  // alias URL ("/old/page/") -> page. Only aliases that stay inside the site and take no
  // other output's place are here; the others are reported.
  std::map<std::string, int> redirects;
  Diagnostics diagnostics;          // ordered by file, then line

  int find_page(std::string_view path) const;  // by source path; -1 if none
  int find_url(std::string_view url) const;    // by URL; -1 if none
  std::size_t warning_count() const;
  std::size_t error_count() const;

  std::unordered_map<std::string, int> by_path;
  std::unordered_map<std::string, int> by_url;
};

// The sections from the root's child down to `section`, outermost first (the root, which
// stands for the whole site, is left out); the breadcrumbs and the search hits' section
// labels. Stops at a parent index that is out of range or does not come before its child.
std::vector<int> section_chain(const std::vector<Section>& sections, int section);

// previous: an earlier build of the same folder, whose pages are reused where a file's
// bytes have not changed (for fast rebuilds); its parsed pages are moved out of it.
Site build_site(std::vector<SourceFile> files, const SiteOptions& options = {}, Site* previous = nullptr);

// URL of a source path under the rules above. '%', '#' and '?' in names are
// percent-encoded, so that links to the page work.
std::string url_for_path(std::string_view path);

// An alias (a page's old URL, as written in its front matter) as a site URL
// ("old/page" -> "/old/page/"), or "" when it would leave the site: a scheme or "//"
// host, "." or ".." segments (percent-encoded too), backslashes or control characters.
std::string alias_url(std::string_view alias);

// A path relative to a folder of the content ("../img/a.png" from "guides"), or from its
// root when it starts with '/', as a content path ("img/a.png"): "." and ".." resolved,
// empty segments dropped. nullopt when it climbs above the content folder, where no
// file is published: a link or reference that does so is broken, and reported.
std::optional<std::string> join_content_path(std::string_view base_dir, std::string_view rel);

// True for files build_site treats as pages.
bool is_markdown_path(std::string_view path);

// The page's Markdown rendered to HTML with its links rewritten to resolved URLs,
// each prefixed with base_url ("/" or "/repo/").
std::string render_page_html(const Site& site, const Page& page, std::string_view base_url);

}  // namespace logbook
