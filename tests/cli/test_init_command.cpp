// Spec: `logbook init` sets Logbook up in an existing repository (content folder, home
// page, decision log, logbook.yml from the git remote, the workflow), uses a docs folder
// and decision log the repository already has, and never overwrites a file.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "cli/git_history.hpp"
#include "temp_folder.hpp"

namespace fs = std::filesystem;

namespace {

int run(const fs::path& dir, const std::string& command, std::string* out = nullptr) {
  const std::string line = "cd '" + dir.string() + "' && " + command + " 2>&1";
  FILE* pipe = popen(line.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  std::string text;
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) text.append(buf.data(), n);
  if (out) *out = text;
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_logbook(const fs::path& dir, const std::string& args, std::string* out = nullptr) {
  return run(dir, "'" LOGBOOK_BINARY "' " + args, out);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A git repository with a GitHub remote whose default branch is trunk.
struct Repo : TempFolder {
  Repo() : TempFolder("logbook-init") {
    REQUIRE(run(path, "git init -q -b trunk && git remote add origin git@github.com:Acme/widgets.git") == 0);
  }
};

constexpr const char* kNygard =
    "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nWe need records.\n";

}  // namespace

TEST_CASE("in a repository with nothing: content/, a decision log with its template and first record, logbook.yml, the workflow") {
  Repo repo;
  std::string out;
  REQUIRE(run_logbook(repo.path, "init --today 2026-11-30", &out) == 0);
  for (const char* file : {"content/index.md", "content/decisions/index.md", "content/decisions/template.md",
                           "content/decisions/0001-record-decisions-in-the-repository.md", "logbook.yml", ".github/workflows/logbook.yml"})
    CHECK_MESSAGE(contains(out, std::string("created  ") + file), file);
  CHECK(contains(out, "Source: GitHub Actions"));
  CHECK(contains(out, "https://acme.github.io/widgets/"));

  const std::string record = repo.read("content/decisions/0001-record-decisions-in-the-repository.md");
  CHECK(contains(record, "id: ADR-0001\ntitle: Record decisions in the repository\nstatus: accepted\ndate: 2026-11-30\n"));
  CHECK(repo.read("content/decisions/template.md").find("{{title}}") != std::string::npos);
  const std::string config = repo.read("logbook.yml");
  CHECK(contains(config, "repository: https://github.com/Acme/widgets\n"));
  CHECK(contains(config, "branch: trunk\n"));
  CHECK(contains(config, "title: widgets\n"));
  CHECK_FALSE(contains(config, "statuses:"));  // the defaults need no line
  const std::string workflow = repo.read(".github/workflows/logbook.yml");
  CHECK(contains(workflow, "branches: [trunk]"));
  CHECK(contains(workflow, "uses: " LOGBOOK_ACTION "\n        with:\n          content: content\n          mode: check\n"));
  CHECK(contains(workflow, "mode: build\n"));
  CHECK(contains(workflow, "uses: actions/deploy-pages@v4"));

  // What it made is a clean site: no warnings, the record read as accepted.
  REQUIRE(run_logbook(repo.path, "check content --strict", &out) == 0);
  CHECK(contains(out, "Checked 3 pages and 1 decision record: 0 errors, 0 warnings"));
}

TEST_CASE("an adr-tools log in doc/adr is used as it is: doc/ becomes the content folder, the log gets only its index page") {
  Repo repo;
  repo.write("doc/adr/0001-record-architecture-decisions.md", kNygard);
  repo.write("doc/adr/0002-use-postgres.md", "# 2. Use Postgres\n\nDate: 2024-02-03\n\n## Status\n\nOn hold\n");
  std::string out;
  REQUIRE(run_logbook(repo.path, "init", &out) == 0);
  CHECK(contains(out, "found    doc/adr/ with 2 decision records"));
  CHECK(contains(out, "created  doc/index.md"));
  CHECK_FALSE(fs::exists(repo.path / "content"));
  CHECK(contains(out, "created  doc/adr/index.md (the decision log's page)"));
  CHECK_FALSE(fs::exists(repo.path / "doc/adr/template.md"));
  CHECK_FALSE(fs::exists(repo.path / "doc/adr/0003-record-decisions-in-the-repository.md"));
  CHECK(contains(repo.read("doc/index.md"), "[Decision log](adr/index.md)"));
  CHECK(contains(repo.read("doc/adr/index.md"), "`logbook new decision \"Title\" -C doc`"));
  CHECK(contains(repo.read("logbook.yml"), "decisions: adr\n"));
  CHECK(contains(repo.read(".github/workflows/logbook.yml"), "content: doc\n"));
  // The log's own status joins the list, so the workflow's strict check passes on the log as it is.
  CHECK(contains(out, "found    the status 'on hold' in it; logbook.yml lists it with the others"));
  CHECK(contains(repo.read("logbook.yml"), "statuses: [proposed, accepted, rejected, deprecated, superseded, on hold]\n"));
  REQUIRE(run_logbook(repo.path, "check doc --strict", &out) == 0);
  CHECK(contains(out, "Checked 4 pages and 2 decision records: 0 errors, 0 warnings"));
}

TEST_CASE("a MADR log in docs/decisions beside other docs: docs/ is the content folder") {
  Repo repo;
  repo.write("docs/guide.md", "# Guide\n");
  repo.write("docs/decisions/0001-use-madr.md", "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use MADR\n");
  repo.write("docs/decisions/adr-template.md", "---\nstatus: {proposed}\n---\n# {short title}\n");
  std::string out;
  REQUIRE(run_logbook(repo.path, "init", &out) == 0);
  CHECK(contains(out, "found    docs/decisions/ with 1 decision record;"));
  CHECK(contains(repo.read("logbook.yml"), "decisions: decisions\n"));
  CHECK(contains(repo.read(".github/workflows/logbook.yml"), "content: docs\n"));
}

TEST_CASE("init never overwrites a file, and a second run changes nothing") {
  Repo repo;
  repo.write("logbook.yml", "title: Ours\n");
  repo.write("content/index.md", "# Our home\n");
  std::string out;
  REQUIRE(run_logbook(repo.path, "init", &out) == 0);
  CHECK(contains(out, "kept     logbook.yml (it exists)"));
  CHECK(contains(out, "kept     content/index.md (it exists)"));
  CHECK(repo.read("logbook.yml") == "title: Ours\n");
  CHECK(repo.read("content/index.md") == "# Our home\n");
  const std::string workflow = repo.read(".github/workflows/logbook.yml");
  repo.write(".github/workflows/logbook.yml", workflow + "# edited\n");
  REQUIRE(run_logbook(repo.path, "init", &out) == 0);
  CHECK_FALSE(contains(out, "created"));
  CHECK(contains(repo.read(".github/workflows/logbook.yml"), "# edited\n"));
}

TEST_CASE("init outside git: no repository in logbook.yml, the branch main; a folder that is not one, or content outside it, is refused") {
  TempFolder dir("logbook-init-nogit");
  std::string out;
  REQUIRE(run_logbook(dir.path, "init", &out) == 0);
  CHECK(contains(dir.read("logbook.yml"), "# repository: https://github.com/ORG/REPO"));
  CHECK(contains(dir.read("logbook.yml"), "branch: main\n"));
  CHECK(run_logbook(dir.path, "init no-such-folder", &out) == 2);
  CHECK(contains(out, "no-such-folder is not a folder"));
  CHECK(run_logbook(dir.path, "init --content ../elsewhere", &out) == 2);
  CHECK(contains(out, "--content ../elsewhere is not a folder inside"));
  CHECK_FALSE(fs::exists(dir.path.parent_path() / "elsewhere"));
}

TEST_CASE("a remote's URL as the repository's web page") {
  using logbook::cli::web_url_of_remote;
  CHECK(web_url_of_remote("git@github.com:Acme/widgets.git") == "https://github.com/Acme/widgets");
  CHECK(web_url_of_remote("https://github.com/Acme/widgets.git") == "https://github.com/Acme/widgets");
  CHECK(web_url_of_remote("https://x-access-token:secret@github.com/Acme/widgets") == "https://github.com/Acme/widgets");
  CHECK(web_url_of_remote("ssh://git@github.com/Acme/widgets.git/") == "https://github.com/Acme/widgets");
  CHECK(web_url_of_remote("ssh://git@gitlab.example.org:2222/team/docs.git") == "https://gitlab.example.org/team/docs");
  CHECK(web_url_of_remote("/srv/git/widgets.git") == "");
  CHECK(web_url_of_remote("../widgets") == "");
  CHECK(web_url_of_remote("file:///srv/git/widgets.git") == "");
  CHECK(web_url_of_remote("https://github.com") == "");
}
