// Spec: `logbook build` writes a complete static site, keeps the previous site when a
// build fails, and reports bad input without dropping the good pages.
#include <doctest/doctest.h>

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/content_reader.hpp"
#include "cli/fallback_fonts.hpp"
#include "cli/site_builder.hpp"
#include "cli/site_files.hpp"
#include "core/db_pieces.hpp"
#include "core/page_history.hpp"
#include "build_fixture.hpp"
#include "temp_folder.hpp"

namespace logbook::embedded {
extern const std::string_view font_coverage_txt;  // site/font-coverage.txt, built into the command
}

namespace fs = std::filesystem;
using namespace logbook;
using namespace logbook::cli;

namespace {

using namespace logbook::test;

std::string_view embedded_coverage_for_tests() { return logbook::embedded::font_coverage_txt; }

}  // namespace

TEST_CASE("a build writes pages, sources, database, manifest, sitemap, 404 and robots") {
  TempDir dir;
  write_fixture(dir);
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.fatal == "");
  CHECK(report.written);
  CHECK(report.pages == 3);
  CHECK(report.warnings == 0);
  const fs::path site = dir.path / "site";
  for (const char* f : {"index.html", "guides/index.html", "guides/setup/index.html", "guides/setup/index.md", "index.md",
                        "search", "manifest.json", "sitemap.xml", "404.html", "robots.txt", "assets/page.css",
                        "assets/loader.js", "assets/favicon.svg", "img/logo.png"}) {
    CAPTURE(f);
    CHECK(fs::exists(site / f));
  }
  const std::string page = slurp(site / "guides/setup/index.html");
  CHECK(page.find("<title>Setup · Team Handbook</title>") != std::string::npos);
  CHECK(page.find("<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">") != std::string::npos);  // issue 11
  CHECK(slurp(site / "assets/favicon.svg").starts_with("<svg"));
  CHECK(page.find("<meta name=\"description\" content=\"Install the tools &amp; log in.\">") != std::string::npos);
  CHECK(page.find("<meta property=\"og:title\" content=\"Setup\">") != std::string::npos);
  CHECK(page.find("og:url") == std::string::npos);  // Open Graph wants an absolute address, and this site has none
  CHECK(page.find("id=\"install\"") != std::string::npos);
  CHECK(page.find("href=\"/\"") != std::string::npos);
  CHECK(page.find("src=\"/img/logo.png\"") != std::string::npos);
  CHECK(page.find("Content-Security-Policy") != std::string::npos);
  CHECK(page.find("Open in the app") == std::string::npos);  // boot.js makes it, where the app can run (static_pages.mjs)
  CHECK(page.find("assets/loader.js") != std::string::npos);
  CHECK(page.find("<a href=\"/guides/\">Guides</a>") != std::string::npos);  // breadcrumbs
  CHECK(slurp(site / "guides/setup/index.md").find("## Install") != std::string::npos);
  CHECK(slurp(site / "guides/index.html").find("Linked from") == std::string::npos);
  CHECK(slurp(site / "guides/setup/index.html").find("Linked from") != std::string::npos);  // backlink from home
  CHECK(slurp(site / "sitemap.xml").find("<loc>/guides/setup/</loc><lastmod>2026-03-01</lastmod>") != std::string::npos);
  CHECK(slurp(site / "404.html").find("Page not found") != std::string::npos);
  const auto manifest = nlohmann::json::parse(slurp(site / "manifest.json"));
  REQUIRE(manifest["parts"].size() == 1);  // the pages, in a content-addressed part beside the head
  const std::string part = manifest["parts"][0]["name"];
  CHECK(part.starts_with("site/pages."));
  CHECK(nlohmann::json::parse(slurp(site / part))["pages"].size() == 3);
}

TEST_CASE("--base-url prefixes every link and asset") {
  TempDir dir;
  write_fixture(dir);
  BuildOptions o = options_for(dir);
  o.base_url = "handbook/";
  o.site_url = "https://example.org/";
  REQUIRE(build_site_to_disk(o).written);
  const std::string page = slurp(dir.path / "site/guides/setup/index.html");
  CHECK(page.find("href=\"/handbook/\"") != std::string::npos);
  CHECK(page.find("src=\"/handbook/img/logo.png\"") != std::string::npos);
  CHECK(page.find("href=\"/handbook/assets/page.css\"") != std::string::npos);
  CHECK(page.find("<link rel=\"canonical\" href=\"https://example.org/handbook/guides/setup/\">") != std::string::npos);
  CHECK(page.find("<meta property=\"og:url\" content=\"https://example.org/handbook/guides/setup/\">\n<meta name=\"twitter:card\"") != std::string::npos);
  CHECK(slurp(dir.path / "site/404.html").find("<meta property=\"og:url\" content=\"https://example.org/handbook/404.html\">") != std::string::npos);
  CHECK(slurp(dir.path / "site/robots.txt").find("Sitemap: https://example.org/handbook/sitemap.xml") != std::string::npos);
}

TEST_CASE("bad input is reported per file and the rest of the site still builds") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/bad-utf8.md", "# Bytes\n\nbad \xFF\n");
  dir.write("content/bad-yaml.md", "---\ntitle: [x\n---\n# Still built\n");
  dir.write("content/empty.md", "");
  dir.write("content/binary.md", std::string("\0\0\0\x01", 4));
  dir.write("content/huge.md", std::string(9u << 20, 'x'));
  dir.write("content/broken-link.md", "# B\n\n[x](nowhere.md)\n");
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  CHECK(report.errors == 4);  // yaml, binary, huge, broken link (as `logbook check` says)
  CHECK(report.warnings == 7);  // utf-8, empty, and what check warns about: no title, four pages no page links to
  CHECK(report.exit_code(false) == 1);
  CHECK(fs::exists(dir.path / "site/bad-yaml/index.html"));
  CHECK(fs::exists(dir.path / "site/guides/setup/index.html"));
  CHECK_FALSE(fs::exists(dir.path / "site/binary/index.html"));
  bool named = false;
  for (const auto& d : report.diagnostics) named = named || (d.file == "broken-link.md" && d.line == 3);
  CHECK(named);
}

