// Spec: decision records are read in the dialect they were written in, with ids from
// the front matter or the file name, and the supersession chain derived both ways.
#include <doctest/doctest.h>

#include "core/decision.hpp"

using namespace logbook;

namespace {

struct Built {
  Site site;
  DecisionLog log;
  const Decision& at(std::string_view path) const {
    for (const Decision& d : log.decisions)
      if (d.path == path) return d;
    FAIL("no decision " << path);
    return log.decisions.front();
  }
  std::string id_of(int index) const { return log.decisions[static_cast<std::size_t>(index)].id; }
};

Built build(std::vector<SourceFile> files, const SiteConfig& config = {}) {
  Built b;
  b.site = build_site(std::move(files));
  b.log = extract_decisions(b.site, config);
  return b;
}

// adr-tools writes these (its own repository's first records, lightly shortened).
constexpr const char* kNygard1 = R"md(# 1. Record architecture decisions

Date: 2016-02-12

## Status

Superseded by [3. Use SQLite](0003-use-sqlite.md)

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as described by Michael Nygard.

## Consequences

See Michael Nygard's article, linked above.
)md";

constexpr const char* kNygard3 = R"md(# 3. Use SQLite

Date: 2016-04-01

## Status

Accepted

Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)

## Context

One file is easier to ship.
)md";

// MADR 2.1.2's own first record.
constexpr const char* kMadr2 = R"md(# Use Markdown Architectural Decision Records

* Status: accepted
* Deciders: Oliver Kopp, Olaf Zimmermann
* Date: 2017-12-13

Technical Story: https://github.com/adr/madr/issues/1

## Context and Problem Statement

We want to record architectural decisions made in this project.
)md";

// log4brains: date-named files, `-` bullets, superseded by a link to the slug.
constexpr const char* kLog4brainsOld = R"md(# Use Docusaurus for the docs

- Status: superseded by [20201016-use-log4brains-to-manage-the-adrs](20201016-use-log4brains-to-manage-the-adrs.md)
- Date: 2020-09-01
- Tags: doc

## Context and Problem Statement

We need a documentation site.
)md";

constexpr const char* kLog4brainsNew = R"md(# Use Log4brains to manage the ADRs

- Status: accepted
- Date: 2020-10-16
- Tags: dev-tools, doc

## Context and Problem Statement

We want to record architectural decisions made in this project.
Which tool(s) should we use to manage these records?
)md";

// MADR 3: front matter with deciders as text.
constexpr const char* kMadr3 = R"md(---
status: accepted
date: 2022-11-08
deciders: Oliver Kopp, Olaf Zimmermann
consulted: Stefan Kapferer
informed: MADR users
---
# Use Plain JUnit5 for advanced test assertions

## Context and Problem Statement

How to write readable test assertions?
)md";

// MADR 4: `decision-makers`, a quoted status that names its successor.
constexpr const char* kMadr4 = R"md(---
status: "superseded by ADR-0006"
date: 2024-09-05
decision-makers: [Ana, Ben]
consulted: [Chris]
informed: [the platform team]
---
# Deploy on Fridays

## Context and Problem Statement
)md";

}  // namespace

TEST_CASE("adr-tools / Nygard: numbered title, Date line, Status section with supersession links") {
  const Built b = build({{"decisions/0001-record-architecture-decisions.md", kNygard1}, {"decisions/0003-use-sqlite.md", kNygard3}});
  REQUIRE(b.log.decisions.size() == 2);
  const Decision& first = b.at("decisions/0001-record-architecture-decisions.md");
  CHECK(first.dialect == DecisionDialect::nygard);
  CHECK(first.id == "ADR-0001");
  CHECK(first.number == 1);
  CHECK(first.title == "Record architecture decisions");
  CHECK(first.date == "2016-02-12");
  CHECK(first.date_at.line == 3);
  CHECK(first.date_at.column == 7);
  CHECK(first.status == "superseded");
  CHECK(first.status_at.line == 7);
  REQUIRE(first.superseded_by.size() == 1);
  CHECK(first.superseded_by[0].text == "0003-use-sqlite.md");
  CHECK(b.id_of(first.superseded_by[0].target) == "ADR-0003");

  const Decision& third = b.at("decisions/0003-use-sqlite.md");
  CHECK(third.status == "accepted");
  REQUIRE(third.supersedes.size() == 1);
  CHECK(b.id_of(third.supersedes[0].target) == "ADR-0001");
  CHECK(third.predecessors == std::vector<int>{0});
  CHECK(first.successors == std::vector<int>{1});
}

