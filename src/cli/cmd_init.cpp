// logbook init [DIR] [--content FOLDER] [--today YYYY-MM-DD]
//
// Sets Logbook up in an existing repository and never overwrites a file: a content
// folder with a home page, a decision log (its index, template and first record),
// logbook.yml with the repository and branch from the git remote, and a GitHub workflow
// that checks pull requests and publishes to Pages with Logbook's action. A docs folder
// or a decision log the repository already has is used as it is (a log without an index
// page gets one).
#include <algorithm>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "content_reader.hpp"
#include "core/calendar_date.hpp"
#include "core/decision.hpp"
#include "core/front_matter_edit.hpp"
#include "git_history.hpp"
#include "local_date.hpp"
#include "site_config_loader.hpp"
#include "site_files.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

struct InitOptions {
  fs::path dir = ".";
  std::string content;  // "" = found or "content"
  std::string today;
};

// Where a repository keeps its docs: the first of these folders that holds a decision
// log, else the first that holds Markdown; a new `content` folder when none does.
constexpr const char* kContentFolders[] = {"content", "docs", "doc"};

struct Layout {
  std::string content = "content";  // relative to the repository
  std::string decisions = "decisions";  // relative to the content folder
  std::size_t records = 0;          // records already in it
  std::vector<std::string> statuses;  // the configured ones and those the records add ("on hold")
  std::vector<SourceFile> files;    // the content folder's files, when it exists
};

// The statuses of an existing log: the configured ones, then each other one its records use,
// so that logbook.yml lists them and the first checks pass as the log is.
std::vector<std::string> log_statuses(const std::vector<SourceFile>& files, const SiteConfig& config) {
  std::vector<std::string> statuses = config.statuses;
  std::vector<SourceFile> pages = files;
  drop_decision_template(pages, config);
  const Site site = build_site(std::move(pages), {});
  for (const Decision& d : extract_decisions(site, config).decisions)
    if (!d.status.empty() && std::find(statuses.begin(), statuses.end(), d.status) == statuses.end()) statuses.push_back(d.status);
  return statuses;
}

Layout read_layout(const fs::path& root, const fs::path& content, const SiteConfig& config) {
  Layout layout;
  layout.content = content.generic_string();
  std::error_code ec;
  if (!fs::is_directory(root / content, ec)) return layout;
  layout.files = read_content(root / content).files;
  SiteConfig found = config;
  found.decisions = decisions_folder(config, layout.files);
  layout.decisions = found.decisions;
  for (const SourceFile& f : layout.files) layout.records += is_decision_path(found, f.path) ? 1 : 0;
  layout.statuses = layout.records ? log_statuses(layout.files, found) : config.statuses;
  return layout;
}

bool has_markdown(const Layout& layout) {
  return std::any_of(layout.files.begin(), layout.files.end(), [](const SourceFile& f) { return is_markdown_path(f.path); });
}

Layout choose_layout(const fs::path& root, const std::string& content, const SiteConfig& config) {
  if (!content.empty()) return read_layout(root, content, config);
  std::optional<Layout> with_markdown;
  for (const char* folder : kContentFolders) {
    Layout layout = read_layout(root, folder, config);
    if (layout.records) return layout;
    if (!with_markdown && has_markdown(layout)) with_markdown = std::move(layout);
  }
  return with_markdown ? std::move(*with_markdown) : Layout{};
}

// "https://github.com/org/repo" -> "repo"; else the folder's name.
std::string project_name(const GitRemote& remote, const fs::path& root) {
  const auto slash = remote.web_url.rfind('/');
  if (!remote.web_url.empty() && slash != std::string::npos) return remote.web_url.substr(slash + 1);
  std::error_code ec;
  const std::string name = fs::weakly_canonical(root, ec).filename().string();
  return name.empty() ? "Docs" : name;
}

// Where GitHub Pages publishes the repository: USER.github.io/REPO/, or the root for
// the USER.github.io repository itself; "" for other hosts.
std::string pages_url(const std::string& web_url) {
  constexpr std::string_view github = "https://github.com/";
  if (!web_url.starts_with(github)) return {};
  const std::string path = web_url.substr(github.size());
  const auto slash = path.find('/');
  if (slash == std::string::npos) return {};
  std::string owner = path.substr(0, slash);
  const std::string repo = path.substr(slash + 1);
  for (char& c : owner) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string host = "https://" + owner + ".github.io/";
  return repo == owner + ".github.io" ? host : host + repo + "/";
}

