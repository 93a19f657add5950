// The decision log's views and "what changed since your last visit": the pure parts
// (dates, deadlines, filtering and sorting, the home page's lists, seen pages, filter
// completions), then the views drawn by the app with a fake platform.
#include <map>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "app/app.hpp"
#include "app/decision_log.hpp"
#include "app/filter_suggestions.hpp"
#include "app/seen_pages.hpp"
#include "running_app.hpp"

using namespace logbook;
using namespace logbook::app;

namespace {

nlohmann::json page(const char* path, const char* url, const char* title, int decision, const char* hash, const char* review_by = "") {
  return {{"path", path}, {"url", url}, {"title", title}, {"section", std::string(path).starts_with("decisions/") ? 1 : 0},
          {"links", nlohmann::json::array()}, {"backlinks", nlohmann::json::array()}, {"decision", decision}, {"hash", hash},
          {"updated", "2026-03-01"}, {"authors", {"Ana", "Bo"}}, {"owner", "ana"}, {"review_by", review_by}};
}

nlohmann::json decision(int page, const char* id, int number, const char* title, const char* status, const char* date,
                        const char* review_by, std::vector<std::string> tags, std::vector<std::string> deciders,
                        std::vector<int> supersedes = {}, std::vector<int> superseded_by = {}) {
  return {{"page", page}, {"id", id}, {"number", number}, {"title", title}, {"status", status}, {"date", date},
          {"review_by", review_by}, {"deciders", deciders}, {"consulted", {"Cy"}}, {"informed", nlohmann::json::array()},
          {"tags", tags}, {"supersedes", supersedes}, {"superseded_by", superseded_by}};
}

nlohmann::json manifest(const char* home_hash = "h0") {
  return {{"format", "logbook-manifest"}, {"version", 2}, {"title", "Docs"}, {"base", "/docs"},
          {"repository", {{"url", "https://github.com/org/docs/"}, {"branch", "main"}, {"content_prefix", "content"}}},
          {"propose_decision", "https://github.com/org/docs/new/main/content/decisions?filename=0005-title.md"},
          {"statuses", {"proposed", "accepted", "rejected", "deprecated", "superseded"}},
          {"pages", {page("index.md", "/", "Home", -1, home_hash), page("guide.md", "/guide/", "Guide", -1, "g0", "2026-02-01"),
                     page("decisions/index.md", "/decisions/", "Decision log", -1, "d0"),
                     page("decisions/0001-a.md", "/decisions/0001-a/", "Use A", 0, "a0", "2027-01-01"),
                     page("decisions/0002-b.md", "/decisions/0002-b/", "Use B", 1, "b0", "2026-03-15"),
                     page("decisions/0003-c.md", "/decisions/0003-c/", "Use C", 2, "c0", "2026-03-12"),
                     page("decisions/0004-d.md", "/decisions/0004-d/", "Drop A", 3, "e0")}},
          {"decisions", {decision(3, "ADR-0001", 1, "Use A", "superseded", "2026-01-05", "2027-01-01", {"infra"}, {"Ana"}, {}, {3}),
                         decision(4, "ADR-0002", 2, "Use B", "proposed", "2026-03-01", "2026-03-15", {"search", "infra"}, {"Bo"}),
                         decision(5, "ADR-0003", 3, "Use C", "proposed", "2026-03-02", "2026-03-12", {"search"}, {"Ana", "Bo"}),
                         decision(6, "ADR-0004", 4, "Drop A", "accepted", "2026-02-10", "", {"infra"}, {"Ana"}, {0}, {})}},
          {"sections", {{{"path", ""}, {"url", "/"}, {"title", "Docs"}, {"parent", -1}, {"index", 0}, {"pages", {1}}, {"children", {1}}},
                        {{"path", "decisions"}, {"url", "/decisions/"}, {"title", "Decisions"}, {"parent", 0}, {"index", 2},
                         {"pages", {3, 4, 5, 6}}, {"children", nlohmann::json::array()}}}}};
}

PublishedSite site_of(const nlohmann::json& m) {
  PublishedSite s;
  REQUIRE(read_manifest(m.dump(), s) == "");
  return s;
}

std::vector<std::string> ids(const PublishedSite& s, const std::vector<int>& rows) {
  std::vector<std::string> out;
  for (int r : rows) out.push_back(s.decisions[static_cast<std::size_t>(r)].id);
  return out;
}

}  // namespace

