#include "published_site.hpp"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

#include "reader_queue.hpp"
#include "tags.hpp"

namespace logbook {

using nlohmann::json;

// ---- Look-ups -------------------------------------------------------------------

namespace {

template <class T>
const T* at(const std::vector<T>& v, int i) {
  return i >= 0 && i < static_cast<int>(v.size()) ? &v[static_cast<std::size_t>(i)] : nullptr;
}

// Reading order within a section: pages as the site orders them, except that decision
// records come in the order of their numbers (ADR-0001, ADR-0002, ... ADR-0010), as the
// decision log lists them; records without a number follow, by id.
void order_records(PublishedSite& site) {
  for (Section& s : site.sections) {
    const auto record = [&](int p) { return site.decision_of(p); };
    const auto first_record = std::find_if(s.pages.begin(), s.pages.end(), record);
    if (first_record == s.pages.end()) continue;
    std::stable_partition(s.pages.begin(), s.pages.end(), [&](int p) { return !record(p); });
    const auto records = std::find_if(s.pages.begin(), s.pages.end(), record);
    std::stable_sort(records, s.pages.end(), [&](int a, int b) {
      const PublishedDecision& x = *record(a);
      const PublishedDecision& y = *record(b);
      return std::make_tuple(x.number < 0, x.number, x.id) < std::make_tuple(y.number < 0, y.number, y.id);
    });
  }
}

std::string repository_file(const PublishedSite& site, const PublishedPage& page) {
  const PublishedRepository& r = site.repository;
  return r.branch + "/" + (r.content_prefix.empty() ? "" : r.content_prefix + "/") + page.path;
}

}  // namespace

int PublishedSite::find_url(std::string_view url) const {
  const auto it = by_url.find(std::string(url));
  return it == by_url.end() ? -1 : it->second;
}

std::vector<int> PublishedSite::reading_order(int section) const {
  std::vector<int> out;
  const Section* s = at(sections, section);
  if (!s) return out;
  if (s->index_page >= 0) out.push_back(s->index_page);
  out.insert(out.end(), s->pages.begin(), s->pages.end());
  return out;
}

Neighbours PublishedSite::neighbours(int page) const {
  Neighbours n;
  const PublishedPage* p = at(pages, page);
  if (!p) return n;
  const std::vector<int> order = reading_order(p->section);
  const auto it = std::find(order.begin(), order.end(), page);
  if (it == order.end()) return n;
  if (it != order.begin()) n.prev = *(it - 1);
  if (it + 1 != order.end()) n.next = *(it + 1);
  return n;
}

std::vector<int> PublishedSite::trail(int page) const {
  std::vector<int> out;
  const PublishedPage* p = at(pages, page);
  if (!p) return out;
  for (int s : section_chain(sections, p->section))
    if (sections[static_cast<std::size_t>(s)].index_page != page) out.push_back(s);
  return out;
}

std::string PublishedSite::edit_url(int page) const {
  const PublishedPage* p = at(pages, page);
  return p && !repository.url.empty() ? repository.url + "/edit/" + repository_file(*this, *p) : std::string();
}

std::string PublishedSite::history_url(int page) const {
  const PublishedPage* p = at(pages, page);
  return p && !repository.url.empty() ? repository.url + "/commits/" + repository_file(*this, *p) : std::string();
}

const PublishedDecision* PublishedSite::decision_of(int page) const {
  const PublishedPage* p = at(pages, page);
  return p ? at(decisions, p->decision) : nullptr;
}

std::string PublishedSite::nav_title(int page) const {
  const PublishedPage* p = at(pages, page);
  if (!p) return {};
  const PublishedDecision* d = decision_of(page);
  if (!d || d->id.empty() || p->title.starts_with(d->id)) return p->title;
  return p->title.empty() ? d->id : d->id + ": " + p->title;
}

int PublishedSite::part_of(int page) const {
  if (page < 0) return -1;
  const auto after = std::upper_bound(parts.begin(), parts.end(), page, [](int p, const PublishedPart& part) { return p < part.first; });
  if (after == parts.begin()) return -1;
  const PublishedPart& part = *(after - 1);
  return page < part.first + part.count ? static_cast<int>(after - parts.begin()) - 1 : -1;
}

bool PublishedSite::loaded(int page) const {
  const PublishedPart* part = at(parts, part_of(page));
  return part && part->loaded;
}

std::vector<int> PublishedSite::parts_for_url(std::string_view url) const {
  std::vector<int> out;
  if (const int page = find_url(url); page >= 0) {
    if (const int part = part_of(page); part >= 0 && !parts[static_cast<std::size_t>(part)].loaded) out.push_back(part);
    return out;
  }
  const auto holds = [&](const PublishedPart& p) { return !p.loaded && p.count > 0 && p.from <= url && url <= p.to; };
  // A page's URL usually follows its folder: the section with the longest URL prefix
  // first; then any part whose range holds it (pages whose URL does not follow their path).
  int best = -1;
  for (std::size_t s = 0; s < sections.size(); ++s)
    if (url.starts_with(sections[s].url) && (best < 0 || sections[s].url.size() > sections[static_cast<std::size_t>(best)].url.size()))
      best = static_cast<int>(s);
  for (int p : reading_order(best))
    if (const int part = part_of(p); part >= 0 && holds(parts[static_cast<std::size_t>(part)]) &&
                                     std::find(out.begin(), out.end(), part) == out.end())
      out.push_back(part);
  if (!out.empty()) return out;
  for (std::size_t k = 0; k < parts.size(); ++k)
    if (holds(parts[k])) out.push_back(static_cast<int>(k));
  return out;
}

void PublishedSite::index_urls() {
  by_url.clear();
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (!pages[i].url.empty()) by_url.emplace(pages[i].url, static_cast<int>(i));
}

// ---- publish ----------------------------------------------------------------------

namespace {

std::string part_text(const PublishedSite& site, const PublishedPart& part);  // the serializer, below
std::string owned_text(const PublishedSite& site);  // the serializer, below
std::string tags_text(const PublishedSite& site);  // the tags file, below

// Part order: sections depth-first from the root, each in its reading order, so that a
// section's pages, and so a part's, are one range of indexes.
std::vector<int> part_order(const PublishedSite& site) {
  std::vector<int> order;
  std::vector<char> placed(site.pages.size(), 0), visited(site.sections.size(), 0);
  std::vector<int> stack = {0};
  while (!stack.empty()) {
    const int s = stack.back();
    stack.pop_back();
    if (s < 0 || s >= static_cast<int>(site.sections.size()) || visited[static_cast<std::size_t>(s)]) continue;
    visited[static_cast<std::size_t>(s)] = 1;
    for (int p : site.reading_order(s))
      if (!placed[static_cast<std::size_t>(p)]) placed[static_cast<std::size_t>(p)] = 1, order.push_back(p);
    const std::vector<int>& children = site.sections[static_cast<std::size_t>(s)].children;
    stack.insert(stack.end(), children.rbegin(), children.rend());
  }
  for (std::size_t p = 0; p < placed.size(); ++p)
    if (!placed[p]) order.push_back(static_cast<int>(p));  // in no section (build_site places every page)
  return order;
}

void number_in_part_order(PublishedSite& site) {
  const std::vector<int> order = part_order(site);
  std::vector<int> at(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) at[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
  const auto renumber = [&](std::vector<int>& v) { for (int& p : v) p = at[static_cast<std::size_t>(p)]; };
  std::vector<PublishedPage> pages;
  pages.reserve(order.size());
  for (int p : order) pages.push_back(std::move(site.pages[static_cast<std::size_t>(p)]));
  site.pages = std::move(pages);
  for (PublishedPage& p : site.pages) renumber(p.backlinks);
  for (Section& s : site.sections) {
    if (s.index_page >= 0) s.index_page = at[static_cast<std::size_t>(s.index_page)];
    renumber(s.pages);
  }
  for (PublishedDecision& d : site.decisions)
    if (d.page >= 0) d.page = at[static_cast<std::size_t>(d.page)];
}

// Consecutive small sections share a part; a section that does not fit in what is left
// of one starts a new part, and a big section takes several.
void split_into_parts(PublishedSite& site) {
  const int n = static_cast<int>(site.pages.size());
  std::vector<int> section_size(static_cast<std::size_t>(n), 0);  // at a section's first page
  for (std::size_t s = 0; s < site.sections.size(); ++s)
    if (const std::vector<int> order = site.reading_order(static_cast<int>(s)); !order.empty())
      section_size[static_cast<std::size_t>(order.front())] = static_cast<int>(order.size());
  site.parts.clear();
  for (int i = 0; i < n; ++i) {
    const int size = section_size[static_cast<std::size_t>(i)];
    PublishedPart* last = site.parts.empty() ? nullptr : &site.parts.back();
    if (!last || last->count == kPagesPerPart || (size > 0 && last->count + size > kPagesPerPart))
      last = &site.parts.emplace_back(PublishedPart{.first = i, .loaded = true});
    ++last->count;
    const std::string& url = site.pages[static_cast<std::size_t>(i)].url;
    if (last->count == 1 || url < last->from) last->from = url;
    if (last->count == 1 || url > last->to) last->to = url;
  }
  for (PublishedPart& part : site.parts) part.name = "site/pages." + content_hash(part_text(site, part)) + ".json";
}

// The home page's lists: the pages changed last, and those with the soonest review date.
void list_home_pages(PublishedSite& site) {
  std::vector<int> all(site.pages.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<int>(i);
  const auto page = [&](int i) -> const PublishedPage& { return site.pages[static_cast<std::size_t>(i)]; };
  const auto first_n = [](std::vector<int> v) {
    if (v.size() > static_cast<std::size_t>(kHomeListLength)) v.resize(static_cast<std::size_t>(kHomeListLength));
    return v;
  };
  std::stable_sort(all.begin(), all.end(), [&](int a, int b) { return page(a).updated > page(b).updated; });
  site.recent = first_n(all);
  std::erase_if(all, [&](int i) { return page(i).review_by.empty(); });
  std::stable_sort(all.begin(), all.end(), [&](int a, int b) { return page(a).review_by < page(b).review_by; });
  site.review = first_n(all);
}

// Who the site's people are, and which pages a person's queue may need (reader_queue.hpp).
void list_people_and_owned(PublishedSite& site) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const PublishedPage& p = site.pages[i];
    names.push_back(p.owner);
    names.insert(names.end(), p.authors.begin(), p.authors.end());
    if (!p.owner.empty() && !p.review_by.empty()) site.owned.push_back(static_cast<int>(i));
  }
  for (const PublishedDecision& d : site.decisions)
    for (const auto* list : {&d.deciders, &d.consulted, &d.informed}) names.insert(names.end(), list->begin(), list->end());
  site.people = distinct_people(names);
  site.owned_loaded = true;
  if (!site.owned.empty()) site.owned_list = "site/owned." + content_hash(owned_text(site)) + ".json";
}

}  // namespace

std::vector<int> published_indexes(const Site& site, const PublishedSite& published) {
  std::unordered_map<std::string_view, int> by_path;
  for (std::size_t i = 0; i < published.pages.size(); ++i) by_path.emplace(published.pages[i].path, static_cast<int>(i));
  std::vector<int> out;
  out.reserve(site.pages.size());
  for (const Page& p : site.pages) {
    const auto it = by_path.find(p.path);
    out.push_back(it == by_path.end() ? -1 : it->second);
  }
  return out;
}

std::string build_hash(const Site& site, std::string_view app_version) {
  std::string all(app_version);
  for (const Page& p : site.pages) all += p.path + '\n' + p.source_hash + '\n';
  return content_hash(all);
}

PublishedSite publish(const Site& site, const PublishInputs& inputs) {
  const SiteConfig config;
  return publish(site, extract_decisions(site, config), config, inputs);
}

PublishedSite publish(const Site& site, const DecisionLog& log, const SiteConfig& config, const PublishInputs& in) {
  PublishedSite out;
  out.title = in.title;
  out.base = in.base;
  out.app_boot = in.app_boot;
  out.repository.url = config.repository;
  while (!out.repository.url.empty() && out.repository.url.back() == '/') out.repository.url.pop_back();
  out.repository.branch = config.branch;
  out.repository.content_prefix = in.content_prefix;
  out.propose_decision = in.propose_decision;
  out.preview = in.preview;
  out.statuses = config.statuses;
  out.pages.reserve(site.pages.size());
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    PublishedPage e{.path = p.path, .url = p.url, .title = p.title, .description = p.description, .section = p.section};
    e.date = p.meta.date.value_or("");
    e.owner = p.meta.owner.value_or("");
    e.review_by = p.meta.review_by.value_or("");
    e.decision = log.for_page(static_cast<int>(i));
    e.links.reserve(p.resolved.size());
    for (const ResolvedLink& r : p.resolved) e.links.push_back(r.href);
    e.backlinks = p.backlinks;
    e.hash = p.source_hash;
    // A record in an older dialect has its tags in its body: the record's are the page's.
    e.tags = e.decision >= 0 ? log.decisions[static_cast<std::size_t>(e.decision)].tags : p.meta.tags;
    if (in.history)
      if (const auto h = in.history->find(p.path); h != in.history->end()) {
        e.updated = h->second.updated;
        e.authors = h->second.authors;
        e.last_author = h->second.last_author;
        e.summary = h->second.summary;
      }
    out.pages.push_back(std::move(e));
  }
  out.sections = site.sections;
  for (const Decision& d : log.decisions) {
    out.decisions.push_back({.page = d.page, .id = d.id, .title = d.title, .status = d.status, .date = d.date,
                             .review_by = d.review_by, .number = d.number, .deciders = d.deciders,
                             .consulted = d.consulted, .informed = d.informed, .tags = d.tags,
                             .dialect = std::string(dialect_name(d.dialect)), .supersedes = d.predecessors,
                             .superseded_by = d.successors});
  }
  order_records(out);
  number_in_part_order(out);
  out.index_urls();
  for (PublishedPage& p : out.pages)
    for (const std::string& href : p.links)
      p.targets.push_back(href.starts_with('/') ? out.find_url(href.substr(0, href.find_first_of("?#"))) : -1);
  split_into_parts(out);
  list_home_pages(out);
  list_people_and_owned(out);
  out.tags = collect_tags(out);
  if (!out.tags.empty()) out.tags_file = "site/tags." + content_hash(tags_text(out)) + ".json";
  out.build = build_hash(site, in.app_version);
  out.precache = in.precache;
  out.fallback_fonts = in.fallback_fonts;
  return out;
}

