#include "site.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <unordered_set>

#include "assert.hpp"
#include "decision.hpp"
#include "page_history.hpp"
#include "slug.hpp"
#include "url.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

std::string_view dirname(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view stem(std::string_view path) {
  std::string_view name = basename(path);
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(0, dot);
}

// "getting-started" -> "Getting started"
std::string title_from_name(std::string_view name) {
  std::string out(name);
  for (char& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::string url_segment(std::string_view segment) {
  std::string out;
  for (char c : segment) out += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return encode_path_chars(out);
}

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }

// A name as it can be printed in a diagnostic: control characters as \t, \n, \xHH.
std::string printable(std::string_view name) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : name) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (is_control(c)) out += std::string("\\x") + kHex[(c >> 4) & 0xF] + kHex[c & 0xF];
    else out += c;
  }
  return out;
}

// Why no link can reach a file of this name, or "": control characters (a tab, a
// newline) cannot be written in a link, and browsers read a backslash as '/'.
std::string unlinkable_name(std::string_view path) {
  if (std::any_of(path.begin(), path.end(), is_control))
    return "has a control character (a tab, a newline or another invisible character)";
  if (path.find('\\') != std::string_view::npos) return "has a backslash, which browsers read as '/'";
  return {};
}

// What the build writes besides pages, their sources and redirects (src/cli writes
// them); tags/ and feeds/ are the tag pages and the feeds per interest (tags.hpp). No content file, page or alias takes their place, nor that of
// SiteOptions::reserved_outputs (the reader app's files).
constexpr std::string_view kGeneratedOutputs[] = {"search", "manifest.json", "offline.json", "sw.js", "feed.xml", "sitemap.xml",
                                                  "404.html", "robots.txt", "assets/page.css", "assets/loader.js",
                                                  "assets/favicon.svg", "tags", "feeds"};

// Every file the build writes, so that no output takes another's place: the same file
// twice, a file where a folder must be, or a folder where a file is.
class OutputPaths {
 public:
  // Claims `file` (a path in the output folder): "" if it was free, else what holds it.
  std::string claim(const std::string& file) {
    if (files_.count(file) || folders_.count(file)) return file;
    for (auto slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1))
      if (files_.count(file.substr(0, slash))) return file.substr(0, slash);
    files_.insert(file);
    for (auto slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1))
      folders_.insert(file.substr(0, slash));
    return {};
  }

 private:
  std::unordered_set<std::string> files_, folders_;
};

std::string trim_description(std::string text) {
  for (char& c : text)
    if (c == '\n') c = ' ';
  constexpr std::size_t kMax = 200;
  if (text.size() <= kMax) return text;
  std::size_t cut = text.rfind(' ', kMax);
  if (cut == std::string::npos || cut < kMax / 2) cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return text.substr(0, cut) + "…";
}

std::string describe_refused_table(const RefusedTable& table) {
  const std::string shape = "this table has " + std::to_string(table.columns) + " columns";
  if (table.too_wide)
    return shape + ", more than the " + std::to_string(limits::kTableColumns) +
           " a table may have; it is shown as text. Split it into narrower tables, or publish the data as a CSV file.";
  return shape + " and " + std::to_string(table.rows) + " rows in " + std::to_string(table.bytes) +
         " bytes: its short rows would be padded with empty cells, more than " +
         std::to_string(limits::kTableCellsPerByte) +
         " cells per byte of the table; it is shown as text. Write the empty cells out ('| |'), or use fewer columns.";
}

// One warning for each of the first few refused tables, then one for the rest: a page
// of thousands of such tables gets a short report.
void warn_refused_tables(const std::string& file, const std::vector<RefusedTable>& tables, Diagnostics& diags) {
  constexpr std::size_t kNamed = 5;
  for (std::size_t i = 0; i < tables.size() && i < kNamed; ++i)
    diags.push_back({Severity::warning, file, tables[i].line, 1, describe_refused_table(tables[i])});
  if (tables.size() > kNamed)
    diags.push_back({Severity::warning, file, tables[kNamed].line, 1,
                     std::to_string(tables.size() - kNamed) +
                         " more tables from this line on are past the same limits and shown as text."});
}