TEST_CASE("deadlines read as people say them (days are counted by core/calendar_date)") {
  CHECK(comment_deadline_text(0) == "Comments due today");
  CHECK(comment_deadline_text(1) == "Comments due tomorrow");
  CHECK(comment_deadline_text(5) == "Comments due in 5 days");
  CHECK(comment_deadline_text(-1) == "Comments overdue by 1 day");
  CHECK(comment_deadline_text(-4) == "Comments overdue by 4 days");
}

TEST_CASE("the decision log filters by status, tag, decider, words and dates, and sorts by any column") {
  const PublishedSite s = site_of(manifest());
  REQUIRE(s.decisions.size() == 4);
  CHECK(s.repository.url == "https://github.com/org/docs");  // the trailing slash dropped
  CHECK(ids(s, decision_rows(s, {}, DecisionColumn::id, false)) == std::vector<std::string>{"ADR-0004", "ADR-0003", "ADR-0002", "ADR-0001"});
  CHECK(ids(s, decision_rows(s, {}, DecisionColumn::id, true)).front() == "ADR-0001");
  CHECK(ids(s, decision_rows(s, {}, DecisionColumn::title, true)) == std::vector<std::string>{"ADR-0004", "ADR-0001", "ADR-0002", "ADR-0003"});
  CHECK(ids(s, decision_rows(s, {}, DecisionColumn::date, false)) == std::vector<std::string>{"ADR-0003", "ADR-0002", "ADR-0004", "ADR-0001"});
  // Status sorts alphabetically, ties by number in the same direction.
  CHECK(ids(s, decision_rows(s, {}, DecisionColumn::status, true)) == std::vector<std::string>{"ADR-0004", "ADR-0002", "ADR-0003", "ADR-0001"});
  DecisionFilter f;
  f.status = "Proposed";  // case does not matter
  CHECK(ids(s, decision_rows(s, f, DecisionColumn::id, true)) == std::vector<std::string>{"ADR-0002", "ADR-0003"});
  f = {};
  f.tag = "infra";
  CHECK(ids(s, decision_rows(s, f, DecisionColumn::id, true)) == std::vector<std::string>{"ADR-0001", "ADR-0002", "ADR-0004"});
  f.decider = "ana";
  CHECK(ids(s, decision_rows(s, f, DecisionColumn::id, true)) == std::vector<std::string>{"ADR-0001", "ADR-0004"});
  f = {};
  f.text = "drop";
  CHECK(ids(s, decision_rows(s, f, DecisionColumn::id, true)) == std::vector<std::string>{"ADR-0004"});
  f.text = "adr-000";
  CHECK(decision_rows(s, f, DecisionColumn::id, true).size() == 4);
  f = {};
  f.after = "2026-02-10";
  f.before = "2026-03-01";
  CHECK(ids(s, decision_rows(s, f, DecisionColumn::date, true)) == std::vector<std::string>{"ADR-0004", "ADR-0002"});
  f.after = "2026-02";  // half typed: ignored until it is a date
  CHECK(decision_rows(s, f, DecisionColumn::id, true).size() == 3);
  CHECK(decision_tags(s) == std::vector<std::string>{"infra", "search"});
  CHECK(decision_deciders(s) == std::vector<std::string>{"Ana", "Bo"});
  CHECK(decision_statuses(s).size() == 5);
}

TEST_CASE("a date that names no day sorts with the undated, as `logbook check` reports it") {
  nlohmann::json m = manifest();
  m["decisions"][0]["date"] = "2026-02-30";  // no such day: was read as 2 March
  m["decisions"][2]["date"] = "2026-03-02T09:30";  // a date-time counts by its day
  const PublishedSite s = site_of(m);
  CHECK(ids(s, decision_rows(s, {}, DecisionColumn::date, false)) == std::vector<std::string>{"ADR-0003", "ADR-0002", "ADR-0004", "ADR-0001"});
  DecisionFilter f;
  f.after = "2026-03-01";
  CHECK(ids(s, decision_rows(s, f, DecisionColumn::id, true)) == std::vector<std::string>{"ADR-0002", "ADR-0003"});
}

TEST_CASE("the home page lists proposals by deadline, accepted decisions newest first, and pages past review") {
  const PublishedSite s = site_of(manifest());
  CHECK(ids(s, proposals_awaiting_input(s)) == std::vector<std::string>{"ADR-0003", "ADR-0002"});
  CHECK(ids(s, recently_accepted(s, 5)) == std::vector<std::string>{"ADR-0004"});
  // guide.md was due 2026-02-01; the proposal's review_by is its comment deadline, not a review.
  const std::vector<int> past = pages_past_review(s, "2026-03-13");
  REQUIRE(past.size() == 1);
  CHECK(s.pages[static_cast<std::size_t>(past[0])].path == "guide.md");
  CHECK(pages_past_review(s, "not a date").empty());
}