// ---- The serializers -----------------------------------------------------------------

namespace {

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// Lenient readers: a missing field or one of the wrong type reads as the default.
std::string str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int integer(const json& j, const char* key, int fallback) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

std::vector<int> ints(const json& j, const char* key) {
  std::vector<int> out;
  const auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const json& v : *it)
      if (v.is_number_integer()) out.push_back(v.get<int>());
  return out;
}

// keep_all: one entry per element, "" for one that is not a string (links are matched by
// ordinal, so none may be dropped).
std::vector<std::string> strings(const json& j, const char* key, bool keep_all = false) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const json& v : *it) {
      if (v.is_string()) out.push_back(v.get<std::string>());
      else if (keep_all) out.emplace_back();
    }
  return out;
}

const json& array(const json& j, const char* key) {
  static const json empty = json::array();
  const auto it = j.find(key);
  return it != j.end() && it->is_array() ? *it : empty;
}

// A page in its part: what the app reads. Empty fields are left out (page_from reads an
// absent field as empty), and so is the description, which only the build's own pages
// and feeds show: a tenth of a part's bytes that no reader drew (issue 9).
json page_json(const PublishedPage& p) {
  json j = {{"path", p.path}, {"url", p.url}, {"title", p.title}, {"section", p.section}, {"hash", p.hash}};
  const auto text = [&j](const char* key, const std::string& v) { if (!v.empty()) j[key] = v; };
  const auto list = [&j](const char* key, const auto& v) { if (!v.empty()) j[key] = v; };
  text("date", p.date);
  text("owner", p.owner);
  text("review_by", p.review_by);
  if (p.decision >= 0) j["decision"] = p.decision;
  list("links", p.links);
  list("targets", p.targets);
  list("backlinks", p.backlinks);
  text("updated", p.updated);
  list("authors", p.authors);
  list("tags", p.tags);
  text("last_author", p.last_author);
  text("summary", p.summary);
  return j;
}

