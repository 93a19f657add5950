// logbook check [CONTENT_DIR] [--format text|github|json] [--today YYYY-MM-DD] [--strict]
//                [--for NAME]
//
// Runs every check of the core over a content folder: what authors run before pushing
// and CI runs on every pull request. Exit 0 when clean, 1 on errors (with --strict,
// also on warnings), 2 when the folder could not be checked at all.
// --for NAME prints that person's queue instead (core/reader_queue.hpp): the proposals
// they decide or are consulted on, and the pages they own past review; for a chat
// reminder in CI. Exit 0, or 2 for a name that is no one's (it lists the people).
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "content_reader.hpp"
#include "core/checks.hpp"
#include "core/calendar_date.hpp"
#include "core/front_matter.hpp"
#include "core/publish_policy.hpp"
#include "core/reader_queue.hpp"
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
  std::string person;  // --for
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

// One line of a person's queue, at the place in the file that says it.
struct QueueLine {
  std::string file;
  SourcePosition at;
  std::string text;    // what it is and what is due
  bool urgent = false;  // overdue, or past review
  nlohmann::json fields;  // for --format json
};

std::string quoted(const std::string& id, const std::string& title) { return (id.empty() ? "" : id + " ") + "\"" + title + "\""; }

QueueLine proposal_line(const Decision& d, const std::string& key, const std::string& today) {
  const std::optional<int> days = days_between(today, d.review_by);
  const std::string role = names_person(d.deciders, key) ? "decider" : "consulted";
  std::string due = days ? comment_deadline_text(*days) + " (" + d.review_by + ")" : "No comment deadline";
  due[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(due[0])));
  const bool overdue = is_overdue_proposal(d.status, d.review_by, today);
  return {d.path, d.review_by.empty() ? d.status_at : d.review_by_at,
          "proposal " + quoted(d.id, d.title) + ": " + due + "; you are " + (role == "decider" ? "a decider" : "consulted") + ".", overdue,
          {{"kind", "proposal"}, {"id", d.id}, {"title", d.title}, {"review_by", d.review_by}, {"overdue", overdue},
           {"days_left", days ? nlohmann::json(*days) : nlohmann::json()}, {"role", role}}};
}

QueueLine review_line(const Page& page, const std::string& today) {
  const std::string review_by = page.meta.review_by.value_or("");
  const int days = days_between(review_by, today).value_or(0);
  return {page.path, front_matter_position(page, "review_by"),
          "review " + quoted("", page.title) + ": was due for review on " + review_by + " (" + std::to_string(days) +
              (days == 1 ? " day ago" : " days ago") + "); you own it: check that it is still right, then move review_by forward.",
          true, {{"kind", "review"}, {"title", page.title}, {"review_by", review_by}, {"days_overdue", days}}};
}

// The person's queue as lines, proposals first (overdue ones first), then their pages.
std::vector<QueueLine> queue_lines(const Site& site, const DecisionLog& log, const std::string& person, const std::string& today) {
  std::vector<QueueRecord> records;
  for (const Decision& d : log.decisions)
    records.push_back({.status = d.status, .review_by = d.review_by, .deciders = d.deciders, .consulted = d.consulted, .informed = d.informed});
  std::vector<QueuePage> pages;
  std::vector<const Page*> owned;
  for (std::size_t i = 0; i < site.pages.size(); ++i) {
    const Page& p = site.pages[i];
    if (!p.meta.owner || !p.meta.review_by) continue;
    const int d = log.for_page(static_cast<int>(i));
    pages.push_back({.owner = *p.meta.owner, .review_by = *p.meta.review_by, .is_record = d >= 0,
                     .status = d >= 0 ? std::string_view(log.decisions[static_cast<std::size_t>(d)].status) : std::string_view()});
    owned.push_back(&p);
  }
  const ReaderQueue q = reader_queue(person, today, records, pages);
  std::vector<QueueLine> out;
  for (int i : q.proposals) out.push_back(proposal_line(log.decisions[static_cast<std::size_t>(i)], person_key(person), today));
  for (int i : q.past_review) out.push_back(review_line(*owned[static_cast<std::size_t>(i)], today));
  return out;
}