TEST_CASE("seen pages: a first visit sees nothing new; later, changed and new pages until read") {
  const PublishedSite s = site_of(manifest());
  SeenPages first = load_seen_pages("", s);
  CHECK(first.dirty);  // to be saved: everything as read
  CHECK(changed_pages(s, first).empty());
  const std::string stored = save_seen_pages(first);

  const PublishedSite next = site_of(manifest("h1"));  // the home page changed
  SeenPages seen = load_seen_pages(stored, next);
  CHECK_FALSE(seen.dirty);
  REQUIRE(changed_pages(next, seen) == std::vector<int>{0});
  CHECK(mark_read(seen, next.pages[0]));
  CHECK_FALSE(mark_read(seen, next.pages[0]));  // once
  CHECK(changed_pages(next, seen).empty());

  // A page the reader has never seen is new; mark all as read clears everything.
  nlohmann::json m = manifest("h1");
  m["pages"].push_back(page("new.md", "/new/", "New", -1, "n0"));
  const PublishedSite more = site_of(m);
  CHECK(changed_pages(more, seen) == std::vector<int>{7});
  mark_all_read(seen, more);
  CHECK(changed_pages(more, seen).empty());
  CHECK(load_seen_pages("not json", more).hash_by_path.size() == 8);  // treated as a first visit
  // Pages arrive in parts, so a first visit records only what the head lists: a page read
  // for the first time later is new to the reader, never "changed since you last read it".
  PublishedPage unseen = more.pages[7];
  unseen.path = "elsewhere.md";
  CHECK_FALSE(mark_read(seen, unseen));
  CHECK(seen.hash_by_path.count("elsewhere.md") == 1);
  CHECK(seen_storage_key(s) == "logbook.seen:/docs");
}

TEST_CASE("filter completions come from the manifest and replace the last token") {
  const PublishedSite s = site_of(manifest());
  CHECK(suggest_filters(s, "sta", "2026-03-10") == std::vector<std::string>{"status:"});
  CHECK(suggest_filters(s, "s", "2026-03-10").empty());  // one letter is a word, not a filter yet
  CHECK(suggest_filters(s, "search status:ac", "") == std::vector<std::string>{"status:accepted"});
  CHECK(suggest_filters(s, "status:", "").size() == 5);
  CHECK(suggest_filters(s, "-tag:in", "") == std::vector<std::string>{"-tag:infra"});
  nlohmann::json m = manifest();
  m["pages"][1]["tags"] = {"onboarding", "infra"};  // page tags count too
  CHECK(suggest_filters(site_of(m), "tag:", "") == std::vector<std::string>{"tag:infra", "tag:search", "tag:onboarding"});  // by use
  CHECK(suggest_filters(s, "type:", "") == std::vector<std::string>{"type:decision", "type:page"});
  CHECK(suggest_filters(s, "owner:a", "").front() == "owner:ana");
  CHECK(suggest_filters(s, "after:", "2026-03-10").front() == "after:2026-03-01");
  CHECK(suggest_filters(s, "status:accepted", "").empty());  // complete already
  CHECK(suggest_filters(s, "status:accepted ", "").empty());
  CHECK(suggest_filters(s, "words", "").empty());
  CHECK(apply_suggestion("search sta", "status:") == "search status:");
  CHECK(apply_suggestion("search status:ac", "status:accepted") == "search status:accepted ");
}

namespace {

struct AppFixture : test::RunningApp {
  explicit AppFixture(const nlohmann::json& m, const std::string& route = "/", std::map<std::string, std::string> storage = {},
                      float page_width = 1280, std::map<std::string, std::string> read_copies = {}) {
    width = page_width;
    platform.storage = std::move(storage);
    platform.read_copies = std::move(read_copies);
    for (const auto& p : m["pages"]) platform.files["/docs" + p["url"].get<std::string>() + "index.md"] = "# " + p["title"].get<std::string>() + "\n\nText.\n";
    start(m.dump(), route);
    settle();
  }
  void settle() { settle_frames(4); }
  const VisibleLink* link(const std::string& text) {
    links_ = app.visible_links();
    for (const VisibleLink& l : links_)
      if (l.text == text) return &l;
    return nullptr;
  }
  // A mouse click in the middle of a link, like a reader's.
  void click(const VisibleLink& l) {
    ImGuiIO& io = ImGui::GetIO();
    const float x = l.x + l.w * 0.5f, y = l.y + l.h * 0.5f;
    io.AddMousePosEvent(x, y);
    app_frame();
    io.AddMouseButtonEvent(0, true);
    app_frame();
    io.AddMouseButtonEvent(0, false);
    app_frame();
    settle();
  }