std::string home_page(const std::string& name, const Layout& layout) {
  std::string text = "---\ntitle: " + yaml_scalar(name) + "\ndescription: " + yaml_scalar("The docs and decisions of " + name + ".") +
                     "\n---\n\n# " + name + "\n\nThe docs and decision records of " + name +
                     ",\nwritten in Markdown in `" + layout.content +
                     "/` of the repository and changed through pull requests.\nLogbook builds them into this site.\n\n";
  return text + "- [Decision log](" + layout.decisions + "/index.md): the decisions that shape our work, one record each.\n";
}

// The decision log's page; `logbook new` is told the content folder unless it is the default.
std::string log_index(const std::string& content) {
  const std::string new_command = "logbook new decision \"Title\"" + (content == "content" ? "" : " -C " + content);
  return R"md(---
title: Decision log
description: The decisions that shape our work, one record each, with their status.
---

# Decision log

Each decision is one Markdown file in this folder, a decision record (ADR): what was
decided, why, which options were weighed and what it costs. A record starts as
`proposed` and is discussed in its pull request; once merged as `accepted` it stays, and
a later decision supersedes it rather than rewriting it.

Propose one with `)md" + new_command + "`, or with \"Propose a decision\" on this page.\n";
}

std::string first_record(const SiteConfig& config, const std::string& today) {
  const std::string id = format_decision_id(config.decision_id_prefix, 1);
  return "---\nid: " + id + "\ntitle: Record decisions in the repository\nstatus: accepted\ndate: " + today +
         "\ndeciders: []\ntags: [process]\n---\n\n# " + id + ": Record decisions in the repository\n\n" + R"md(## Context and Problem Statement

Decisions that shape our work are made in meetings, chats and pull request threads, and
their reasons are lost with them. A new colleague cannot find why things are the way they
are, and settled questions are argued again without new information.

## Considered Options

1. Keep decisions in chat and meeting notes.
2. A wiki page per decision.
3. Decision records as Markdown in the repository, changed through pull requests.

## Decision Outcome

Chosen option: 3, decision records in the repository, because they are reviewed like
code, versioned with it, and published with the rest of the docs.

### Consequences

- Good, because every decision has one home, a status and a date, and search finds it.
- Bad, because writing a record takes time: keep records short.
)md";
}

std::string site_config_text(const std::string& name, const GitRemote& remote, const Layout& layout,
                             const SiteConfig& defaults) {
  std::string text = "# Logbook's settings. Every key is optional; see Logbook's configuration reference.\nversion: 1\ntitle: " +
                     yaml_scalar(name) + "\n";
  text += remote.web_url.empty() ? "# repository: https://github.com/ORG/REPO   # for \"Edit this page\" and \"Propose a decision\"\n"
                                 : "repository: " + remote.web_url + "\n";
  text += "branch: " + yaml_scalar(remote.branch.empty() ? "main" : remote.branch) + "\n";
  text += "decisions: " + yaml_scalar(layout.decisions) + "\n";
  if (!layout.statuses.empty() && layout.statuses != defaults.statuses) text += "statuses: " + yaml_list(layout.statuses) + "\n";
  return text;
}

// The workflow: pull requests are checked (findings annotated on their lines), pushes to
// the default branch build the site and deploy it to GitHub Pages.
std::string workflow_text(const std::string& content, const std::string& branch) {
  const std::string action = LOGBOOK_ACTION;
  return "# Logbook: check docs and decision records on pull requests; publish them to GitHub Pages\n"
         "# from the default branch. Made by `logbook init`; yours to change.\n"
         "name: Logbook\n\non:\n  pull_request:\n  push:\n    branches: [" + branch + "]\n  workflow_dispatch:\n\n"
         "permissions:\n  contents: read\n\n"
         "concurrency:\n  group: logbook-${{ github.ref }}\n  cancel-in-progress: true\n\n"
         "jobs:\n"
         "  check:\n    if: github.event_name == 'pull_request'\n    runs-on: ubuntu-latest\n    steps:\n"
         "      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0\n"
         "      - uses: " + action + "\n        with:\n          content: " + content + "\n          mode: check\n\n"
         "  build:\n    if: github.event_name != 'pull_request'\n    runs-on: ubuntu-latest\n    steps:\n"
         "      - uses: actions/checkout@v4\n        with:\n          fetch-depth: 0  # page history: last change and authors\n"
         "      - uses: " + action + "\n        with:\n          content: " + content + "\n          mode: build\n\n"
         "  deploy:\n    needs: build\n    runs-on: ubuntu-latest\n    permissions:\n      pages: write\n      id-token: write\n"
         "    environment:\n      name: github-pages\n      url: ${{ steps.deployment.outputs.page_url }}\n    steps:\n"
         "      - id: deployment\n        uses: actions/deploy-pages@v4\n";
}

