// Spec: `logbook check`'s rules. Each finding names file, line and column and says how
// to fix it; errors fail a pull request, warnings inform it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "core/checks.hpp"

using namespace logbook;

namespace {

constexpr const char* kToday = "2026-12-01";

struct Checked {
  Site site;
  DecisionLog log;
  Diagnostics findings;

  // The findings in `file` whose message contains `fragment`.
  std::vector<Diagnostic> find(std::string_view file, std::string_view fragment) const {
    std::vector<Diagnostic> out;
    for (const Diagnostic& d : findings)
      if (d.file == file && d.message.find(fragment) != std::string::npos) out.push_back(d);
    return out;
  }
  bool has(Severity severity, std::string_view file, std::string_view fragment, int line = -1, int column = -1) const {
    for (const Diagnostic& d : find(file, fragment))
      if (d.severity == severity && (line < 0 || d.line == line) && (column < 0 || d.column == column)) return true;
    return false;
  }
  std::size_t errors() const {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
  }
};

Checked check(std::vector<SourceFile> files, const SiteConfig& config = {}, std::string today = kToday) {
  Checked c;
  c.site = build_site(std::move(files));
  c.log = extract_decisions(c.site, config);
  c.findings = run_checks({c.site, c.log, config, std::move(today)});
  return c;
}

// A record in Logbook's own dialect; `extra` lines go into its front matter.
SourceFile record(int number, std::string status, std::string extra = "", std::string date = "2026-11-01") {
  char id[16];
  std::snprintf(id, sizeof id, "%04d", number);
  return {std::string("decisions/") + id + "-r.md",
          "---\nid: ADR-" + std::string(id) + "\ntitle: Record " + std::to_string(number) + "\nstatus: " + status +
              "\ndate: " + date + "\n" + extra + "---\n# Record " + std::to_string(number) + "\n"};
}

const std::vector<SourceFile> kHome = {{"index.md", "# Home\n"}, {"decisions/index.md", "# Decisions\n"}};

std::vector<SourceFile> with_home(std::vector<SourceFile> files) {
  files.insert(files.end(), kHome.begin(), kHome.end());
  return files;
}

}  // namespace

TEST_CASE("a clean site has no findings") {
  const Checked c = check(with_home({{"guides/a.md", "# A\n\nSee [home](../index.md#home).\n"},
                                     {"guides/index.md", "# Guides\n\n[A](a.md)\n"},
                                     record(1, "accepted", "review_by: 2027-06-01\n")}));
  CHECK(c.findings.empty());
}

TEST_CASE("broken links to pages, images and heading anchors are errors at the link") {
  const Checked c = check(with_home({{"a.md", "# A\n\n[gone](missing.md) and [[Nowhere]]\n\n![logo](img/logo.png)\n\n[bad anchor](index.md#nope)\n"}}));
  CHECK(c.has(Severity::error, "a.md", "missing.md is broken", 3, 1));
  CHECK(c.has(Severity::error, "a.md", "[[Nowhere]] is broken", 3));
  CHECK(c.has(Severity::error, "a.md", "image img/logo.png is broken", 5));
  CHECK(c.has(Severity::error, "a.md", "#nope in index.md is broken", 7));
  CHECK(c.find("a.md", "#nope")[0].message.find("(it has #home)") != std::string::npos);
  // The build's warnings at the same places are replaced, not repeated.
  CHECK(c.find("a.md", "missing.md").size() == 1);
  CHECK(c.find("a.md", "#nope").size() == 1);
}

TEST_CASE("a file renamed by a pull request breaks the links to its old path") {
  // Before: guides/setup.md. The pull request renamed it to guides/install.md.
  const Checked c = check(with_home({{"guides/index.md", "# Guides\n\n- [Setup](setup.md)\n- [Install](install.md)\n"},
                                     {"guides/install.md", "# Install\n"},
                                     {"guides/faq.md", "# FAQ\n\nSee [[guides/setup]] and the [guides](index.md).\n"}}));
  CHECK(c.has(Severity::error, "guides/index.md", "setup.md is broken", 3, 3));
  CHECK(c.has(Severity::error, "guides/faq.md", "[[guides/setup]] is broken", 3));
  CHECK(c.find("guides/index.md", "setup.md is broken")[0].message.find("renamed or moved") != std::string::npos);
  CHECK(c.errors() == 2);
}