 private:
  std::vector<VisibleLink> links_;
};

}  // namespace

TEST_CASE("the home page lists proposals and pages past review; a first visit records every page as read") {
  AppFixture f(manifest());
  CHECK(f.platform.storage.count("logbook.seen:/docs") == 1);
  CHECK(f.link("ADR-0003  Use C") != nullptr);  // soonest deadline
  CHECK(f.link("Guide") != nullptr);            // past its review date
  CHECK(f.link("Mark all as read") == nullptr);  // nothing new on a first visit
  CHECK(f.link("Edit this page")->href == "https://github.com/org/docs/edit/main/content/index.md");
  f.click(*f.link("ADR-0003  Use C"));
  CHECK(f.app.state().path == "/decisions/0003-c/");
}

TEST_CASE("changed pages are listed until marked read, page by page or all at once") {
  std::map<std::string, std::string> storage;
  {
    AppFixture first(manifest());
    storage = first.platform.storage;
  }
  nlohmann::json m = manifest("h1");  // the home page and the guide changed since
  m["pages"][1]["hash"] = "g1";
  {
    AppFixture f(m, "/", storage);
    CHECK(f.app.notes().page_changed);  // the home page itself: changed until the reader marks it read
    CHECK(f.app.notes().changed.size() == 2);
    CHECK(f.link("Mark all as read") != nullptr);
    f.click(*f.link("Guide"));
    CHECK(f.app.state().path == "/guide/");
    CHECK(f.app.notes().page_changed);
    f.click(*f.link("Mark as read"));
    CHECK_FALSE(f.app.notes().page_changed);
    CHECK(f.link("Mark as read") == nullptr);
    CHECK(f.app.notes().changed == std::vector<int>{0});  // the home page, not marked yet
    f.app.open("/");
    f.settle();
    CHECK(f.app.notes().page_changed);
    CHECK(f.link("Mark all as read") != nullptr);
    storage = f.platform.storage;
  }
  m["pages"][3]["hash"] = "a1";
  m["pages"][4]["hash"] = "b1";
  AppFixture g(m, "/", storage);
  CHECK(g.app.notes().changed.size() == 3);
  g.click(*g.link("Mark all as read"));
  CHECK(g.app.notes().changed.empty());
  CHECK_FALSE(g.app.notes().page_changed);  // the home page shown: its notice goes too
  const PublishedSite s = site_of(m);
  CHECK(changed_pages(s, load_seen_pages(g.platform.storage["logbook.seen:/docs"], s)).empty());
}

TEST_CASE("a changed page: what changed since the reader's own copy is marked, removed text on demand, then mark as read") {
  std::map<std::string, std::string> storage, copies;
  {
    AppFixture first(manifest(), "/guide/");
    storage = first.platform.storage;
    copies = first.platform.read_copies;
  }
  REQUIRE(copies.count("/docs/guide/index.md") == 1);  // the page read is kept as read
  CHECK(copies["/docs/guide/index.md"] == "# Guide\n\nText.\n");
  copies["/docs/guide/index.md"] = "# Guide\n\nOld words here.\n\nText.\n";  // the version read had one more paragraph
  nlohmann::json m = manifest();
  m["pages"][1]["hash"] = "g1";
  m["pages"][1]["last_author"] = "Bo";
  m["pages"][1]["summary"] = "Drop the old words";
  AppFixture f(m, "/guide/", storage, 1280, copies);
  const PageChangesState& st = f.app.changes();
  REQUIRE(st.copy == PageChangesState::Copy::found);
  CHECK(st.diff.changes.empty());
  REQUIRE(st.diff.removed.size() == 1);
  CHECK(st.diff.removed[0].text == "Old words here.");
  CHECK(f.link("Changed 9 days ago by Bo: Drop the old words") != nullptr);
  REQUIRE(!f.platform.lists.empty());
  const AccessibleList& said = f.platform.lists.back();  // for screen readers
  CHECK(said.title == "What changed since you last read it");
  REQUIRE(said.rows.size() == 2);
  CHECK(said.rows[0].first == "Changed 9 days ago by Bo: Drop the old words");
  CHECK(said.rows[1].first == "Removed: Old words here.");
  const float height = f.app.page().layout.height;
  f.click(*f.link("Show removed text"));
  CHECK(f.app.page().layout.gaps.size() == 1);
  CHECK(f.app.page().layout.height > height + 20);
  f.click(*f.link("Hide removed text"));
  CHECK(f.app.page().layout.gaps.empty());
  f.click(*f.link("Mark as read"));
  CHECK_FALSE(f.app.notes().page_changed);
  CHECK(f.platform.read_copies["/docs/guide/index.md"] == "# Guide\n\nText.\n");  // the version read now

  // Without a copy of the version read: said so, with the page's history.
  nlohmann::json n = manifest();
  n["pages"][1]["hash"] = "g2";
  AppFixture g(n, "/guide/", storage);
  CHECK(g.app.changes().copy == PageChangesState::Copy::missing);
  CHECK(g.link("Show removed text") == nullptr);
  CHECK(g.link("Mark as read") != nullptr);
  CHECK(g.link("Changed 9 days ago by Ana") != nullptr);  // no last author: the first of the authors
  CHECK(g.platform.lists.back().rows.back() ==
        std::pair<std::string, std::string>{"No copy of the version you read is on this device",
                                            "https://github.com/org/docs/commits/main/content/guide.md"});
}

