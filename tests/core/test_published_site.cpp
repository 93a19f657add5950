// Spec: the published model says everything a reader of the built site sees; it is made
// by publish() and travels as manifest.json through one pair of serializers, versioned.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/published_site.hpp"

using namespace logbook;

namespace {

// What the files carry of a model: all of it but the pages' descriptions (the build's own).
PublishedSite as_read(PublishedSite site) {
  for (PublishedPage& p : site.pages) p.description.clear();
  return site;
}

// The head, then every part it names, as the app would read them.
PublishedSite round_trip(const PublishedSite& site) {
  const ManifestFiles files = write_manifest(site);
  PublishedSite back;
  REQUIRE(read_manifest(files.head, back) == "");
  REQUIRE(files.parts.size() == back.parts.size());
  for (std::size_t k = 0; k < files.parts.size(); ++k) {
    CHECK(files.parts[k].first == back.parts[k].name);
    CHECK_FALSE(back.parts[k].loaded);
    REQUIRE(read_manifest_part(files.parts[k].second, static_cast<int>(k), back) == "");
  }
  CHECK(back.owned_list == files.owned.first);
  if (!files.owned.first.empty()) REQUIRE(read_owned_pages(files.owned.second, back) == "");
  CHECK(back.tags_file == files.tags_name);
  if (!files.tags.empty()) REQUIRE(read_tags_file(files.tags, back) == "");
  return back;
}

// The head with its parts' pages gathered under "pages", to look at what was written.
nlohmann::json manifest_json(const PublishedSite& site) {
  const ManifestFiles files = write_manifest(site);
  nlohmann::json m = nlohmann::json::parse(files.head);
  m["pages"] = nlohmann::json::array();
  for (const auto& [name, text] : files.parts) {
    const nlohmann::json part = nlohmann::json::parse(text);
    for (const auto& p : part["pages"]) m["pages"].push_back(p);
  }
  return m;
}

nlohmann::json manifest_json(const Site& site, const PublishInputs& inputs) { return manifest_json(publish(site, inputs)); }

int index_of(const PublishedSite& model, const std::string& path) {
  for (std::size_t i = 0; i < model.pages.size(); ++i)
    if (model.pages[i].path == path) return static_cast<int>(i);
  return -1;
}

}  // namespace

TEST_CASE("the manifest lists pages and sections with a format version") {
  const Site site = build_site({{"index.md", "# Home\n"}, {"guides/a.md", "---\ndate: 2026-01-02\n---\n# A\n"}});
  const auto m = manifest_json(site, {.title = "Docs", .base = "/repo"});
  CHECK(m["format"] == "logbook-manifest");
  CHECK(m["version"] == kManifestVersion);
  CHECK(m["title"] == "Docs");
  CHECK(m["base"] == "/repo");
  CHECK(m["app"].is_null());
  REQUIRE(m["pages"].size() == 2);
  CHECK(m["pages"][1]["url"] == "/guides/a/");  // in part order: the root's pages first
  CHECK(m["pages"][1]["date"] == "2026-01-02");
  CHECK_FALSE(m["pages"][0].contains("date"));  // no date: left out of the part
  CHECK_FALSE(m["pages"][1].contains("description"));  // the build's own: the app shows none
  CHECK(m["sections"][0]["index"] == 0);
  CHECK(m["sections"][1]["first"] == 1);
  CHECK(m["sections"][1]["count"] == 1);
}

TEST_CASE("the app entry appears when the app was built") {
  const Site site = build_site({{"index.md", "# Home\n"}});
  CHECK(manifest_json(site, {.title = "Docs", .base = "", .app_boot = "app/boot.js"})["app"]["boot"] == "app/boot.js");
}

