// logbook new decision "Title" [--supersedes ID] [-C CONTENT_DIR] [--today YYYY-MM-DD]
// logbook new page PATH "Title" [-C CONTENT_DIR]
//
// Creates a file and never overwrites one. A decision gets the next number (numbers are
// never reused), status proposed, today's date and a comment deadline two weeks out,
// from the template in the decisions folder so teams can change it.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "content_reader.hpp"
#include "core/calendar_date.hpp"
#include "core/decision.hpp"
#include "core/front_matter.hpp"
#include "core/front_matter_edit.hpp"
#include "core/slug.hpp"
#include "local_date.hpp"
#include "site_config_loader.hpp"
#include "site_files.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

constexpr int kCommentDays = 14;

struct NewOptions {
  fs::path content_dir = "content";
  std::string title;
  std::string supersedes;
  std::string today;
  std::string page_path;
};

// Rewrites an existing file through a temporary file, so a failure leaves it whole.
bool replace_file(const fs::path& path, std::string_view bytes, std::string& error) {
  const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".logbook-tmp");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      error = "cannot write " + temp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) error = "cannot replace " + path.string() + ": " + ec.message();
  return !ec;
}

// "Use SQLite for search" -> "use-sqlite-for-search", at most 60 bytes, cut at a hyphen.
std::string file_slug(std::string_view title) {
  std::string slug = slugify(title);
  if (slug.size() > 60) {
    const auto cut = slug.rfind('-', 60);
    slug.resize(cut == std::string::npos || cut < 20 ? 60 : cut);
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "decision" : slug;
}

int new_decision(const NewOptions& o) {
  const std::string today = o.today.empty() ? local_today() : o.today;
  if (!is_iso_date(today)) {
    std::cerr << "logbook new: --today is \"" << today << "\"; give a date as YYYY-MM-DD.\n";
    return 2;
  }
  if (o.title.find_first_not_of(" \t") == std::string::npos) {
    std::cerr << "logbook new: give the decision a title, e.g. logbook new decision \"Use SQLite for search\".\n";
    return 2;
  }
  const LoadedSiteConfig loaded = load_site_config(o.content_dir);
  for (const Diagnostic& d : loaded.diagnostics) std::cerr << format_diagnostic(d) << '\n';
  SiteConfig config = loaded.config;
  ContentReadResult content = read_content(o.content_dir);
  if (!content.error.empty()) {
    std::cerr << "logbook new: " << content.error << '\n';
    return 2;
  }
  config.decisions = decisions_folder(config, content.files);
  std::string template_text(default_decision_template());
  for (const SourceFile& f : content.files)
    if (f.path == config.decision_template_path()) template_text = f.bytes;
  drop_decision_template(content.files, config);
  SiteOptions site_options;
  site_options.include_drafts = true;  // a draft record still holds its number
  const Site site = build_site(std::move(content.files), site_options);
  const DecisionLog log = extract_decisions(site, config);

  int old = -1;
  if (!o.supersedes.empty()) {
    old = log.resolve(o.supersedes);
    if (old < 0) {
      std::cerr << "logbook new: --supersedes " << o.supersedes << " names no decision record in "
                << (o.content_dir / config.decisions).string() << "; give its id (e.g. "
                << format_decision_id(config.decision_id_prefix, 1) << ") or file name.\n";
      return 2;
    }
  }

  const int number = log.next_number();
  const std::string id = format_decision_id(config.decision_id_prefix, number);
  const std::string relative = config.decisions + "/" + decision_file_name(number, file_slug(o.title));
  const fs::path path = o.content_dir / relative;
  const std::string review_by = add_days(today, kCommentDays).value_or(today);

  std::string text = fill_decision_template(template_text, {id, o.title, today, review_by, number});
  // The fields are set whatever the template says, so a template without placeholders works too.
  text = set_front_matter_field(text, "id", yaml_scalar(id));
  text = set_front_matter_field(text, "title", yaml_scalar(o.title));
  text = set_front_matter_field(text, "status", "proposed");
  text = set_front_matter_field(text, "date", today);
  text = set_front_matter_field(text, "review_by", review_by);
  const Decision* superseded = old >= 0 ? &log.decisions[static_cast<std::size_t>(old)] : nullptr;
  if (superseded) text = set_front_matter_field(text, "supersedes", yaml_list({superseded->id}));

  std::string error;
  if (!create_new_file(path, text, error)) {
    std::cerr << "logbook new: " << error << '\n';
    return 1;
  }
  std::cout << "Created " << path.generic_string() << ": " << id << ", proposed, comments due " << review_by << ".\n";

  if (superseded) {
    // The old record names its successor now; its status stays until the successor is
    // accepted (`logbook check` then asks for status: superseded).
    const Page& page = site.pages[static_cast<std::size_t>(superseded->page)];
    std::vector<std::string> successors;
    for (int s : superseded->successors) successors.push_back(log.decisions[static_cast<std::size_t>(s)].id);
    successors.push_back(id);
    const std::string edited = set_front_matter_field(page.source, "superseded_by", yaml_list(successors));
    const fs::path old_path = o.content_dir / page.path;
    if (edited == page.source || !replace_file(old_path, edited, error)) {
      std::cerr << "logbook new: could not mark " << old_path.generic_string() << " as superseded by " << id
                << (error.empty() ? " (its front matter never ends)" : ": " + error) << "; add `superseded_by: [" << id
                << "]` to it by hand.\n";
      return 1;
    }
    std::cout << "Marked " << superseded->id << " (" << old_path.generic_string() << ") as superseded by " << id
              << "; its status stays " << (superseded->status.empty() ? "as it is" : superseded->status) << " until " << id
              << " is accepted.\n";
  }
  return 0;
}

int new_page(const NewOptions& o) {
  std::string rel = o.page_path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (!is_markdown_path(rel)) rel += ".md";
  const fs::path normal = fs::path(rel).lexically_normal();
  if (rel.empty() || normal.empty() || normal.generic_string().starts_with("..")) {
    std::cerr << "logbook new: " << o.page_path << " is not a path inside the content folder; give one like guides/onboarding.\n";
    return 2;
  }
  // A name typed as a title ("guides/Team Notes") makes a file named like its URL
  // (team-notes.md) and keeps the words as they were typed for the title.
  const std::string typed = normal.stem().string();
  const std::string slug = slugify(typed);
  const fs::path file = slug.empty() || slug == typed ? normal : normal.parent_path() / (slug + ".md");
  std::string title = o.title;
  if (title.empty() && file != normal) title = typed;
  if (title.empty()) {
    title = typed;
    for (char& c : title)
      if (c == '-' || c == '_') c = ' ';
    if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  }
  const std::string text = "---\ntitle: " + yaml_scalar(title) + "\n---\n\n# " + title + "\n\n";
  const fs::path path = o.content_dir / file;
  std::string error;
  if (!create_new_file(path, text, error)) {
    std::cerr << "logbook new: " << error << '\n';
    return 1;
  }
  std::cout << "Created " << path.generic_string() << ".\n";
  return 0;
}

}  // namespace

