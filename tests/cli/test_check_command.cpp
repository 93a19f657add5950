// Spec: `logbook check` prints findings for people, for GitHub's pull request view and
// for tools, and its exit code gates a pull request.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "temp_folder.hpp"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;

namespace {

struct Repo : TempFolder {
  Repo() : TempFolder("logbook-check") {
    std::filesystem::create_directories(path / ".git");  // GitHub paths are relative to the repository root
  }
};

struct Run {
  std::string out;
  int status = 0;
};

// Runs the logbook binary in `dir` with `args`; stdout only (stderr has the summary).
Run logbook(const fs::path& dir, const std::string& args) {
  Run r;
  const std::string command = "cd '" + dir.string() + "' && '" LOGBOOK_BINARY "' " + args + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

void write_clean(const Repo& repo) {
  repo.write("content/index.md", "# Home\n\nSee [the decisions](decisions/index.md).\n");
  repo.write("content/decisions/index.md", "# Decisions\n");
  repo.write("content/decisions/0001-a.md", "---\nid: ADR-0001\ntitle: A\nstatus: accepted\ndate: 2026-11-01\n---\n# A\n");
}

}  // namespace

TEST_CASE("clean content: no output, exit 0") {
  Repo repo;
  write_clean(repo);
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 0);
  CHECK(r.out == "");
}

TEST_CASE("an adr-tools log in doc/adr is checked as records without a logbook.yml") {
  Repo repo;
  repo.write("content/index.md", "# Home\n\n[One](doc/adr/0001-record.md) [Two](doc/adr/0002-hold.md)\n");
  repo.write("content/doc/adr/0001-record.md", "# 1. Record\n\nDate: 2026-11-01\n\n## Status\n\nAccepted\n");
  repo.write("content/doc/adr/0002-hold.md", "# 2. Hold\n\nDate: 2026-11-02\n\n## Status\n\nOn hold\n");
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 0);
  CHECK(r.out == "content/doc/adr/0002-hold.md:7:1: warning: status 'On hold' is not one of proposed, accepted, rejected, deprecated, "
                 "superseded; use one of them, or add it to `statuses` in logbook.yml if your team uses it.\n");
}

TEST_CASE("errors: text findings relative to the current folder, exit 1") {
  Repo repo;
  write_clean(repo);
  repo.write("content/guide.md", "# Guide\n\n[broken](nowhere.md)\n\n[home](index.md)\n");
  repo.write("content/index.md", "# Home\n\n[guide](guide.md) [the decisions](decisions/index.md)\n");
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 1);
  CHECK(r.out.find("content/guide.md:3:1: error: link to nowhere.md is broken") != std::string::npos);
  const Run inside = logbook(repo.path / "content", "check . --today 2026-12-01");
  CHECK(inside.out.find("guide.md:3:1: error:") == 0);
}

TEST_CASE("--format github: annotations with repository-relative paths, from any folder") {
  Repo repo;
  write_clean(repo);
  repo.write("content/decisions/0002-b.md", "---\nid: ADR-0002\ntitle: B\nstatus: approved\ndate: 2026-11-02\n---\n# B\n");
  const Run r = logbook(repo.path / "content", "check . --format github --today 2026-12-01");
  CHECK(r.status == 0);  // an unknown status is a warning
  CHECK(r.out.find("::warning file=content/decisions/0002-b.md,line=4,col=9,title=logbook check::status 'approved' is not one of") == 0);
}

TEST_CASE("--format github escapes what would end an annotation") {
  Repo repo;
  write_clean(repo);
  repo.write("content/a,b.md", "# A\n\n[x](100%25.md)\n\n[home](index.md)\n");
  repo.write("content/index.md", "# Home\n\n[a](a,b.md) [the decisions](decisions/index.md)\n");
  const Run r = logbook(repo.path, "check content --format github --today 2026-12-01");
  CHECK(r.out.find("file=content/a%2Cb.md,line=3") != std::string::npos);
}

