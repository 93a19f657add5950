// Finds and reads logbook.yml for a content folder: beside the content folder (the
// repository root, where it usually lives) or inside it. Absent means the defaults.
#pragma once

#include <filesystem>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/site.hpp"
#include "core/site_config.hpp"

namespace logbook::cli {

struct LoadedSiteConfig {
  SiteConfig config;
  std::filesystem::path path;  // the file read; empty when there was none
  Diagnostics diagnostics;     // `file` is `path` as given (not relative to the content folder)
};

LoadedSiteConfig load_site_config(const std::filesystem::path& content_dir);

// Takes the decision templates (template.md, adr-template.md, templates/...: see
// is_decision_template) out of the files to build: they are templates, not records or pages.
void drop_decision_template(std::vector<SourceFile>& files, const SiteConfig& config);

}  // namespace logbook::cli