PublishedPage page_from(const json& j) {
  return {.path = str(j, "path"), .url = str(j, "url"), .title = str(j, "title"), .description = str(j, "description"),
          .section = integer(j, "section", 0), .date = str(j, "date"), .owner = str(j, "owner"),
          .review_by = str(j, "review_by"), .decision = integer(j, "decision", -1), .links = strings(j, "links", true),
          .targets = ints(j, "targets"), .backlinks = ints(j, "backlinks"), .hash = str(j, "hash"), .updated = str(j, "updated"),
          .authors = strings(j, "authors"), .tags = strings(j, "tags"), .last_author = str(j, "last_author"),
          .summary = str(j, "summary")};
}

json decision_json(const PublishedDecision& d) {
  return {{"page", d.page}, {"id", d.id}, {"number", d.number}, {"title", d.title}, {"status", d.status},
          {"date", d.date}, {"review_by", d.review_by}, {"deciders", d.deciders}, {"consulted", d.consulted},
          {"informed", d.informed}, {"tags", d.tags}, {"dialect", d.dialect},
          {"supersedes", d.supersedes}, {"superseded_by", d.superseded_by}};
}

PublishedDecision decision_from(const json& j) {
  return {.page = integer(j, "page", -1), .id = str(j, "id"), .title = str(j, "title"), .status = str(j, "status"),
          .date = str(j, "date"), .review_by = str(j, "review_by"), .number = integer(j, "number", -1),
          .deciders = strings(j, "deciders"), .consulted = strings(j, "consulted"), .informed = strings(j, "informed"),
          .tags = strings(j, "tags"), .dialect = str(j, "dialect"), .supersedes = ints(j, "supersedes"),
          .superseded_by = ints(j, "superseded_by")};
}

