// The link graph's scenes and the pure rules of its view (graph_view.hpp): what is drawn
// where, which node an arrow key goes to, which titles a search matches.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "graph_view.hpp"

namespace logbook::app {

namespace {

// Slot pairs for the graph's pairs whose two pages are in the scene.
void scene_edges(const LinkGraph& g, const std::vector<int>& slot_of, GraphScene& s) {
  for (const auto& [list, out] : {std::pair{&g.links, &s.links}, std::pair{&g.supersedes, &s.supersedes}})
    for (const auto& [a, b] : *list) {
      const int sa = slot_of[static_cast<std::size_t>(a)], sb = slot_of[static_cast<std::size_t>(b)];
      if (sa >= 0 && sb >= 0) out->emplace_back(sa, sb);
    }
}

void mark_decisions(const LinkGraph& g, const std::vector<int>& slot_of, GraphScene& s) {
  s.decision.assign(s.node.size(), 0);
  for (int d : g.decisions)
    if (const int slot = slot_of[static_cast<std::size_t>(d)]; slot >= 0) s.decision[static_cast<std::size_t>(slot)] = 1;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

GraphScene site_scene(const LinkGraph& g) {
  GraphScene s;
  const int n = g.size();
  std::vector<int> slot_of(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    s.node.push_back(i);
    s.pos.emplace_back(g.x[static_cast<std::size_t>(i)], g.y[static_cast<std::size_t>(i)]);
    slot_of[static_cast<std::size_t>(i)] = i;
  }
  scene_edges(g, slot_of, s);
  mark_decisions(g, slot_of, s);
  return s;
}

GraphScene near_scene(const LinkGraph& g, const GraphAdjacency& adj, int page) {
  GraphScene s;
  if (page < 0 || page >= g.size()) return s;
  const Neighbourhood near = neighbourhood(adj, page);
  std::vector<int> slot_of(static_cast<std::size_t>(g.size()), -1);
  const auto add = [&](int node, ImVec2 p) {
    slot_of[static_cast<std::size_t>(node)] = static_cast<int>(s.node.size());
    s.node.push_back(node);
    s.pos.push_back(p);
  };
  add(page, ImVec2(0, 0));
  constexpr float kTau = 6.2831853f, kGap = 16;  // layout units between nodes on a ring
  const auto ring = [&](const std::vector<int>& nodes, float radius) {
    for (std::size_t k = 0; k < nodes.size(); ++k) {
      const float a = kTau * static_cast<float>(k) / static_cast<float>(nodes.size()) - kTau / 4;
      add(nodes[k], ImVec2(radius * std::cos(a), radius * std::sin(a)));
    }
  };
  const float r1 = std::max(60.0f, kGap * static_cast<float>(near.one.size()) / kTau);
  ring(near.one, r1);
  // The second ring in the order of the first, so a page sits beside the one leading to it.
  std::vector<std::pair<int, int>> by_parent;  // (slot of the first neighbour that leads to it, node)
  for (int v : near.two) {
    int parent = static_cast<int>(s.node.size());
    for (int w : adj.of(v))
      if (const int slot = slot_of[static_cast<std::size_t>(w)]; slot > 0) parent = std::min(parent, slot);
    by_parent.emplace_back(parent, v);
  }
  std::stable_sort(by_parent.begin(), by_parent.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<int> two;
  for (const auto& [parent, v] : by_parent) two.push_back(v);
  ring(two, std::max(r1 + 50, kGap * static_cast<float>(two.size()) / kTau));
  scene_edges(g, slot_of, s);
  mark_decisions(g, slot_of, s);
  return s;
}

int nearest_in_direction(const std::vector<ImVec2>& pos, int from, ImVec2 dir) {
  if (from < 0 || from >= static_cast<int>(pos.size())) return pos.empty() ? -1 : 0;
  const ImVec2 o = pos[static_cast<std::size_t>(from)];
  int best = -1;
  float best_score = 0;
  for (std::size_t k = 0; k < pos.size(); ++k) {
    const float dx = pos[k].x - o.x, dy = pos[k].y - o.y;
    const float along = dx * dir.x + dy * dir.y, across = std::fabs(dx * dir.y - dy * dir.x);
    if (static_cast<int>(k) == from || along <= 0 || across > along * 1.732f) continue;  // outside the 60° cone
    const float score = along + 2 * across;  // straight ahead before off to the side
    if (best < 0 || score < best_score) best = static_cast<int>(k), best_score = score;
  }
  return best;
}

std::vector<char> title_matches(const LinkGraph& g, std::string_view query) {
  std::vector<std::string> words;
  const std::string q = lower(query);
  for (std::size_t i = 0; i < q.size();) {
    const std::size_t e = std::min(q.find(' ', i), q.size());
    if (e > i) words.push_back(q.substr(i, e - i));
    i = e + 1;
  }
  if (words.empty()) return {};
  std::vector<char> out(static_cast<std::size_t>(g.size()), 0);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string title = lower(g.titles[i]);
    out[i] = std::all_of(words.begin(), words.end(), [&](const std::string& w) { return title.find(w) != std::string::npos; });
  }
  return out;
}

}  // namespace logbook::app