TEST_CASE("each page lists where its links go, in document order, and who links to it") {
  const Site site = build_site({{"index.md", "# Home\n[A](guides/a.md) [[Missing]] [x](https://example.org) ![i](pic.png)\n"},
                                {"guides/a.md", "# A\n[back](../index.md#home)\n"}});
  const auto m = manifest_json(site, {.title = "Docs", .base = ""});
  const auto& home = m["pages"][0];
  CHECK(home["url"] == "/");
  CHECK(home["links"] == nlohmann::json::array({"/guides/a/", "", "https://example.org", ""}));
  CHECK(home["targets"] == nlohmann::json::array({1, -1, -1, -1}));  // the page each link leads to
  CHECK(home["backlinks"] == nlohmann::json::array({1}));
  CHECK(m["pages"][1]["links"] == nlohmann::json::array({"/#home"}));
  CHECK(m["pages"][1]["targets"] == nlohmann::json::array({0}));
  CHECK(m["pages"][1]["backlinks"] == nlohmann::json::array({0}));
}

TEST_CASE("pages carry a content hash and their git history; the build hash follows every page") {
  Site site = build_site({{"index.md", "# Home\n"}, {"a.md", "# A\n"}});
  SiteHistory history{{"a.md", {"2026-11-20", {"Ana", "Ben"}, "Ana", "Fix the setup steps"}}};
  const auto m = manifest_json(site, {.title = "Docs", .base = "", .history = &history, .app_version = "app1"});
  CHECK(m["pages"][1]["hash"] == content_hash("# A\n"));
  CHECK(m["pages"][1]["updated"] == "2026-11-20");
  CHECK(m["pages"][1]["authors"] == nlohmann::json::array({"Ana", "Ben"}));
  CHECK(m["pages"][1]["last_author"] == "Ana");
  CHECK(m["pages"][1]["summary"] == "Fix the setup steps");
  CHECK(!m["pages"][0].contains("updated"));  // empty: left out of the part
  CHECK(!m["pages"][0].contains("summary"));  // optional: absent without history
  CHECK(!m["pages"][0].contains("last_author"));
  const std::string build = m["build"];
  CHECK(build.size() == 16);
  CHECK(manifest_json(site, {.title = "Docs", .base = "", .history = &history, .app_version = "app2"})["build"] != build);
  site = build_site({{"index.md", "# Home\n"}, {"a.md", "# A, edited\n"}});
  CHECK(manifest_json(site, {.title = "Docs", .base = "", .history = &history, .app_version = "app1"})["build"] != build);
}

TEST_CASE("publish, write and read give back the same model") {
  const Site site = build_site({
      {"index.md", "---\nowner: docs-team\nreview_by: 2027-01-01\ntags: [home]\n---\n# Home\n[Setup](guides/setup.md) [[Nowhere]]\n"},
      {"guides/index.md", "# Guides\n"},
      {"guides/setup.md", "---\ndate: 2026-01-02\n---\n# Setup — café 设置\n[back](../index.md)\n"},
      {"decisions/0001-a.md", "---\nstatus: superseded\ndate: 2026-01-01\ndeciders: [Ana]\n---\n# A\n"},
      {"decisions/0002-b.md", "---\nstatus: accepted\nsupersedes: [ADR-0001]\nconsulted: [Ben, Chen]\ntags: [x]\n---\n# B\n"},
  });
  SiteConfig config;
  config.repository = "https://github.com/acme/handbook/";
  SiteHistory history{{"guides/setup.md", {"2026-11-20", {"Ana"}, "Ana", "Set-up: café 设置"}}};
  const PublishedSite model = publish(site, extract_decisions(site, config), config,
                                      {.title = "Handbook", .base = "/handbook", .app_boot = "app/boot.js", .history = &history,
                                       .app_version = "v1", .precache = {"app/logbook.wasm"},
                                       .propose_decision = "https://github.com/acme/handbook/new/main/content/decisions",
                                       .fallback_fonts = {"app/fonts/fallback-0.ttf"}});
  CHECK(model.repository.url == "https://github.com/acme/handbook");  // no trailing '/'
  REQUIRE(model.decisions.size() == 2);
  CHECK(model.decisions[1].supersedes == std::vector<int>{0});
  CHECK(model.decisions[0].superseded_by == std::vector<int>{1});
  CHECK(round_trip(model) == as_read(model));
  CHECK(model.pages[static_cast<std::size_t>(model.find_url("/guides/setup/"))].summary == "Set-up: café 设置");
  PublishedSite with_search = model;
  with_search.search = {.list = "search/list.0123456789abcdef.json", .bytes = 44347392, .pieces = 2707};
  CHECK(round_trip(with_search) == as_read(with_search));
  // The link graph's file is named only when the build wrote one (link_graph.hpp).
  CHECK(nlohmann::json::parse(write_manifest(model).head).count("graph") == 0);
  PublishedSite with_graph = model;
  with_graph.graph = "site/graph.0123456789abcdef.json";
  CHECK(round_trip(with_graph) == as_read(with_graph));
  CHECK(nlohmann::json::parse(write_manifest(with_graph).head)["graph"] == with_graph.graph);
  CHECK(nlohmann::json::parse(write_manifest(with_search).head)["search"] ==
        nlohmann::json::parse(R"({"list": "search/list.0123456789abcdef.json", "bytes": 44347392, "pieces": 2707})"));
  CHECK(!nlohmann::json::parse(write_manifest(model).head).contains("search"));  // no database: no field
  PublishedSite preview = model;  // `logbook serve`'s
  preview.preview = true;
  CHECK(round_trip(preview) == as_read(preview));
  CHECK(nlohmann::json::parse(write_manifest(preview).head)["preview"] == true);
  CHECK(!nlohmann::json::parse(write_manifest(model).head).contains("preview"));  // a published site: no field

  const PublishedSite empty = publish(build_site({}), {});
  CHECK(round_trip(empty) == as_read(empty));
}