TEST_CASE("a page rewritten whole: the screen reader's list says the first changes and how many more; the removed text opens one gap each") {
  std::map<std::string, std::string> storage;
  {
    AppFixture first(manifest(), "/guide/");
    storage = first.platform.storage;
  }
  std::string old_text = "# Guide\n";
  for (int i = 0; i < 200; ++i) old_text += "\nParagraph number " + std::to_string(i) + " of the old page.\n";
  nlohmann::json m = manifest();
  m["pages"][1]["hash"] = "g1";
  AppFixture f(m, "/guide/", storage, 1280, {{"/docs/guide/index.md", old_text}});
  REQUIRE(f.app.changes().diff.removed.size() == 200);  // "Text." shares no word with them
  const AccessibleList& said = f.platform.lists.back();
  REQUIRE(said.rows.size() == 52);  // the notice, 50 changes, and the rest counted
  CHECK(said.rows.back().first == "and 151 more changes");
  f.click(*f.link("Show removed text"));
  CHECK(f.app.page().layout.gaps.size() == 200);
  for (std::size_t k = 1; k < f.app.page().layout.gaps.size(); ++k)
    CHECK(f.app.page().layout.gaps[k].y >= f.app.page().layout.gaps[k - 1].y + f.app.page().layout.gaps[k - 1].h);  // none overlaps
}

TEST_CASE("the layout finds each block by its source line, and opens gaps that move what is below") {
  AppFixture f(manifest(), "/guide/");
  const DocLayout& L = f.app.page().layout;
  REQUIRE(L.chunks.size() >= 2);
  CHECK(L.chunks.back().line == 3);  // "Text." is line 3 of the page's Markdown
}

TEST_CASE("days ago, as the notice says it") {
  CHECK(days_ago("2026-03-01", "2026-03-01") == "today");
  CHECK(days_ago("2026-03-01", "2026-03-02") == "yesterday");
  CHECK(days_ago("2026-03-01", "2026-03-04") == "3 days ago");
  CHECK(days_ago("2026-03-05", "2026-03-04") == "on 2026-03-05");  // a clock behind the build
  CHECK(days_ago("2026-03-05", "") == "on 2026-03-05");
}

TEST_CASE("under logbook serve the writer's own edits are not 'changed since you last read it'") {
  std::map<std::string, std::string> storage;
  {
    AppFixture first(manifest());
    storage = first.platform.storage;
  }
  nlohmann::json m = manifest("h1");  // the writer saved the home page and the guide
  m["pages"][1]["hash"] = "g1";
  m["preview"] = true;                // as `logbook serve` builds it
  AppFixture f(m, "/", storage);
  CHECK_FALSE(f.app.notes().page_changed);
  CHECK(f.app.notes().changed.empty());
  CHECK(f.link("Mark all as read") == nullptr);
  f.click(*f.link("Guide"));
  CHECK(f.app.state().path == "/guide/");
  CHECK_FALSE(f.app.notes().page_changed);
}