// Found by fuzz_decisions: an eleven-digit title number threw std::out_of_range from
// std::stoi, and `logbook build` and `check` aborted.
TEST_CASE("a title number too long to be a record number is part of the title") {
  const Built b = build({{"decisions/use-sqlite.md", "# 99999999999. Use SQLite\n\nDate: 2016-02-12\n\n## Status\n\nAccepted\n"}});
  REQUIRE(b.log.decisions.size() == 1);
  CHECK(b.log.decisions[0].title == "99999999999. Use SQLite");
  CHECK(b.log.decisions[0].number == -1);
}

TEST_CASE("MADR 2: `* Status:` and `* Date:` bullets under the title") {
  const Built b = build({{"decisions/0000-use-markdown-architectural-decision-records.md", kMadr2}});
  const Decision& d = b.at("decisions/0000-use-markdown-architectural-decision-records.md");
  CHECK(d.dialect == DecisionDialect::madr2);
  CHECK(d.id == "ADR-0000");
  CHECK(d.title == "Use Markdown Architectural Decision Records");
  CHECK(d.status == "accepted");
  CHECK(d.date == "2017-12-13");
  CHECK(d.deciders == std::vector<std::string>{"Oliver Kopp", "Olaf Zimmermann"});
}

TEST_CASE("log4brains: date-named files take the slug as id; `superseded by [slug](file.md)`") {
  const Built b = build({{"decisions/20200901-use-docusaurus-for-the-docs.md", kLog4brainsOld},
                         {"decisions/20201016-use-log4brains-to-manage-the-adrs.md", kLog4brainsNew}});
  const Decision& old = b.at("decisions/20200901-use-docusaurus-for-the-docs.md");
  const Decision& chosen = b.at("decisions/20201016-use-log4brains-to-manage-the-adrs.md");
  CHECK(old.dialect == DecisionDialect::madr2);
  CHECK(old.id == "use-docusaurus-for-the-docs");
  CHECK(old.number == -1);
  CHECK(old.status == "superseded");
  CHECK(old.date == "2020-09-01");
  CHECK(old.tags == std::vector<std::string>{"doc"});
  REQUIRE(old.superseded_by.size() == 1);
  CHECK(old.superseded_by[0].target >= 0);
  CHECK(chosen.id == "use-log4brains-to-manage-the-adrs");
  CHECK(chosen.tags == std::vector<std::string>{"dev-tools", "doc"});
  // Only the old record declares it; the chain is known from both ends.
  CHECK(chosen.predecessors.size() == 1);
  CHECK(chosen.supersedes.empty());
}

TEST_CASE("MADR 3: YAML front matter with deciders, consulted and informed as text") {
  const Built b = build({{"decisions/0004-use-plain-junit5.md", kMadr3}});
  const Decision& d = b.at("decisions/0004-use-plain-junit5.md");
  CHECK(d.dialect == DecisionDialect::front_matter);
  CHECK(d.id == "ADR-0004");
  CHECK(d.title == "Use Plain JUnit5 for advanced test assertions");
  CHECK(d.status == "accepted");
  CHECK(d.status_at.line == 2);
  CHECK(d.status_at.column == 9);
  CHECK(d.date == "2022-11-08");
  CHECK(d.deciders == std::vector<std::string>{"Oliver Kopp", "Olaf Zimmermann"});
  CHECK(d.consulted == std::vector<std::string>{"Stefan Kapferer"});
  CHECK(d.informed == std::vector<std::string>{"MADR users"});
}