// Content past the limits of limits.hpp still builds; the writer is told where.
void warn_past_limits(const std::string& file, const MarkdownSummary& summary, Diagnostics& diags) {
  if (summary.too_deep_line)
    diags.push_back({Severity::warning, file, summary.too_deep_line, 1,
                     "block quotes and lists nest more than " + std::to_string(limits::kNestingDepth) +
                         " levels deep here; the app draws the deeper levels flat. Nest less."});
  if (summary.long_word_line)
    diags.push_back({Severity::warning, file, summary.long_word_line, 1,
                     "a word on this line runs past " + std::to_string(limits::kWordBytes) +
                         " bytes without a space; the app breaks it anywhere. Add spaces, or link to the text instead."});
  warn_refused_tables(file, summary.refused_tables, diags);
}

// Link destinations in Page::html_with_link_markers. cmark percent-encodes the
// control character, so the marker reads "%1Flbk<index>%1F" in the HTML.
constexpr std::string_view kMarkerStart = "%1Flbk";
constexpr std::string_view kMarkerEnd = "%1F";
std::string link_marker(std::size_t index) { return "\x1F" "lbk" + std::to_string(index) + "\x1F"; }

int meta_order(const Page& p) {
  const auto& f = p.meta.fields;
  if (f.contains("order")) {
    const auto& v = f["order"];
    if (v.is_number_integer()) return v.get<int>();
    if (v.is_string()) {  // order: "3", as a string; leading spaces and a sign allowed
      std::string_view text = v.get_ref<const std::string&>();
      while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
      if (!text.empty() && text.front() == '+') text.remove_prefix(1);
      int n = 0;
      if (const auto r = std::from_chars(text.data(), text.data() + text.size(), n); r.ec == std::errc{}) return n;
    }
  }
  return 1 << 20;
}

// What site.hpp promises of a built site: every index points into its vector, sections
// nest under earlier ones, and resolved is parallel to links. Checked when asserts are on.
void assert_invariants(const Site& site) {
  const auto pages = static_cast<int>(site.pages.size()), sections = static_cast<int>(site.sections.size());
  const auto page_index = [&](int i) { return i >= 0 && i < pages; };
  for (const Page& page : site.pages) {
    LOGBOOK_ASSERT(page.section >= 0 && page.section < sections, "a page's section is an index into Site::sections");
    LOGBOOK_ASSERT(page.resolved.size() == page.links.size(), "Page::resolved is parallel to Page::links");
    for (const ResolvedLink& r : page.resolved)
      LOGBOOK_ASSERT((r.kind != LinkKind::page && r.kind != LinkKind::anchor) || page_index(r.target_page),
                     "a page or anchor link's target_page is an index into Site::pages");
    for (const std::vector<int>* list : {&page.outgoing, &page.backlinks})
      LOGBOOK_ASSERT(std::all_of(list->begin(), list->end(), page_index), "outgoing and backlinks are indexes into Site::pages");
  }
  for (int i = 0; i < sections; ++i) {
    const Section& s = site.sections[static_cast<std::size_t>(i)];
    LOGBOOK_ASSERT(i == 0 ? s.parent == -1 : s.parent >= 0 && s.parent < i, "sections[0] is the root; a section's parent comes before it");
    LOGBOOK_ASSERT(s.index_page == -1 || page_index(s.index_page), "a section's index_page is -1 or an index into Site::pages");
    LOGBOOK_ASSERT(std::all_of(s.pages.begin(), s.pages.end(), page_index), "a section's pages are indexes into Site::pages");
    const auto later_section = [&](int c) { return c > i && c < sections; };
    LOGBOOK_ASSERT(std::all_of(s.children.begin(), s.children.end(), later_section), "a section's children are later sections");
  }
  for (const auto& [url, page] : site.redirects) LOGBOOK_ASSERT(page_index(page), "a redirect leads to an index into Site::pages");
}

class Builder {
 public:
  Builder(Site& site, const SiteOptions& options, Site* previous)
      : site_(site), options_(options), previous_(previous) {}