TEST_CASE("a manifest of version 1, 2 or 3, every page inline, is read; other files are refused with a fix") {
  PublishedSite site;
  CHECK(read_manifest(R"({"format":"logbook-manifest","version":1,"title":"Docs",
    "pages":[{"path":"index.md","url":"/","title":"Home","section":0}]})", site) == "");
  CHECK(site.find_url("/") == 0);
  CHECK(site.decisions.empty());
  CHECK(site.sections.size() == 1);  // the root, always there

  const std::string newer = read_manifest(R"({"format":"logbook-manifest","version":9})", site);
  CHECK(newer.find("version 9") != std::string::npos);
  CHECK(newer.find("rebuild the site") != std::string::npos);
  CHECK(read_manifest("{", site).find("not valid JSON") != std::string::npos);
  CHECK(read_manifest("[1, 2]", site).find("not valid JSON") != std::string::npos);
  CHECK(read_manifest(R"({"format":"other","version":2})", site).find("not a Logbook manifest") != std::string::npos);
}

TEST_CASE("a hand-edited manifest cannot make a reader index out of range or loop") {
  PublishedSite site;
  REQUIRE(read_manifest(R"({"format":"logbook-manifest","version":2,"title":"Docs",
    "pages":[{"path":"index.md","url":"/","title":"Home","section":7,"backlinks":[1,-1,9],"decision":4,
              "links":["/a/", 5, null]},
             {"path":"a.md","url":"/a/","title":"A","section":1,"title":3}],
    "decisions":[{"page":12,"supersedes":[0,3],"superseded_by":[-2]}],
    "sections":[{"url":"/","parent":3,"index":0,"pages":[1,8],"children":[0,1,5]},
                {"url":"/x/","parent":1,"index":77,"pages":[1]}]})", site) == "");
  CHECK(site.pages[0].section == 0);
  CHECK(site.pages[0].backlinks == std::vector<int>{1});
  CHECK(site.pages[0].decision == -1);
  CHECK(site.pages[0].links == std::vector<std::string>{"/a/", "", ""});  // matched by ordinal: none dropped
  CHECK(site.pages[1].title == "");
  CHECK(site.decisions[0].page == -1);
  CHECK(site.decisions[0].supersedes == std::vector<int>{0});
  CHECK(site.decisions[0].superseded_by.empty());
  CHECK(site.sections[0].parent == -1);
  CHECK(site.sections[0].pages == std::vector<int>{1});
  CHECK(site.sections[0].children == std::vector<int>{1});
  CHECK(site.sections[1].parent == 0);  // its own parent: a loop, cut
  CHECK(site.sections[1].index_page == -1);
  CHECK(site.trail(1) == std::vector<int>{1});
  CHECK(site.neighbours(5).prev == -1);
  CHECK(site.reading_order(9).empty());
  CHECK(site.edit_url(0).empty());
}

