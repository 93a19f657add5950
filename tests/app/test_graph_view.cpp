// Spec: the link graph's view (graph_view.hpp) draws the scene the build laid out: a
// page's neighbourhood in rings or the whole site; arrows go to the nearest node that
// way; a search rings the pages whose titles hold its words; the graph's file is read
// only when a graph first opens.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/views.hpp"
#include "core/link_graph.hpp"
#include "running_app.hpp"

using namespace logbook;

namespace {

LinkGraph chain_graph() {
  LinkGraph g;
  g.titles = {"Home", "Alpha", "Bravo", "Charlie", "Delta", "ADR-0002: Second"};
  g.urls = {"/", "/a/", "/b/", "/c/", "/d/", "/decisions/0002/"};
  g.sections.assign(6, 0);
  g.tag.assign(6, -1);
  g.x.assign(6, 0);
  g.y.assign(6, 0);
  g.links = {{0, 1}, {1, 2}, {2, 3}, {4, 1}};
  g.supersedes = {{5, 4}};
  g.decisions = {5};
  return g;
}

// A site of pages built and published as `logbook build` would, served by the fake platform.
struct GraphSite : test::RunningApp {
  explicit GraphSite(bool with_graph = true) {
    const PublishedSite model = publish(build_site({{"index.md", "# Home\n[Alpha](a.md)\n"},
                                                    {"a.md", "# Alpha\n[Bravo](b.md)\n"},
                                                    {"b.md", "# Bravo\n[Charlie](c.md)\n"},
                                                    {"c.md", "# Charlie\n"}}),
                                        {});
    PublishedSite head = model;
    const std::string graph = write_link_graph(make_link_graph(model));
    if (with_graph) head.graph = "site/graph.0.json";
    platform.files["/site/graph.0.json"] = graph;
    const ManifestFiles files = write_manifest(head);
    for (const auto& [name, text] : files.parts) platform.files["/" + name] = text;
    for (const char* page : {"/index.md", "/a/index.md", "/b/index.md", "/c/index.md"}) platform.files[page] = "# Page\n";
    start(files.head, "/a/");
    settle_frames(3);
  }
  bool fetched(const std::string& url) const { return std::count(platform.fetched.begin(), platform.fetched.end(), url) > 0; }
  std::vector<std::string> node_links() const {
    std::vector<std::string> out;
    for (const auto& l : app.visible_links())
      if (l.w <= 40 && !l.href.starts_with("action:")) out.push_back(l.href);
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

TEST_CASE("the arrow keys go to the nearest node in their direction, straight ahead before off to the side") {
  const std::vector<ImVec2> pos = {{0, 0}, {10, 0}, {30, 1}, {5, 20}, {-8, -2}};
  CHECK(app::nearest_in_direction(pos, 0, {1, 0}) == 1);
  CHECK(app::nearest_in_direction(pos, 1, {1, 0}) == 2);
  CHECK(app::nearest_in_direction(pos, 0, {0, 1}) == 3);
  CHECK(app::nearest_in_direction(pos, 0, {-1, 0}) == 4);
  CHECK(app::nearest_in_direction(pos, 2, {1, 0}) == -1);  // nothing further right
  CHECK(app::nearest_in_direction(pos, -1, {1, 0}) == 0);  // no focus yet: the first node
}

TEST_CASE("a page's neighbourhood: the page in the middle, one ring of its neighbours, one of theirs") {
  const LinkGraph g = chain_graph();
  const app::GraphScene s = app::near_scene(g, adjacency(g), 1);
  REQUIRE(s.node.size() == 6);
  CHECK(s.node[0] == 1);
  CHECK(s.pos[0].x == 0);
  std::vector<int> one(s.node.begin() + 1, s.node.begin() + 4), two(s.node.begin() + 4, s.node.end());
  std::sort(one.begin(), one.end());
  std::sort(two.begin(), two.end());
  CHECK(one == std::vector<int>{0, 2, 4});
  CHECK(two == std::vector<int>{3, 5});
  CHECK(s.links.size() == 4);
  CHECK(s.supersedes.size() == 1);
  CHECK(std::count(s.decision.begin(), s.decision.end(), 1) == 1);
  // The outer ring is farther out than the inner one.
  CHECK(std::hypot(s.pos[4].x, s.pos[4].y) > std::hypot(s.pos[1].x, s.pos[1].y));
  CHECK(app::site_scene(g).node.size() == 6);
}

TEST_CASE("a search rings the pages whose titles hold all its words, ignoring case") {
  const LinkGraph g = chain_graph();
  CHECK(app::title_matches(g, "").empty());
  CHECK(app::title_matches(g, "ALPHA") == std::vector<char>{0, 1, 0, 0, 0, 0});
  CHECK(app::title_matches(g, "adr second") == std::vector<char>{0, 0, 0, 0, 0, 1});
  CHECK(app::title_matches(g, "adr first") == std::vector<char>(6, 0));
}

TEST_CASE("the graph's file is read when a graph first opens; the neighbourhood's pages are links to them") {
  GraphSite site;
  CHECK_FALSE(site.fetched("/site/graph.0.json"));
  app::open_graph(site.app, app::GraphMode::near);
  site.settle_frames(3);
  CHECK(site.fetched("/site/graph.0.json"));
  CHECK(site.app.graph().load == app::GraphViewState::Load::ready);
  CHECK(site.node_links() == std::vector<std::string>{"/", "/a/", "/b/", "/c/"});
  // Its focus, the page, and its neighbours are a list for screen readers.
  const auto& lists = site.app.accessibility().sent_lists;
  REQUIRE_FALSE(lists.empty());
  CHECK(lists.back().title == "Link graph: Alpha");
  CHECK(lists.back().rows.size() == 3);  // open Alpha; linked from Home; links to Bravo
  app::close_graph(site.app);
  site.settle_frames(1);
  CHECK(site.node_links().empty());
  // /?graph opens the whole site; opening a page closes it.
  site.app.open("/?graph");
  site.settle_frames(3);
  CHECK(site.app.graph().mode == app::GraphMode::site);
  site.app.open("/c/");
  CHECK(site.app.graph().mode == app::GraphMode::closed);
}

TEST_CASE("a site built without a graph says how to get one") {
  GraphSite site(false);
  app::open_graph(site.app, app::GraphMode::site);
  site.settle_frames(2);
  CHECK(site.app.graph().load == app::GraphViewState::Load::failed);
  CHECK(site.app.graph().error.find("logbook build") != std::string::npos);
  CHECK_FALSE(site.fetched("/site/graph.0.json"));
}