TEST_CASE("an unknown status is a warning at the status field; the configured set is used") {
  const Checked c = check(with_home({record(1, "approved")}));
  CHECK(c.has(Severity::warning, "decisions/0001-r.md", "status 'approved' is not one of proposed, accepted", 4, 9));
  CHECK(c.errors() == 0);

  SiteConfig config;
  config.statuses = {"draft", "approved"};
  const Checked custom = check(with_home({record(1, "approved")}), config);
  CHECK(custom.find("decisions/0001-r.md", "status").empty());
}

TEST_CASE("a misspelt wikilink target or status says what was probably meant") {
  const Checked c = check(with_home({{"guides/setup.md", "# Setup\n"},
                                     {"a.md", "# A\n\n[[Setpu]], [[guides/setp]], [[Hoem#x]] and [[Quarterly budget]]\n"},
                                     record(1, "acepted")}));
  CHECK(c.find("a.md", "[[Setpu]] is broken")[0].message.find("Did you mean [[Setup]]?") != std::string::npos);
  CHECK(c.find("a.md", "[[guides/setp]] is broken")[0].message.find("Did you mean [[guides/setup]]?") != std::string::npos);
  CHECK(c.find("a.md", "[[Hoem#x]] is broken")[0].message.find("Did you mean [[Home]]?") != std::string::npos);
  // Nothing close: no guess.
  CHECK(c.find("a.md", "[[Quarterly budget]] is broken")[0].message.find("Did you mean") == std::string::npos);
  CHECK(c.has(Severity::warning, "decisions/0001-r.md", "status 'acepted' is not one of proposed, accepted, rejected, "
                                                        "deprecated, superseded; did you mean 'accepted'?", 4, 9));
  CHECK(closest_name("Aproved", {"proposed", "approved"}) == "approved");
  CHECK(closest_name("x", {"proposed"}).empty());
}

TEST_CASE("suggestions for broken wikilinks stay linear in the content" * doctest::timeout(10)) {
  std::vector<SourceFile> files = {{"index.md", "# Home\n"}};
  // Without the cap: 5,000 links x 2,000 names, about 10^9 steps; with it, 100 x 2,000.
  for (int i = 0; i < 1000; ++i) files.push_back({"p/page-" + std::to_string(i) + ".md", "# Page number " + std::to_string(i) + "\n"});
  std::string broken = "# Broken\n\n";
  for (int i = 0; i < 5000; ++i) broken += "[[Page nmber " + std::to_string(i) + "]]\n";
  files.push_back({"broken.md", broken});
  const Checked c = check(files);
  CHECK(c.find("broken.md", "Did you mean").size() == 100);  // the first hundred get a guess
  CHECK(c.find("broken.md", "is broken").size() == 5000);
}

TEST_CASE("an unknown status of several words is quoted whole, as written, and the record keeps it") {
  const Checked c = check(with_home({record(1, "On hold"),
                                     {"decisions/0002-n.md", "# 2. N\n\nDate: 2026-11-02\n\n## Status\n\nWaiting for budget (Q3)\n"}}));
  CHECK(c.has(Severity::warning, "decisions/0001-r.md", "status 'On hold' is not one of proposed, accepted", 4, 9));
  CHECK(c.has(Severity::warning, "decisions/0002-n.md", "status 'Waiting for budget (Q3)' is not one of", 7, 1));
  CHECK(c.errors() == 0);
}

TEST_CASE("duplicate ids are errors on every record that uses them, suggesting the next number") {
  const Checked c = check(with_home({record(1, "accepted"), record(2, "accepted"),
                                     {"decisions/0003-copy.md", "---\nid: ADR-0002\ntitle: Copy\nstatus: proposed\ndate: 2026-11-02\n---\n# Copy\n"}}));
  CHECK(c.has(Severity::error, "decisions/0002-r.md", "id ADR-0002 is also used by decisions/0003-copy.md", 2, 5));
  CHECK(c.has(Severity::error, "decisions/0003-copy.md", "id ADR-0002 is also used by decisions/0002-r.md"));
  CHECK(c.find("decisions/0003-copy.md", "also used")[0].message.find("ADR-0004") != std::string::npos);
}

