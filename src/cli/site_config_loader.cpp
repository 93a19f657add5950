#include "site_config_loader.hpp"

#include "core/decision.hpp"

#include <algorithm>

#include "content_reader.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

LoadedSiteConfig load_site_config(const fs::path& content_dir) {
  LoadedSiteConfig loaded;
  std::error_code ec;
  const fs::path absolute = fs::absolute(content_dir, ec).lexically_normal();
  const fs::path folder = absolute.has_filename() ? absolute : absolute.parent_path();
  for (const fs::path& candidate : {folder.parent_path() / "logbook.yml", folder / "logbook.yml"}) {
    if (!fs::is_regular_file(candidate, ec)) continue;
    loaded.path = fs::relative(candidate, fs::current_path(ec), ec);
    if (loaded.path.empty() || loaded.path.native().starts_with("..")) loaded.path = candidate;
    std::string bytes, error;
    if (!read_file(candidate, bytes, error)) {
      loaded.diagnostics.push_back({Severity::error, loaded.path.generic_string(), 0, 0, error + "; the defaults are used."});
      return loaded;
    }
    SiteConfigResult parsed = parse_site_config(loaded.path.generic_string(), bytes);
    loaded.config = std::move(parsed.config);
    loaded.diagnostics = std::move(parsed.diagnostics);
    return loaded;
  }
  return loaded;
}

void drop_decision_template(std::vector<SourceFile>& files, const SiteConfig& config) {
  files.erase(std::remove_if(files.begin(), files.end(), [&](const SourceFile& f) { return is_decision_template(config, f.path); }),
              files.end());
}

}  // namespace logbook::cli