TEST_CASE("MADR 4: decision-makers, and a status that names the successor") {
  const Built b = build({{"decisions/0005-deploy-on-fridays.md", kMadr4},
                         {"decisions/0006-no-friday-deploys.md", "---\nstatus: accepted\ndate: 2024-10-01\n---\n# No Friday deploys\n"}});
  const Decision& d = b.at("decisions/0005-deploy-on-fridays.md");
  CHECK(d.deciders == std::vector<std::string>{"Ana", "Ben"});
  CHECK(d.consulted == std::vector<std::string>{"Chris"});
  CHECK(d.status == "superseded");
  REQUIRE(d.superseded_by.size() == 1);
  CHECK(d.superseded_by[0].text == "ADR-0006");
  CHECK(b.id_of(d.superseded_by[0].target) == "ADR-0006");
}

TEST_CASE("Logbook's own records: id, supersedes and superseded_by in front matter, review_by") {
  const Built b = build({
      {"decisions/0001-a.md", "---\nid: ADR-0001\ntitle: A\nstatus: superseded\ndate: 2026-01-01\nsuperseded_by: [ADR-0002]\n---\n# A\n"},
      {"decisions/0002-b.md", "---\nid: ADR-0002\ntitle: B\nstatus: accepted\ndate: 2026-02-01\nreview_by: 2027-02-01\n"
                              "supersedes: ADR-0001\ntags: [infra]\n---\n# B\n"},
  });
  const Decision& b2 = b.at("decisions/0002-b.md");
  CHECK(b2.review_by == "2027-02-01");
  CHECK(b2.review_by_at.line == 6);
  CHECK(b2.tags == std::vector<std::string>{"infra"});
  REQUIRE(b2.supersedes.size() == 1);
  CHECK(b2.supersedes[0].at.line == 7);
  CHECK(b2.predecessors == std::vector<int>{0});
  CHECK(b.at("decisions/0001-a.md").successors == std::vector<int>{1});
}

TEST_CASE("ids: front matter wins, else the file name's number with the configured prefix") {
  SiteConfig config;
  config.decision_id_prefix = "DR-";
  const Built b = build({{"decisions/0007-x.md", "# X\n"},
                         {"decisions/0008-y.md", "---\nid: ARCH-12\n---\n# Y\n"},
                         {"decisions/notes.md", "---\nid: RFC-3\n---\n# Notes\n"},
                         {"decisions/unnumbered.md", "# Unnumbered\n"}},
                        config);
  CHECK(b.at("decisions/0007-x.md").id == "DR-0007");
  CHECK(b.at("decisions/0008-y.md").id == "ARCH-12");
  CHECK(b.at("decisions/0008-y.md").number == 12);
  CHECK(b.at("decisions/0008-y.md").file_number == 8);
  CHECK(b.at("decisions/notes.md").number == 3);
  CHECK(b.at("decisions/unnumbered.md").id == "unnumbered");
}

TEST_CASE("the decisions folder is configurable; index, README and the template are not records") {
  SiteConfig config;
  config.decisions = "adr";
  const Built b = build({{"adr/index.md", "# Log\n"}, {"adr/README.md", "# Readme\n"}, {"adr/template.md", "# T\n"},
                         {"adr/0001-a.md", "# 1. A\n"}, {"decisions/0001-b.md", "# B\n"}},
                        config);
  REQUIRE(b.log.decisions.size() == 1);
  CHECK(b.log.decisions[0].path == "adr/0001-a.md");
  CHECK(is_decision_path(config, "adr/sub/0002-c.md"));
  CHECK_FALSE(is_decision_path(config, "adr/template.md"));
}