TEST_CASE("reading order: the index page first; decision records by number, not by title") {
  // Regression: records were ordered by title, so ADR-0001's neighbours were ADR-0008 and ADR-0005.
  const Site site = build_site({
      {"decisions/index.md", "# Decisions\n"},
      {"decisions/0010-alpha.md", "---\nstatus: accepted\n---\n# Alpha\n"},
      {"decisions/0002-zeta.md", "---\nstatus: accepted\n---\n# Zeta\n"},
      {"decisions/0001-mid.md", "---\nstatus: accepted\n---\n# Mid\n"},
      {"decisions/20201016-dated.md", "---\nstatus: accepted\n---\n# Dated\n"},
  });
  const PublishedSite model = publish(site, {});
  const auto find_page = [&](const std::string& path) { return index_of(model, path); };
  const int section = model.pages[static_cast<std::size_t>(find_page("decisions/index.md"))].section;
  std::vector<std::string> order;
  for (int p : model.reading_order(section)) order.push_back(model.pages[static_cast<std::size_t>(p)].path);
  CHECK(order == std::vector<std::string>{"decisions/index.md", "decisions/0001-mid.md",
                                          "decisions/0002-zeta.md", "decisions/0010-alpha.md", "decisions/20201016-dated.md"});
  const Neighbours n = model.neighbours(find_page("decisions/0002-zeta.md"));
  CHECK(n.prev == find_page("decisions/0001-mid.md"));
  CHECK(n.next == find_page("decisions/0010-alpha.md"));
  CHECK(model.neighbours(find_page("decisions/index.md")).prev == -1);
  // In navigation a record carries its id, as in the decision log (issue 11).
  CHECK(model.nav_title(find_page("decisions/0002-zeta.md")) == "ADR-0002: Zeta");
  CHECK(model.nav_title(find_page("decisions/index.md")) == "Decisions");
  CHECK(model.neighbours(find_page("decisions/20201016-dated.md")).next == -1);
}

TEST_CASE("the trail: the sections above a page, without the one its index page stands for") {
  const Site site = build_site({{"index.md", "# Home\n"}, {"guides/index.md", "# Guides\n"},
                                {"guides/api/index.md", "# API\n"}, {"guides/api/auth.md", "# Auth\n"}});
  const PublishedSite model = publish(site, {});
  const auto titles = [&](const std::string& path) {
    std::vector<std::string> out;
    for (int s : model.trail(index_of(model, path))) out.push_back(model.sections[static_cast<std::size_t>(s)].title);
    return out;
  };
  CHECK(titles("guides/api/auth.md") == std::vector<std::string>{"Guides", "API"});
  CHECK(titles("guides/api/index.md") == std::vector<std::string>{"Guides"});
  CHECK(titles("index.md").empty());
}

TEST_CASE("edit and history links point at the page's file in the repository") {
  const Site site = build_site({{"guides/setup.md", "# Setup\n"}});
  SiteConfig config;
  PublishedSite model = publish(site, extract_decisions(site, config), config, {.content_prefix = "docs/content"});
  CHECK(model.edit_url(0).empty());  // no repository named
  config.repository = "https://github.com/acme/handbook";
  config.branch = "trunk";
  model = publish(site, extract_decisions(site, config), config, {.content_prefix = "docs/content"});
  CHECK(model.edit_url(0) == "https://github.com/acme/handbook/edit/trunk/docs/content/guides/setup.md");
  CHECK(model.history_url(0) == "https://github.com/acme/handbook/commits/trunk/docs/content/guides/setup.md");
  model = publish(site, extract_decisions(site, config), config, {.content_prefix = ""});
  CHECK(model.edit_url(0) == "https://github.com/acme/handbook/edit/trunk/guides/setup.md");
}

