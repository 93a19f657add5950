// Spec: the link graph is every page and its links, laid out at build time, written as
// one file the head names and read back by the app when a graph opens (link_graph.hpp).
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/link_graph.hpp"

using namespace logbook;

namespace {

PublishedSite small_site() {
  return publish(build_site({
                     {"index.md", "# Home\n[A](a.md) [A again](a.md) [me](index.md) [out](https://x.org)\n"},
                     {"a.md", "---\ntags: [ops, search]\n---\n# A\n[B](b.md)\n"},
                     {"b.md", "---\ntags: [search]\n---\n# B\n"},
                     {"c.md", "---\ntags: [search]\n---\n# C (alone)\n"},
                     {"decisions/0001-old.md", "---\nstatus: superseded\n---\n# Old\n"},
                     {"decisions/0002-new.md", "---\nstatus: accepted\nsupersedes: [ADR-0001]\n---\n# New\n"},
                 }),
                 {});
}

int node(const LinkGraph& g, const std::string& url) {
  for (int i = 0; i < g.size(); ++i)
    if (g.urls[static_cast<std::size_t>(i)] == url) return i;
  FAIL("no node for " << url);
  return -1;
}

float distance(const LinkGraph& g, int a, int b) {
  const auto i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
  return std::hypot(g.x[i] - g.x[j], g.y[i] - g.y[j]);
}

}  // namespace

TEST_CASE("every page is a node; links are distinct pairs between pages; decisions and supersession are marked") {
  const PublishedSite site = small_site();
  const LinkGraph g = make_link_graph(site);
  REQUIRE(g.size() == static_cast<int>(site.pages.size()));
  const int home = node(g, "/"), a = node(g, "/a/"), b = node(g, "/b/");
  const int old_adr = node(g, "/decisions/0001-old/"), new_adr = node(g, "/decisions/0002-new/");
  // Two links to A are one pair; a link to the page itself and to another site are none.
  CHECK(g.links == std::vector<std::pair<int, int>>{{home, a}, {a, b}});
  CHECK(g.supersedes == std::vector<std::pair<int, int>>{{new_adr, old_adr}});
  CHECK(std::find(g.decisions.begin(), g.decisions.end(), new_adr) != g.decisions.end());
  CHECK(g.titles[static_cast<std::size_t>(new_adr)] == "ADR-0002: New");  // named as the sidebar names it
  // The legend: the most used tag first; a page takes its most used tag's colour.
  CHECK(g.tags == std::vector<std::string>{"search", "ops"});
  CHECK(g.tag[static_cast<std::size_t>(a)] == 0);
  CHECK(g.tag[static_cast<std::size_t>(home)] == -1);
}

TEST_CASE("the graph file reads back as it was written, and a damaged or foreign one is refused with a fix") {
  const PublishedSite site = small_site();
  const LinkGraph g = make_link_graph(site);
  const std::string text = write_link_graph(g);
  const int n = g.size();
  LinkGraph back;
  REQUIRE(read_link_graph(text, n, back) == "");
  CHECK(back == g);
  CHECK(read_link_graph(text, n + 1, back).find("another deployment") != std::string::npos);
  CHECK(read_link_graph("{", n, back).find("not a logbook graph") != std::string::npos);
  nlohmann::json j = nlohmann::json::parse(text);
  j["version"] = 9;
  CHECK(read_link_graph(j.dump(), n, back).find("format version 9") != std::string::npos);
  // Regression (fuzz_graph): a field of another type is refused, not thrown out of the core.
  j["version"] = "1";
  CHECK(read_link_graph(j.dump(), n, back).find("format version \"1\"") != std::string::npos);
  j["format"] = nlohmann::json::array({"Home"});
  CHECK(read_link_graph(j.dump(), n, back).find("not a logbook graph") != std::string::npos);
  j = nlohmann::json::parse(text);
  j["x"].erase(0);
  CHECK(read_link_graph(j.dump(), n, back).find("cut short") != std::string::npos);
  // Links and pairs naming no node, repeating one, or a page with itself, and colours
  // past the legend are dropped.
  j = nlohmann::json::parse(text);
  j["out"] = std::vector<int>(static_cast<std::size_t>(n), 0);
  j["out"][0] = 4;
  j["out"][2] = 2;
  j["links"] = {1, 0, 99, -1, 2, 1};  // 0 -> 1, 1 again, 100, a step back; 2 -> 2, 3
  j["supersedes"] = {0, 1, 0, 99, 3, 3};
  j["tag"][0] = 12;
  REQUIRE(read_link_graph(j.dump(), n, back) == "");
  CHECK(back.links == std::vector<std::pair<int, int>>{{0, 1}, {2, 3}});
  CHECK(back.supersedes == std::vector<std::pair<int, int>>{{0, 1}});
  CHECK(back.tag[0] == -1);
}