TEST_CASE("ids out of sequence: gaps are fine; an id that disagrees with its file name is a warning") {
  const Checked c = check(with_home({record(1, "accepted"), record(4, "accepted"),
                                     {"decisions/0007-x.md", "---\nid: ADR-0009\ntitle: X\nstatus: accepted\ndate: 2026-11-02\n---\n# X\n"}}));
  CHECK(c.errors() == 0);
  CHECK(c.has(Severity::warning, "decisions/0007-x.md", "does not match the number 7 in the file name", 2));
}

TEST_CASE("dates in the wrong format are errors, in front matter and in the body dialects") {
  const Checked c = check(with_home({
      record(1, "accepted", "review_by: 2026-6-1\n", "12/02/2026"),
      {"guides.md", "---\ndate: 2026-02-30\n---\n# Guides\n"},
      {"decisions/0002-nygard.md", "# 2. Nygard\n\nDate: 2016-02-12T10:00\n\n## Status\n\nAccepted\n"},
  }));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "'date' is \"12/02/2026\"", 5, 7));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "'review_by' is \"2026-6-1\"", 6, 12));
  CHECK(c.has(Severity::error, "guides.md", "'date' is \"2026-02-30\"", 2, 7));
  CHECK(c.has(Severity::error, "decisions/0002-nygard.md", "'Date' is \"2016-02-12T10:00\"", 3, 7));
  // The build's warning at the same place gives way to the error.
  CHECK(c.find("guides.md", "2026-02-30").size() == 1);
}

TEST_CASE("malformed front matter is an error") {
  const Checked c = check(with_home({{"bad.md", "---\ntitle: Outage: what happened\n---\n# Bad\n"}}));
  CHECK(c.has(Severity::error, "bad.md", "malformed front matter"));
}

TEST_CASE("supersedes pointing to a missing record is an error at the reference") {
  const Checked c = check(with_home({record(1, "accepted", "supersedes: [ADR-0042]\n")}));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "supersedes 'ADR-0042', which is not a decision record", 6));
  // A path that climbs out of the content folder is no record either (it was pulled back inside).
  const Checked out = check(with_home({record(1, "accepted"), record(2, "accepted", "supersedes: [../../decisions/0001-r.md]\n")}));
  CHECK(out.has(Severity::error, "decisions/0002-r.md", "supersedes '../../decisions/0001-r.md', which is not a decision record", 6));
}

TEST_CASE("supersession declared on one side only is an error on the side that is silent") {
  SUBCASE("the new record says supersedes; the old one does not say superseded_by") {
    const Checked c = check(with_home({record(1, "accepted"), record(2, "proposed", "supersedes: [ADR-0001]\n")}));
    CHECK(c.has(Severity::error, "decisions/0001-r.md", "ADR-0002 (decisions/0002-r.md) supersedes this record, but this record does not say so", 4));
    CHECK(c.find("decisions/0001-r.md", "add `superseded_by: ADR-0002`").size() == 1);
  }
  SUBCASE("the old record says superseded_by; the new one does not say supersedes") {
    const Checked c = check(with_home({record(1, "accepted", "superseded_by: ADR-0002\n"), record(2, "proposed")}));
    CHECK(c.has(Severity::error, "decisions/0002-r.md", "says it is superseded by this record", 4));
    CHECK(c.find("decisions/0002-r.md", "add `supersedes: ADR-0001`").size() == 1);
  }
  SUBCASE("in the Nygard dialect the fix is a Status line") {
    const Checked c = check(with_home({{"decisions/0001-a.md", "# 1. A\n\nDate: 2016-01-01\n\n## Status\n\nAccepted\n"},
                                       {"decisions/0002-b.md", "# 2. B\n\nDate: 2016-02-01\n\n## Status\n\nProposed\n\nSupersedes [1. A](0001-a.md)\n"}}));
    CHECK(c.find("decisions/0001-a.md", "add the line `Superseded by [B](0002-b.md)` to its Status section").size() == 1);
  }
  SUBCASE("declared on both sides, while the successor is proposed: consistent") {
    const Checked c = check(with_home({record(1, "accepted", "superseded_by: ADR-0002\n"), record(2, "proposed", "supersedes: ADR-0001\n")}));
    CHECK(c.errors() == 0);
  }
}