TEST_CASE("people and owned pages: the head names the people; one file lists every page with an owner and a review date") {
  std::vector<SourceFile> files = {{"index.md", "---\nowner: \"@Ana\"\n---\n# Home\n"}};
  // Owned pages far apart, and 59 pages due sooner (no owner) fill the head's review list.
  for (int i = 0; i < 450; ++i)
    files.push_back({"big/p" + std::to_string(1000 + i) + ".md",
                     i % 100 == 7 ? "---\nowner: ana\nreview_by: 2026-0" + std::to_string(1 + i / 100) + "-01\n---\n# P\n"
                     : i < 60     ? "---\nreview_by: 2025-01-01\n---\n# P\n"
                                  : "# P\n"});
  files.push_back({"decisions/0001-a.md", "---\nstatus: proposed\ndeciders: [Bo]\nconsulted: [\"@bo\", Chen]\ninformed: [Dee]\n---\n# A\n"});
  SiteHistory history{{"big/p1003.md", {"2026-11-20", {"Eve Ng"}}}};
  const PublishedSite model = publish(build_site(files), {.history = &history});
  CHECK(model.people == std::vector<std::string>{"ana", "Bo", "Chen", "Dee", "Eve Ng"});  // "ana" five times, "@Ana" once
  REQUIRE(model.owned.size() == 5);
  CHECK(model.pages[static_cast<std::size_t>(model.owned[4])].path == "big/p1407.md");
  const ManifestFiles out = write_manifest(model);
  CHECK(out.owned.first.starts_with("site/owned."));
  CHECK(out.head.find("p1407") == std::string::npos);  // the owned pages are not in the head
  CHECK(round_trip(model) == as_read(model));
  PublishedSite head;
  REQUIRE(read_manifest(out.head, head) == "");
  CHECK(head.people == model.people);
  CHECK_FALSE(head.owned_loaded);
  REQUIRE(read_owned_pages(out.owned.second, head) == "");
  CHECK(head.owned == model.owned);
  const PublishedPage& far = head.pages[static_cast<std::size_t>(model.owned[4])];
  CHECK(far.url == "/big/p1407/");
  CHECK(far.owner == "ana");
  CHECK(far.review_by == "2026-05-01");
  CHECK_FALSE(head.loaded(model.owned[4]));
  // Another format is refused and changes nothing; a hand-edited index out of range is dropped.
  PublishedSite again;
  REQUIRE(read_manifest(out.head, again) == "");
  CHECK(read_owned_pages("{", again).find("not Logbook's list of owned pages") != std::string::npos);
  CHECK_FALSE(again.owned_loaded);
  CHECK(read_owned_pages(R"({"format": "logbook-owned", "version": 4, "pages": [{"page": 99999}, {"page": -1}]})", again) == "");
  CHECK(again.owned.empty());
  // Without people or owned pages, neither field is written.
  const nlohmann::json bare = nlohmann::json::parse(write_manifest(publish(build_site({{"index.md", "# Home\n"}}), {})).head);
  CHECK_FALSE(bare.contains("people"));
  CHECK_FALSE(bare.contains("owned"));
}

TEST_CASE("pages are numbered in part order and split into parts of at most kPagesPerPart; the head stays small") {
  std::vector<SourceFile> files = {{"index.md", "# Home\n"}, {"z.md", "# Z\n"}};
  for (int i = 0; i < 450; ++i) files.push_back({"big/p" + std::to_string(1000 + i) + ".md", "# P\n[home](../index.md)\n"});
  files.push_back({"small/index.md", "# Small\n"});
  const PublishedSite model = publish(build_site(files), {});
  // The root's pages, then each section depth-first: a section is one range of indexes.
  CHECK(model.pages[0].path == "index.md");
  CHECK(model.pages[1].path == "z.md");
  REQUIRE(model.parts.size() == 4);  // root (2) | big 200 | big 200 | big 50 + small 1
  CHECK(model.parts[0].count == 2);
  CHECK(model.parts[1].first == 2);
  CHECK(model.parts[1].count == kPagesPerPart);
  CHECK(model.parts[3].count == 51);
  CHECK(model.parts[1].from == "/big/p1000/");
  CHECK(model.parts[1].to == "/big/p1199/");
  CHECK(model.part_of(0) == 0);
  CHECK(model.part_of(202) == 2);
  CHECK(model.part_of(453) == -1);
  for (const PublishedPart& p : model.parts) CHECK(p.name.starts_with("site/pages."));
  // The home page's 450 backlinks live in its part, not in the head.
  const ManifestFiles out = write_manifest(model);
  CHECK(out.head.find("backlinks") == std::string::npos);
  CHECK(out.head.size() < 20000);
  CHECK(round_trip(model) == as_read(model));
}