TEST_CASE("the decision log's table: a row opens the record; a decision's header links its chain") {
  AppFixture f(manifest(), "/decisions/");
  REQUIRE(f.link("Title") != nullptr);
  f.click(*f.link("Title"));  // sorts by title, A to Z
  CHECK(f.app.decision_log().column == DecisionColumn::title);
  CHECK(f.link("ADR-0004")->y < f.link("ADR-0001")->y);  // "Drop A" before "Use A"
  const VisibleLink* row = f.link("ADR-0001");
  REQUIRE(row != nullptr);
  CHECK(f.link("Propose a decision") != nullptr);
  f.click(*row);
  CHECK(f.app.state().path == "/decisions/0001-a/");
  const VisibleLink* next = f.link("Superseded by ADR-0004: Drop A");
  REQUIRE(next != nullptr);
  f.click(*next);
  CHECK(f.app.state().path == "/decisions/0004-d/");
  REQUIRE(f.link("Supersedes ADR-0001: Use A") != nullptr);
  CHECK(f.link("ADR-0002") == nullptr);  // the table is on the log's page only
  CHECK(f.link("History")->href == "https://github.com/org/docs/commits/main/content/decisions/0004-d.md");
}

TEST_CASE("a record's chain names the other record first and its status after") {
  // Regression: the other record's status badge came first, so a record superseded by a
  // proposal read "[Proposed] Superseded by ADR-0004" instead of "Superseded by ADR-0004 … proposed".
  AppFixture f(manifest(), "/decisions/0001-a/");
  const VisibleLink* chain = f.link("Superseded by ADR-0004: Drop A");
  REQUIRE(chain != nullptr);
  // The link starts at the header's inner edge (the page's left plus the panel's padding);
  // the badge follows it.
  CHECK(chain->x == doctest::Approx(f.app.doc_view().content_x + 18));
}

TEST_CASE("a proposal's header links to where comments go") {
  AppFixture f(manifest(), "/decisions/0002-b/");
  REQUIRE(f.link("Comment on the pull request") != nullptr);
  CHECK(f.link("Comment on the pull request")->href == "https://github.com/org/docs/pulls?q=is%3Apr%200002-b.md");
  f.click(*f.link("The file's history"));
  CHECK(f.platform.opened_tabs.back() == "https://github.com/org/docs/commits/main/content/decisions/0002-b.md");
}

namespace {

// A record long enough to scroll, with a heading far down.
std::string long_record() {
  std::string md = "# Use A\n\n";
  for (int i = 0; i < 60; ++i) md += "A paragraph of the record that the reader scrolls past, number " + std::to_string(i) + ".\n\n";
  return md + "## Consequences\n\nThe [guide](/guide/) says more.\n\n" + md.substr(9);
}

}  // namespace

TEST_CASE("a record's header is drawn once a frame, and its Markdown starts below it from the first frame") {
  test::RunningApp r;
  r.platform.files["/docs/decisions/0001-a/index.md"] = long_record();
  r.platform.files["/docs/index.md"] = "# Home\n";
  r.start(manifest().dump(), "/decisions/0001-a/");
  for (int i = 0; i < 4 && !r.app.state().ready; ++i) {
    r.platform.deliver();
    r.app_frame();
  }
  REQUIRE(r.app.state().ready);  // the first frame that draws the page
  const DocumentViewState& v = r.app.doc_view();
  CHECK(v.header_h > 100);  // status, people, tags, the chain
  const DocLayout& L = r.app.page().layout;
  CHECK(L.views_h == v.header_h);  // the Markdown below the title leaves the header its room
  const auto y_of = [&](const std::string& text) {
    for (const VisibleLink& l : r.app.visible_links())
      if (l.text == text) return l.y;
    return -1.0f;
  };
  const float chain_y = y_of("Superseded by ADR-0004: Drop A");
  REQUIRE(chain_y > 0);
  // The title, then the record's header, then the record's text.
  const float page_top = v.area_y + v.origin_y - v.scroll;
  REQUIRE(L.fragments.size() > 2);
  CHECK(page_top + L.fragments[0].line_y + L.fragments[0].line_h <= chain_y);  // "Use A"
  const Fragment& text = L.fragments[L.chunks[L.first_chunk_below(L.views_y)].frag_begin];
  CHECK(L.text.substr(text.begin, 11) == "A paragraph");
  CHECK(page_top + text.line_y > chain_y);
  r.app_frame();
  CHECK(y_of("Superseded by ADR-0004: Drop A") == chain_y);  // no jump on the next frame
}