TEST_CASE("--strict with warnings fails and keeps the previous site untouched") {
  TempDir dir;
  write_fixture(dir);
  BuildOptions o = options_for(dir);
  REQUIRE(build_site_to_disk(o).written);
  const std::string before = slurp(dir.path / "site/guides/setup/index.html");
  dir.write("content/guides/setup.md", "# Changed\n\n[x](missing.md)\n");
  o.strict = true;
  const BuildReport report = build_site_to_disk(o);
  CHECK_FALSE(report.written);
  CHECK(report.exit_code(true) == 1);
  CHECK(slurp(dir.path / "site/guides/setup/index.html") == before);
  CHECK(summary_line(report, o).find("was left as it was") != std::string::npos);
}

TEST_CASE("a build that cannot write leaves the previous site untouched") {
  TempDir dir;
  write_fixture(dir);
  BuildOptions o = options_for(dir);
  REQUIRE(build_site_to_disk(o).written);
  // The app cannot be copied: it holds a file that is no regular file (a FIFO).
  dir.write("content/clash.md", "# Clash\n");
  dir.write("app/boot.js", "// the app");
  REQUIRE(mkfifo((dir.path / "app/pipe").c_str(), 0600) == 0);
  o.app_dir = dir.path / "app";
  const BuildReport report = build_site_to_disk(o);
  CHECK_FALSE(report.written);
  CHECK(report.fatal.find("previous site") != std::string::npos);
  CHECK(fs::exists(dir.path / "site/guides/setup/index.html"));
  CHECK_FALSE(fs::exists(dir.path / "site/clash/index.html"));
  for (const auto& entry : fs::directory_iterator(dir.path))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);  // staging removed
}

TEST_CASE("a missing content folder is a clear fatal error") {
  TempDir dir;
  BuildOptions o = options_for(dir);
  const BuildReport report = build_site_to_disk(o);
  CHECK(report.fatal.find("is not a folder") != std::string::npos);
  CHECK(report.exit_code(false) == 1);
}

TEST_CASE("the output folder inside the content folder is not read as content") {
  TempDir dir;
  write_fixture(dir);
  BuildOptions o = options_for(dir);
  o.out_dir = dir.path / "content/_site";
  REQUIRE(build_site_to_disk(o).written);
  const BuildReport again = build_site_to_disk(o);
  CHECK(again.pages == 3);
  CHECK(again.warnings == 0);
}

TEST_CASE("logbook search prints ranked results as text and as JSON") {
  TempDir dir;
  write_fixture(dir);
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  int status = 0;
  const std::string json = run(std::string(LOGBOOK_BINARY) + " search " + (dir.path / "site").string() + " worker_thr --json", status);
  CHECK(status == 0);
  const auto hits = nlohmann::json::parse(json);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["path"] == "guides/setup.md");
  CHECK(hits[0]["url"] == "/guides/setup/");
  CHECK(hits[0]["title"] == "Setup");
  CHECK(hits[0]["snippet"].get<std::string>().find("<mark>worker_threads</mark>") != std::string::npos);

  const std::string text = run(std::string(LOGBOOK_BINARY) + " search " + (dir.path / "site").string() + " '\"unbalanced' --limit 5", status);
  CHECK(status == 0);
  CHECK(text.find("No pages match") != std::string::npos);
}

TEST_CASE("logbook search corrects a misspelt word, says so in text and JSON, and searches a quoted word as typed") {
  TempDir dir;
  write_fixture(dir);
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  const std::string site = (dir.path / "site").string();
  int status = 0;
  const auto hits = nlohmann::json::parse(run(std::string(LOGBOOK_BINARY) + " search " + site + " isntall --json", status));
  CHECK(status == 0);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0]["path"] == "guides/setup.md");
  CHECK(hits[0]["corrected"] == "install");
  const std::string text = run(std::string(LOGBOOK_BINARY) + " search " + site + " isntall", status);
  CHECK(text.find("Showing results for \"install\"") != std::string::npos);
  CHECK(run(std::string(LOGBOOK_BINARY) + " search " + site + " '\"isntall\"' --json", status) == "[]\n");
}

