#include "manifest.hpp"

#include <nlohmann/json.hpp>

namespace logbook {

std::string build_hash(const Site& site, std::string_view app_version) {
  std::string all(app_version);
  for (const Page& p : site.pages) all += p.path + '\n' + p.source_hash + '\n';
  return content_hash(all);
}

std::string write_manifest(const Site& site, const ManifestInfo& info) {
  const SiteConfig config;
  return write_manifest(site, info, extract_decisions(site, config), config);
}

std::string write_manifest(const Site& site, const ManifestInfo& info, const DecisionLog& log, const SiteConfig& config) {
  const auto or_null = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  nlohmann::json m;
  m["format"] = "logbook-manifest";
  m["version"] = kManifestVersion;
  m["title"] = info.title;
  m["base"] = info.base;
  m["app"] = info.app_boot ? nlohmann::json{{"boot", *info.app_boot}} : nlohmann::json(nullptr);
  m["repository"] = config.repository.empty() ? nlohmann::json(nullptr)
                                              : nlohmann::json{{"url", config.repository}, {"branch", config.branch},
                                                                {"content_prefix", info.content_prefix}};
  m["propose_decision"] = info.propose_decision.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.propose_decision);
  m["statuses"] = config.statuses;
  auto& pages = m["pages"] = nlohmann::json::array();
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    const std::string& hash = p.source_hash;
    pages.push_back({{"path", p.path}, {"url", p.url}, {"title", p.title}, {"section", p.section},
                     {"description", p.description},
                     {"date", p.meta.date ? nlohmann::json(*p.meta.date) : nlohmann::json(nullptr)},
                     {"owner", or_null(p.meta.owner)}, {"review_by", or_null(p.meta.review_by)},
                     {"decision", log.for_page(static_cast<int>(i))}});
    // For the app, which reads the page's Markdown as written: where each link and
    // image goes (in document order, "" when broken), and which pages link here.
    auto& links = pages.back()["links"] = nlohmann::json::array();
    for (const ResolvedLink& r : p.resolved) links.push_back(r.href);
    pages.back()["backlinks"] = p.backlinks;
    pages.back()["hash"] = hash;
    pages.back()["tags"] = p.meta.tags;
    const PageHistory* h = nullptr;
    if (info.history)
      if (auto it = info.history->find(p.path); it != info.history->end()) h = &it->second;
    pages.back()["updated"] = h && !h->updated.empty() ? nlohmann::json(h->updated) : nlohmann::json(nullptr);
    pages.back()["authors"] = h ? nlohmann::json(h->authors) : nlohmann::json::array();
  }
  m["build"] = build_hash(site, info.app_version);
  m["precache"] = info.precache;
  m["fallback_fonts"] = info.fallback_fonts;
  auto& decisions = m["decisions"] = nlohmann::json::array();
  for (const Decision& d : log.decisions) {
    decisions.push_back({{"page", d.page}, {"id", d.id}, {"number", d.number}, {"title", d.title}, {"status", d.status},
                         {"date", d.date}, {"review_by", d.review_by}, {"deciders", d.deciders}, {"consulted", d.consulted},
                         {"informed", d.informed}, {"tags", d.tags}, {"dialect", dialect_name(d.dialect)},
                         {"supersedes", d.predecessors}, {"superseded_by", d.successors}});
  }
  auto& sections = m["sections"] = nlohmann::json::array();
  for (const Section& s : site.sections) {
    sections.push_back({{"path", s.path}, {"url", s.url}, {"title", s.title}, {"parent", s.parent},
                        {"index", s.index_page}, {"pages", s.pages}, {"children", s.children}});
  }
  return m.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace logbook
