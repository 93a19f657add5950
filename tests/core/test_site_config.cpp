// Spec: logbook.yml is optional; every key has a default, typos are warned about and
// wrong values are errors that name the line.
#include <doctest/doctest.h>

#include "core/site_config.hpp"

using namespace logbook;

TEST_CASE("without a file or with an empty one, the defaults hold") {
  const SiteConfigResult r = parse_site_config("logbook.yml", "");
  CHECK(r.diagnostics.empty());
  CHECK(r.config.decisions == "decisions");
  CHECK_FALSE(r.config.decisions_configured);  // so the build looks for an existing log
  CHECK(r.config.branch == "main");
  CHECK(r.config.base_url == "/");
  CHECK(r.config.theme == "auto");
  CHECK(r.config.decision_id_prefix == "ADR-");
  CHECK(r.config.statuses == std::vector<std::string>{"proposed", "accepted", "rejected", "deprecated", "superseded"});
  CHECK(r.config.decision_template_path() == "decisions/template.md");
  CHECK(r.config.is_known_status("accepted"));
  CHECK_FALSE(r.config.is_known_status("approved"));
}

TEST_CASE("every key is read") {
  const SiteConfigResult r = parse_site_config("logbook.yml",
                                               "version: 1\ntitle: Team Handbook\nrepository: https://github.com/acme/handbook\n"
                                               "branch: trunk\nbase_url: /handbook/\ndecisions: adr/\ndecision_id_prefix: DR-\n"
                                               "theme: dark\nstatuses: [Draft, Approved, Retired]\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.config.title == "Team Handbook");
  CHECK(r.config.repository == "https://github.com/acme/handbook");
  CHECK(r.config.branch == "trunk");
  CHECK(r.config.base_url == "/handbook/");
  CHECK(r.config.decisions == "adr");
  CHECK(r.config.decisions_configured);
  CHECK(r.config.decision_id_prefix == "DR-");
  CHECK(r.config.theme == "dark");
  CHECK(r.config.statuses == std::vector<std::string>{"draft", "approved", "retired"});
}

TEST_CASE("malformed YAML is an error with its line; the defaults stand") {
  const SiteConfigResult r = parse_site_config("logbook.yml", "title: Docs\nstatuses: [a, b\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == Severity::error);
  CHECK(r.diagnostics[0].file == "logbook.yml");
  CHECK(r.diagnostics[0].line >= 2);
  CHECK(r.diagnostics[0].message.find("malformed YAML") != std::string::npos);
  CHECK(r.config.decisions == "decisions");
}

TEST_CASE("values of the wrong kind are errors on their line; unknown keys are warnings") {
  const SiteConfigResult r = parse_site_config("logbook.yml",
                                               "title: [a, b]\nstatuses: accepted\ndecisions: ../outside\ntheme: neon\ntitel: Typo\nversion: 3\n");
  auto on_line = [&](int line, Severity severity) {
    for (const auto& d : r.diagnostics)
      if (d.line == line && d.severity == severity) return true;
    return false;
  };
  CHECK(on_line(1, Severity::error));    // title is a list
  CHECK(on_line(2, Severity::error));    // statuses is not a list
  CHECK(on_line(3, Severity::error));    // decisions leaves the content folder
  CHECK(on_line(4, Severity::error));    // unknown theme
  CHECK(on_line(5, Severity::warning));  // typo
  CHECK(on_line(6, Severity::error));    // another version
  CHECK(r.config.decisions == "decisions");
  CHECK_FALSE(r.config.decisions_configured);  // a folder outside is no choice: look for one
  CHECK(r.config.theme == "auto");
  CHECK(r.config.statuses.size() == 5);
}

TEST_CASE("a file that is not a mapping is an error") {
  const SiteConfigResult r = parse_site_config("logbook.yml", "- a\n- b\n");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == Severity::error);
}

TEST_CASE("image_hosts: none by default; listed hosts are what the pages' CSP allows") {
  CHECK(parse_site_config("logbook.yml", "").config.image_hosts.empty());
  const SiteConfigResult r = parse_site_config("logbook.yml", "image_hosts: [\"https://img.shields.io\", \"*.example.org\"]\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.config.image_hosts == std::vector<std::string>{"https://img.shields.io", "*.example.org"});
  CHECK(r.config.allows_image("img/logo.png"));
  CHECK(r.config.allows_image("/img/logo.png"));
  CHECK(r.config.allows_image("data:image/png;base64,iVBO"));
  CHECK(r.config.allows_image("https://img.shields.io/badge/x.svg"));
  CHECK(r.config.allows_image("HTTPS://IMG.SHIELDS.IO/b.svg"));
  CHECK(r.config.allows_image("https://cdn.example.org/x.png"));
  CHECK_FALSE(r.config.allows_image("https://example.org.evil.test/x.png"));
  CHECK_FALSE(r.config.allows_image("https://img.shields.io.evil.test/x.png"));
  CHECK_FALSE(r.config.allows_image("//tracker.example/p.gif"));
  CHECK_FALSE(parse_site_config("logbook.yml", "").config.allows_image("https://img.shields.io/b.svg"));
  CHECK(parse_site_config("logbook.yml", "image_hosts: [\"https:\"]\n").config.allows_image("https://any.example/x.png"));
}

TEST_CASE("image_hosts items that could break out of the policy are errors on their line") {
  const SiteConfigResult r = parse_site_config("logbook.yml", "image_hosts:\n  - \"https://ok.example\"\n  - \"x; script-src *\"\n  - \"'unsafe-inline'\"\n  - \"javascript:\"\n");
  CHECK(r.config.image_hosts == std::vector<std::string>{"https://ok.example"});
  REQUIRE(r.diagnostics.size() == 3);
  CHECK(r.diagnostics[0].line == 3);
  CHECK(r.diagnostics[0].severity == Severity::error);
  CHECK(r.diagnostics[0].message.find("image_hosts") != std::string::npos);
}

TEST_CASE("publish_files: content paths and globs, nothing outside the content folder") {
  const SiteConfigResult r = parse_site_config("logbook.yml", "publish_files: [demo/widget.html, \"embeds/**\", /etc/passwd, ../x.html]\n");
  CHECK(r.config.publish_files == std::vector<std::string>{"demo/widget.html", "embeds/**"});
  CHECK(r.diagnostics.size() == 2);
  CHECK(parse_site_config("logbook.yml", "publish_files: demo.html\n").diagnostics.size() == 1);
}

TEST_CASE("offline_budget_mb: the size up to which the whole site is copied offline by itself") {
  CHECK(parse_site_config("logbook.yml", "title: x\n").config.offline_budget_mb == 10);
  const SiteConfigResult r = parse_site_config("logbook.yml", "offline_budget_mb: 0\n");
  CHECK(r.config.offline_budget_mb == 0);
  CHECK(r.diagnostics.empty());
  const SiteConfigResult bad = parse_site_config("logbook.yml", "title: x\noffline_budget_mb: lots\n");
  CHECK(bad.config.offline_budget_mb == 10);
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].line == 2);
  CHECK(bad.diagnostics[0].message.find("offline_budget_mb: 10") != std::string::npos);
}

TEST_CASE("overdue_proposals: a warning by default; error makes a stalled proposal fail the check") {
  CHECK(parse_site_config("logbook.yml", "").config.overdue_proposals == "warning");
  CHECK(parse_site_config("logbook.yml", "overdue_proposals: error\n").config.overdue_proposals == "error");
  const SiteConfigResult bad = parse_site_config("logbook.yml", "title: T\noverdue_proposals: fatal\n");
  REQUIRE(bad.diagnostics.size() == 1);
  CHECK(bad.diagnostics[0].severity == Severity::error);
  CHECK(bad.diagnostics[0].line == 2);
  CHECK(bad.diagnostics[0].message.find("use warning (the default) or error") != std::string::npos);
  CHECK(bad.config.overdue_proposals == "warning");
}