TEST_CASE("the search database is published as pieces named by the manifest, the same for the same content") {
  TempDir dir;
  write_fixture(dir);
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  const fs::path site = dir.path / "site";
  const auto search = nlohmann::json::parse(slurp(site / "manifest.json"))["search"];
  const std::string list_path = search["list"].get<std::string>();
  CHECK(list_path.starts_with("search/list."));
  const auto list = nlohmann::json::parse(slurp(site / list_path));
  CHECK(list["format"] == "logbook-search-pieces");
  CHECK(search["pieces"] == list["pieces"].size());
  CHECK(!fs::exists(site / "search.db"));  // not whole beside its pieces
  // Each piece's file is packed (db_pieces.hpp) and unpacks to the bytes the list says.
  PieceList pieces;
  REQUIRE(read_piece_list(slurp(site / list_path), list_path, pieces) == "");
  CHECK(pieces.packing == PiecePacking::deflate);
  std::uintmax_t bytes = 0, packed = 0;
  for (std::size_t i = 0; i < pieces.pieces.size(); ++i) {
    const std::string file = slurp(site / piece_path(pieces.pieces[i]));
    CHECK(content_hash(file) == pieces.pieces[i]);
    const std::optional<std::string> piece = unpack_piece(file, pieces.piece_size(static_cast<int>(i)));
    REQUIRE(piece);
    bytes += piece->size();
    packed += file.size();
  }
  CHECK(search["bytes"] == bytes);
  CHECK(packed < bytes);
  for (const auto& entry : fs::directory_iterator(dir.path / "site")) CHECK(!entry.path().filename().string().starts_with(".search"));

  const std::string first = slurp(site / list_path);
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  CHECK(slurp(site / list_path) == first);  // same content, same list, so the same pieces

  // Pieces gone (a newer deployment): the command says so and exits with an error.
  const auto& opening = list["opening"];
  for (std::size_t i = 0; i < list["pieces"].size(); ++i)
    if (std::find(opening.begin(), opening.end(), i) == opening.end())
      fs::remove(site / "search" / (list["pieces"][i].get<std::string>() + ".bin"));
  int status = 0;
  const std::string out = run(std::string(LOGBOOK_BINARY) + " search " + site.string() + " worker_thr 2>&1", status);
  CHECK(status != 0);
  CHECK(out.find("could not be fetched") != std::string::npos);

  run(std::string(LOGBOOK_BINARY) + " search " + (dir.path / "nothing").string() + " x 2>&1", status);
  CHECK(status != 0);
}

TEST_CASE("logbook build prints diagnostics and a one-line summary") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/broken.md", "# B\n\n[x](gone.md)\n");
  dir.write("content/index.md", "# Home\n\n[Setup](guides/setup.md), [broken](broken.md)\n");
  int status = 0;
  const std::string out = run(std::string(LOGBOOK_BINARY) + " build " + (dir.path / "content").string() + " -o " +
                              (dir.path / "out").string() + " 2>&1", status);
  CHECK(status != 0);  // the site is written, and the broken link fails the build as it fails check
  CHECK(out.find("content/broken.md:3:1: error: link to gone.md is broken") != std::string::npos);
  CHECK(out.find("Built 4 pages in") != std::string::npos);
  CHECK(out.find("1 error, 0 warnings") != std::string::npos);
  CHECK(fs::exists(dir.path / "out/broken/index.html"));
}

TEST_CASE("build and check report a problem alike: same words, same path, same severity") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/notes.md", "---\ntags: [a, b\n---\n# Notes\n\n[[Setpu]] and [x](gone.md)\n");
  dir.write("content/decisions/0001-x.md", "---\nid: ADR-0001\ntitle: X\nstatus: acepted\ndate: 2026-01-02\n---\n# X\n");
  const std::string in = "cd " + dir.path.string() + " && ";
  int status = 0;
  const std::string built = run(in + LOGBOOK_BINARY + " build content -o out --today 2026-02-01 2>&1", status);
  const std::string checked = run(in + LOGBOOK_BINARY + " check content --today 2026-02-01 2>&1", status);
  const auto findings = [](const std::string& text) {
    std::string out;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (line.find(": error: ") != std::string::npos || line.find(": warning: ") != std::string::npos) out += line + "\n";
    return out;
  };
  CHECK(findings(built) == findings(checked));
  CHECK(findings(built).find("content/notes.md:2:7: error: malformed front matter: the list that `[` starts here") != std::string::npos);
  CHECK(findings(built).find("content/notes.md:6:1: error: link to [[Setpu]] is broken") != std::string::npos);
  CHECK(findings(built).find("content/decisions/0001-x.md:4:9: warning: status 'acepted'") != std::string::npos);
}

TEST_CASE("a rebuild after an edit rewrites the pages whose output changed, in place") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/guides/other.md", "# Other\n\nUnrelated.\n");
  SiteBuilder builder(options_for(dir));
  REQUIRE(builder.build().written);
  const fs::path site = dir.path / "site";

  // A body edit: only that page (no title change, no link change).
  dir.write("content/guides/other.md", "# Other\n\nEdited body.\n");
  BuildReport r = builder.rebuild({"guides/other.md"});
  CHECK(r.written);
  CHECK(builder.pages_written() == 1);
  CHECK(slurp(site / "guides/other/index.html").find("Edited body.") != std::string::npos);
  CHECK(slurp(site / "guides/other/index.md").find("Edited body.") != std::string::npos);

  // A new page linking to setup: the new page, setup (backlinks) and the section's pages (sidebar).
  dir.write("content/guides/new.md", "# Newcomer\n\n[setup](setup.md)\n");
  r = builder.rebuild({"guides/new.md"});
  CHECK(r.pages == 5);
  CHECK(fs::exists(site / "guides/new/index.html"));
  CHECK(slurp(site / "guides/setup/index.html").find("Newcomer") != std::string::npos);
  CHECK(slurp(site / "guides/other/index.html").find("Newcomer") != std::string::npos);  // in the sidebar
  builder.wait_for_database();
  int status = 0;
  const std::string json = run(std::string(LOGBOOK_BINARY) + " search " + site.string() + " newcomer --json", status);
  CHECK(json.find("guides/new.md") != std::string::npos);
  // The new database's pieces replaced the old ones: search/ holds what its list names.
  const auto list = nlohmann::json::parse(
      slurp(site / nlohmann::json::parse(slurp(site / "manifest.json"))["search"]["list"].get<std::string>()));
  std::set<std::string> named = {"list"};
  for (const auto& name : list["pieces"]) named.insert(name.get<std::string>());
  for (const auto& entry : fs::directory_iterator(site / "search")) CHECK(named.count(entry.path().stem().stem().string()));

  // Deleting it removes its output and its backlink.
  fs::remove(dir.path / "content/guides/new.md");
  r = builder.rebuild({"guides/new.md"});
  CHECK(r.pages == 4);
  CHECK_FALSE(fs::exists(site / "guides/new/index.html"));
  CHECK(slurp(site / "guides/setup/index.html").find("Newcomer") == std::string::npos);

  // A broken edit still builds; its problem is reported.
  dir.write("content/guides/other.md", "---\ntitle: [x\n---\n# Other\n");
  r = builder.rebuild({"guides/other.md"});
  CHECK(r.written);
  CHECK(r.errors == 1);

  // Anything but Markdown (an image) falls back to a full build.
  dir.write("content/img/new.png", "PNG");
  r = builder.rebuild({"img/new.png"});
  CHECK(r.written);
  CHECK(fs::exists(site / "img/new.png"));
  CHECK(builder.pages_written() == 4);
}