TEST_CASE("--format json: an array of findings") {
  Repo repo;
  write_clean(repo);
  repo.write("content/orphan.md", "---\ntitle: Orphan\nreview_by: 2026-01-01\n---\n# Orphan\n");
  const Run r = logbook(repo.path, "check content --format json --today 2026-12-01");
  CHECK(r.status == 0);  // warnings only
  const auto findings = nlohmann::json::parse(r.out);
  REQUIRE(findings.is_array());
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["severity"] == "warning");
  CHECK(findings[0]["file"] == "content/orphan.md");
  CHECK(findings[0]["line"] == 1);
  CHECK(findings[1]["line"] == 3);
  CHECK(findings[1]["column"] == 12);
  CHECK(findings[1]["message"].get<std::string>().find("was due for review on 2026-01-01") != std::string::npos);
}

TEST_CASE("--strict fails on warnings too") {
  Repo repo;
  write_clean(repo);
  repo.write("content/orphan.md", "# Orphan\n");
  CHECK(logbook(repo.path, "check content --today 2026-12-01").status == 0);
  CHECK(logbook(repo.path, "check content --strict --today 2026-12-01").status == 1);
}

TEST_CASE("logbook.yml is read from the repository root; its own problems are reported against it") {
  Repo repo;
  write_clean(repo);
  repo.write("content/decisions/0002-b.md", "---\nid: ADR-0002\ntitle: B\nstatus: approved\ndate: 2026-11-02\n---\n# B\n");
  repo.write("logbook.yml", "statuses: [proposed, accepted, approved, superseded]\ntheme: neon\n");
  const Run r = logbook(repo.path, "check content --format json --today 2026-12-01");
  const auto findings = nlohmann::json::parse(r.out);
  REQUIRE_MESSAGE(findings.size() == 1, r.out);
  CHECK(findings[0]["file"] == "logbook.yml");
  CHECK(findings[0]["line"] == 2);
  CHECK(r.status == 1);  // the config error
}

TEST_CASE("the decision template is neither built nor checked") {
  Repo repo;
  write_clean(repo);
  repo.write("content/decisions/template.md", "---\nid: {{id}}\nstatus: proposed\ndate: {{date}}\n---\n# {{title}} [x](nowhere.md)\n");
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 0);
  CHECK(r.out == "");
}

TEST_CASE("the templates adr-tools and MADR keep beside the records are neither built nor checked either") {
  Repo repo;
  write_clean(repo);
  repo.write("content/decisions/templates/template.md", "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n");
  repo.write("content/decisions/adr-template.md", "---\nstatus: \"{proposed | rejected}\"\n---\n# {short title} [x](nowhere.md)\n");
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 0);
  CHECK(r.out == "");
}

TEST_CASE("a missing folder or a bad --today cannot be checked: exit 2") {
  Repo repo;
  CHECK(logbook(repo.path, "check nowhere").status == 2);
  write_clean(repo);
  CHECK(logbook(repo.path, "check content --today 01/12/2026").status == 2);
}

TEST_CASE("what the build would refuse to publish is reported by check, each at its file") {
  Repo repo;
  write_clean(repo);
  repo.write("content/guide.md", "---\ntitle: Guide\naliases: [\"//etc/cron.d/x\", /old-guide/]\n---\n# Guide\n\n[home](index.md)\n");
  repo.write("content/index.md", "# Home\n\n[guide](guide.md) [the decisions](decisions/index.md)\n");
  repo.write("content/search/list.json", "not a list");
  repo.write("content/notes\tdraft.md", "# Notes\n");
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 1);
  CHECK(r.out.find("content/guide.md:3:10: warning: alias '//etc/cron.d/x' leaves the site; write it as a path like /old/page/.") !=
        std::string::npos);
  CHECK(r.out.find("content/search/list.json: error: this file would take the place of search, which the build writes") !=
        std::string::npos);
  CHECK(r.out.find("content/notes\\tdraft.md: warning: the file name has a control character") != std::string::npos);
  CHECK(r.out.find("old-guide") == std::string::npos);  // a good alias is fine
}