json section_json(const PublishedSite& site, int section) {
  const Section& s = site.sections[static_cast<std::size_t>(section)];
  const std::vector<int> order = site.reading_order(section);
  return {{"path", s.path}, {"url", s.url}, {"title", s.title}, {"parent", s.parent}, {"index", s.index_page},
          {"first", order.empty() ? 0 : order.front()}, {"count", order.size()}, {"children", s.children}};
}

// Versions 1 and 2 listed a section's pages.
Section section_from(const json& j) {
  return {.path = str(j, "path"), .url = str(j, "url"), .title = str(j, "title"), .parent = integer(j, "parent", -1),
          .index_page = integer(j, "index", -1), .pages = ints(j, "pages"), .children = ints(j, "children")};
}

// Version 3: the section's pages are a range, its index page first. Ranges must lie in
// the site and not overlap (`claimed`), so a small head cannot list pages many times.
Section section_from(const json& j, std::vector<char>& claimed) {
  Section s = section_from(j);
  const int n = static_cast<int>(claimed.size()), first = integer(j, "first", 0), count = integer(j, "count", 0);
  const bool fits = first >= 0 && count > 0 && count <= n - first &&
                    std::none_of(claimed.begin() + first, claimed.begin() + first + count, [](char c) { return c; });
  s.pages.clear();
  if (!fits) {
    s.index_page = -1;
    return s;
  }
  std::fill(claimed.begin() + first, claimed.begin() + first + count, 1);
  s.index_page = s.index_page == first ? first : -1;
  for (int p = first + (s.index_page >= 0 ? 1 : 0); p < first + count; ++p) s.pages.push_back(p);
  return s;
}

