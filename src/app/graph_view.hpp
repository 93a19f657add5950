// The link graph (ADR-0015): the current page's neighbourhood (two steps of links out
// and in) or the whole site, drawn in place of the page from the file the head names
// (core/link_graph.hpp), which is read when a graph first opens. The layout comes from
// the build; the view only moves a camera over it, culls, and hit-tests.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>

#include "core/link_graph.hpp"
#include "platform.hpp"

namespace logbook::app {

// What is drawn: nodes (pages) in slots, their places in layout units, and the edges
// between slots.
struct GraphScene {
  std::vector<int> node;     // slot -> page
  std::vector<ImVec2> pos;   // slot -> place
  std::vector<std::pair<int, int>> links, supersedes;  // slot pairs
  std::vector<char> decision;  // slot -> a decision record
};

// The whole site, as the build laid it out.
GraphScene site_scene(const LinkGraph& graph);
// A page's neighbourhood in rings around it: its neighbours, then theirs next to the
// neighbour that leads to them. Slot 0 is the page.
GraphScene near_scene(const LinkGraph& graph, const GraphAdjacency& adj, int page);

// The slot nearest `from` in the direction dir (a unit step: arrow keys), within 60° of
// it; -1 for none.
int nearest_in_direction(const std::vector<ImVec2>& pos, int from, ImVec2 dir);
// Per page, whether its title holds every word of query, ignoring case (ASCII); empty
// for an empty query.
std::vector<char> title_matches(const LinkGraph& graph, std::string_view query);

enum class GraphMode { closed, near, site };

struct GraphViewState {
  GraphMode mode = GraphMode::closed;
  enum class Load { none, loading, ready, failed } load = Load::none;
  std::string error;
  LinkGraph graph;
  GraphAdjacency adj;
  GraphScene scene;
  int scene_of = -2;  // the page the scene is the neighbourhood of; -1: the whole site
  ImVec2 center{0, 0};  // the camera: the layout point at the canvas's centre
  float zoom = 0;       // pixels per layout unit; 0: fit the scene on the next frame
  int focus = -1;       // the slot the keyboard is on
  int hovered = -1;     // the slot under the pointer
  bool dragged = false;  // the pointer panned since it was pressed: its release opens nothing
  bool focus_canvas = false;  // the canvas takes the keyboard focus on the next frame
  char query[128] = {};
  std::string matched;          // the query `matches` is for
  std::vector<char> matches;    // per page
  int match_count = 0;
  int announced = -1;           // the focused slot last told to screen readers
  int described = -1;           // the page `description` (the DOM copy's list) is of
  AccessibleList description;
};

}  // namespace logbook::app