TEST_CASE("the head alone: summaries for its lists, a page's part found by URL, links and refs from a part") {
  std::vector<SourceFile> files = {{"index.md", "# Home\n"}};
  for (int i = 0; i < 250; ++i) files.push_back({"a/p" + std::to_string(100 + i) + ".md", "# A\n[b](../b/x.md)\n"});
  files.push_back({"b/x.md", "# X\n"});
  files.push_back({"b/y.md", "# Y\n"});
  const PublishedSite model = publish(build_site(files), {});
  const ManifestFiles out = write_manifest(model);
  PublishedSite head;
  REQUIRE(read_manifest(out.head, head) == "");
  CHECK(head.pages.size() == model.pages.size());
  CHECK_FALSE(head.loaded(5));
  CHECK(head.pages[0].title == "Home");  // a section's index page is summarized in the head
  CHECK(head.parts_for_url("/a/p120/") == std::vector<int>{1});
  CHECK(head.parts_for_url("/a/p340/") == std::vector<int>{2});
  CHECK(head.parts_for_url("/elsewhere/").empty());
  // Part 1's pages link to b/x.md in part 2: the link's target gets its URL, and the page
  // after the part's last is a ref, with its title.
  REQUIRE(read_manifest_part(out.parts[1].second, 1, head) == "");
  const int x = model.find_url("/b/x/");
  CHECK(head.find_url("/b/x/") == x);
  CHECK(head.parts_for_url("/b/x/") == std::vector<int>{2});
  CHECK(head.pages[201].title == model.pages[201].title);
  CHECK_FALSE(head.loaded(201));
}

TEST_CASE("a part that does not match its head, or another format, is refused with a fix and changes nothing") {
  const PublishedSite model = publish(build_site({{"index.md", "# Home\n"}, {"a.md", "# A\n"}}), {});
  const ManifestFiles out = write_manifest(model);
  PublishedSite head;
  REQUIRE(read_manifest(out.head, head) == "");
  nlohmann::json part = nlohmann::json::parse(out.parts[0].second);
  part["pages"].erase(1);
  CHECK(read_manifest_part(part.dump(), 0, head).find("does not hold the pages manifest.json says") != std::string::npos);
  part = nlohmann::json::parse(out.parts[0].second);
  part["version"] = 2;
  CHECK(read_manifest_part(part.dump(), 0, head).find("has format version 2") != std::string::npos);
  CHECK(read_manifest_part("{", 0, head).find("not a Logbook manifest part") != std::string::npos);
  CHECK(read_manifest_part(out.parts[0].second, 7, head).find("no such part") != std::string::npos);
  CHECK_FALSE(head.loaded(0));
  CHECK(read_manifest_part(out.parts[0].second, 0, head) == "");
  CHECK(head.loaded(1));
}

TEST_CASE("a hand-edited head cannot claim more pages than its parts bound, nor list a page twice") {
  PublishedSite site;
  // Parts must follow each other from 0 with at most kMostPagesPerPart pages: reading stops at the first that does not.
  REQUIRE(read_manifest(R"({"format":"logbook-manifest","version":4,
    "parts":[{"name":"site/pages.a.json","first":0,"count":3},{"first":3,"count":2000000000},{"first":9,"count":1}],
    "sections":[{"url":"/","index":0,"first":0,"count":3},{"url":"/x/","parent":0,"first":1,"count":2},
                {"url":"/y/","parent":0,"first":-4,"count":99}],
    "recent":[0,2,5],"summaries":[{"page":2,"url":"/c/","title":"C","section":9,"decision":4},{"page":77}]})", site) == "");
  CHECK(site.pages.size() == 3);
  CHECK(site.parts.size() == 1);
  CHECK(site.reading_order(0) == std::vector<int>{0, 1, 2});
  CHECK(site.reading_order(1).empty());  // overlaps the root's range
  CHECK(site.reading_order(2).empty());
  CHECK(site.recent == std::vector<int>{0, 2});
  CHECK(site.find_url("/c/") == 2);
  CHECK(site.pages[2].section == 0);
  CHECK(site.pages[2].decision == -1);
}