TEST_CASE("the templates adr-tools, MADR and log4brains ship beside the records are not records") {
  SiteConfig config;
  config.decisions = "docs/adr";
  for (const char* path : {"docs/adr/template.md", "docs/adr/adr-template.md", "docs/adr/adr-template-minimal.md",
                           "docs/adr/0000-template.md", "docs/adr/template-short.md", "docs/adr/Template.md",
                           "docs/adr/templates/template.md"})
    CHECK_MESSAGE(!is_decision_path(config, path), std::string(path));
  // A record about templates is still a record; so is MADR's own first record.
  for (const char* path : {"docs/adr/0005-adopt-a-template-engine.md", "docs/adr/0000-use-markdown-architectural-decision-records.md",
                           "docs/adr/20201016-template-for-emails.md", "docs/adr/0007-template-fields.md"})
    CHECK_MESSAGE(is_decision_path(config, path), std::string(path));
}

TEST_CASE("an existing log is found where adr-tools, MADR and log4brains keep it, by the shape of its records") {
  // adr-tools: doc/adr (or doc/architecture/decisions), Nygard records, numbered names.
  CHECK(discover_decisions_folder({{"index.md", "# Home\n"}, {"doc/adr/0001-record-architecture-decisions.md", kNygard1},
                                   {"doc/adr/0003-use-sqlite.md", kNygard3}}) == "doc/adr");
  CHECK(discover_decisions_folder({{"doc/architecture/decisions/0001-record.md", kNygard1}}) == "doc/architecture/decisions");
  // MADR: docs/decisions, front matter, its template beside the records.
  CHECK(discover_decisions_folder({{"docs/decisions/0001-use-madr.md", kMadr3}, {"docs/decisions/adr-template.md", kMadr3},
                                   {"docs/decisions/README.md", "# Decisions\n"}}) == "docs/decisions");
  // log4brains: docs/adr, dated names, index and template.
  CHECK(discover_decisions_folder({{"docs/adr/20200924-use-docusaurus.md", kLog4brainsOld},
                                   {"docs/adr/20201016-use-log4brains.md", kLog4brainsNew},
                                   {"docs/adr/2021-03-01-use-dated-names.md", "# Dated\n"},
                                   {"docs/adr/index.md", "# Log\n"}, {"docs/adr/template.md", kMadr2}}) == "docs/adr");
  // Names alone need no number when the records say their Status.
  CHECK(discover_decisions_folder({{"architecture/decisions/use-sqlite.md", "# Use SQLite\n\n## Status\n\nAccepted\n"},
                                   {"architecture/decisions/use-wasm.md", "# Use wasm\n\n* Status: proposed\n"}}) ==
        "architecture/decisions");
  // The folder with the most records wins; on a tie, the earlier in the list above.
  CHECK(discover_decisions_folder({{"decisions/0001-a.md", "# A\n"}, {"docs/adr/0001-b.md", "# B\n"}, {"docs/adr/0002-c.md", "# C\n"}}) ==
        "docs/adr");
  CHECK(discover_decisions_folder({{"adrs/0001-a.md", "# A\n"}, {"adr/0001-b.md", "# B\n"}}) == "adr");
}

TEST_CASE("a folder that merely happens to be called adr, holding ordinary pages, is not a log") {
  const std::vector<SourceFile> files = {{"index.md", "# Home\n"},
                                         {"adr/overview.md", "# What an ADR is\n\nStatus: we explain them here.\n"},
                                         {"adr/how-to-write-one.md", "# How to write one\n\n## Context\n\nText.\n"},
                                         {"adr/template.md", "---\nstatus: proposed\n---\n# {{title}}\n"}};
  CHECK(discover_decisions_folder(files) == "decisions");
  CHECK(discover_decisions_folder({}) == "decisions");
}