TEST_CASE("regression: a link to a heading of a record lands on the heading, not its header's height below") {
  test::RunningApp r;
  r.platform.files["/docs/decisions/0001-a/index.md"] = long_record();
  r.start(manifest().dump(), "/decisions/0001-a/#consequences");
  r.settle_frames(6);
  REQUIRE(r.app.state().ready);
  const DocumentViewState& v = r.app.doc_view();
  const Anchor* a = r.app.page().layout.find_anchor("consequences");
  REQUIRE(a != nullptr);
  CHECK(v.header_h > 100);
  CHECK(v.scroll == doctest::Approx(a->y - 16 + v.origin_y));
  CHECK(r.app.state().heading == "consequences");
}

TEST_CASE("the page's title comes first: the home page's lists and the decision log's table are drawn below its H1, its text below them") {
  for (const std::string route : {"/", "/decisions/"}) {
    CAPTURE(route);
    AppFixture f(manifest(), route);
    const DocumentViewState& v = f.app.doc_view();
    const DocLayout& L = f.app.page().layout;
    const float page_top = v.area_y + v.origin_y - v.scroll;
    REQUIRE(!L.anchors.empty());
    REQUIRE(L.anchors.front().level == 1);
    const Fragment& title = L.fragments.front();
    CHECK(L.text.substr(title.begin, title.end - title.begin) == (route == "/" ? "Home" : "Decision log"));
    const float title_bottom = page_top + title.line_y + title.line_h;
    // The history line, then the page's own view: its first widget.
    REQUIRE(f.link("Edit this page") != nullptr);
    const float history_y = f.link("Edit this page")->y;
    const VisibleLink* widget = f.link(route == "/" ? "ADR-0003  Use C" : "Title");
    REQUIRE(widget != nullptr);
    const float widget_y = widget->y;
    CHECK(title_bottom <= history_y);
    CHECK(history_y < widget_y);
    const Fragment& text = L.fragments.back();  // "Text."
    CHECK(L.text.substr(text.begin, text.end - text.begin) == "Text.");
    CHECK(page_top + text.line_y > widget_y);
    CHECK(L.views_h == v.header_h);
  }
}

TEST_CASE("the decision log's filters and sort read and write as a URL query; defaults and non-dates are left out") {
  CHECK(to_query({}) == "");
  DecisionLogQuery q;
  q.filter.status = "proposed";
  q.filter.text = "use a&b";
  q.filter.after = "2026-01-01";
  q.filter.before = "2026-13-45";  // no date: does not filter, is not written
  q.column = DecisionColumn::title;
  q.ascending = true;
  CHECK(to_query(q) == "text=use%20a%26b&status=proposed&after=2026-01-01&sort=title");
  const DecisionLogQuery back = parse_decision_log_query(to_query(q));
  CHECK(back.filter.text == "use a&b");
  CHECK(back.filter.status == "proposed");
  CHECK(back.filter.after == "2026-01-01");
  CHECK(back.filter.before == "");
  CHECK(back.column == DecisionColumn::title);
  CHECK(back.ascending);
  CHECK(to_query(parse_decision_log_query("sort=date&order=asc")) == "sort=date&order=asc");
  CHECK(to_query(parse_decision_log_query("q=search+words&after=yesterday&sort=nonsense")) == "");
  CHECK(is_date("2026-02-28"));
  CHECK_FALSE(is_date("2026-02-30"));
  CHECK_FALSE(is_date("2026-2-3"));
}

TEST_CASE("the decision log's address follows its filters: a choice is a history entry, and an address brings its filters back") {
  AppFixture f(manifest(), "/decisions/?status=accepted&sort=title");
  CHECK(f.app.decision_log().filter.status == "accepted");
  CHECK(f.app.decision_log().column == DecisionColumn::title);
  CHECK(f.platform.history.back() == "replace /docs/decisions/?status=accepted&sort=title");
  f.platform.history.clear();
  f.click(*f.link("ID"));  // sort by id: newest first, the default, so it leaves the address
  CHECK(f.platform.history == std::vector<std::string>{"push /docs/decisions/?status=accepted"});
  f.app.on_popstate("/decisions/?status=accepted&sort=title");  // back
  f.settle();
  CHECK(f.app.decision_log().column == DecisionColumn::title);
  CHECK(f.platform.history.size() == 1);  // going back adds no entry
  f.app.on_popstate("/decisions/");
  f.settle();
  CHECK(f.app.decision_log().filter.status == "");
  // Another page and back by a link: the log as its address says, unfiltered.
  f.app.open("/decisions/?tag=infra");
  f.settle();
  CHECK(f.app.decision_log().filter.tag == "infra");
  CHECK(f.platform.history.back() == "push /docs/decisions/?tag=infra");
}