// What a list shows of a page held elsewhere; `full` adds what the home page's lists
// need, and empty fields are left out.
json summary_json(const PublishedSite& site, int index, bool full) {
  const PublishedPage& p = site.pages[static_cast<std::size_t>(index)];
  json j = {{"page", index}, {"url", p.url}, {"title", p.title}};
  if (p.decision >= 0) j["decision"] = p.decision;  // defaults are left out: -1
  if (full) j["section"] = p.section;
  const std::pair<const char*, const std::string*> optional[] = {
      {"path", &p.path}, {"hash", &p.hash}, {"updated", &p.updated}, {"review_by", &p.review_by}, {"owner", &p.owner}};
  for (const auto& [key, value] : optional)
    if (full && !value->empty()) j[key] = *value;
  return j;
}

// Fills in a page not loaded yet from its summary.
void summary_from(const json& j, PublishedSite& site) {
  const int i = integer(j, "page", -1);
  if (i < 0 || i >= static_cast<int>(site.pages.size()) || site.loaded(i)) return;
  PublishedPage& p = site.pages[static_cast<std::size_t>(i)];
  p = {.path = str(j, "path"), .url = str(j, "url"), .title = str(j, "title"), .section = integer(j, "section", 0),
       .owner = str(j, "owner"), .review_by = str(j, "review_by"), .decision = integer(j, "decision", -1),
       .hash = str(j, "hash"), .updated = str(j, "updated")};
  p.date = str(j, "date");  // the tags file's summaries have it
}

void check_page(PublishedPage& p, int np, int ns, int nd) {
  if (p.section < 0 || p.section >= ns) p.section = 0;
  std::erase_if(p.backlinks, [np](int i) { return i < 0 || i >= np; });
  p.targets.resize(p.links.size(), -1);  // by ordinal, like the links
  for (int& t : p.targets)
    if (t < -1 || t >= np) t = -1;
  if (p.decision < -1 || p.decision >= nd) p.decision = -1;
}

// Indexes come from our own writer, but a hand-edited file must not crash a reader.
void drop_bad_indexes(PublishedSite& site) {
  const int np = static_cast<int>(site.pages.size()), ns = static_cast<int>(site.sections.size());
  const int nd = static_cast<int>(site.decisions.size());
  const auto outside = [](int n) { return [n](int i) { return i < 0 || i >= n; }; };
  for (PublishedPage& p : site.pages) check_page(p, np, ns, nd);
  for (PublishedDecision& d : site.decisions) {
    if (d.page < -1 || d.page >= np) d.page = -1;
    std::erase_if(d.supersedes, outside(nd));
    std::erase_if(d.superseded_by, outside(nd));
  }
  for (std::size_t i = 0; i < site.sections.size(); ++i) {
    Section& s = site.sections[i];
    if (s.index_page < -1 || s.index_page >= np) s.index_page = -1;
    // A parent must come before its child (the writer's order), so walking up ends.
    if (i == 0 || s.parent < 0 || s.parent >= static_cast<int>(i)) s.parent = i == 0 ? -1 : 0;
    std::erase_if(s.pages, outside(np));
    std::erase_if(s.children, [ns](int c) { return c <= 0 || c >= ns; });
  }
  std::erase_if(site.recent, outside(np));
  std::erase_if(site.review, outside(np));
}

