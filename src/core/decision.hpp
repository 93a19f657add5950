// Decision records: the pages in the decisions folder, read in whichever dialect
// they were written, with the supersession chain derived both ways.
//
// Dialects, recognised per file (a team moves to Logbook without editing a file):
//   front_matter  MADR 3/4 and Logbook's own: YAML `id`, `title`, `status`, `date`,
//                 `deciders` (or MADR 4's `decision-makers`), `consulted`, `informed`,
//                 `tags`, `supersedes`, `superseded_by`, `review_by`
//   madr2         MADR 2 and log4brains: `* Status: accepted` / `- Date: 2020-10-16`
//                 bullets under the title; `superseded by [slug](file.md)` in the status
//   nygard        adr-tools / Michael Nygard: `# 3. Title`, a `Date:` line, and a
//                 `## Status` section whose lines may say `Superseded by [5. Foo](0005-foo.md)`
// Front matter wins where a file has both; the body fills in what it lacks.
//
// Ids: the front matter `id`, else the number in the file name with the configured
// prefix (0003-foo.md -> ADR-0003); date-named files (20201016-slug.md) use the slug.
// Index pages, README.md and the template in the folder are not records.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "site.hpp"
#include "site_config.hpp"

namespace logbook {

enum class DecisionDialect { none, front_matter, madr2, nygard };
std::string_view dialect_name(DecisionDialect d);

struct SourcePosition {
  int line = 0;    // 1-based in the file; 0 = unknown
  int column = 0;
};

// A reference to another record as written: "ADR-0003", "3", "0005-foo.md", "20201016-slug".
struct DecisionRef {
  std::string text;
  SourcePosition at;
  int target = -1;  // index into DecisionLog::decisions; -1 when it names no record
};

struct Decision {
  int page = -1;            // index into Site::pages
  std::string path;         // decisions/0003-foo.md
  std::string id;           // ADR-0003, or the slug of a date-named file
  int number = -1;          // 3; -1 when neither file name nor id carries one
  int file_number = -1;     // the number in the file name alone
  std::string title;        // "" when the record has none
  // Lowercase: the first word of a configured status or of "<word> by ..." ("superseded by
  // ADR-5" -> "superseded"), else the words as written ("On hold (budget)" -> "on hold").
  std::string status;
  std::string status_text;  // as written, for messages: "On hold (budget)"
  std::string date;         // as written; checks report it unless YYYY-MM-DD
  std::string review_by;    // comments due (proposed) or revisit by (accepted)
  std::vector<std::string> deciders, consulted, informed, tags;
  std::vector<DecisionRef> supersedes;     // as declared in this file
  std::vector<DecisionRef> superseded_by;  // as declared in this file
  DecisionDialect dialect = DecisionDialect::none;

  // Where each field was written (for diagnostics); fields absent from the file map to line 1.
  SourcePosition id_at, title_at, status_at, date_at, review_by_at;

  // The chain, derived from declarations on either side (indexes into decisions).
  std::vector<int> predecessors;  // records this one supersedes
  std::vector<int> successors;    // records that supersede this one
};

struct DecisionLog {
  std::vector<Decision> decisions;  // in path order

  // The record a reference names, seen from the record at `from` (for relative paths); -1 if none.
  int resolve(std::string_view ref, int from = -1) const;
  // The record of a page, or -1.
  int for_page(int page) const;
  // One more than the highest number in use (gaps are never filled: numbers are never reused).
  int next_number() const;

  // Lookups for resolve and for_page, made by extract_decisions, so that resolving every
  // reference of every record stays linear in the content (the first record wins a key).
  void build_index();
  std::unordered_map<std::string, int> by_path, by_id, by_stem;  // ids and stems in lower case
  std::unordered_map<int, int> by_number, by_page;
};

// True for a page the decisions folder holds as a record: not index, README or a template
// (template.md, adr-template*.md, 0000-template.md, template-*.md, templates/).
bool is_decision_path(const SiteConfig& config, std::string_view path);

// True for a template in the decisions folder (the names above): it is neither built nor
// checked, like the folder's template.md.
bool is_decision_template(const SiteConfig& config, std::string_view path);

// The folder of an existing decision log when logbook.yml names none: of the folders
// where adr-tools, MADR and log4brains keep one (decisions, adr, adrs, doc/adr, docs/adr,
// doc/decisions, docs/decisions, doc/architecture/decisions, docs/architecture/decisions,
// architecture/decisions), the one with the most files shaped like records (numbered or
// dated names, or a Status); ties go to the earlier. None: "decisions".
std::string discover_decisions_folder(const std::vector<SourceFile>& files);

// logbook.yml's `decisions` when it sets one, else the discovered folder.
std::string decisions_folder(const SiteConfig& config, const std::vector<SourceFile>& files);

DecisionLog extract_decisions(const Site& site, const SiteConfig& config = {});

// "ADR-" and 7 -> "ADR-0007"
std::string format_decision_id(std::string_view prefix, int number);

// A new record's file in the decisions folder: 7 and "use-sqlite" -> "0007-use-sqlite.md".
std::string decision_file_name(int number, std::string_view slug);

// The template `logbook new decision` and "Propose a decision" start from when the
// decisions folder has no template.md (MADR's sections, Logbook's front matter).
std::string_view default_decision_template();

// What a new record's template is filled with.
struct DecisionTemplateFields {
  std::string id;         // {{id}}: "ADR-0007"
  std::string title;      // {{title}}
  std::string date;       // {{date}}
  std::string review_by;  // {{review_by}}: the comment deadline
  int number = 0;         // {{number}}: "7"
};

// The template with {{id}}, {{title}}, {{date}}, {{review_by}} and {{number}} replaced
// in one pass (a value is never read again as a placeholder). Inside HTML comments
// (<!-- -->) they are left as written: that is where a template explains itself.
std::string fill_decision_template(std::string_view text, const DecisionTemplateFields& fields);

// Where the repository is hosted, for "Propose a decision".
struct ProposeLocation {
  std::string repository;      // "https://github.com/org/docs" (no trailing '/'); "" = none
  std::string branch;          // "main"
  std::string content_prefix;  // the content folder in the repository ("content"), or ""
};

// GitHub's "new file" page in the decisions folder, named for the next record
// (0007-title.md) with the team's template as its content (default_decision_template()
// when the folder has none): the next
// id and number filled in, the title as "Title" and the dates as YYYY-MM-DD for the
// author to replace (the link is built once and followed on a later day).
// "" when the site names no repository.
std::string propose_decision_url(const ProposeLocation& where, const SiteConfig& config, const DecisionLog& log,
                                 std::string_view template_text);

// Position of a top-level front matter key's value in a page's source ({0,0} if absent).
SourcePosition front_matter_position(const Page& page, std::string_view key);

}  // namespace logbook
