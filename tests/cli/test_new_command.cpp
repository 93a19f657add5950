// Spec: `logbook new` creates the next decision record from the team's template, marks
// the record it supersedes, creates pages, and never overwrites a file.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "temp_folder.hpp"
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct Repo : TempFolder {
  Repo() : TempFolder("logbook-new") {
    std::filesystem::create_directories(path / "content");
  }
};

int logbook(const fs::path& dir, const std::string& args, std::string* out = nullptr) {
  const std::string command = "cd '" + dir.string() + "' && '" LOGBOOK_BINARY "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  std::string text;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) text.append(buf.data(), n);
  if (out) *out = text;
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

constexpr const char* kOld =
    "---\n# Keep this comment\nid: ADR-0003\ntitle: SQLite FTS5 for search\nstatus: accepted\ndate: 2026-11-26\n"
    "deciders: [Logbook founding team]\n---\n\n# ADR-0003: SQLite FTS5 for search\n\nBody stays.\n";

}  // namespace

TEST_CASE("the first record is 0001, proposed, dated today, with comments due in two weeks") {
  Repo repo;
  std::string out;
  REQUIRE(logbook(repo.path, "new decision \"Use SQLite for search\" --today 2026-12-25", &out) == 0);
  CHECK(out.find("Created content/decisions/0001-use-sqlite-for-search.md: ADR-0001, proposed, comments due 2027-01-08.") != std::string::npos);
  const std::string text = repo.read("content/decisions/0001-use-sqlite-for-search.md");
  CHECK(text.find("id: ADR-0001\n") != std::string::npos);
  CHECK(text.find("title: Use SQLite for search\n") != std::string::npos);
  CHECK(text.find("status: proposed\n") != std::string::npos);
  CHECK(text.find("date: 2026-12-25\n") != std::string::npos);
  CHECK(text.find("review_by: 2027-01-08\n") != std::string::npos);
  CHECK(text.find("# ADR-0001: Use SQLite for search\n") != std::string::npos);
  CHECK(text.find("## Context and Problem Statement") != std::string::npos);
}

TEST_CASE("numbering continues after the highest number, across gaps and other dialects") {
  Repo repo;
  repo.write("content/decisions/0001-a.md", "# 1. A\n");
  repo.write("content/decisions/0007-b.md", "# 7. B\n");
  REQUIRE(logbook(repo.path, "new decision \"Next one\" --today 2026-12-01") == 0);
  CHECK(fs::exists(repo.path / "content/decisions/0008-next-one.md"));
  REQUIRE(logbook(repo.path, "new decision \"And: another\" --today 2026-12-01") == 0);
  const std::string text = repo.read("content/decisions/0009-and-another.md");
  CHECK(text.find("title: \"And: another\"\n") != std::string::npos);
}

TEST_CASE("the team's template in the decisions folder is used, its placeholders filled") {
  Repo repo;
  repo.write("content/decisions/template.md",
             "---\nid: ADR-XXXX\ntitle: TITLE\nstatus: accepted\ndate: 2000-01-01\nowner: platform\n---\n\n# {{title}}\n\n"
             "Proposed on {{date}}; comments by {{review_by}}. Number {{number}}, id {{id}}.\n\n## Our own section\n");
  REQUIRE(logbook(repo.path, "new decision \"Cache search\" --today 2026-12-01") == 0);
  const std::string text = repo.read("content/decisions/0001-cache-search.md");
  CHECK(text == "---\nid: ADR-0001\ntitle: Cache search\nstatus: proposed\ndate: 2026-12-01\nowner: platform\nreview_by: 2026-12-15\n---\n\n"
                "# Cache search\n\nProposed on 2026-12-01; comments by 2026-12-15. Number 1, id ADR-0001.\n\n## Our own section\n");
}

TEST_CASE("the template's own instructions, in an HTML comment, keep their placeholders as written") {
  Repo repo;
  repo.write("content/decisions/template.md",
             "---\nid: {{id}}\ntitle: {{title}}\n---\n\n# {{id}}: {{title}}\n\n"
             "<!-- {{id}}, {{title}} and {{date}} are replaced anywhere else. -->\n\nOn {{date}}.\n");
  REQUIRE(logbook(repo.path, "new decision \"Cache search\" --today 2026-12-01") == 0);
  const std::string text = repo.read("content/decisions/0001-cache-search.md");
  CHECK(text.find("# ADR-0001: Cache search\n\n<!-- {{id}}, {{title}} and {{date}} are replaced anywhere else. -->\n\nOn 2026-12-01.\n") !=
        std::string::npos);
}