TEST_CASE("the layout is the same every build, puts linked pages near each other and no two on one spot") {
  std::vector<SourceFile> files = {{"index.md", "# Home\n"}};
  // Two rings of 40 pages, each page linking to the next of its ring.
  for (int ring = 0; ring < 2; ++ring)
    for (int i = 0; i < 40; ++i)
      files.push_back({"r" + std::to_string(ring) + "/p" + std::to_string(i) + ".md",
                       "# P\n[next](p" + std::to_string((i + 1) % 40) + ".md)\n"});
  const PublishedSite site = publish(build_site(files), {});
  const LinkGraph g = make_link_graph(site);
  CHECK(make_link_graph(site) == g);
  double linked = 0, all = 0;
  for (const auto& [a, b] : g.links) linked += distance(g, a, b);
  linked /= static_cast<double>(g.links.size());
  int pairs = 0;
  for (int a = 0; a < g.size(); ++a)
    for (int b = a + 1; b < g.size(); ++b) {
      all += distance(g, a, b), ++pairs;
      CHECK(distance(g, a, b) >= 1.0f);
    }
  all /= pairs;
  CHECK(linked < all / 3);
  CHECK(linked < 3 * kGraphUnit);
}

TEST_CASE("a page's neighbourhood: its links out and in, then theirs, at most `most` in all") {
  LinkGraph g;
  g.titles.resize(7);
  // 0 -> 1 -> 2 -> 3, 4 -> 0, 5 supersedes 1, 6 alone.
  g.links = {{0, 1}, {1, 2}, {2, 3}, {4, 0}};
  g.supersedes = {{5, 1}};
  const GraphAdjacency adj = adjacency(g);
  CHECK(adj.of(1) == std::vector<int>{0, 2, 5});
  const Neighbourhood near = neighbourhood(adj, 0);
  CHECK(near.one == std::vector<int>{1, 4});  // the better connected first
  CHECK(near.two == std::vector<int>{2, 5});
  CHECK(neighbourhood(adj, 6).one.empty());
  const Neighbourhood small = neighbourhood(adj, 0, 3);
  CHECK(small.one.size() + small.two.size() == 2);
  CHECK(neighbourhood(adj, 99).one.empty());
}

TEST_CASE("the layout's cost grows with the pages and links, not with how they crowd") {
  // A hub every page links to (which pulls them all together) lays out about as fast as
  // pages in a chain.
  const auto time_of = [](bool hub) {
    LinkGraph g;
    const int n = 20000;
    g.titles.resize(n);
    g.sections.assign(n, 0);
    for (int i = 1; i < n; ++i) g.links.emplace_back(i, hub ? 0 : i - 1);
    const auto t0 = std::chrono::steady_clock::now();
    lay_out_graph(g);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  const double chain = time_of(false), hub = time_of(true);
  MESSAGE("20k nodes: chain " << chain << " s, hub " << hub << " s");
  CHECK(hub < 4 * chain + 0.5);
}
