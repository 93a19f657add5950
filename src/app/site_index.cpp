#include "site_index.hpp"

#include <nlohmann/json.hpp>

#include "core/site.hpp"

namespace logbook::app {

namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int integer(const nlohmann::json& j, const char* key, int fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}

std::vector<int> ints(const nlohmann::json& j, const char* key) {
  std::vector<int> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_number_integer()) out.push_back(v.get<int>());
  return out;
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

int SiteIndex::find_url(std::string_view url) const {
  auto it = by_url.find(std::string(url));
  return it == by_url.end() ? -1 : it->second;
}

std::vector<int> SiteIndex::reading_order(int section) const {
  std::vector<int> out;
  if (section < 0 || section >= static_cast<int>(sections.size())) return out;
  const SectionEntry& s = sections[static_cast<std::size_t>(section)];
  if (s.index_page >= 0) out.push_back(s.index_page);
  out.insert(out.end(), s.pages.begin(), s.pages.end());
  return out;
}

std::string parse_manifest(std::string_view text, SiteIndex& out) {
  const nlohmann::json m = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (m.is_discarded() || !m.is_object())
    return "manifest.json is not valid JSON; rebuild the site with `logbook build`.";
  if (str(m, "format") != "logbook-manifest")
    return "manifest.json is not a Logbook manifest; rebuild the site with `logbook build`.";
  // Version 2 only added fields (decisions, repository, statuses) that this reader can skip.
  if (const int v = integer(m, "version", 0); v != 1 && v != 2)
    return "manifest.json has format version " + std::to_string(v) +
           ", this app reads versions 1 and 2; rebuild the site with the same Logbook as the app.";
  out = SiteIndex{};
  out.title = str(m, "title");
  out.base = str(m, "base");
  if (auto pages = m.find("pages"); pages != m.end() && pages->is_array()) {
    for (const auto& p : *pages) {
      PageEntry e;
      e.path = str(p, "path");
      e.url = str(p, "url");
      e.title = str(p, "title");
      e.description = str(p, "description");
      e.date = str(p, "date");
      e.section = integer(p, "section", 0);
      if (auto links = p.find("links"); links != p.end() && links->is_array())
        for (const auto& l : *links) e.links.push_back(l.is_string() ? l.get<std::string>() : std::string());
      e.backlinks = ints(p, "backlinks");
      e.owner = str(p, "owner");
      e.review_by = str(p, "review_by");
      e.hash = str(p, "hash");
      e.updated = str(p, "updated");
      e.authors = strings(p, "authors");
      e.tags = strings(p, "tags");
      e.decision = integer(p, "decision", -1);
      out.by_url.emplace(e.url, static_cast<int>(out.pages.size()));
      out.pages.push_back(std::move(e));
    }
  }
  if (auto decisions = m.find("decisions"); decisions != m.end() && decisions->is_array()) {
    for (const auto& d : *decisions) {
      DecisionEntry e;
      e.page = integer(d, "page", -1);
      e.id = str(d, "id");
      e.number = integer(d, "number", 0);
      e.title = str(d, "title");
      e.status = str(d, "status");
      e.date = str(d, "date");
      e.review_by = str(d, "review_by");
      e.deciders = strings(d, "deciders");
      e.consulted = strings(d, "consulted");
      e.informed = strings(d, "informed");
      e.tags = strings(d, "tags");
      e.supersedes = ints(d, "supersedes");
      e.superseded_by = ints(d, "superseded_by");
      out.decisions.push_back(std::move(e));
    }
  }
  out.statuses = strings(m, "statuses");
  if (auto repo = m.find("repository"); repo != m.end() && repo->is_object()) {
    out.repository.url = str(*repo, "url");
    while (!out.repository.url.empty() && out.repository.url.back() == '/') out.repository.url.pop_back();
    if (std::string b = str(*repo, "branch"); !b.empty()) out.repository.branch = b;
    if (repo->contains("content_prefix")) out.repository.content_prefix = str(*repo, "content_prefix");
  }
  out.propose_decision = str(m, "propose_decision");
  if (auto sections = m.find("sections"); sections != m.end() && sections->is_array()) {
    for (const auto& s : *sections) {
      SectionEntry e;
      e.path = str(s, "path");
      e.url = str(s, "url");
      e.title = str(s, "title");
      e.parent = integer(s, "parent", -1);
      e.index_page = integer(s, "index", -1);
      e.pages = ints(s, "pages");
      e.children = ints(s, "children");
      out.sections.push_back(std::move(e));
    }
  }
  if (out.sections.empty()) out.sections.push_back(SectionEntry{"", "/", out.title, -1, -1, {}, {}});
  // Indexes come from our own writer, but a hand-edited file must not crash the reader.
  const int np = static_cast<int>(out.pages.size()), ns = static_cast<int>(out.sections.size());
  for (auto& p : out.pages) {
    if (p.section < 0 || p.section >= ns) p.section = 0;
    std::erase_if(p.backlinks, [np](int b) { return b < 0 || b >= np; });
    if (p.decision >= static_cast<int>(out.decisions.size())) p.decision = -1;
  }
  const int nd = static_cast<int>(out.decisions.size());
  for (auto& d : out.decisions) {
    if (d.page >= np) d.page = -1;
    std::erase_if(d.supersedes, [nd](int b) { return b < 0 || b >= nd; });
    std::erase_if(d.superseded_by, [nd](int b) { return b < 0 || b >= nd; });
  }
  for (auto& s : out.sections) {
    if (s.index_page >= np) s.index_page = -1;
    if (s.parent >= ns) s.parent = -1;
    std::erase_if(s.pages, [np](int b) { return b < 0 || b >= np; });
    std::erase_if(s.children, [ns](int b) { return b <= 0 || b >= ns; });
  }
  return {};
}

Route parse_route(std::string_view path) {
  Route r;
  if (const auto hash = path.find('#'); hash != std::string_view::npos) {
    r.anchor = percent_decode(path.substr(hash + 1));
    path = path.substr(0, hash);
  }
  if (const auto q = path.find('?'); q != std::string_view::npos) {
    std::string_view query = path.substr(q + 1);
    path = path.substr(0, q);
    for (std::size_t start = 0; start <= query.size();) {
      std::size_t end = query.find('&', start);
      if (end == std::string_view::npos) end = query.size();
      const std::string_view pair = query.substr(start, end - start);
      if (pair.rfind("q=", 0) == 0) r.query = percent_decode(pair.substr(2), Plus::space);
      start = end + 1;
    }
  }
  // The manifest holds URLs as the build writes them: '%', '#' and '?' percent-encoded,
  // all else as it is. A route comes encoded by the browser ("/caf%C3%A9/") or not, so its
  // path is decoded and encoded again the build's way before it is looked up or shown.
  std::string decoded = percent_decode(path);
  if (!decoded.empty() && decoded.front() == '/') decoded.erase(0, 1);
  r.url = url_for_asset(decoded);
  if (r.url.size() >= 10 && r.url.compare(r.url.size() - 10, 10, "index.html") == 0) r.url.erase(r.url.size() - 10);
  if (r.url.back() != '/' && r.url.find('.', r.url.rfind('/')) == std::string::npos) r.url += '/';
  return r;
}

}  // namespace logbook::app