TEST_CASE("a commit's summary is its first line, trimmed, cut after a whole character") {
  CHECK(commit_summary("  Fix the setup steps \r\n\nA body.\n") == "Fix the setup steps");
  CHECK(commit_summary("") == "");
  std::string long_line;
  for (int i = 0; i < 100; ++i) long_line += "é";  // 200 bytes
  const std::string cut = commit_summary(long_line);
  CHECK(cut.size() <= kCommitSummaryBytes);
  CHECK(cut.ends_with("\u2026"));
  CHECK(cut.substr(0, cut.size() - 3).find_first_not_of("é") == std::string::npos);  // no half character
}

TEST_CASE("the tags file: named by the head only when a page has a tag, read when a tag view opens") {
  const Site site = build_site({
      {"index.md", "# Home\n"},
      {"guides/setup.md", "---\ndescription: Install it.\ndate: 2026-01-02\ntags: [Search, infra]\n---\n# Setup\n"},
      {"guides/more.md", "---\ntags: [search]\n---\n# More\n"},
      {"decisions/0001-a.md", "# ADR-0001: A\n\n* Status: accepted\n* Tags: infra\n"},  // a record in an older dialect
  });
  const PublishedSite model = publish(site, {.title = "T"});
  REQUIRE(model.tags.size() == 2);
  CHECK(model.tags_file.starts_with("site/tags."));
  const ManifestFiles files = write_manifest(model);
  CHECK(nlohmann::json::parse(files.head)["tags"] == model.tags_file);
  CHECK(round_trip(model) == as_read(model));

  // The head alone knows the file's name; the file brings the tags and what their lists show.
  PublishedSite head;
  REQUIRE(read_manifest(files.head, head) == "");
  CHECK(head.tags.empty());
  REQUIRE(read_tags_file(files.tags, head) == "");
  CHECK(head.tags == model.tags);
  const int setup = head.find_url("/guides/setup/");
  REQUIRE(setup >= 0);
  CHECK_FALSE(head.loaded(setup));
  CHECK(head.pages[static_cast<std::size_t>(setup)].title == "Setup");
  CHECK(head.pages[static_cast<std::size_t>(setup)].description.empty());  // the list shows none: not in the file
  CHECK(head.pages[static_cast<std::size_t>(setup)].date == "2026-01-02");

  // No tags: no field, no file (the head of an untagged site is as before).
  const ManifestFiles none = write_manifest(publish(build_site({{"index.md", "# Home\n"}}), {}));
  CHECK(!nlohmann::json::parse(none.head).contains("tags"));
  CHECK(none.tags.empty());
}

TEST_CASE("a tags file of another format, or with indexes out of range, cannot hurt a reader") {
  PublishedSite site = publish(build_site({{"a.md", "---\ntags: [x]\n---\n# A\n"}}), {});
  const PublishedSite before = site;
  CHECK(read_tags_file("[]", site).find("not a Logbook tags file; rebuild") != std::string::npos);
  CHECK(read_tags_file(R"({"format": "logbook-tags", "version": 99})", site).find("format version 99") != std::string::npos);
  CHECK(site == before);
  REQUIRE(read_tags_file(R"({"format": "logbook-tags", "version": 4, "tags": [{"slug": "x", "name": "X", "pages": [0, 7, -1]},
      {"slug": "a", "name": "out of order", "pages": [0]}], "summaries": [{"page": 99, "title": "no"}]})", site) == "");
  REQUIRE(site.tags.size() == 1);
  CHECK(site.tags[0].pages == std::vector<int>{0});
}