TEST_CASE("logbook.yml's decisions overrides discovery; without it the discovered log is read") {
  const std::vector<SourceFile> files = {{"index.md", "# Home\n"}, {"doc/adr/0001-record.md", kNygard1},
                                         {"records/0001-mine.md", "---\nstatus: accepted\n---\n# Mine\n"}};
  SiteConfig config;
  CHECK(decisions_folder(config, files) == "doc/adr");
  config.decisions = "records";
  config.decisions_configured = true;
  CHECK(decisions_folder(config, files) == "records");

  SiteConfig found;
  found.decisions = decisions_folder(found, files);
  const Built b = build(files, found);
  REQUIRE(b.log.decisions.size() == 1);
  CHECK(b.log.decisions[0].id == "ADR-0001");
  CHECK(b.log.decisions[0].status == "superseded");
}

TEST_CASE("references resolve by id, number, file name, path and slug") {
  const Built b = build({{"decisions/0003-use-sqlite.md", "# 3. Use SQLite\n"},
                         {"decisions/20201016-use-log4brains.md", "# Log4brains\n"}});
  CHECK(b.log.resolve("ADR-0003") == 0);
  CHECK(b.log.resolve("adr-3") == 0);
  CHECK(b.log.resolve("3") == 0);
  CHECK(b.log.resolve("0003-use-sqlite") == 0);
  CHECK(b.log.resolve("0003-use-sqlite.md", 1) == 0);
  CHECK(b.log.resolve("../decisions/0003-use-sqlite.md", 0) == 0);
  CHECK(b.log.resolve("use-log4brains") == 1);
  CHECK(b.log.resolve("20201016-use-log4brains.md", 0) == 1);
  CHECK(b.log.resolve("ADR-0009") == -1);
  CHECK(b.log.resolve("0003-renamed.md", 0) == -1);
  // A path resolves as a link does (core/site's join_content_path): one that climbs
  // above the content folder names no record, rather than being pulled back inside.
  CHECK(b.log.resolve("../../decisions/0003-use-sqlite.md", 0) == -1);
  CHECK(b.log.resolve("/decisions/0003-use-sqlite.md", 0) == 0);
  CHECK(b.log.resolve("") == -1);
}

TEST_CASE("numbers: the next one follows the highest, gaps are never filled") {
  const Built b = build({{"decisions/0001-a.md", "# A\n"}, {"decisions/0002-b.md", "# B\n"}, {"decisions/0009-c.md", "# C\n"}});
  CHECK(b.log.next_number() == 10);
  // An id above its file's number still counts: ADR-0012 in 0003-x.md makes the next 13.
  CHECK(build({{"decisions/0003-x.md", "---\nid: ADR-0012\n---\n# X\n"}}).log.next_number() == 13);
  CHECK(build({}).log.next_number() == 1);
  CHECK(format_decision_id("ADR-", 7) == "ADR-0007");
  CHECK(format_decision_id("ADR-", 12345) == "ADR-12345");
}

TEST_CASE("a record without status, date or title is still read") {
  const Built b = build({{"decisions/0001-bare.md", "Just some notes.\n"}});
  REQUIRE(b.log.decisions.size() == 1);
  const Decision& d = b.log.decisions[0];
  CHECK(d.dialect == DecisionDialect::none);
  CHECK(d.status.empty());
  CHECK(d.date.empty());
  CHECK(d.title.empty());
  CHECK(d.status_at.line == 1);
}