TEST_CASE("a rebuild rewrites a record's page when a record in its chain changes status") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/decisions/0001-a.md", "---\nstatus: superseded\n---\n# A\n");
  dir.write("content/decisions/0002-b.md", "---\nstatus: proposed\nsupersedes: [ADR-0001]\n---\n# B\n");
  SiteBuilder builder(options_for(dir));
  REQUIRE(builder.build().written);
  const fs::path a = dir.path / "site/decisions/0001-a/index.html";
  CHECK(slurp(a).find("ADR-0002: B</a>, <span class=\"status-word\">proposed</span>") != std::string::npos);
  dir.write("content/decisions/0002-b.md", "---\nstatus: accepted\nsupersedes: [ADR-0001]\n---\n# B\n");
  REQUIRE(builder.rebuild({"decisions/0002-b.md"}).written);
  CHECK(slurp(a).find("ADR-0002: B</a>, <span class=\"status-word\">accepted</span>") != std::string::npos);
  builder.wait_for_database();
}

TEST_CASE("edit, history and propose-a-decision links come from logbook.yml; the feed is written") {
  TempDir dir;
  write_fixture(dir);
  dir.write("logbook.yml", "title: Handbook\nrepository: https://github.com/acme/handbook/\nbranch: trunk\n");
  dir.write("content/decisions/index.md", "# Decisions\n");
  dir.write("content/decisions/0001-use-x.md", "---\nid: ADR-0001\ntitle: Use X\nstatus: accepted\ndate: 2026-01-01\n---\n# Use X\n");
  dir.write("content/decisions/template.md", "---\nid: {{id}}\nstatus: proposed\n---\n# {{id}}: {{title}}\n");
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  const std::string page = slurp(dir.path / "site/guides/setup/index.html");
  CHECK(page.find("href=\"https://github.com/acme/handbook/edit/trunk/content/guides/setup.md\"") != std::string::npos);
  CHECK(page.find("href=\"https://github.com/acme/handbook/commits/trunk/content/guides/setup.md\"") != std::string::npos);
  const std::string log = slurp(dir.path / "site/decisions/index.html");
  const auto propose = log.find("https://github.com/acme/handbook/new/trunk/content/decisions?filename=0002-title.md&amp;value=");
  REQUIRE(propose != std::string::npos);
  CHECK(log.find("ADR-0002", propose) != std::string::npos);  // the next id, filled into the template
  // Every placeholder is filled: {{title}} and {{date}} were left for GitHub's page to show as they are.
  const std::string url = log.substr(propose, log.find('"', propose) - propose);
  CHECK(url.find("%7B%7B") == std::string::npos);
  CHECK(url.find("%23%20ADR-0002%3A%20Title") != std::string::npos);  // "# ADR-0002: Title"
  CHECK_FALSE(fs::exists(dir.path / "site/decisions/template/index.html"));
  const std::string feed = slurp(dir.path / "site/feed.xml");
  CHECK(feed.find("<title>ADR-0001 (accepted): Use X</title>") != std::string::npos);
  CHECK(page.find("Last changed") == std::string::npos);  // not a git repository: no history, and no error
}

TEST_CASE("pages show their last change and authors from git history") {
  TempDir dir;
  write_fixture(dir);
  int status = 0;
  const std::string git = "cd '" + dir.path.string() + "' && git -c init.defaultBranch=main init -q && git add -A && ";
  run(git + "GIT_AUTHOR_DATE='2026-03-04T10:00:00Z' git -c user.name=Ana -c user.email=ana@example.org commit -qm first", status);
  REQUIRE(status == 0);
  dir.write("content/guides/setup.md", "# Setup\n\nChanged by Ben.\n");
  run("cd '" + dir.path.string() + "' && git add -A && GIT_AUTHOR_DATE='2026-05-06T10:00:00Z' git -c user.name=Ben -c user.email=ben@example.org commit -q -m 'Explain the second step' -m 'A body the summary leaves out.'", status);
  REQUIRE(status == 0);
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  CHECK(slurp(dir.path / "site/guides/setup/index.html").find("Last changed 2026-05-06 by Ben, Ana") != std::string::npos);
  CHECK(slurp(dir.path / "site/guides/index.html").find("Last changed 2026-03-04 by Ana") != std::string::npos);
  const auto manifest = nlohmann::json::parse(slurp(dir.path / "site/manifest.json"));
  const auto part = nlohmann::json::parse(slurp(dir.path / "site" / manifest["parts"][0]["name"].get<std::string>()));
  bool found = false;
  for (const auto& p : part["pages"])
    if (p["path"] == "guides/setup.md")
      found = p["updated"] == "2026-05-06" && p["authors"].size() == 2 && p["last_author"] == "Ben" &&
              p["summary"] == "Explain the second step";  // the last commit's, its first line only
  CHECK(found);
}