// Creates `relative` under root unless it exists; prints what happened. False on failure.
bool create(const fs::path& root, const std::string& relative, std::string_view bytes, std::string_view what) {
  std::error_code ec;
  if (fs::exists(root / relative, ec)) {
    std::cout << "  kept     " << relative << " (it exists)\n";
    return true;
  }
  std::string error;
  if (!create_new_file(root / relative, bytes, error)) {
    std::cerr << "logbook init: " << error << '\n';
    return false;
  }
  std::cout << "  created  " << relative << " (" << what << ")\n";
  return true;
}

int init(const InitOptions& o) {
  std::error_code ec;
  if (!fs::is_directory(o.dir, ec)) {
    std::cerr << "logbook init: " << o.dir.string() << " is not a folder; give the root of your repository (default: .).\n";
    return 2;
  }
  const std::string today = o.today.empty() ? local_today() : o.today;
  if (!is_iso_date(today)) {
    std::cerr << "logbook init: --today is \"" << today << "\"; give a date as YYYY-MM-DD.\n";
    return 2;
  }
  const fs::path content = fs::path(o.content).lexically_normal();
  if (content.is_absolute() || content.generic_string().starts_with("..")) {
    std::cerr << "logbook init: --content " << o.content << " is not a folder inside " << o.dir.string()
              << "; give one relative to it, such as docs.\n";
    return 2;
  }
  const fs::path root = o.dir;
  const LoadedSiteConfig loaded = load_site_config(root / (o.content.empty() ? "content" : o.content));
  for (const Diagnostic& d : loaded.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  const Layout layout = choose_layout(root, o.content, loaded.config);
  const GitRemote remote = read_git_remote(root);
  const std::string name = project_name(remote, root);
  const std::string branch = remote.branch.empty() ? "main" : remote.branch;
  const std::string log = layout.content + "/" + layout.decisions;

  std::cout << "Setting up Logbook in " << fs::weakly_canonical(root, ec).string() << ":\n";
  if (layout.records) {
    std::cout << "  found    " << log << "/ with " << layout.records << " decision record" << (layout.records == 1 ? "" : "s")
              << "; they are used as they are\n";
    for (std::size_t i = loaded.config.statuses.size(); i < layout.statuses.size(); ++i)
      std::cout << "  found    the status '" << layout.statuses[i] << "' in it; logbook.yml lists it with the others\n";
  }
  // An existing log gets only its index page when it has none: the decision log's page,
  // where readers see the records' table and "Propose a decision".
  bool ok = create(root, layout.content + "/index.md", home_page(name, layout), "the home page");
  ok = ok && create(root, log + "/index.md", log_index(layout.content), "the decision log's page");
  if (!layout.records) {
    ok = ok && create(root, log + "/template.md", default_decision_template(), "the template of new records");
    ok = ok && create(root, log + "/" + decision_file_name(1, "record-decisions-in-the-repository"),
                      first_record(loaded.config, today), "the first record");
  }
  const std::string config_path = loaded.path.empty() ? "logbook.yml" : fs::relative(loaded.path, root, ec).generic_string();
  ok = ok && create(root, config_path, site_config_text(name, remote, layout, loaded.config), "the settings");
  ok = ok && create(root, ".github/workflows/logbook.yml", workflow_text(layout.content, branch), "checks pull requests, publishes to Pages");
  if (!ok) return 1;

  const std::string url = pages_url(remote.web_url);
  std::cout << "\nNext steps:\n"
            << "  1. See the site: logbook serve " << layout.content << "   (then open http://127.0.0.1:8000/)\n"
            << "  2. Add _site/ (the build's output) to .gitignore, commit the new files and push.\n"
            << "  3. On GitHub: Settings > Pages > Build and deployment > Source: GitHub Actions.\n"
            << "     Every push to " << branch << " then publishes the site" << (url.empty() ? "" : " at " + url)
            << ", and every pull request is checked.\n"
            << "  Propose a decision: logbook new decision \"Title\" -C " << layout.content << "\n";
  return 0;
}

}  // namespace

void add_init_command(CLI::App& app, Action& run) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand("init", "Set up Logbook in a repository: content, decision log, logbook.yml, workflow (never overwrites a file)");
  cmd->add_option("dir", o->dir, "The repository's root (default: .)");
  cmd->add_option("--content", o->content, "The content folder, relative to DIR (default: content, docs or doc if one holds Markdown)");
  cmd->add_option("--today", o->today, "The first record's date (default: today), YYYY-MM-DD");
  cmd->callback([o, &run] { run = [o] { return init(*o); }; });
}

}  // namespace logbook::cli