  void run(std::vector<SourceFile>& files) {
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    admit(files);
    parse_all();
    build_sections();
    index_titles();
    resolve_all();
    admit_redirects();
    std::stable_sort(site_.diagnostics.begin(), site_.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
  }

 private:
  Site& site_;
  const SiteOptions& options_;
  Site* previous_;  // parsed pages to reuse when their source has not changed
  std::vector<Diagnostics> page_diagnostics_;
  std::unordered_map<std::string, std::vector<int>> by_stem_;
  std::unordered_map<std::string, std::vector<int>> by_title_;
  OutputPaths outputs_;

  void report(Severity severity, const std::string& file, int line, int column, std::string message) {
    site_.diagnostics.push_back({severity, file, line, column, std::move(message)});
  }

  // An unchanged file was checked by the previous build (had it been repaired, its
  // stored text would differ from the bytes on disk).
  bool unchanged_since_previous(const SourceFile& file) const {
    if (!previous_) return false;
    const int old = previous_->find_page(file.path);
    return old >= 0 && file.unread_size == 0 && previous_->pages[static_cast<std::size_t>(old)].source == file.bytes;
  }

  // Reports files too big, binary or not UTF-8; false for those left out of the site.
  bool check_bytes(SourceFile& file) {
    const std::size_t size = std::max(file.bytes.size(), file.unread_size);
    if (size > options_.max_file_bytes) {
      report(Severity::error, file.path, 0, 0,
             "file is " + std::to_string(size >> 20) + " MiB, over the " +
                 std::to_string(options_.max_file_bytes >> 20) + " MiB limit for a page; split it into smaller pages.");
      return false;
    }
    if (looks_binary(file.bytes)) {
      report(Severity::error, file.path, 0, 0,
             "this looks like a binary file (it contains NUL bytes), not Markdown; rename it or remove it.");
      return false;
    }
    if (auto bad = find_invalid_utf8(file.bytes)) {
      const TextPosition pos = position_of(file.bytes, *bad);
      report(Severity::warning, file.path, pos.line, pos.column,
             "invalid UTF-8; the bad bytes were replaced with U+FFFD. Save the file as UTF-8.");
      file.bytes = repair_utf8(file.bytes);
    }
    return true;
  }

  // A page's files (index.html and its source index.md), unless another output holds them.
  bool claim_page_outputs(const std::string& path, const std::string& url) {
    const std::string folder = percent_decode(url.substr(1));
    for (const char* file : {"index.html", "index.md"}) {
      if (const std::string taken = outputs_.claim(folder + file); !taken.empty()) {
        report(Severity::error, path, 0, 0,
               "its URL " + url + " would take the place of " + taken +
                   ", which the build writes; rename the file (it was not built).");
        return false;
      }
    }
    return true;
  }

  // Checks each file's name and bytes; files that cannot be published are left out.
  void admit(std::vector<SourceFile>& files) {
    for (std::string_view generated : kGeneratedOutputs) outputs_.claim(std::string(generated));
    for (const std::string& reserved : options_.reserved_outputs) outputs_.claim(reserved);
    std::vector<std::string> assets;
    for (SourceFile& file : files) {
      if (const std::string problem = unlinkable_name(file.path); !problem.empty()) {
        report(Severity::warning, printable(file.path), 0, 0,
               "the file name " + problem + "; rename the file (it was not published).");
        continue;
      }
      if (!is_markdown_path(file.path)) {
        assets.push_back(std::move(file.path));
        continue;
      }
      if (!unchanged_since_previous(file) && !check_bytes(file)) continue;
      std::string url = url_for_path(file.path);
      if (auto it = site_.by_url.find(url); it != site_.by_url.end()) {
        report(Severity::error, file.path, 0, 0,
               "has the same URL " + url + " as " + site_.pages[static_cast<std::size_t>(it->second)].path +
                   "; rename one of them.");
        continue;
      }
      if (!claim_page_outputs(file.path, url)) continue;
      Page page;
      page.path = std::move(file.path);
      page.url = std::move(url);
      page.source = std::move(file.bytes);
      page.is_section_index = basename(page.path) == "index.md";
      site_.by_url.emplace(page.url, static_cast<int>(site_.pages.size()));
      site_.pages.push_back(std::move(page));
    }
    // After the pages: what the build generates wins over a file of the same name.
    for (std::string& path : assets) {
      if (const std::string taken = outputs_.claim(path); !taken.empty()) {
        report(Severity::error, path, 0, 0,
               "this file would take the place of " + taken +
                   ", which the build writes; rename or move it (it was not published).");
        continue;
      }
      site_.assets.push_back(std::move(path));
    }
  }

  // A redirect page at each alias that stays inside the site and takes no other output's place.
  void admit_redirects() {
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      const Page& page = site_.pages[i];
      for (const std::string& alias : page.meta.aliases) {
        if (alias.empty()) continue;
        const std::string url = alias_url(alias);
        if (!url.empty() && site_.find_url(url) >= 0) continue;  // a real page wins
        const std::string taken = url.empty() ? "" : outputs_.claim(percent_decode(url.substr(1)) + "index.html");
        const SourcePosition at = front_matter_position(page, "aliases");
        if (url.empty())
          report(Severity::warning, page.path, at.line, at.column,
                 "alias '" + printable(alias) + "' leaves the site; write it as a path like /old/page/.");
        else if (!taken.empty())
          report(Severity::warning, page.path, at.line, at.column,
                 "alias '" + printable(alias) + "' would take the place of " + taken +
                     ", which the build writes; choose another old URL or remove it.");
        else
          site_.redirects.emplace(url, static_cast<int>(i));
      }
    }
  }