TEST_CASE("a superseded record whose successor is not accepted is an error") {
  const Checked c = check(with_home({record(1, "superseded", "superseded_by: ADR-0002\n"), record(2, "proposed", "supersedes: ADR-0001\n")}));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "its successor ADR-0002 is proposed, not accepted", 4));
}

TEST_CASE("once the successor is accepted the old record must say superseded") {
  const Checked c = check(with_home({record(1, "accepted", "superseded_by: ADR-0002\n"), record(2, "accepted", "supersedes: ADR-0001\n")}));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "set `status: superseded`", 4, 9));
  const Checked done = check(with_home({record(1, "superseded", "superseded_by: ADR-0002\n"), record(2, "accepted", "supersedes: ADR-0001\n")}));
  CHECK(done.findings.empty());
}

TEST_CASE("a record superseded by a rejected one is an error; the rejected proposal itself is fine") {
  const Checked c = check(with_home({record(1, "superseded", "superseded_by: ADR-0002\n"), record(2, "rejected", "supersedes: ADR-0001\n")}));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "superseded by ADR-0002 (decisions/0002-r.md), which was rejected", 6));
  CHECK(c.find("decisions/0002-r.md", "").empty());
  // A rejected proposal that names what it would have replaced needs nothing from the old record.
  const Checked history = check(with_home({record(1, "accepted"), record(2, "rejected", "supersedes: ADR-0001\n")}));
  CHECK(history.findings.empty());
}

TEST_CASE("a superseded status with no successor is an error") {
  const Checked c = check(with_home({record(1, "superseded")}));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "no record supersedes it", 4));
}

TEST_CASE("self-supersession is an error") {
  const Checked c = check(with_home({record(1, "accepted", "supersedes: ADR-0001\n")}));
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "supersedes itself", 6));
}

TEST_CASE("a supersession cycle is reported once, naming the whole cycle") {
  const Checked c = check(with_home({record(1, "superseded", "superseded_by: ADR-0002\nsupersedes: ADR-0003\n"),
                                     record(2, "superseded", "superseded_by: ADR-0003\nsupersedes: ADR-0001\n"),
                                     record(3, "superseded", "superseded_by: ADR-0001\nsupersedes: ADR-0002\n")}));
  std::size_t cycles = 0;
  for (const Diagnostic& d : c.findings) cycles += d.message.find("cycle") != std::string::npos;
  CHECK(cycles == 1);
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "cycle: ADR-0001 → ADR-0002 → ADR-0003 → ADR-0001"));
}

TEST_CASE("supersession in the older dialects is checked the same way") {
  const Checked c = check(with_home({
      {"decisions/20200901-old.md", "# Old\n\n- Status: superseded by [20201016-new](20201016-new.md)\n- Date: 2020-09-01\n"},
      {"decisions/20201016-new.md", "# New\n\n- Status: accepted\n- Date: 2020-10-16\n"},
  }));
  // Only the old record declares it: the new one should say what it supersedes.
  CHECK(c.has(Severity::error, "decisions/20201016-new.md", "says it is superseded by this record"));
  CHECK(c.errors() == 1);
}

TEST_CASE("review dates: pages and accepted records past review_by are warnings") {
  const Checked c = check(with_home({{"runbook.md", "---\ntitle: Runbook\nowner: ops\nreview_by: 2026-11-20\n---\n# Runbook\n\n[home](index.md)\n"},
                                     {"fresh.md", "---\nreview_by: 2026-12-01\n---\n# Fresh\n\n[home](index.md)\n"},
                                     record(1, "accepted", "review_by: 2026-06-01\n"),
                                     record(2, "superseded", "review_by: 2026-06-01\nsuperseded_by: ADR-0003\n"),
                                     record(3, "accepted", "supersedes: ADR-0002\n")}));
  CHECK(c.has(Severity::warning, "runbook.md", "was due for review on 2026-11-20 (11 days ago)", 4, 12));
  CHECK(c.find("fresh.md", "review").empty());  // due today is not overdue
  CHECK(c.has(Severity::warning, "decisions/0001-r.md", "was due for review on 2026-06-01", 6));
  CHECK(c.find("decisions/0002-r.md", "review").empty());  // a superseded record needs no review
}