TEST_CASE("--supersedes names the old record in the new one and marks the old one minimally") {
  Repo repo;
  repo.write("content/decisions/0003-sqlite-fts5-for-search.md", kOld);
  std::string out;
  REQUIRE(logbook(repo.path, "new decision \"Pagefind for search\" --supersedes ADR-0003 --today 2026-12-01", &out) == 0);
  const std::string created = repo.read("content/decisions/0004-pagefind-for-search.md");
  CHECK(created.find("supersedes: [ADR-0003]\n") != std::string::npos);
  // Only one line added; the status stays accepted until ADR-0004 is accepted.
  std::string expected = kOld;
  expected.insert(expected.find("---\n\n#"), "superseded_by: [ADR-0004]\n");
  CHECK(repo.read("content/decisions/0003-sqlite-fts5-for-search.md") == expected);
  CHECK(out.find("its status stays accepted until ADR-0004 is accepted") != std::string::npos);
  // And the pair passes `logbook check`.
  repo.write("content/index.md", "# Home\n");
  repo.write("content/decisions/index.md", "# Decisions\n");
  CHECK(logbook(repo.path, "check content --today 2026-12-01") == 0);
}

TEST_CASE("--supersedes an unknown record creates nothing") {
  Repo repo;
  std::string out;
  CHECK(logbook(repo.path, "new decision \"X\" --supersedes ADR-0042 --today 2026-12-01", &out) == 2);
  CHECK(out.find("names no decision record") != std::string::npos);
  CHECK_FALSE(fs::exists(repo.path / "content/decisions"));
}

TEST_CASE("never overwrites: an existing file with the same name stops the command") {
  Repo repo;
  repo.write("content/guides/onboarding.md", "mine\n");
  std::string out;
  CHECK(logbook(repo.path, "new page guides/onboarding \"Onboarding\"", &out) == 1);
  CHECK(out.find("already exists; Logbook never overwrites a file") != std::string::npos);
  CHECK(repo.read("content/guides/onboarding.md") == "mine\n");
}

TEST_CASE("new page creates a titled page, and refuses paths outside the content folder") {
  Repo repo;
  REQUIRE(logbook(repo.path, "new page guides/onboarding \"Onboarding: week one\"") == 0);
  CHECK(repo.read("content/guides/onboarding.md") == "---\ntitle: \"Onboarding: week one\"\n---\n\n# Onboarding: week one\n\n");
  REQUIRE(logbook(repo.path, "new page ops/on-call.md") == 0);
  CHECK(repo.read("content/ops/on-call.md").find("title: On call\n") != std::string::npos);
  CHECK(logbook(repo.path, "new page ../escape \"No\"") == 2);
  CHECK_FALSE(fs::exists(repo.path / "escape.md"));
}

TEST_CASE("new page: a name typed as a title makes a file named like its URL, and keeps the title") {
  // Regression: "guides/Team Notes" made "guides/Team Notes.md" titled "Team Notes", whose URL
  // (/guides/team-notes/) no longer matched the file's name.
  Repo repo;
  REQUIRE(logbook(repo.path, "new page \"guides/Team Notes\"") == 0);
  CHECK(repo.read("content/guides/team-notes.md") == "---\ntitle: Team Notes\n---\n\n# Team Notes\n\n");
  CHECK_FALSE(fs::exists(repo.path / "content/guides/Team Notes.md"));
  REQUIRE(logbook(repo.path, "new page \"Café Rules\" \"House rules\"") == 0);
  CHECK(repo.read("content/café-rules.md").find("title: House rules\n") != std::string::npos);
}

TEST_CASE("the decisions folder comes from logbook.yml") {
  Repo repo;
  repo.write("logbook.yml", "decisions: adr\ndecision_id_prefix: DR-\n");
  REQUIRE(logbook(repo.path, "new decision \"First\" --today 2026-12-01") == 0);
  CHECK(repo.read("content/adr/0001-first.md").find("id: DR-0001\n") != std::string::npos);
}
