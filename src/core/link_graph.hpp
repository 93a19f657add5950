// The link graph: every page as a node, laid out at build time, so the app only draws it
// and hit-tests it (ADR-0015). The build makes it from the published model with
// make_link_graph and writes it as one content-addressed file the head names
// (PublishedSite::graph, "site/graph.<16 hex digits of content_hash>.json"), which the app
// reads only when the reader opens a graph: its size grows with the site, the head's does not.
//
// site/graph.<hash>.json, format "logbook-graph", version 1. Node i is page i of the
// published model; every array below of one entry per node has exactly `nodes` entries.
// {"format": "logbook-graph", "version": 1, "nodes": 3,
//  "titles": ["Home", "ADR-0002: ...", ...],   the page's name in navigation (nav_title)
//  "urls": ["/", "/decisions/0002-x/", ...],   where a click goes
//  "sections": [0, 1, 1],                      index into the head's sections
//  "tags": ["search", "ops"],                  the legend: the kGraphTags most used tags,
//                                              most used first
//  "tag": [-1, 0, 1],                          the node's colour: its most used tag in the
//                                              legend, -1 for none
//  "decisions": [1],                           nodes that are decision records
//  "x": [0, 120, -40], "y": [10, 0, 33],       the layout, in units of kGraphUnit per ideal
//                                              edge length
//  "out": [1, 0, 1],                           per page, how many pages it links to
//  "links": [1, 0],                            their targets, page by page, ascending: the
//                                              first of a page's as it is, each next as the
//                                              step from the one before (distinct, never
//                                              the page itself); here 0 -> 1 and 2 -> 0
//  "supersedes": [1, 2]}                       pairs (newer, older) of decision records
// read_link_graph never throws: a file of another format, version or node count is
// refused with a message, and links or pairs naming a node out of range are dropped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "published_site.hpp"

namespace logbook {

constexpr int kGraphVersion = 1;
constexpr int kGraphTags = 8;      // colours in the legend
constexpr float kGraphUnit = 10;   // layout units per ideal edge length

struct LinkGraph {
  std::vector<std::string> titles, urls;
  std::vector<int> sections, tag;
  std::vector<std::string> tags;
  std::vector<int> decisions;
  std::vector<float> x, y;
  std::vector<std::pair<int, int>> links, supersedes;

  int size() const { return static_cast<int>(titles.size()); }
  bool operator==(const LinkGraph&) const = default;
};

// Every page of a fully published site (publish(), all parts loaded) and its links,
// laid out by lay_out_graph.
LinkGraph make_link_graph(const PublishedSite& site);

// The layout (ADR-0015): pages seeded in their sections' discs on a sunflower spiral,
// then Fruchterman-Reingold steps whose repulsion reaches only the nodes of the
// neighbouring grid cells (each cell counted up to a fixed number of nodes), so a step
// costs O(nodes + links) whatever the links. Deterministic: the same site, the same picture.
void lay_out_graph(LinkGraph& graph, int steps = 50);

std::string write_link_graph(const LinkGraph& graph);
// "" on success, else what is wrong and how to fix it. `pages` is the head's page count:
// a graph of another deployment is refused.
std::string read_link_graph(std::string_view json, int pages, LinkGraph& out);

// Each node's neighbours one step away, links out and in and supersession both ways,
// distinct and sorted: offsets (size() + 1) into one array.
struct GraphAdjacency {
  std::vector<int> start, nodes;
  std::vector<int> of(int node) const;
};
GraphAdjacency adjacency(const LinkGraph& graph);

// A page's neighbourhood: the page, its neighbours, and theirs (two steps), at most
// `most` in all, nearer first; within a step, the best connected first.
struct Neighbourhood {
  std::vector<int> one, two;
};
Neighbourhood neighbourhood(const GraphAdjacency& adj, int node, int most = 80);

}  // namespace logbook