// The pages a part's pages name that live in other parts (see "refs" in the header).
std::vector<int> refs_of(const PublishedSite& site, const PublishedPart& part) {
  std::vector<int> out;
  const auto outside = [&](int p) { return p >= 0 && (p < part.first || p >= part.first + part.count); };
  for (int i = part.first; i < part.first + part.count; ++i) {
    const PublishedPage& p = site.pages[static_cast<std::size_t>(i)];
    out.insert(out.end(), p.backlinks.begin(), p.backlinks.end());
  }
  out.push_back(site.neighbours(part.first).prev);
  out.push_back(site.neighbours(part.first + part.count - 1).next);
  std::erase_if(out, [&](int p) { return !outside(p); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string part_text(const PublishedSite& site, const PublishedPart& part) {
  json pages = json::array(), refs = json::array();
  for (int i = part.first; i < part.first + part.count; ++i) pages.push_back(page_json(site.pages[static_cast<std::size_t>(i)]));
  for (int r : refs_of(site, part)) refs.push_back(summary_json(site, r, false));
  const json j = {{"format", "logbook-pages"}, {"version", kManifestVersion}, {"first", part.first}, {"pages", pages}, {"refs", refs}};
  // Invalid UTF-8 cannot reach here (the core repairs every page), but a dump must never throw.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string owned_text(const PublishedSite& site) {
  json pages = json::array();
  for (int i : site.owned) {  // what a queue's row needs, no more: at 10k pages this file is the size that matters
    const PublishedPage& p = site.pages[static_cast<std::size_t>(i)];
    json& e = pages.emplace_back(json{{"page", i}, {"url", p.url}, {"title", p.title}, {"owner", p.owner}, {"review_by", p.review_by}});
    if (p.decision >= 0) e["decision"] = p.decision;
  }
  const json j = {{"format", "logbook-owned"}, {"version", kManifestVersion}, {"pages", pages}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

// The tags file (see the format in the header): the tags and what their lists show.
std::string tags_text(const PublishedSite& site) {
  json tags = json::array(), summaries = json::array();
  std::vector<int> tagged;
  for (const PublishedTag& t : site.tags) {
    tags.push_back({{"slug", t.slug}, {"name", t.name}, {"pages", t.pages}});
    tagged.insert(tagged.end(), t.pages.begin(), t.pages.end());
  }
  std::sort(tagged.begin(), tagged.end());
  tagged.erase(std::unique(tagged.begin(), tagged.end()), tagged.end());
  // What a tag's list shows, no more: it is read whole (1.2 MB, 290 KB gzip, at 10k pages).
  for (int p : tagged) {
    json& s = summaries.emplace_back(summary_json(site, p, false));
    const PublishedPage& page = site.pages[static_cast<std::size_t>(p)];
    s["section"] = page.section;
    if (!page.updated.empty()) s["updated"] = page.updated;
    if (!page.date.empty()) s["date"] = page.date;
  }
  const json j = {{"format", "logbook-tags"}, {"version", kManifestVersion}, {"tags", tags}, {"summaries", summaries}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json head_json(const PublishedSite& site) {
  json m = json::object();
  m["format"] = "logbook-manifest";
  m["version"] = kManifestVersion;
  m["title"] = site.title;
  m["base"] = site.base;
  m["app"] = site.app_boot.empty() ? json(nullptr) : json{{"boot", site.app_boot}};
  const PublishedRepository& r = site.repository;
  m["repository"] = r.url.empty() ? json(nullptr) : json{{"url", r.url}, {"branch", r.branch}, {"content_prefix", r.content_prefix}};
  m["propose_decision"] = or_null(site.propose_decision);
  if (site.preview) m["preview"] = true;
  m["statuses"] = site.statuses;
  m["build"] = site.build;
  if (!site.search.list.empty())
    m["search"] = {{"list", site.search.list}, {"bytes", site.search.bytes}, {"pieces", site.search.pieces}};
  if (!site.graph.empty()) m["graph"] = site.graph;
  m["precache"] = site.precache;
  m["fallback_fonts"] = site.fallback_fonts;
  json& parts = m["parts"] = json::array();
  for (const PublishedPart& p : site.parts)
    parts.push_back({{"name", p.name}, {"first", p.first}, {"count", p.count}, {"from", p.from}, {"to", p.to}});
  json& sections = m["sections"] = json::array();
  for (std::size_t s = 0; s < site.sections.size(); ++s) sections.push_back(section_json(site, static_cast<int>(s)));
  std::vector<int> summarized = site.recent;  // every page the head's lists name
  summarized.insert(summarized.end(), site.review.begin(), site.review.end());
  json& decisions = m["decisions"] = json::array();
  for (const PublishedDecision& d : site.decisions) {
    json& entry = decisions.emplace_back(decision_json(d));
    if (d.page >= 0 && d.page < static_cast<int>(site.pages.size())) entry["url"] = site.pages[static_cast<std::size_t>(d.page)].url;
    summarized.push_back(d.page);
  }
  for (const Section& s : site.sections) summarized.push_back(s.index_page);
  for (std::size_t p = 0; p < site.pages.size(); ++p)  // what a head read alone knows, kept
    if (!(site.pages[p] == PublishedPage{}) && !site.loaded(static_cast<int>(p))) summarized.push_back(static_cast<int>(p));
  std::erase_if(summarized, [&](int p) { return p < 0 || p >= static_cast<int>(site.pages.size()); });
  std::sort(summarized.begin(), summarized.end());
  summarized.erase(std::unique(summarized.begin(), summarized.end()), summarized.end());
  m["recent"] = site.recent;
  m["review"] = site.review;
  if (!site.people.empty()) m["people"] = site.people;
  if (!site.owned_list.empty()) m["owned"] = site.owned_list;
  json& summaries = m["summaries"] = json::array();
  for (int p : summarized) summaries.push_back(summary_json(site, p, true));
  if (!site.tags_file.empty()) m["tags"] = site.tags_file;
  return m;
}

// Parts must follow each other from page 0, each of 1 to kMostPagesPerPart pages: the
// head's page count is then bounded by its own size. Reading stops at the first that does not.
void parts_from(const json& m, PublishedSite& site) {
  int next = 0;
  for (const json& j : array(m, "parts")) {
    PublishedPart p{.name = str(j, "name"), .first = integer(j, "first", -1), .count = integer(j, "count", 0),
                    .from = str(j, "from"), .to = str(j, "to")};
    if (p.first != next || p.count < 1 || p.count > kMostPagesPerPart) break;
    next += p.count;
    site.parts.push_back(std::move(p));
  }
  site.pages.resize(static_cast<std::size_t>(next));
}

void site_fields_from(const json& m, PublishedSite& site) {
  site.title = str(m, "title");
  site.base = str(m, "base");
  if (const auto app = m.find("app"); app != m.end() && app->is_object()) site.app_boot = str(*app, "boot");
  if (const auto repo = m.find("repository"); repo != m.end() && repo->is_object()) {
    site.repository.url = str(*repo, "url");
    while (!site.repository.url.empty() && site.repository.url.back() == '/') site.repository.url.pop_back();
    if (std::string b = str(*repo, "branch"); !b.empty()) site.repository.branch = b;
    if (repo->contains("content_prefix")) site.repository.content_prefix = str(*repo, "content_prefix");
  }
  site.propose_decision = str(m, "propose_decision");
  site.preview = m.value("preview", json()).is_boolean() && m["preview"].get<bool>();
  site.statuses = strings(m, "statuses");
  site.build = str(m, "build");
  if (const auto search = m.find("search"); search != m.end() && search->is_object()) {
    site.search.list = str(*search, "list");
    site.search.bytes = search->value("bytes", json()).is_number_unsigned() ? (*search)["bytes"].get<std::uint64_t>() : 0;
    site.search.pieces = integer(*search, "pieces", 0);
  }
  site.precache = strings(m, "precache");
  site.graph = str(m, "graph");
  site.fallback_fonts = strings(m, "fallback_fonts");
  site.people = strings(m, "people");
  site.tags_file = str(m, "tags");
  for (const json& d : array(m, "decisions")) site.decisions.push_back(decision_from(d));
}

void add_root_section(PublishedSite& site) {
  if (!site.sections.empty()) return;
  Section root;
  root.url = "/";
  root.title = site.title;
  site.sections.push_back(std::move(root));
}

void head_from(const json& m, PublishedSite& site) {
  site_fields_from(m, site);
  parts_from(m, site);
  std::vector<char> claimed(site.pages.size(), 0);
  for (const json& s : array(m, "sections")) site.sections.push_back(section_from(s, claimed));
  add_root_section(site);
  site.recent = ints(m, "recent");
  site.review = ints(m, "review");
  site.owned_list = str(m, "owned");
  site.owned_loaded = site.owned_list.empty();  // no file: no page has an owner and a review date
  drop_bad_indexes(site);
  for (const json& s : array(m, "summaries")) summary_from(s, site);
  const json& decisions = array(m, "decisions");
  for (std::size_t i = 0; i < site.decisions.size() && i < decisions.size(); ++i)
    if (const int p = site.decisions[i].page; p >= 0 && site.pages[static_cast<std::size_t>(p)].url.empty())
      site.pages[static_cast<std::size_t>(p)].url = str(decisions[i], "url");
  drop_bad_indexes(site);  // the summaries' own indexes
  site.index_urls();
}

// Versions 1 and 2: every page in the file, so everything is loaded.
void legacy_from(const json& m, PublishedSite& site) {
  site_fields_from(m, site);
  for (const json& p : array(m, "pages")) site.pages.push_back(page_from(p));
  for (const json& s : array(m, "sections")) site.sections.push_back(section_from(s));
  add_root_section(site);
  if (!site.pages.empty())
    site.parts.push_back({.first = 0, .count = static_cast<int>(site.pages.size()), .loaded = true});
  drop_bad_indexes(site);
  list_home_pages(site);
  for (std::size_t i = 0; i < site.pages.size(); ++i)  // every page is here: no file to read
    if (!site.pages[i].owner.empty() && !site.pages[i].review_by.empty()) site.owned.push_back(static_cast<int>(i));
  site.owned_loaded = true;
  site.index_urls();
}

}  // namespace

std::string write_manifest_head(const PublishedSite& site) {
  return head_json(site).dump(-1, ' ', false, json::error_handler_t::replace);
}

ManifestFiles write_manifest(const PublishedSite& site) {
  ManifestFiles out;
  out.tags_name = site.tags_file;
  if (!site.tags.empty()) out.tags = tags_text(site);
  out.head = write_manifest_head(site);
  for (const PublishedPart& part : site.parts)
    if (part.loaded) out.parts.emplace_back(part.name, part_text(site, part));
  if (site.owned_loaded && !site.owned_list.empty()) out.owned = {site.owned_list, owned_text(site)};
  return out;
}

std::string read_manifest(std::string_view text, PublishedSite& out) {
  const json m = json::parse(text.begin(), text.end(), nullptr, false);
  if (m.is_discarded() || !m.is_object())
    return "manifest.json is not valid JSON; rebuild the site with `logbook build`.";
  if (str(m, "format") != "logbook-manifest")
    return "manifest.json is not a Logbook manifest; rebuild the site with `logbook build`.";
  // Versions 1 to 3 held every page; 1 lacked fields (decisions, repository, statuses)
  // and 2 the search, which read as empty.
  const int v = integer(m, "version", 0);
  if (v < 1 || v > kManifestVersion)
    return "manifest.json has format version " + std::to_string(v) + ", this app reads versions 1 to " +
           std::to_string(kManifestVersion) + "; rebuild the site with the same Logbook as the app, or reload the page.";
  out = PublishedSite{};
  if (v == kManifestVersion) head_from(m, out);
  else legacy_from(m, out);
  return {};
}

std::string read_tags_file(std::string_view text, PublishedSite& site) {
  const std::string name = site.tags_file.empty() ? std::string("the tags file") : site.tags_file;
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || str(j, "format") != "logbook-tags")
    return name + " is not a Logbook tags file; rebuild the site with `logbook build`.";
  if (const int v = integer(j, "version", 0); v != kManifestVersion)
    return name + " has format version " + std::to_string(v) + ", this app reads version " + std::to_string(kManifestVersion) +
           "; reload the page.";
  const int np = static_cast<int>(site.pages.size()), ns = static_cast<int>(site.sections.size());
  const int nd = static_cast<int>(site.decisions.size());
  std::vector<PublishedTag> tags;
  for (const json& t : array(j, "tags")) {
    PublishedTag tag{.slug = str(t, "slug"), .name = str(t, "name"), .pages = ints(t, "pages")};
    std::erase_if(tag.pages, [np](int p) { return p < 0 || p >= np; });
    if (!tag.slug.empty() && (tags.empty() || tags.back().slug < tag.slug)) tags.push_back(std::move(tag));  // find_tag's order
  }
  for (const json& s : array(j, "summaries")) {
    summary_from(s, site);
    if (const int p = integer(s, "page", -1); p >= 0 && p < np && !site.loaded(p)) check_page(site.pages[static_cast<std::size_t>(p)], np, ns, nd);
  }
  site.tags = std::move(tags);
  site.index_urls();
  return {};
}

std::string read_manifest_part(std::string_view text, int index, PublishedSite& site) {
  if (index < 0 || index >= static_cast<int>(site.parts.size())) return "manifest.json names no such part; reload the page.";
  PublishedPart& part = site.parts[static_cast<std::size_t>(index)];
  const std::string name = part.name.empty() ? std::string("a part of manifest.json") : part.name;
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || str(j, "format") != "logbook-pages")
    return name + " is not a Logbook manifest part; rebuild the site with `logbook build`.";
  if (const int v = integer(j, "version", 0); v != kManifestVersion)
    return name + " has format version " + std::to_string(v) + ", this app reads version " + std::to_string(kManifestVersion) +
           "; reload the page.";
  const json& pages = array(j, "pages");
  if (integer(j, "first", -1) != part.first || pages.size() != static_cast<std::size_t>(part.count))
    return name + " does not hold the pages manifest.json says it holds; reload the page, or rebuild the site.";
  const int np = static_cast<int>(site.pages.size()), ns = static_cast<int>(site.sections.size());
  const int nd = static_cast<int>(site.decisions.size());
  for (int k = 0; k < part.count; ++k) {
    PublishedPage& p = site.pages[static_cast<std::size_t>(part.first + k)];
    p = page_from(pages[static_cast<std::size_t>(k)]);
    check_page(p, np, ns, nd);
  }
  part.loaded = true;
  // A link's target is found by its URL, whether or not its part was read.
  for (int k = part.first; k < part.first + part.count; ++k) {
    const PublishedPage& p = site.pages[static_cast<std::size_t>(k)];
    for (std::size_t l = 0; l < p.targets.size(); ++l)
      if (const int t = p.targets[l]; t >= 0 && !site.loaded(t) && site.pages[static_cast<std::size_t>(t)].url.empty())
        site.pages[static_cast<std::size_t>(t)].url = p.links[l].substr(0, p.links[l].find_first_of("?#"));
  }
  for (const json& r : array(j, "refs")) {
    summary_from(r, site);
    if (const int p = integer(r, "page", -1); p >= 0 && p < np && !site.loaded(p)) check_page(site.pages[static_cast<std::size_t>(p)], np, ns, nd);
  }
  site.index_urls();
  return {};
}

std::string read_owned_pages(std::string_view text, PublishedSite& site) {
  const std::string name = site.owned_list.empty() ? std::string("the owned pages' file") : site.owned_list;
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || str(j, "format") != "logbook-owned")
    return name + " is not Logbook's list of owned pages; rebuild the site with `logbook build`.";
  if (const int v = integer(j, "version", 0); v != kManifestVersion)
    return name + " has format version " + std::to_string(v) + ", this app reads version " + std::to_string(kManifestVersion) +
           "; reload the page.";
  const int np = static_cast<int>(site.pages.size()), ns = static_cast<int>(site.sections.size());
  const int nd = static_cast<int>(site.decisions.size());
  site.owned.clear();
  for (const json& r : array(j, "pages")) {
    const int p = integer(r, "page", -1);
    if (p < 0 || p >= np) continue;
    if (!site.loaded(p)) {  // added to what the head's summary may know of it (its hash, say)
      PublishedPage& page = site.pages[static_cast<std::size_t>(p)];
      page.url = str(r, "url"), page.title = str(r, "title"), page.owner = str(r, "owner"), page.review_by = str(r, "review_by");
      page.decision = integer(r, "decision", -1);
      check_page(page, np, ns, nd);
    }
    site.owned.push_back(p);
  }
  site.owned_loaded = true;
  site.index_urls();
  return {};
}

}  // namespace logbook