TEST_CASE("statuses: a known one or one followed by 'by' is its first word; one the team made up stays whole") {
  const Built b = build({{"decisions/0001-a.md", "---\nstatus: On hold\n---\n# A\n"},
                         {"decisions/0002-b.md", "# 2. B\n\n## Status\n\nOn  hold (until the budget, Q3)\n"},
                         {"decisions/0003-c.md", "# C\n\n* Status: waiting-for-review\n"},
                         {"decisions/0004-d.md", "---\nstatus: Accepted on 2026-01-02\n---\n# D\n"},
                         {"decisions/0005-e.md", "---\nstatus: replaced by ADR-0004\n---\n# E\n"},
                         {"decisions/0006-f.md", "# 6. F\n\n## Status\n\nSuperseded by [4. D](0004-d.md)\n"}});
  CHECK(b.at("decisions/0001-a.md").status == "on hold");
  CHECK(b.at("decisions/0001-a.md").status_text == "On hold");
  CHECK(b.at("decisions/0002-b.md").status == "on hold");
  CHECK(b.at("decisions/0002-b.md").status_text == "On  hold (until the budget, Q3)");
  CHECK(b.at("decisions/0003-c.md").status == "waiting-for-review");
  CHECK(b.at("decisions/0004-d.md").status == "accepted");
  CHECK(b.at("decisions/0005-e.md").status == "replaced");
  CHECK(b.at("decisions/0006-f.md").status == "superseded");
  CHECK(b.at("decisions/0006-f.md").successors == std::vector<int>{3});
}

TEST_CASE("code blocks in a record are not read as fields") {
  const Built b = build({{"decisions/0001-a.md", "# 1. A\n\n```\nDate: 1999-01-01\n```\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n"}});
  CHECK(b.log.decisions[0].date == "2020-01-01");
  CHECK(b.log.decisions[0].status == "proposed");
}

TEST_CASE("a new record's template: every placeholder filled in one pass, instructions in comments kept") {
  const DecisionTemplateFields f{"ADR-0007", "Use {{id}} here", "2026-12-01", "2026-12-15", 7};
  CHECK(fill_decision_template("id: {{id}}\ntitle: {{title}}\ndate: {{date}}\nreview_by: {{review_by}}\n# {{number}}. {{title}}\n", f) ==
        "id: ADR-0007\ntitle: Use {{id}} here\ndate: 2026-12-01\nreview_by: 2026-12-15\n# 7. Use {{id}} here\n");
  CHECK(fill_decision_template("{{other}} {{ id }} {{id", f) == "{{other}} {{ id }} {{id");  // only the five
  CHECK(fill_decision_template("<!-- {{id}} is replaced --> {{id}} <!-- {{date}}", f) == "<!-- {{id}} is replaced --> ADR-0007 <!-- {{date}}");
  CHECK(fill_decision_template(default_decision_template(), {"ADR-0007", "T", "D", "R", 7}).find("{{") == std::string::npos);
  CHECK(decision_file_name(7, "use-sqlite") == "0007-use-sqlite.md");
  CHECK(decision_file_name(12345, "x") == "12345-x.md");
}

TEST_CASE("a template of 200,000 placeholders is filled in linear time" * doctest::timeout(2)) {
  std::string text;
  for (int i = 0; i < 200'000; ++i) text += "{{id}}";
  const std::string filled = fill_decision_template(text, {"ADR-0001", "", "", "", 1});
  CHECK(filled.size() == 200'000 * std::string("ADR-0001").size());
}

TEST_CASE("Propose a decision: GitHub's new-file page for the next record, its template filled") {
  const Built b = build({{"decisions/0001-a.md", "# A\n"}, {"decisions/0004-b.md", "# B\n"}});
  const ProposeLocation where{"https://github.com/org/docs", "main", "content"};
  const std::string url = propose_decision_url(where, {}, b.log, "id: {{id}}\ntitle: {{title}}\ndate: {{date}}\n# {{number}}\n");
  CHECK(url == "https://github.com/org/docs/new/main/content/decisions?filename=0005-title.md&value="
               "id%3A%20ADR-0005%0Atitle%3A%20Title%0Adate%3A%20YYYY-MM-DD%0A%23%205%0A");
  CHECK(propose_decision_url({"https://github.com/org/docs", "main", ""}, {}, b.log, "").ends_with("/new/main/decisions?filename=0005-title.md&value="));
  CHECK(propose_decision_url({}, {}, b.log, "x").empty());  // no repository, no link
}