TEST_CASE("aliases: old URLs send the reader to the page's new one") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/guides/setup.md", "---\ntitle: Setup\naliases: [/onboarding/setup, old/setup/, /guides/]\n---\n# Setup\n");
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  const std::string moved = slurp(dir.path / "site/onboarding/setup/index.html");
  CHECK(moved.find("<meta http-equiv=\"refresh\" content=\"0; url=/guides/setup/\">") != std::string::npos);
  CHECK(fs::exists(dir.path / "site/old/setup/index.html"));
  CHECK(slurp(dir.path / "site/guides/index.html").find("refresh") == std::string::npos);  // a real page is never replaced
}

TEST_CASE("characters beyond the app's fonts get fallback faces subset to exactly them") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/world.md", "# 世界\n\nשלום, 東京, 서울 and Zürich.\n");
  dir.write("app/boot.js", "// a stand-in for the built app\n");
  BuildOptions o = options_for(dir);
  o.app_dir = dir.path / "app";
  const BuildReport report = build_site_to_disk(o);
  REQUIRE(report.written);
  const auto manifest = nlohmann::json::parse(slurp(dir.path / "site/manifest.json"));
  REQUIRE(manifest["fallback_fonts"].size() == 3);  // DejaVu (Hebrew), Droid (CJK), Nanum (Hangul); no others
  for (const auto& f : manifest["fallback_fonts"]) {
    const auto size = fs::file_size(dir.path / "site" / f.get<std::string>());
    CHECK(size > 500);
    CHECK(size < 200000);  // a handful of glyphs, not a whole CJK font
  }
  std::set<char32_t> uncovered;
  add_uncovered_characters("Zürich → ok, 東京", CharacterRanges(embedded_coverage_for_tests()), uncovered);
  CHECK(uncovered == std::set<char32_t>{U'東', U'京'});
}

TEST_CASE("without the font subsetter the site still builds, and a note says which characters have no face") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/world.md", "# 世界\n\n東京\n");
  dir.write("content/index.md", "---\ntitle: Team Handbook\n---\n# Team Handbook\n\nWelcome. Read [[Setup]] and [[世界]].\n");
  dir.write("app/boot.js", "// a stand-in for the built app\n");
  BuildOptions o = options_for(dir);
  o.app_dir = dir.path / "app";
  o.strict = true;  // linked from the home page: a clean build, with only notes
  const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  setenv("PATH", (dir.path / "no-tools").c_str(), 1);  // no pyftsubset to be found
  const BuildReport report = build_site_to_disk(o);
  setenv("PATH", path.c_str(), 1);
  CHECK(report.written);
  CHECK(report.exit_code(o.strict) == 0);
  CHECK(report.warnings == 0);
  bool said = false;
  for (const std::string& note : report.notes)
    said = said || note.find("built without fonts for some characters: 4 characters of the content are not in the app's fonts") == 0;
  CHECK_MESSAGE(said, "notes: " << report.notes.size());
  CHECK(nlohmann::json::parse(slurp(dir.path / "site/manifest.json"))["fallback_fonts"].empty());
}

TEST_CASE("the app's own list of the characters its text face has decides what needs a fallback") {
  TempDir dir;
  dir.write("app/fonts/coverage.txt", "U+0020-007E,U+00FC\n");  // ASCII and ü, nothing else
  const CharacterRanges coverage(app_font_coverage(dir.path / "app", "U+0020-007E,U+00A0-024F,U+2700-27BF"));
  std::set<char32_t> uncovered;
  add_uncovered_characters("Zürich ✅ Ärger", coverage, uncovered);
  CHECK(uncovered == std::set<char32_t>{U'✅', U'Ä'});  // the ranges alone would have claimed both
  CHECK(app_font_coverage(dir.path / "no-app", "U+0020-007E") == "U+0020-007E");
}

TEST_CASE("character ranges: ranges and single characters, in any order, with or without U+") {
  const CharacterRanges r("U+00FC, 0041-005A,U+2705");
  CHECK(r.contains(U'A'));
  CHECK(r.contains(U'Z'));
  CHECK_FALSE(r.contains(U'a'));
  CHECK(r.contains(U'ü'));
  CHECK(r.contains(U'✅'));
  CHECK_FALSE(r.contains(U'✆'));
  CHECK(r.overlaps({U'a', U'B'}));
  CHECK_FALSE(r.overlaps({U'a', U'b'}));
  CHECK(CharacterRanges("").empty());
}

// Spec: no content, front matter or URL makes the build write outside its output folder
// or in the place of a file it generates; the live site is never missing or half written.

namespace {

std::size_t count_diagnostics(const BuildReport& report, const std::string& file, const std::string& text) {
  std::size_t n = 0;
  for (const auto& d : report.diagnostics) n += d.file == file && d.message.find(text) != std::string::npos;
  return n;
}

// Files under `root`, as paths relative to it.
std::set<std::string> files_under(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) out.insert(fs::relative(entry.path(), root).generic_string());
  return out;
}

// Waits up to two seconds for a path to disappear (old folders are deleted in the background).
bool gone_soon(const fs::path& p) {
  for (int i = 0; i < 200 && fs::exists(p); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return !fs::exists(p);
}

}  // namespace