TEST_CASE("proposals past their comment deadline are warnings") {
  const Checked c = check(with_home({record(1, "proposed", "review_by: 2026-11-30\n"), record(2, "proposed", "review_by: 2026-12-14\n")}));
  CHECK(c.has(Severity::warning, "decisions/0001-r.md", "comments on this proposal were due on 2026-11-30 (1 day ago)", 6));
  CHECK(c.find("decisions/0002-r.md", "").empty());
  // The check uses the date it is given, not the machine's clock.
  const Checked later = check(with_home({record(2, "proposed", "review_by: 2026-12-14\n")}), {}, "2027-01-01");
  CHECK(later.has(Severity::warning, "decisions/0002-r.md", "comments on this proposal were due"));
}

TEST_CASE("a team can make overdue proposals errors (overdue_proposals: error), and only those") {
  SiteConfig strict;
  strict.overdue_proposals = "error";
  const Checked c = check(with_home({record(1, "proposed", "review_by: 2026-11-30\n"), record(2, "accepted", "review_by: 2026-06-01\n"),
                                     record(3, "proposed", "review_by: 2026-12-01\n")}),
                          strict);
  CHECK(c.has(Severity::error, "decisions/0001-r.md", "overdue: comments on this proposal were due on 2026-11-30", 6));
  CHECK(c.has(Severity::warning, "decisions/0002-r.md", "was due for review on 2026-06-01"));  // a revisit date stays a warning
  CHECK(c.find("decisions/0003-r.md", "due").empty());  // due today is not overdue
  CHECK(c.errors() == 1);
}

TEST_CASE("orphan pages are warnings; the home page, index pages and decision records are not orphans") {
  const Checked c = check(with_home({{"lonely.md", "# Lonely\n"}, {"guides/index.md", "# Guides\n"}, record(1, "accepted")}));
  CHECK(c.has(Severity::warning, "lonely.md", "no page links here", 1, 1));
  CHECK(c.find("guides/index.md", "no page links").empty());
  CHECK(c.find("index.md", "no page links").empty());
  CHECK(c.find("decisions/0001-r.md", "no page links").empty());
}

TEST_CASE("missing titles are warnings, for pages and for records") {
  const Checked c = check(with_home({{"notes.md", "Some text with [home](index.md).\n"},
                                     {"decisions/0001-bare.md", "Notes only.\n"}}));
  CHECK(c.has(Severity::warning, "notes.md", "page has no title, so it is called \"Notes\""));
  CHECK(c.has(Severity::warning, "decisions/0001-bare.md", "decision record has no title"));
  CHECK(c.has(Severity::warning, "decisions/0001-bare.md", "decision record has no status"));
  CHECK(c.has(Severity::warning, "decisions/0001-bare.md", "decision record has no date"));
  CHECK(c.errors() == 0);  // still built, still fine to merge
}

TEST_CASE("findings are sorted by file, line and column, and each says how to fix it") {
  const Checked c = check(with_home({{"b.md", "# B\n\n[x](nope.md) [y](gone.md)\n"}, {"a.md", "# A\n\n[b](b.md) [z](missing.md)\n"}}));
  REQUIRE(c.findings.size() >= 3);
  for (std::size_t i = 1; i < c.findings.size(); ++i) {
    const Diagnostic& p = c.findings[i - 1];
    const Diagnostic& d = c.findings[i];
    const bool ordered = std::tie(p.file, p.line, p.column) <= std::tie(d.file, d.line, d.column);
    CHECK(ordered);
  }
  for (const Diagnostic& d : c.findings) {
    const bool says_how = d.message.find(';') != std::string::npos || d.message.find(". ") != std::string::npos;
    CHECK_MESSAGE(says_how, d.message);
  }
}

TEST_CASE("images from hosts logbook.yml does not allow are warnings at the image") {
  const std::vector<SourceFile> files = with_home({{"a.md", "# A\n\n![badge](https://img.shields.io/b.svg) ![pixel](//t.example/p.gif)\n\n"
                                                             "![data](data:image/png;base64,iVBO) ![x](HTTPS://cdn.example.org/x.png)\n"},
                                                   {"img/logo.png", ""}});
  const Checked closed = check(files);
  CHECK(closed.has(Severity::warning, "a.md", "image https://img.shields.io/b.svg will not load", 3, 1));
  CHECK(closed.has(Severity::warning, "a.md", "image //t.example/p.gif will not load", 3));
  CHECK(closed.find("a.md", "add the host to image_hosts").empty());  // the message says "Add"
  CHECK(closed.find("a.md", "Add the host to image_hosts in logbook.yml").size() == 3);
  CHECK(closed.find("a.md", "data:image").empty());

  SiteConfig config;
  config.image_hosts = {"https://img.shields.io", "*.example.org"};
  const Checked open = check(files, config);
  CHECK(open.find("a.md", "image https://img.shields.io").empty());
  CHECK(open.find("a.md", "cdn.example.org/x.png").empty());
  CHECK(open.has(Severity::warning, "a.md", "image //t.example/p.gif will not load", 3));
  config.image_hosts = {"https:"};
  CHECK(check(files, config).find("a.md", "will not load").empty());
}