namespace {

// Ana decides one proposal (overdue), is consulted on another, owns a page past review;
// Bo owns one that is not due yet.
void write_team(const Repo& repo) {
  write_clean(repo);
  repo.write("content/index.md", "# Home\n\n[d](decisions/index.md) [r](runbook.md) [f](fresh.md)\n");
  repo.write("content/runbook.md", "---\ntitle: Runbook\nowner: \"@ana\"\nreview_by: 2026-10-01\n---\n# Runbook\n");
  repo.write("content/fresh.md", "---\ntitle: Fresh\nowner: Bo\nreview_by: 2027-01-01\n---\n# Fresh\n");
  repo.write("content/decisions/0002-b.md",
             "---\nid: ADR-0002\ntitle: B\nstatus: proposed\ndate: 2026-11-01\nreview_by: 2026-12-10\nconsulted: [Ana]\n---\n# B\n");
  repo.write("content/decisions/0003-c.md",
             "---\nid: ADR-0003\ntitle: C\nstatus: proposed\ndate: 2026-11-01\nreview_by: 2026-11-28\ndeciders: [Ana, Dee]\n---\n# C\n");
}

}  // namespace

TEST_CASE("--for NAME: the person's queue, overdue proposals first, with file:line; any spelling of the name") {
  Repo repo;
  write_team(repo);
  const Run r = logbook(repo.path, "check content --for ANA --today 2026-12-01");
  CHECK(r.status == 0);
  CHECK(r.out ==
        "Ana's queue on 2026-12-01:\n"
        "content/decisions/0003-c.md:6:12: proposal ADR-0003 \"C\": comments overdue by 3 days (2026-11-28); you are a decider.\n"
        "content/decisions/0002-b.md:6:12: proposal ADR-0002 \"B\": comments due in 9 days (2026-12-10); you are consulted.\n"
        "content/runbook.md:4:12: review \"Runbook\": was due for review on 2026-10-01 (61 days ago); you own it: check that it is "
        "still right, then move review_by forward.\n");
  CHECK(logbook(repo.path, "check content --for bo --today 2026-11-01").out == "");  // nothing due: nothing to post
}

TEST_CASE("--for NAME --format github and json") {
  Repo repo;
  write_team(repo);
  const Run gh = logbook(repo.path, "check content --for Ana --format github --today 2026-12-01");
  CHECK(gh.out.find("::warning file=content/decisions/0003-c.md,line=6,col=12,title=Ana's queue::proposal ADR-0003") == 0);
  CHECK(gh.out.find("::notice file=content/decisions/0002-b.md,line=6,col=12,") != std::string::npos);  // not due yet
  const auto j = nlohmann::json::parse(logbook(repo.path, "check content --for ana --format json --today 2026-12-01").out);
  CHECK(j["person"] == "Ana");
  REQUIRE(j["queue"].size() == 3);
  CHECK(j["queue"][0]["kind"] == "proposal");
  CHECK(j["queue"][0]["overdue"] == true);
  CHECK(j["queue"][0]["days_left"] == -3);
  CHECK(j["queue"][0]["role"] == "decider");
  CHECK(j["queue"][1]["role"] == "consulted");
  CHECK(j["queue"][2]["kind"] == "review");
  CHECK(j["queue"][2]["file"] == "content/runbook.md");
  CHECK(j["queue"][2]["line"] == 4);
}

TEST_CASE("--for an unknown name: exit 2, naming the people closest first") {
  Repo repo;
  write_team(repo);
  const std::string command = "cd '" + repo.path.string() + "' && '" LOGBOOK_BINARY "' check content --for Boo 2>&1 >/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string err;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) err.append(buf.data(), n);
  CHECK(WEXITSTATUS(pclose(pipe)) == 2);
  CHECK(err.find("--for \"Boo\" names no one in this content's owners, deciders, consulted or informed; give one of: Bo, Ana, Dee.") !=
        std::string::npos);
}

TEST_CASE("overdue_proposals: error in logbook.yml fails the check on an overdue proposal") {
  Repo repo;
  write_team(repo);
  CHECK(logbook(repo.path, "check content --today 2026-12-01").status == 0);
  repo.write("logbook.yml", "overdue_proposals: error\n");
  const Run r = logbook(repo.path, "check content --today 2026-12-01");
  CHECK(r.status == 1);
  CHECK(r.out.find("content/decisions/0003-c.md:6:12: error: overdue: comments on this proposal were due on 2026-11-28") != std::string::npos);
}