TEST_CASE("an alias that would leave the output folder is a warning at its line; nothing is written outside") {
  TempDir dir;
  write_fixture(dir);
  const std::string outside = (dir.path / "outside").string();  // absolute: "//" + it is a path from the root
  dir.write("content/guides/setup.md", "---\ntitle: Setup\naliases: [\"/" + outside + "\", \"//" + outside +
                                           "-2\", /../outside-3, \"a/%2e%2e/%2E%2E/%2e%2e/outside-4\", \"..\\\\..\\\\outside-5\", "
                                           "\"https://example.org/x\", \"a\\0b\", \"/%2Fetc/x\", /kept/]\n---\n# Setup\n");
  BuildOptions o = options_for(dir);
  o.out_dir = dir.path / "out/site";
  const BuildReport report = build_site_to_disk(o);
  CHECK(report.written);
  CHECK(report.errors == 0);
  CHECK(count_diagnostics(report, "guides/setup.md", "leaves the site; write it as a path like /old/page/") == 8);
  for (const auto& d : report.diagnostics) CHECK(d.line == 3);
  CHECK(fs::exists(dir.path / "out/site/kept/index.html"));  // a good alias still works
  std::set<std::string> top;
  for (const auto& entry : fs::directory_iterator(dir.path)) top.insert(entry.path().filename().string());
  CHECK(top == std::set<std::string>{"content", "out"});
  std::set<std::string> beside;
  for (const auto& entry : fs::directory_iterator(dir.path / "out"))
    if (!entry.path().filename().string().starts_with(".site.old-")) beside.insert(entry.path().filename().string());
  CHECK(beside == std::set<std::string>{"site"});
  const std::set<std::string> written = files_under(dir.path / "out/site");
  for (const std::string& f : written) CHECK(f.find("outside") == std::string::npos);
}

TEST_CASE("output_path maps a site URL into the output folder or refuses it") {
  const fs::path root = "/srv/site";
  CHECK(output_path(root, "/guides/setup/", "index.html") == root / "guides/setup/index.html");
  CHECK(output_path(root, "/a%23b/", "index.md") == root / "a#b/index.md");
  CHECK(output_path(root, "/img/100%25.png") == root / "img/100%.png");
  for (const char* url : {"//etc/x/", "/../x/", "/a/%2e%2e/%2e%2e/x/", "/a/%2F/x/", "/%2Fetc/", "/a\\b/", "/a%00b/", "x/", "/a/./b/"}) {
    CAPTURE(url);
    CHECK_FALSE(output_path(root, url, "index.html"));
  }
  std::string error;
  CHECK_FALSE(write_output(root, "//etc/", "passwd", "x", error));
  CHECK(error.find("leaves the output folder") != std::string::npos);
}

TEST_CASE("a content file in the place of a generated file is an error; the generated file stays") {
  TempDir dir;
  write_fixture(dir);
  const std::vector<std::string> clashes = {"index.html", "guides/setup/index.html", "guides/index.md.txt", "search/list.json",
                                            "manifest.json", "offline.json", "sw.js", "feed.xml", "sitemap.xml", "404.html",
                                            "robots.txt", "assets/page.css", "assets/loader.js", "assets/favicon.svg", "app/boot.js",
                                            "guides/index.html/x.txt"};
  for (const std::string& f : clashes) dir.write("content/" + f, "<script>alert(1)</script>");
  // Listed on purpose, so the publish policy (ADR-0011) lets the .html, .js and .xml
  // files through: even then the generated file wins.
  dir.write("logbook.yml", "publish_files: [\"**\"]\n");
  dir.write("content/search.md", "# A page whose folder would hold the search pieces\n");
  dir.write("content/assets/logo.svg.txt", "an asset beside the generated ones is fine");
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  for (const std::string& f : clashes) {
    CAPTURE(f);
    if (f == "guides/index.md.txt") continue;  // not a clash: no output has that name
    CHECK(count_diagnostics(report, f, "which the build writes; rename or move it (it was not published)") == 1);
  }
  CHECK(count_diagnostics(report, "search.md", "its URL /search/ would take the place of search") == 1);
  CHECK(report.errors == clashes.size());  // 15 files and the page
  const fs::path site = dir.path / "site";
  CHECK(slurp(site / "index.html").find("Team Handbook") != std::string::npos);
  CHECK(slurp(site / "guides/setup/index.html").find("Install") != std::string::npos);
  CHECK(fs::exists(site / nlohmann::json::parse(slurp(site / "manifest.json"))["search"]["list"].get<std::string>()));
  for (const char* f : {"manifest.json", "offline.json", "sw.js", "feed.xml", "sitemap.xml", "404.html", "robots.txt", "assets/page.css",
                        "assets/loader.js", "assets/favicon.svg"}) {
    CAPTURE(f);
    CHECK(slurp(site / f).find("<script>alert(1)</script>") == std::string::npos);
  }
  CHECK_FALSE(fs::exists(site / "app"));
  CHECK(fs::exists(site / "assets/logo.svg.txt"));
  CHECK(fs::exists(site / "guides/index.md.txt"));
}