  // Takes the parse results of an unchanged page from the previous build.
  bool reuse_previous(Page& page, Diagnostics& diags) {
    if (!previous_) return false;
    const int old = previous_->find_page(page.path);
    if (old < 0) return false;
    Page& before = previous_->pages[static_cast<std::size_t>(old)];
    if (before.source != page.source) return false;
    page.meta = std::move(before.meta);
    page.body_offset = before.body_offset;
    page.body_line = before.body_line;
    page.headings = std::move(before.headings);
    page.anchors = std::move(before.anchors);
    page.links = std::move(before.links);
    page.plain_text = std::move(before.plain_text);
    page.html_with_link_markers = std::move(before.html_with_link_markers);
    page.title = std::move(before.title);
    page.description = std::move(before.description);
    page.parse_diagnostics = std::move(before.parse_diagnostics);
    page.source_hash = std::move(before.source_hash);
    diags = page.parse_diagnostics;
    return true;
  }

  void parse_one(std::size_t i) {
    Page& page = site_.pages[i];
    Diagnostics& diags = page_diagnostics_[i];
    if (reuse_previous(page, diags)) return;
    page.source_hash = content_hash(page.source);
    const FrontMatter fm = parse_front_matter(page.path, page.source, diags);
    page.meta = fm.meta;
    page.body_offset = static_cast<std::size_t>(fm.body.data() - page.source.data());
    page.body_line = fm.body_line;
    const bool blank = std::all_of(fm.body.begin(), fm.body.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
    if (page.source.empty()) {
      diags.push_back({Severity::warning, page.path, 1, 1, "the file is empty; write some Markdown or delete it."});
    } else if (blank && !fm.meta.title) {
      diags.push_back({Severity::warning, page.path, fm.body_line, 1, "the page has no content after its front matter."});
    }
    MarkdownDocument doc(fm.body, options_.markdown, fm.body_line);
    MarkdownSummary summary = doc.summarize();
    warn_past_limits(page.path, summary, diags);
    std::size_t link_index = 0;
    page.html_with_link_markers = doc.render_html([&](const Link&) { return link_marker(link_index++); }, summary);
    page.headings = std::move(summary.headings);
    for (const Heading& h : page.headings) page.anchors.insert(h.slug);
    page.links = std::move(summary.links);
    page.plain_text = std::move(summary.plain_text);
    if (page.meta.title && !page.meta.title->empty()) {
      page.title = *page.meta.title;
    } else if (!page.headings.empty()) {
      const auto h1 = std::find_if(page.headings.begin(), page.headings.end(), [](const Heading& h) { return h.level == 1; });
      page.title = (h1 != page.headings.end() ? *h1 : page.headings.front()).text;
    }
    if (page.title.empty()) {
      page.title = title_from_name(page.is_section_index && !dirname(page.path).empty() ? basename(dirname(page.path)) : stem(page.path));
      if (page.path == "index.md") page.title = "Home";
    }
    page.description = trim_description(page.meta.description ? *page.meta.description : summary.first_paragraph);
    page.parse_diagnostics = diags;
  }

  void parse_all() {
    page_diagnostics_.assign(site_.pages.size(), {});
    const auto body = [this](std::size_t i) { parse_one(i); };
    if (options_.parallel_for) options_.parallel_for(site_.pages.size(), body);
    else for (std::size_t i = 0; i < site_.pages.size(); ++i) body(i);

    // Drafts leave the site after parsing, so their problems are still reported.
    std::vector<Page> kept;
    kept.reserve(site_.pages.size());
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      for (auto& d : page_diagnostics_[i]) site_.diagnostics.push_back(std::move(d));
      if (site_.pages[i].meta.draft && !options_.include_drafts) continue;
      kept.push_back(std::move(site_.pages[i]));
    }
    site_.pages = std::move(kept);
    site_.by_url.clear();
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      site_.by_url.emplace(site_.pages[i].url, static_cast<int>(i));
      site_.by_path.emplace(site_.pages[i].path, static_cast<int>(i));
    }
  }

  int section_for(const std::string& dir) {
    for (std::size_t i = 0; i < site_.sections.size(); ++i)
      if (site_.sections[i].path == dir) return static_cast<int>(i);
    const int parent = dir.empty() ? -1 : section_for(std::string(dirname(dir)));
    Section s;
    s.path = dir;
    s.url = url_for_path(dir.empty() ? "index.md" : dir + "/index.md");
    s.title = dir.empty() ? "Home" : title_from_name(basename(dir));
    s.parent = parent;
    site_.sections.push_back(std::move(s));
    const int index = static_cast<int>(site_.sections.size()) - 1;
    if (parent >= 0) site_.sections[static_cast<std::size_t>(parent)].children.push_back(index);
    return index;
  }

  void build_sections() {
    section_for("");
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      Page& page = site_.pages[i];
      page.section = section_for(std::string(dirname(page.path)));
      Section& section = site_.sections[static_cast<std::size_t>(page.section)];
      if (page.is_section_index) {
        section.index_page = static_cast<int>(i);
        section.title = page.title;
      } else {
        section.pages.push_back(static_cast<int>(i));
      }
    }
    const auto by_order = [this](int a, int b) {
      const Page& pa = site_.pages[static_cast<std::size_t>(a)];
      const Page& pb = site_.pages[static_cast<std::size_t>(b)];
      const int oa = meta_order(pa), ob = meta_order(pb);
      if (oa != ob) return oa < ob;
      return lower_ascii(pa.title) < lower_ascii(pb.title);
    };
    for (Section& s : site_.sections) {
      std::stable_sort(s.pages.begin(), s.pages.end(), by_order);
      std::stable_sort(s.children.begin(), s.children.end(), [&](int a, int b) {
        const Section& sa = site_.sections[static_cast<std::size_t>(a)];
        const Section& sb = site_.sections[static_cast<std::size_t>(b)];
        if (sa.index_page >= 0 && sb.index_page >= 0) return by_order(sa.index_page, sb.index_page);
        return lower_ascii(sa.title) < lower_ascii(sb.title);
      });
    }
  }

  void index_titles() {
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      const Page& p = site_.pages[i];
      by_stem_[lower_ascii(stem(p.path))].push_back(static_cast<int>(i));
      by_title_[lower_ascii(p.title)].push_back(static_cast<int>(i));
    }
  }

  int page_for_path(const std::string& path) const {
    if (auto it = site_.by_path.find(path); it != site_.by_path.end()) return it->second;
    return -1;
  }

  // A site path without extension may name a page by source path or by URL.
  int page_for_target(const std::string& target) const {
    if (target.empty()) return page_for_path("index.md");
    if (is_markdown_path(target)) return page_for_path(target);
    for (const std::string& candidate : {target + ".md", target + "/index.md"})
      if (int p = page_for_path(candidate); p >= 0) return p;
    std::string url = "/" + target;
    if (url.back() != '/') url += '/';
    if (int p = site_.find_url(url); p >= 0) return p;
    if (int p = site_.find_url(url_for_path(target + ".md")); p >= 0) return p;
    return -1;
  }

  // candidates: set when the target names several pages, so the warning can list them
  // (a pointer into the index: copying it for every link would be quadratic).
  ResolvedLink resolve_wikilink(const Page& page, const Link& link, const std::vector<int>*& candidates) const {
    ResolvedLink r;
    std::string target = link.destination;
    if (const auto hash = target.find('#'); hash != std::string::npos) {
      r.anchor = slugify(target.substr(hash + 1));
      target.erase(hash);
    }
    while (!target.empty() && target.back() == ' ') target.pop_back();
    if (target.empty()) {
      r.target_page = static_cast<int>(&page - site_.pages.data());
    } else {
      if (const auto path = join_content_path("", target)) r.target_page = page_for_target(*path);
      if (r.target_page < 0) {
        for (const auto* index : {&by_title_, &by_stem_}) {
          auto it = index->find(lower_ascii(target));
          if (it == index->end()) continue;
          if (it->second.size() == 1) {
            r.target_page = it->second.front();
            break;
          }
          if (!candidates) candidates = &it->second;
        }
      }
    }
    r.kind = r.target_page >= 0 ? LinkKind::page : LinkKind::missing;
    return r;
  }

  ResolvedLink resolve_link(const Page& page, const Link& link, const std::vector<int>*& candidates) const {
    if (link.wikilink) return resolve_wikilink(page, link, candidates);
    ResolvedLink r;
    const std::string& dest = link.destination;
    if (dest.empty() || has_scheme(dest)) {
      r.kind = LinkKind::external;
      r.href = dest;
      return r;
    }
    std::string path_part = dest;
    if (const auto hash = path_part.find('#'); hash != std::string::npos) {
      r.anchor = percent_decode(path_part.substr(hash + 1));
      path_part.erase(hash);
    }
    if (const auto query = path_part.find('?'); query != std::string::npos) path_part.erase(query);
    if (path_part.empty()) {
      r.kind = LinkKind::anchor;
      r.target_page = static_cast<int>(&page - site_.pages.data());
      return r;
    }
    const auto joined = join_content_path(dirname(page.path), percent_decode(path_part));
    if (!joined) return r;  // climbs out of the content folder: reported as broken
    const std::string& path = *joined;
    if (int target = page_for_target(path); target >= 0 && !link.image) {
      r.kind = LinkKind::page;
      r.target_page = target;
      return r;
    }
    if (std::binary_search(site_.assets.begin(), site_.assets.end(), path)) {
      r.kind = LinkKind::asset;
      r.href = url_for_asset(path);
      return r;
    }
    return r;
  }

  void resolve_all() {
    for (std::size_t i = 0; i < site_.pages.size(); ++i) {
      Page& page = site_.pages[i];
      std::set<int> outgoing;
      page.resolved.reserve(page.links.size());
      for (const Link& link : page.links) {
        const std::vector<int>* candidates = nullptr;
        ResolvedLink r = resolve_link(page, link, candidates);
        if (r.kind == LinkKind::page || r.kind == LinkKind::anchor) {
          const Page& target = site_.pages[static_cast<std::size_t>(r.target_page)];
          r.href = target.url;
          if (!r.anchor.empty()) {
            r.href += "#" + r.anchor;
            if (!target.has_anchor(r.anchor)) {
              report(Severity::warning, page.path, link.line, link.column,
                     "link to #" + r.anchor + " in " + target.path + ", which has no heading with that anchor; " +
                         "check the heading's text (anchors are lowercase, with hyphens for spaces).");
            }
          }
          if (r.target_page != static_cast<int>(i)) outgoing.insert(r.target_page);
        } else if (candidates) {
          // A few names say enough; listing every page of a popular title in each
          // warning made the warnings quadratic in the content.
          constexpr std::size_t kNamed = 5;
          std::string names;
          for (std::size_t c = 0; c < candidates->size() && c < kNamed; ++c)
            names += (c ? ", " : "") + site_.pages[static_cast<std::size_t>((*candidates)[c])].path;
          if (candidates->size() > kNamed) names += " and " + std::to_string(candidates->size() - kNamed) + " more";
          const std::string& first = site_.pages[static_cast<std::size_t>(candidates->front())].path;
          report(Severity::warning, page.path, link.line, link.column,
                 "[[" + link.destination + "]] could mean " + names + "; link by path instead, e.g. [[" +
                     first.substr(0, first.rfind('.')) + "]].");
        } else if (r.kind == LinkKind::missing) {
          report(Severity::warning, page.path, link.line, link.column,
                 std::string(link.image ? "image " : "link to ") + (link.wikilink ? "[[" + link.destination + "]]" : link.destination) +
                     ": no such " + (link.image ? "file" : "page") + " in the content folder; fix the path or create the " +
                     (link.image ? "file." : "page."));
        }
        page.resolved.push_back(std::move(r));
      }
      page.outgoing.assign(outgoing.begin(), outgoing.end());
    }
    for (std::size_t i = 0; i < site_.pages.size(); ++i)
      for (int target : site_.pages[i].outgoing) site_.pages[static_cast<std::size_t>(target)].backlinks.push_back(static_cast<int>(i));
  }
};

}  // namespace

