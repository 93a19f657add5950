// logbook check [CONTENT_DIR] [--format text|github|json] [--today YYYY-MM-DD] [--strict]
//
// Runs every check of the core over a content folder: what authors run before pushing
// and CI runs on every pull request. Exit 0 when clean, 1 on errors (with --strict,
// also on warnings), 2 when the folder could not be checked at all.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "content_reader.hpp"
#include "core/checks.hpp"
#include "core/front_matter.hpp"
#include "core/publish_policy.hpp"
#include "local_date.hpp"
#include "site_config_loader.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

struct CheckOptions {
  fs::path content_dir = "content";
  std::string format = "text";
  std::string today;
  bool strict = false;
};

// The folder holding .git above `from`, else the current folder: GitHub resolves
// annotation paths against the repository root.
fs::path repository_root(const fs::path& from) {
  std::error_code ec;
  for (fs::path dir = fs::absolute(from, ec).lexically_normal(); !dir.empty(); dir = dir.parent_path()) {
    if (fs::exists(dir / ".git", ec)) return dir;
    if (dir == dir.parent_path()) break;
  }
  return fs::current_path(ec);
}

// GitHub workflow commands: %, CR and LF are escaped in messages; properties also escape : and ,.
std::string escape_github(std::string_view s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

int run_check(const CheckOptions& o) {
  const std::string today = o.today.empty() ? local_today() : o.today;
  if (!is_iso_date(today)) {
    std::cerr << "logbook check: --today is \"" << today << "\"; give a date as YYYY-MM-DD.\n";
    return 2;
  }
  LoadedSiteConfig loaded = load_site_config(o.content_dir);
  ContentReadResult content = read_content(o.content_dir);
  if (!content.error.empty()) {
    std::cerr << "logbook check: " << content.error << '\n';
    return 2;
  }
  loaded.config.decisions = decisions_folder(loaded.config, content.files);
  drop_decision_template(content.files, loaded.config);
  const Diagnostics refused = apply_publish_policy(content.files, loaded.config);  // as the build leaves them out
  const Site site = build_site(std::move(content.files));
  const DecisionLog log = extract_decisions(site, loaded.config);
  Diagnostics findings = loaded.diagnostics;
  const std::size_t from_config = findings.size();
  findings.insert(findings.end(), content.diagnostics.begin(), content.diagnostics.end());
  findings.insert(findings.end(), refused.begin(), refused.end());
  for (Diagnostic& d : run_checks({site, log, loaded.config, today})) findings.push_back(std::move(d));

  // Paths: relative to the repository root for tools and GitHub, to the current folder for people.
  const fs::path root = o.format == "text" ? fs::current_path() : repository_root(o.content_dir);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Diagnostic& d = findings[i];
    d.file = shown_file(d.file, i >= from_config, o.content_dir, root);
  }
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : findings) ++(d.severity == Severity::error ? errors : warnings);

  if (o.format == "json") {
    auto out = nlohmann::json::array();
    for (const Diagnostic& d : findings)
      out.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"}, {"file", d.file}, {"line", d.line},
                     {"column", d.column}, {"message", d.message}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else if (o.format == "github") {
    for (const Diagnostic& d : findings) {
      std::cout << "::" << (d.severity == Severity::error ? "error" : "warning") << " file=" << escape_github(d.file, true);
      if (d.line > 0) std::cout << ",line=" << d.line;
      if (d.line > 0 && d.column > 0) std::cout << ",col=" << d.column;
      std::cout << ",title=logbook check::" << escape_github(d.message, false) << '\n';
    }
  } else {
    for (const Diagnostic& d : findings) std::cout << format_diagnostic(d) << '\n';
  }
  const auto plural = [](std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
  std::cerr << "Checked " << plural(site.pages.size(), "page") << " and " << plural(log.decisions.size(), "decision record")
            << ": " << plural(errors, "error") << ", " << plural(warnings, "warning") << (o.strict && warnings && !errors ? " (--strict)" : "")
            << '\n';
  return errors || (o.strict && warnings) ? 1 : 0;
}

}  // namespace

void add_check_command(CLI::App& app, Action& run) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check links, decision records and review dates; for authors and CI");
  cmd->add_option("content", o->content_dir, "Folder of Markdown (default: content)");
  cmd->add_option("--format", o->format, "text (for people), github (annotations on the pull request) or json")
      ->check(CLI::IsMember({"text", "github", "json"}));
  cmd->add_option("--today", o->today, "The date to check review dates against (default: today), YYYY-MM-DD");
  cmd->add_flag("--strict", o->strict, "Exit 1 on warnings too");
  cmd->callback([o, &run] { run = [o] { return run_check(*o); }; });
}

}  // namespace logbook::cli