TEST_CASE("content may have an app/ section; only the reader app's own files are reserved") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/app/index.md", "# Mobile app\n\nSee [setup](setup.md).\n");
  dir.write("content/app/setup.md", "# Setting up the mobile app\n");
  dir.write("content/app/screenshot.png.txt", "a file beside the app's files is fine");
  for (const char* f : {"app/logbook.wasm", "app/boot.js", "app/fonts/Inter.otf", "app/extra.js"})
    dir.write(std::string("content/") + f, "not the app");
  dir.write("logbook.yml", "publish_files: [\"**\"]\n");
  dir.write("app/boot.js", "// a stand-in for the built app\n");
  dir.write("app/extra.js", "// a file only this build of the app has\n");
  dir.write("app/fonts/inter-regular.otf", "a face loaded before the first page");
  dir.write("app/fonts/late/mono-bold.ttf", "a rare face, fetched when first drawn");
  BuildOptions o = options_for(dir);
  o.app_dir = dir.path / "app";
  const BuildReport report = build_site_to_disk(o);
  REQUIRE(report.written);
  const fs::path site = dir.path / "site";
  CHECK(slurp(site / "app/setup/index.html").find("Setting up the mobile app") != std::string::npos);
  CHECK(slurp(site / "app/index.html").find("Mobile app") != std::string::npos);
  CHECK(fs::exists(site / "app/screenshot.png.txt"));
  CHECK(count_diagnostics(report, "app/logbook.wasm", "would take the place of app/logbook.wasm, which the build writes") == 1);
  CHECK(count_diagnostics(report, "app/boot.js", "would take the place of app/boot.js") == 1);
  CHECK(count_diagnostics(report, "app/fonts/Inter.otf", "would take the place of app/fonts") == 1);
  CHECK(count_diagnostics(report, "app/extra.js", "would take the place of app/extra.js") == 1);
  CHECK(report.errors == 4);
  CHECK(slurp(site / "app/boot.js") == "// a stand-in for the built app\n");
  const auto manifest = nlohmann::json::parse(slurp(site / "manifest.json"));
  const auto precache = manifest["precache"].get<std::vector<std::string>>();
  CHECK(std::count(precache.begin(), precache.end(), "app/boot.js") == 1);
  // The rare faces are not in the shell: the app fetches one when it first draws with it.
  CHECK(std::count(precache.begin(), precache.end(), "app/fonts/inter-regular.otf") == 1);
  CHECK(std::count(precache.begin(), precache.end(), "app/fonts/late/mono-bold.ttf") == 0);
  CHECK(fs::exists(site / "app/fonts/late/mono-bold.ttf"));
  // The offline copy's shell is the app's own files; content under app/ is a page like any
  // other, cached as it is read (issue 9), and offline.json lists it outside the shell.
  CHECK(std::count(precache.begin(), precache.end(), "app/setup/") == 0);
  const auto offline = nlohmann::json::parse(slurp(site / "offline.json"));
  CHECK(offline["shell"].contains("app/boot.js"));
  CHECK_FALSE(offline["shell"].contains("app/fonts/late/mono-bold.ttf"));
  CHECK_FALSE(offline["shell"].contains("app/setup/index.html"));
}

TEST_CASE("an alias in the place of a generated file or another alias is a warning") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/guides/setup.md", "---\ntitle: Setup\naliases: [/img/logo.png/, /search/, /app/fonts/, /old/]\n---\n# Setup\n");
  dir.write("content/other.md", "---\naliases:\n  - /old/\n---\n# Other\n");
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  CHECK(report.errors == 0);
  CHECK(count_diagnostics(report, "guides/setup.md", "would take the place of img/logo.png, which the build writes") == 1);
  CHECK(count_diagnostics(report, "guides/setup.md", "would take the place of search, which the build writes") == 1);
  CHECK(count_diagnostics(report, "guides/setup.md", "would take the place of app/fonts, which the build writes") == 1);
  CHECK(count_diagnostics(report, "other.md", "'/old/' would take the place of old/index.html") == 1);
  CHECK(slurp(dir.path / "site/old/index.html").find("url=/guides/setup/") != std::string::npos);  // the first keeps it
  CHECK(slurp(dir.path / "site/img/logo.png").starts_with("\x89PNG"));
}

TEST_CASE("a build removes the staging folders of killed builds, but not those of running ones") {
  TempDir dir;
  write_fixture(dir);
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);  // a process that is gone, like a killed build
  const fs::path dead = dir.path / (".site.tmp-" + std::to_string(child));
  const fs::path running = dir.path / ".site.tmp-1";  // pid 1 always runs
  dir.write(dead.filename().string() + "/index.html", "half a site");
  dir.write(running.filename().string() + "/index.html", "a build in progress");
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  CHECK(gone_soon(dead));
  CHECK(fs::exists(running / "index.html"));
}

TEST_CASE("the output swap leaves no moment without a site") {
  TempDir dir;
  const fs::path out = dir.path / "site";
  dir.write("site/index.html", "first");
  std::atomic<bool> done{false};
  std::atomic<int> missing{0};
  std::thread watcher([&] {
    while (!done) missing += access((out / "index.html").c_str(), F_OK) != 0;
  });
  for (int i = 0; i < 300; ++i) {
    const fs::path staged = staging_path(out);
    dir.write(staged.filename().string() + "/index.html", std::to_string(i));
    REQUIRE(swap_in(staged, out) == "");
  }
  done = true;
  watcher.join();
  CHECK(missing == 0);
  CHECK(dir.read("site/index.html") == "299");
}

TEST_CASE("a page over the size limit is never read into memory and is reported like any page too big") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/huge.md", "");
  fs::resize_file(dir.path / "content/huge.md", 200u << 20);  // sparse: 200 MB on paper
  const ContentReadResult content = read_content(dir.path / "content");
  bool seen = false;
  for (const SourceFile& f : content.files) {
    if (f.path != "huge.md") continue;
    seen = true;
    CHECK(f.bytes.empty());
    CHECK(f.unread_size == 200u << 20);
  }
  CHECK(seen);
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  CHECK(count_diagnostics(report, "huge.md", "file is 200 MiB, over the 8 MiB limit for a page") == 1);
  CHECK_FALSE(fs::exists(dir.path / "site/huge/index.html"));
}

