#include "published_site.hpp"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

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

void PublishedSite::index_urls() {
  by_url.clear();
  for (std::size_t i = 0; i < pages.size(); ++i) by_url.emplace(pages[i].url, static_cast<int>(i));
}

// ---- publish ----------------------------------------------------------------------

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
    e.tags = p.meta.tags;
    if (in.history)
      if (const auto h = in.history->find(p.path); h != in.history->end()) {
        e.updated = h->second.updated;
        e.authors = h->second.authors;
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
  out.build = build_hash(site, in.app_version);
  out.precache = in.precache;
  out.fallback_fonts = in.fallback_fonts;
  out.index_urls();
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

json page_json(const PublishedPage& p) {
  return {{"path", p.path}, {"url", p.url}, {"title", p.title}, {"section", p.section},
          {"description", p.description}, {"date", or_null(p.date)}, {"owner", or_null(p.owner)},
          {"review_by", or_null(p.review_by)}, {"decision", p.decision}, {"links", p.links},
          {"backlinks", p.backlinks}, {"hash", p.hash}, {"updated", or_null(p.updated)},
          {"authors", p.authors}, {"tags", p.tags}};
}

PublishedPage page_from(const json& j) {
  return {.path = str(j, "path"), .url = str(j, "url"), .title = str(j, "title"), .description = str(j, "description"),
          .section = integer(j, "section", 0), .date = str(j, "date"), .owner = str(j, "owner"),
          .review_by = str(j, "review_by"), .decision = integer(j, "decision", -1), .links = strings(j, "links", true),
          .backlinks = ints(j, "backlinks"), .hash = str(j, "hash"), .updated = str(j, "updated"),
          .authors = strings(j, "authors"), .tags = strings(j, "tags")};
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

json section_json(const Section& s) {
  return {{"path", s.path}, {"url", s.url}, {"title", s.title}, {"parent", s.parent},
          {"index", s.index_page}, {"pages", s.pages}, {"children", s.children}};
}

Section section_from(const json& j) {
  return {.path = str(j, "path"), .url = str(j, "url"), .title = str(j, "title"), .parent = integer(j, "parent", -1),
          .index_page = integer(j, "index", -1), .pages = ints(j, "pages"), .children = ints(j, "children")};
}

// Indexes come from our own writer, but a hand-edited file must not crash a reader.
void drop_bad_indexes(PublishedSite& site) {
  const int np = static_cast<int>(site.pages.size()), ns = static_cast<int>(site.sections.size());
  const int nd = static_cast<int>(site.decisions.size());
  const auto outside = [](int n) { return [n](int i) { return i < 0 || i >= n; }; };
  for (PublishedPage& p : site.pages) {
    if (p.section < 0 || p.section >= ns) p.section = 0;
    std::erase_if(p.backlinks, outside(np));
    if (p.decision < -1 || p.decision >= nd) p.decision = -1;
  }
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
}

}  // namespace

void to_json(json& m, const PublishedSite& site) {
  m = json::object();
  m["format"] = "logbook-manifest";
  m["version"] = kManifestVersion;
  m["title"] = site.title;
  m["base"] = site.base;
  m["app"] = site.app_boot.empty() ? json(nullptr) : json{{"boot", site.app_boot}};
  const PublishedRepository& r = site.repository;
  m["repository"] = r.url.empty() ? json(nullptr) : json{{"url", r.url}, {"branch", r.branch}, {"content_prefix", r.content_prefix}};
  m["propose_decision"] = or_null(site.propose_decision);
  m["statuses"] = site.statuses;
  json& pages = m["pages"] = json::array();
  for (const PublishedPage& p : site.pages) pages.push_back(page_json(p));
  m["build"] = site.build;
  if (!site.search.list.empty())
    m["search"] = {{"list", site.search.list}, {"bytes", site.search.bytes}, {"pieces", site.search.pieces}};
  m["precache"] = site.precache;
  m["fallback_fonts"] = site.fallback_fonts;
  json& decisions = m["decisions"] = json::array();
  for (const PublishedDecision& d : site.decisions) decisions.push_back(decision_json(d));
  json& sections = m["sections"] = json::array();
  for (const Section& s : site.sections) sections.push_back(section_json(s));
}

void from_json(const json& m, PublishedSite& site) {
  site = PublishedSite{};
  if (!m.is_object()) return;
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
  site.statuses = strings(m, "statuses");
  for (const json& p : array(m, "pages")) site.pages.push_back(page_from(p));
  site.build = str(m, "build");
  if (const auto search = m.find("search"); search != m.end() && search->is_object()) {
    site.search.list = str(*search, "list");
    site.search.bytes = search->value("bytes", json()).is_number_unsigned() ? (*search)["bytes"].get<std::uint64_t>() : 0;
    site.search.pieces = integer(*search, "pieces", 0);
  }
  site.precache = strings(m, "precache");
  site.fallback_fonts = strings(m, "fallback_fonts");
  for (const json& d : array(m, "decisions")) site.decisions.push_back(decision_from(d));
  for (const json& s : array(m, "sections")) site.sections.push_back(section_from(s));
  if (site.sections.empty()) {
    Section root;
    root.url = "/";
    root.title = site.title;
    site.sections.push_back(std::move(root));
  }
  drop_bad_indexes(site);
  site.index_urls();
}

std::string write_manifest(const PublishedSite& site) {
  // Invalid UTF-8 cannot reach here (the core repairs every page), but a dump must never throw.
  return json(site).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string read_manifest(std::string_view text, PublishedSite& out) {
  const json m = json::parse(text.begin(), text.end(), nullptr, false);
  if (m.is_discarded() || !m.is_object())
    return "manifest.json is not valid JSON; rebuild the site with `logbook build`.";
  if (str(m, "format") != "logbook-manifest")
    return "manifest.json is not a Logbook manifest; rebuild the site with `logbook build`.";
  // Version 1 lacked fields (decisions, repository, statuses) that read as empty.
  if (const int v = integer(m, "version", 0); v < 1 || v > kManifestVersion)
    return "manifest.json has format version " + std::to_string(v) + ", this app reads versions 1 to " +
           std::to_string(kManifestVersion) + "; rebuild the site with the same Logbook as the app, or reload the page.";
  from_json(m, out);
  return {};
}

}  // namespace logbook