void add_new_command(CLI::App& app, Action& run) {
  auto o = std::make_shared<NewOptions>();
  CLI::App* cmd = app.add_subcommand("new", "Create a decision record or a page (never overwrites a file)");
  cmd->require_subcommand(1);

  CLI::App* decision = cmd->add_subcommand("decision", "Create the next-numbered decision record, status proposed");
  decision->add_option("title", o->title, "The decision, e.g. \"Use SQLite for search\"")->required();
  decision->add_option("--supersedes", o->supersedes, "Id or file of the record this one replaces; it is marked too");
  decision->add_option("-C,--content", o->content_dir, "Folder of Markdown (default: content)");
  decision->add_option("--today", o->today, "The record's date (default: today), YYYY-MM-DD");
  decision->callback([o, &run] { run = [o] { return new_decision(*o); }; });

  CLI::App* page = cmd->add_subcommand("page", "Create a page at PATH inside the content folder");
  page->add_option("path", o->page_path, "Where, e.g. guides/onboarding (.md is added)")->required();
  page->add_option("title", o->title, "The page title (default: from the file name)");
  page->add_option("-C,--content", o->content_dir, "Folder of Markdown (default: content)");
  page->callback([o, &run] { run = [o] { return new_page(*o); }; });
}

}  // namespace logbook::cli