bool Page::has_anchor(const std::string& anchor) const {
  if (anchor.rfind("fn-", 0) == 0 || anchor.rfind("fnref-", 0) == 0) return true;  // footnotes
  return anchors.count(anchor) > 0;
}

bool is_markdown_path(std::string_view path) {
  const std::string lower = lower_ascii(path);
  return lower.size() > 3 && (lower.ends_with(".md") || lower.ends_with(".markdown"));
}

std::vector<int> section_chain(const std::vector<Section>& sections, int section) {
  std::vector<int> out;
  const int n = static_cast<int>(sections.size());
  for (int s = section; s > 0 && s < n; s = sections[static_cast<std::size_t>(s)].parent) {
    out.push_back(s);
    if (sections[static_cast<std::size_t>(s)].parent >= s) break;  // a parent comes first: no loop
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string url_for_path(std::string_view path) {
  std::string url = "/";
  std::string_view rest = path;
  if (is_markdown_path(rest)) {
    rest = rest.substr(0, rest.rfind('.'));
    if (basename(rest) == "index") rest = dirname(rest);
  }
  std::size_t start = 0;
  while (start < rest.size()) {
    auto end = rest.find('/', start);
    if (end == std::string_view::npos) end = rest.size();
    url += url_segment(rest.substr(start, end - start)) + "/";
    start = end + 1;
  }
  return url;
}

std::string alias_url(std::string_view alias) {
  if (has_scheme(alias)) return {};  // also "//host/..."
  std::string url = "/";
  std::size_t start = 0;
  while (start <= alias.size()) {
    auto end = alias.find('/', start);
    if (end == std::string_view::npos) end = alias.size();
    const std::string segment = percent_decode(alias.substr(start, end - start));
    start = end + 1;
    if (segment.empty()) continue;
    if (segment == "." || segment == ".." || !unlinkable_name(segment).empty() || segment.find('/') != std::string::npos)
      return {};
    url += encode_path_chars(segment) + "/";
  }
  return url;
}

std::optional<std::string> join_content_path(std::string_view base_dir, std::string_view rel) {
  std::vector<std::string_view> parts;
  auto push = [&](std::string_view p) {
    std::size_t start = 0;
    while (start <= p.size()) {
      auto end = p.find('/', start);
      if (end == std::string_view::npos) end = p.size();
      const std::string_view seg = p.substr(start, end - start);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      start = end + 1;
    }
    return true;
  };
  if (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  else if (!push(base_dir)) return std::nullopt;
  if (!push(rel)) return std::nullopt;
  std::string out;
  for (const std::string_view part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

int Site::find_page(std::string_view path) const {
  auto it = by_path.find(std::string(path));
  return it == by_path.end() ? -1 : it->second;
}

int Site::find_url(std::string_view url) const {
  auto it = by_url.find(std::string(url));
  return it == by_url.end() ? -1 : it->second;
}

std::size_t Site::warning_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

std::size_t Site::error_count() const { return diagnostics.size() - warning_count(); }

Site build_site(std::vector<SourceFile> files, const SiteOptions& options, Site* previous) {
  Site site;
  Builder(site, options, previous).run(files);
  std::sort(site.assets.begin(), site.assets.end());
  if (LOGBOOK_ASSERTS_ON) assert_invariants(site);
  return site;
}

namespace {

// A table cell holding one short word (an id like ADR-0002, a status, a date) gets
// class="word", which page.css keeps on one line: browsers break "ADR-0002" after its
// hyphen in a narrow column. One pass over the HTML; cmark writes the cells.
constexpr std::size_t kLongestWordCell = 24;

std::string keep_word_cells_whole(const std::string& html) {
  std::string out;
  out.reserve(html.size() + 64);
  std::size_t pos = 0;
  while (true) {
    const std::size_t cell = html.find("<t", pos);
    if (cell == std::string::npos || cell + 3 >= html.size()) break;
    const char kind = html[cell + 2];
    const std::size_t open_end = html.find('>', cell);
    if ((kind != 'd' && kind != 'h') || (html[cell + 3] != '>' && html[cell + 3] != ' ') || open_end == std::string::npos) {
      out.append(html, pos, cell + 2 - pos);
      pos = cell + 2;
      continue;
    }
    const std::size_t close = html.find(kind == 'd' ? "</td>" : "</th>", open_end);
    const std::size_t stop = close == std::string::npos ? html.size() : close;
    std::size_t letters = 0;
    bool one_word = true, in_tag = false;
    for (std::size_t i = open_end + 1; i < stop && one_word; ++i) {
      const char c = html[i];
      if (c == '<') in_tag = true;
      else if (c == '>') in_tag = false;
      else if (!in_tag) one_word = !std::isspace(static_cast<unsigned char>(c)) && ++letters <= kLongestWordCell;
    }
    out.append(html, pos, open_end - pos);
    if (one_word && letters > 0) out += " class=\"word\"";
    pos = open_end;
  }
  out.append(html, pos, std::string::npos);
  return out;
}

}  // namespace

std::string render_page_html(const Site& site, const Page& page, std::string_view base_url) {
  (void)site;
  std::string base(base_url);
  while (!base.empty() && base.back() == '/') base.pop_back();
  LOGBOOK_ASSERT(page.resolved.size() == page.links.size(), "Page::resolved is parallel to Page::links");
  const auto href_for = [&](std::size_t index) -> std::string {
    if (index >= page.resolved.size()) return "#";
    const ResolvedLink& r = page.resolved[index];
    const Link& link = page.links[index];
    switch (r.kind) {
      case LinkKind::page:
      case LinkKind::asset:
        return base + r.href;
      case LinkKind::anchor:
        return "#" + r.anchor;
      case LinkKind::external:
        return is_dangerous_url(r.href, link.image) ? "#" : r.href;
      case LinkKind::missing:
        return link.wikilink || is_dangerous_url(link.destination, link.image) ? "#" : link.destination;
    }
    return "#";
  };
  const std::string& html = page.html_with_link_markers;
  std::string out;
  out.reserve(html.size() + 256);
  std::size_t pos = 0;
  while (true) {
    const auto start = html.find(kMarkerStart, pos);
    if (start == std::string::npos) break;
    const auto digits = start + kMarkerStart.size();
    const auto end = html.find(kMarkerEnd, digits);
    if (end == std::string::npos) break;
    out.append(html, pos, start - pos);
    std::size_t index = 0;
    for (std::size_t i = digits; i < end; ++i) index = index * 10 + static_cast<std::size_t>(html[i] - '0');
    out += escape_href(href_for(index));
    // A broken link is drawn as broken (page.css), on the preview and the published site.
    // The marker sits inside the link's double-quoted href (or src): the attribute is
    // closed here and the class's own closing quote is the one cmark wrote.
    if (index < page.resolved.size() && page.resolved[index].kind == LinkKind::missing)
      out += "\" class=\"broken\" title=\"Broken link: no such " + std::string(page.links[index].image ? "file" : "page");
    pos = end + kMarkerEnd.size();
  }
  out.append(html, pos, std::string::npos);
  return out.find("<td") == std::string::npos ? out : keep_word_cells_whole(out);
}

}  // namespace logbook