// Each link used to scan every heading of its target: 100,000 headings and as many
// links took minutes. Anchors are now looked up in a set; this runs in well under a second.
TEST_CASE("links to anchors are checked in linear time" * doctest::timeout(10)) {
  std::string page;
  for (int i = 0; i < 100'000; ++i) page += "# h" + std::to_string(i) + "\n";
  page += "\n";
  for (int i = 0; i < 100'000; ++i) page += "[x](#h" + std::to_string(i) + ") ";
  page += "[y](#h100000)\n";
  const Checked c = check(with_home({{"a.md", page}}));
  CHECK(c.has(Severity::error, "a.md", "#h100000", 100'002));
  CHECK(c.find("a.md", "is broken").size() == 1);
}

TEST_CASE("a duplicated id names five other records and counts the rest") {
  std::vector<SourceFile> files;
  for (int i = 1; i <= 8; ++i) files.push_back({"decisions/000" + std::to_string(i) + "-r.md", "---\nid: ADR-0001\n---\n# R\n"});
  const Checked c = check(with_home(files));
  CHECK(c.has(Severity::error, "decisions/0001-r.md",
              "is also used by decisions/0002-r.md, decisions/0003-r.md, decisions/0004-r.md, decisions/0005-r.md, "
              "decisions/0006-r.md and 2 more;"));
}

// Every id was compared with every other, and every reference looked through every
// record: 4,000 chained records took 3.4 s. Ids and references are now looked up.
TEST_CASE("decision records are read and checked in linear time" * doctest::timeout(15)) {
  std::vector<SourceFile> files;
  constexpr int kRecords = 20'000;
  for (int i = 1; i <= kRecords; ++i) {
    const std::string n = std::to_string(i);
    const std::string status = i == kRecords ? "accepted" : "superseded";
    files.push_back({"decisions/" + std::string(5 - n.size(), '0') + n + "-d.md",
                     "---\nstatus: " + status + "\ndate: 2026-01-01\n" + (i > 1 ? "supersedes: [" + std::to_string(i - 1) + "]\n" : "") +
                         "---\n# D" + n + "\n"});
  }
  const Checked c = check(with_home(files));
  REQUIRE(c.log.decisions.size() == kRecords);
  CHECK(c.log.decisions[1].predecessors == std::vector<int>{0});
  CHECK(c.log.decisions[0].successors == std::vector<int>{1});
}

TEST_CASE("a tag written two ways is one tag: the pages with the less used spelling are told at their tags") {
  const Checked c = check({
      {"index.md", "# Home\n[a](a.md) [b](b.md) [c](c.md)\n"},
      {"a.md", "---\ntitle: A\ntags: [search]\n---\nA\n"},
      {"b.md", "---\ntitle: B\ntags: [search, '***']\n---\nB\n"},
      {"c.md", "---\ntitle: C\ntags: [Search]\n---\nC\n"},
  });
  CHECK(c.has(Severity::warning, "c.md", "tag \"Search\" is written \"search\" on 2 pages; both are the tag /tags/search/. Write it \"search\".", 3));
  CHECK(c.find("a.md", "tag").empty());
  CHECK(c.has(Severity::warning, "b.md", "tag \"***\" has no letter or digit", 3));
}

TEST_CASE("a page with more tags than kTagsPerPage is told that the rest make no tag pages") {
  std::string tags;
  for (int i = 0; i < 25; ++i) tags += (i ? ", t" : "t") + std::to_string(i);
  const Checked c = check({{"index.md", "---\ntitle: Home\ntags: [" + tags + "]\n---\nText\n"}});
  CHECK(c.has(Severity::warning, "index.md", "page has 25 tags; only the first 20", 3));
}