TEST_CASE("the decision log's rows as the reader sorted or filtered them go to the DOM copy, for screen readers") {
  AppFixture f(manifest(), "/decisions/");
  CHECK(f.platform.lists.empty());  // as published: the static page's table says the same
  f.click(*f.link("Title"));        // sorted A to Z
  REQUIRE(f.platform.lists.size() == 1);
  const AccessibleList& shown = f.platform.lists.front();
  CHECK(shown.title == "Decisions shown: 4 of 4");
  REQUIRE(shown.rows.size() == 4);
  CHECK(shown.rows.front().first.starts_with("ADR-0004: Drop A, "));
  CHECK(shown.rows.front().second == "/docs/decisions/0004-d/");
  f.click(*f.link("ADR-0004"));
  f.settle();
  CHECK(f.platform.lists.empty());  // a record's page has none
}

TEST_CASE("who are you: a reader names themselves (the picker, or /?for=NAME); their queue comes first on the home page, kept per site") {
  nlohmann::json m = manifest();
  m["people"] = {"Ana", "Bo", "Cy"};
  AppFixture f(m);
  const auto list = [&](const std::string& title) -> const AccessibleList* {
    for (const AccessibleList& l : f.platform.lists)
      if (l.title.starts_with(title)) return &l;
    return nullptr;
  };
  // No one yet: the picker, each name a link a screen reader can follow.
  REQUIRE(list("Who are you?") != nullptr);
  CHECK(list("Who are you?")->rows.back() == std::pair<std::string, std::string>{"I am Cy", "/docs/?for=Cy"});
  CHECK(list("Your queue") == nullptr);
  f.app.open("/?for=%40ana");  // any spelling of a name the site knows
  f.settle();
  CHECK(f.app.notes().yours.person == "Ana");
  CHECK(f.platform.storage["logbook.person:/docs"] == "Ana");
  CHECK(f.platform.history.back() == "push /docs/");  // the address does not carry who you are
  // Ana decides ADR-0003 (comments due 2026-03-12) and owns the guide, past review since February.
  CHECK(f.app.notes().yours.queue.proposals == std::vector<int>{2});
  CHECK(f.app.notes().yours.queue.past_review == std::vector<int>{1});
  REQUIRE(list("Your queue, Ana") != nullptr);
  CHECK(list("Your queue, Ana")->rows[1].first == "due in 2 days: ADR-0003  Use C, you decide");
  CHECK(list("Who are you?") == nullptr);
  CHECK(list("Overdue proposals") == nullptr);  // nothing overdue on 2026-03-10
  // Another day, another visit: still Ana, and ADR-0003 is overdue for everyone to see.
  AppFixture later(m, "/guide/", f.platform.storage);
  later.platform.date = "2026-03-13";
  later.app.open("/");
  later.settle();
  CHECK(later.app.notes().yours.person == "Ana");
  CHECK(later.app.notes().yours.overdue == std::vector<int>{2});
  CHECK(later.link("ADR-0003  Use C") != nullptr);
  // An unknown name changes nothing; an empty one forgets.
  later.app.open("/?for=Zed");
  later.settle();
  CHECK(later.app.notes().yours.person == "Ana");
  later.app.open("/?for=");
  later.settle();
  CHECK(later.app.notes().yours.person == "");
  CHECK(later.platform.storage["logbook.person:/docs"] == "");
}

TEST_CASE("overdue proposals: a section on the home page and a badge in the decision log, from the reader's date") {
  nlohmann::json m = manifest();
  std::map<std::string, std::string> storage;
  AppFixture f(m, "/decisions/?sort=title", storage);
  CHECK(f.app.notes().yours.overdue.empty());  // 2026-03-10: ADR-0003 is due on the 12th
  f.platform.date = "2026-03-16";
  f.app.open("/");
  f.settle();
  CHECK(f.app.notes().yours.overdue == std::vector<int>{2, 1});  // ADR-0003 (4 days), ADR-0002 (1 day)
  bool listed = false;
  for (const AccessibleList& l : f.platform.lists)
    if (l.title == "Overdue proposals") listed = l.rows.size() == 2 && l.rows[0].first == "overdue 4 days: ADR-0003  Use C, Ana, Bo";
  CHECK(listed);
  f.app.open("/decisions/?sort=title");
  f.settle();
  REQUIRE(f.platform.lists.size() == 1);
  CHECK(f.platform.lists[0].rows[3].first == "ADR-0003: Use C, proposed, overdue");
  CHECK(f.platform.lists[0].rows[0].first == "ADR-0004: Drop A, accepted");
}
