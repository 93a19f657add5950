#include "manifest.hpp"

#include <nlohmann/json.hpp>

namespace logbook {

std::string write_manifest(const Site& site, const ManifestInfo& info) {
  nlohmann::json m;
  m["format"] = "logbook-manifest";
  m["version"] = kManifestVersion;
  m["title"] = info.title;
  m["base"] = info.base;
  m["app"] = info.app_boot ? nlohmann::json{{"boot", *info.app_boot}} : nlohmann::json(nullptr);
  auto& pages = m["pages"] = nlohmann::json::array();
  for (const Page& p : site.pages) {
    pages.push_back({{"path", p.path}, {"url", p.url}, {"title", p.title}, {"section", p.section},
                     {"description", p.description},
                     {"date", p.meta.date ? nlohmann::json(*p.meta.date) : nlohmann::json(nullptr)}});
  }
  auto& sections = m["sections"] = nlohmann::json::array();
  for (const Section& s : site.sections) {
    sections.push_back({{"path", s.path}, {"url", s.url}, {"title", s.title}, {"parent", s.parent},
                        {"index", s.index_page}, {"pages", s.pages}, {"children", s.children}});
  }
  return m.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace logbook