TEST_CASE("file names with #, ? and % are published with encoded links; control characters are refused by name") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/c#-notes.md", "# C# notes\n");
  dir.write("content/100%.md", "# All of it\n");
  dir.write("content/why?.md", "# Why\n");
  dir.write("content/img/a#1.png", "PNG");
  dir.write("content/tab\there.md", "# Tab\n");
  dir.write("content/new\nline.png", "PNG");
  dir.write("content/links.md", "# Links\n\n[c](c%23-notes.md) [all](100%25.md) [why](why%3F.md) ![a](img/a%231.png)\n");
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  CHECK(report.errors == 0);
  CHECK(count_diagnostics(report, "tab\\there.md", "the file name has a control character") == 1);
  CHECK(count_diagnostics(report, "new\\nline.png", "the file name has a control character") == 1);
  CHECK(report.warnings == 3);  // and no broken link (the third: no page links to links.md)
  const fs::path site = dir.path / "site";
  for (const char* f : {"c#-notes/index.html", "100%/index.html", "why?/index.md", "img/a#1.png"}) {
    CAPTURE(f);
    CHECK(fs::exists(site / f));
  }
  const std::string links = slurp(site / "links/index.html");
  for (const char* href : {"href=\"/c%23-notes/\"", "href=\"/100%25/\"", "href=\"/why%3F/\"", "src=\"/img/a%231.png\""}) {
    CAPTURE(href);
    CHECK(links.find(href) != std::string::npos);
  }
  CHECK(slurp(site / "sitemap.xml").find("<loc>/c%23-notes/</loc>") != std::string::npos);
  for (const std::string& f : files_under(site)) CHECK(f.find_first_of("\t\n") == std::string::npos);
}

TEST_CASE("logbook search takes words starting with '-' after SITE as the query") {
  TempDir dir;
  write_fixture(dir);
  dir.write("content/draft-notes.md", "# Setup draft\n\nA draft of the setup.\n");
  REQUIRE(build_site_to_disk(options_for(dir)).written);
  const std::string site = (dir.path / "site").string();
  int status = 0;
  const std::string json = run(std::string(LOGBOOK_BINARY) + " search " + site + " setup -draft --json", status);
  CHECK(status == 0);
  const auto hits = nlohmann::json::parse(json);
  CHECK(hits.size() == 2);  // the setup page and the home page, which links to it
  for (const auto& hit : hits) CHECK(hit["path"] != "draft-notes.md");
  CHECK(run(std::string(LOGBOOK_BINARY) + " search " + site + " -draft 2>&1", status).find("No pages match \"-draft\"") == 0);
  CHECK(status == 0);
  const std::string words = run(std::string(LOGBOOK_BINARY) + " search " + site + " zzz --limit 5 -draft", status);
  CHECK(status == 0);
  CHECK(words.find("No pages match \"zzz -draft\"") != std::string::npos);
  run(std::string(LOGBOOK_BINARY) + " search " + site + " 2>&1", status);
  CHECK(status != 0);  // no query
}

TEST_CASE("write_file replaces a file whole: a reader of the old file never sees a part of the new one") {
  TempDir dir;
  const fs::path file = dir.path / "pages/index.html";
  std::string error;
  REQUIRE(write_file(file, "the old page", error));
  std::ifstream reader(file, std::ios::binary);  // open, like a server sending it
  REQUIRE(write_file(file, "the new page, longer", error));
  std::string seen((std::istreambuf_iterator<char>(reader)), std::istreambuf_iterator<char>());
  CHECK(seen == "the old page");
  CHECK(slurp(file) == "the new page, longer");
  CHECK(files_under(dir.path) == std::set<std::string>{"pages/index.html"});  // no temporary file left
}

// A symbolic link to a file outside the content folder was read and published (its
// relative path climbed out, so the whole build failed): links are never followed.
TEST_CASE("symbolic links in the content folder are not followed: each is a warning, the rest builds") {
  TempDir dir;
  write_fixture(dir);
  dir.write("outside/secret.md", "# Secret\n\nsecret-data\n");
  fs::create_symlink(dir.path / "outside/secret.md", dir.path / "content/leak.md");
  fs::create_directory_symlink(dir.path / "outside", dir.path / "content/elsewhere");
  const BuildReport report = build_site_to_disk(options_for(dir));
  CHECK(report.written);
  CHECK(report.pages == 3);
  CHECK(count_diagnostics(report, "leak.md", "is a symbolic link, which Logbook does not follow") == 1);
  CHECK(count_diagnostics(report, "elsewhere", "is a symbolic link, which Logbook does not follow") == 1);
  CHECK_FALSE(fs::exists(dir.path / "site/leak"));
  CHECK_FALSE(fs::exists(dir.path / "site/elsewhere"));
}

TEST_CASE("what a build was made without (git history, the app) is said as a note, not a warning that fails --strict") {
  TempDir dir;
  write_fixture(dir);
  BuildOptions o = options_for(dir);
  o.strict = true;
  o.app_dir = dir.path / "no-app";
  const BuildReport report = build_site_to_disk(o);
  CHECK(report.exit_code(o.strict) == 0);
  CHECK(report.warnings == 0);
  REQUIRE(report.notes.size() == 2);
  CHECK(report.notes[0].find("without page history (not in a git repository") != std::string::npos);
  CHECK(report.notes[1].find("without the reader app: " + o.app_dir.string() + " holds no built app") != std::string::npos);

  dir.write("app/boot.js", "// the app");
  o.app_dir = dir.path / "app";
  CHECK(build_site_to_disk(o).notes.size() == 1);  // only the history: the app is there
}