// Everyone the content names (owners, deciders, consulted, informed): who --for may name.
std::vector<std::string> content_people(const Site& site, const DecisionLog& log) {
  std::vector<std::string> names;
  for (const Page& p : site.pages)
    if (p.meta.owner) names.push_back(*p.meta.owner);
  for (const Decision& d : log.decisions)
    for (const auto* list : {&d.deciders, &d.consulted, &d.informed}) names.insert(names.end(), list->begin(), list->end());
  return distinct_people(names);
}

void print_queue(const std::vector<QueueLine>& lines, const std::string& person, const std::string& today, const std::string& format) {
  if (format == "json") {
    auto items = nlohmann::json::array();
    for (const QueueLine& l : lines) {
      nlohmann::json item = l.fields;
      item["file"] = l.file, item["line"] = l.at.line, item["column"] = l.at.column;
      items.push_back(std::move(item));
    }
    const nlohmann::json out = {{"person", person}, {"today", today}, {"queue", items}};
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }
  if (lines.empty()) return;
  if (format == "text") std::cout << person << "'s queue on " << today << ":\n";
  for (const QueueLine& l : lines) {
    if (format == "text") {  // "file:line:col: text", as editors link it
      std::cout << l.file;
      if (l.at.line > 0) std::cout << ':' << l.at.line << (l.at.column > 0 ? ":" + std::to_string(l.at.column) : "");
      std::cout << ": " << l.text << '\n';
      continue;
    }
    std::cout << (l.urgent ? "::warning" : "::notice") << " file=" << escape_github(l.file, true);
    if (l.at.line > 0) std::cout << ",line=" << l.at.line;
    if (l.at.line > 0 && l.at.column > 0) std::cout << ",col=" << l.at.column;
    std::cout << ",title=" << escape_github(person + "'s queue", true) << "::" << escape_github(l.text, false) << '\n';
  }
}

int run_queue(const CheckOptions& o, const Site& site, const DecisionLog& log, const std::string& today) {
  const std::vector<std::string> people = content_people(site, log);
  const std::string person = find_person(people, o.person);
  if (person.empty()) {
    std::string known;
    for (const std::string& p : closest_people(o.person, people, 10)) known += (known.empty() ? "" : ", ") + p;
    std::cerr << "logbook check: --for \"" << o.person << "\" names no one in this content's owners, deciders, consulted or informed; "
              << (known.empty() ? std::string("no page names anyone yet (add `owner:` or `deciders:` to the front matter).")
                                : "give one of: " + known + (people.size() > 10 ? " (closest first, " + std::to_string(people.size()) + " people)." : "."))
              << '\n';
    return 2;
  }
  std::vector<QueueLine> lines = queue_lines(site, log, person, today);
  const fs::path root = o.format == "text" ? fs::current_path() : repository_root(o.content_dir);
  for (QueueLine& l : lines) l.file = shown_file(l.file, true, o.content_dir, root);
  print_queue(lines, person, today, o.format);
  std::size_t proposals = 0, urgent = 0;
  for (const QueueLine& l : lines) proposals += l.fields["kind"] == "proposal", urgent += l.urgent && l.fields["kind"] == "proposal";
  std::cerr << person << "'s queue on " << today << ": " << proposals << (proposals == 1 ? " proposal" : " proposals") << " (" << urgent
            << " overdue), " << lines.size() - proposals << (lines.size() - proposals == 1 ? " page" : " pages") << " past review\n";
  return 0;
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
  if (!o.person.empty()) return run_queue(o, site, log, today);
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
  cmd->add_option("--for", o->person, "Print this person's queue instead: proposals they decide or are consulted on, pages they own past review");
  cmd->callback([o, &run] { run = [o] { return run_check(*o); }; });
}

}  // namespace logbook::cli
