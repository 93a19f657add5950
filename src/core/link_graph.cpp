#include "link_graph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <type_traits>

#include <nlohmann/json.hpp>

namespace logbook {

using nlohmann::json;

namespace {

// The kGraphTags most used tags, most used first (ties by name), and each page's colour.
void colour_by_tags(const PublishedSite& site, LinkGraph& g) {
  std::map<std::string, int> uses;
  for (const PublishedPage& p : site.pages)
    for (const std::string& t : p.tags) ++uses[t];
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& [name, count] : uses) ranked.emplace_back(-count, name);
  std::sort(ranked.begin(), ranked.end());
  for (std::size_t k = 0; k < ranked.size() && k < kGraphTags; ++k) g.tags.push_back(ranked[k].second);
  for (const PublishedPage& p : site.pages) {
    int best = -1;
    for (const std::string& t : p.tags) {
      const auto it = std::find(g.tags.begin(), g.tags.end(), t);
      const int at = static_cast<int>(it - g.tags.begin());
      if (it != g.tags.end() && (best < 0 || at < best)) best = at;
    }
    g.tag.push_back(best);
  }
}

// Seeds: each section a disc of its pages on a sunflower spiral, the sections' discs on
// a spiral of their own, so the force steps start from a picture already grouped.
void seed(LinkGraph& g) {
  const int n = g.size();
  if (g.sections.size() != static_cast<std::size_t>(n)) g.sections.assign(static_cast<std::size_t>(n), 0);
  int sections = 1;
  for (int s : g.sections) sections = std::max(sections, s + 1);
  std::vector<int> count(static_cast<std::size_t>(sections), 0), rank(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) rank[static_cast<std::size_t>(i)] = count[static_cast<std::size_t>(g.sections[static_cast<std::size_t>(i)])]++;
  constexpr float kGolden = 2.39996323f;
  std::vector<float> cx(count.size()), cy(count.size());
  float area = 0;
  for (std::size_t s = 0; s < count.size(); ++s) {
    const float r = std::sqrt(area + static_cast<float>(count[s]) * 0.5f) * 1.8f;
    cx[s] = r * std::cos(static_cast<float>(s) * kGolden);
    cy[s] = r * std::sin(static_cast<float>(s) * kGolden);
    area += static_cast<float>(count[s]);
  }
  for (int i = 0; i < n; ++i) {
    const std::size_t s = static_cast<std::size_t>(g.sections[static_cast<std::size_t>(i)]);
    const float j = static_cast<float>(rank[static_cast<std::size_t>(i)]);
    g.x[static_cast<std::size_t>(i)] = cx[s] + std::sqrt(j + 0.5f) * 0.9f * std::cos(j * kGolden);
    g.y[static_cast<std::size_t>(i)] = cy[s] + std::sqrt(j + 0.5f) * 0.9f * std::sin(j * kGolden);
  }
}

// Nodes bucketed by grid cell (a counting sort into a hash table of cells): the
// neighbours of a node within one cell's width are in its cell and the eight around it.
struct Grid {
  float cell = 2;
  std::uint32_t mask = 0;
  std::vector<int> start, nodes;
  std::vector<std::int32_t> cx, cy;

  std::uint32_t bucket(std::int32_t x, std::int32_t y) const {
    return (static_cast<std::uint32_t>(x) * 73856093u ^ static_cast<std::uint32_t>(y) * 19349663u) & mask;
  }
  void fill(const std::vector<float>& xs, const std::vector<float>& ys) {
    const std::size_t n = xs.size();
    std::uint32_t size = 16;
    while (size < 2 * n) size *= 2;
    mask = size - 1;
    start.assign(size + 1, 0);
    nodes.resize(n);
    cx.resize(n);
    cy.resize(n);
    std::vector<std::uint32_t> at(n);
    for (std::size_t i = 0; i < n; ++i) {
      cx[i] = static_cast<std::int32_t>(std::floor(xs[i] / cell));
      cy[i] = static_cast<std::int32_t>(std::floor(ys[i] / cell));
      at[i] = bucket(cx[i], cy[i]);
      ++start[at[i] + 1];
    }
    for (std::uint32_t b = 0; b < size; ++b) start[b + 1] += start[b];
    std::vector<int> fill_at(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i) nodes[static_cast<std::size_t>(fill_at[at[i]]++)] = static_cast<int>(i);
  }
};

// The far field: the layout's bounding box cut into kCoarse x kCoarse cells, each pushing
// the others as one mass at its centroid (softened by the cell's size), and each node
// pushed as its cell is. It keeps the area the pages need, so links cannot collapse the
// site into a ball (the near grid alone reaches only two edge lengths). A step costs
// kCoarse^4 for the cells and one look-up per node, whatever the site.
constexpr int kCoarse = 16;

// And a pull toward the centre in proportion to the distance (kGravity), so a page that
// links nowhere stays at the site's edge instead of drifting off.
constexpr float kGravity = 0.3f;

struct FarField {
  std::vector<float> mass, mx, my, fx, fy;
  std::vector<int> cell_of;
  float cx = 0, cy = 0;  // the centroid of every node

  void fill(const std::vector<float>& xs, const std::vector<float>& ys) {
    float x0 = xs[0], y0 = ys[0], x1 = x0, y1 = y0;
    for (std::size_t i = 0; i < xs.size(); ++i)
      x0 = std::min(x0, xs[i]), x1 = std::max(x1, xs[i]), y0 = std::min(y0, ys[i]), y1 = std::max(y1, ys[i]);
    const float cell = std::max(x1 - x0, y1 - y0) / kCoarse + 1e-3f;
    mass.assign(kCoarse * kCoarse, 0);
    mx.assign(mass.size(), 0);
    my.assign(mass.size(), 0);
    cell_of.resize(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const int col = std::min(kCoarse - 1, static_cast<int>((xs[i] - x0) / cell));
      const int row = std::min(kCoarse - 1, static_cast<int>((ys[i] - y0) / cell));
      const std::size_t c = static_cast<std::size_t>(row * kCoarse + col);
      cell_of[i] = static_cast<int>(c);
      mass[c] += 1, mx[c] += xs[i], my[c] += ys[i];
    }
    cx = cy = 0;
    for (std::size_t c = 0; c < mass.size(); ++c) cx += mx[c], cy += my[c];
    cx /= static_cast<float>(xs.size()), cy /= static_cast<float>(xs.size());
    for (std::size_t c = 0; c < mass.size(); ++c)
      if (mass[c] > 0) mx[c] /= mass[c], my[c] /= mass[c];
    fx.assign(mass.size(), 0);
    fy.assign(mass.size(), 0);
    for (std::size_t c = 0; c < mass.size(); ++c)
      for (std::size_t o = 0; o < mass.size(); ++o) {
        if (mass[c] == 0 || mass[o] == 0 || o == c) continue;
        const float vx = mx[c] - mx[o], vy = my[c] - my[o];
        const float f = mass[o] / (vx * vx + vy * vy + cell * cell);
        fx[c] += vx * f, fy[c] += vy * f;
      }
  }
  void push(std::size_t node, float x, float y, float& dx, float& dy) const {
    dx += fx[static_cast<std::size_t>(cell_of[node])] - kGravity * (x - cx);
    dy += fy[static_cast<std::size_t>(cell_of[node])] - kGravity * (y - cy);
  }
};

// Repulsion counts at most this many nodes of a cell: a crowd of pages pulled into one
// cell by their links costs a step no more than a spread-out site.
constexpr int kCellCap = 16;

void repel(const LinkGraph& g, const Grid& grid, std::vector<float>& dx, std::vector<float>& dy) {
  const std::size_t n = g.x.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::int32_t ox = -1; ox <= 1; ++ox)
      for (std::int32_t oy = -1; oy <= 1; ++oy) {
        const std::int32_t x = grid.cx[i] + ox, y = grid.cy[i] + oy;
        const std::uint32_t b = grid.bucket(x, y);
        int seen = 0;
        for (int k = grid.start[b]; k < grid.start[b + 1] && seen < kCellCap; ++k) {
          const std::size_t j = static_cast<std::size_t>(grid.nodes[static_cast<std::size_t>(k)]);
          if (grid.cx[j] != x || grid.cy[j] != y) continue;  // another cell in the same bucket
          ++seen;
          if (j == i) continue;
          float vx = g.x[i] - g.x[j], vy = g.y[i] - g.y[j];
          float d2 = vx * vx + vy * vy;
          if (d2 > grid.cell * grid.cell) continue;
          if (d2 < 1e-6f) {  // two nodes on one spot: apart along a direction their indexes pick
            vx = std::cos(static_cast<float>(i * 7 + j)), vy = std::sin(static_cast<float>(i * 7 + j));
            d2 = 1e-4f;
          }
          const float f = 1.0f / d2;  // k^2 / d, along the unit vector (v / d)
          dx[i] += vx * f;
          dy[i] += vy * f;
        }
      }
  }
}

void attract(const LinkGraph& g, const std::vector<std::pair<int, int>>& pairs, std::vector<float>& dx, std::vector<float>& dy) {
  for (const auto& [a, b] : pairs) {
    const std::size_t i = static_cast<std::size_t>(a), j = static_cast<std::size_t>(b);
    const float vx = g.x[i] - g.x[j], vy = g.y[i] - g.y[j];
    const float d = std::sqrt(vx * vx + vy * vy);  // d^2 / k along the unit vector
    dx[i] -= vx * d, dy[i] -= vy * d;
    dx[j] += vx * d, dy[j] += vy * d;
  }
}

std::vector<int> pairs_flat(const std::vector<std::pair<int, int>>& pairs) {
  std::vector<int> out;
  out.reserve(pairs.size() * 2);
  for (const auto& [a, b] : pairs) out.push_back(a), out.push_back(b);
  return out;
}

// Links as each page's count ("out") and its targets in ascending order, each after the
// first as the step from the one before: half the bytes of plain pairs, gzipped.
void write_links(const LinkGraph& g, json& j) {
  std::vector<std::pair<int, int>> links = g.links;
  std::sort(links.begin(), links.end());
  std::vector<int> out(static_cast<std::size_t>(g.size()), 0), steps;
  for (std::size_t k = 0; k < links.size(); ++k) {
    ++out[static_cast<std::size_t>(links[k].first)];
    const bool first = k == 0 || links[k - 1].first != links[k].first;
    steps.push_back(first ? links[k].second : links[k].second - links[k - 1].second);
  }
  j["out"] = out;
  j["links"] = steps;
}

// Reads write_links' form; a run that leaves the pages, repeats a target or names its own
// page ends that page's links.
std::vector<std::pair<int, int>> read_links(const json& j, int n) {
  std::vector<std::pair<int, int>> links;
  const auto out = j.find("out"), steps = j.find("links");
  if (out == j.end() || steps == j.end() || !out->is_array() || !steps->is_array()) return links;
  std::size_t k = 0;
  for (int from = 0; from < n && from < static_cast<int>(out->size()); ++from) {
    const json& count = (*out)[static_cast<std::size_t>(from)];
    long long left = count.is_number_integer() ? count.get<long long>() : 0, to = 0;
    for (bool first = true; left > 0 && k < steps->size(); --left, ++k, first = false) {
      const json& step = (*steps)[k];
      const long long d = step.is_number_integer() ? step.get<long long>() : -1;
      if (d < 0 || (!first && d == 0) || to + d >= n) continue;
      to += d;
      if (to != from) links.emplace_back(from, static_cast<int>(to));
    }
  }
  return links;
}

std::vector<std::pair<int, int>> pairs_from(const json& j, const char* key, int n) {
  std::vector<std::pair<int, int>> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (std::size_t k = 0; k + 1 < it->size(); k += 2) {
    const json& a = (*it)[k];
    const json& b = (*it)[k + 1];
    if (!a.is_number_integer() || !b.is_number_integer()) continue;
    const int x = a.get<int>(), y = b.get<int>();
    if (x >= 0 && y >= 0 && x < n && y < n && x != y) out.emplace_back(x, y);
  }
  return out;
}

// The array under key into out when it has one entry per node, each of T's kind.
template <typename T>
bool per_node(const json& j, const char* key, int n, std::vector<T>& out) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() != static_cast<std::size_t>(n)) return false;
  out.clear();
  out.reserve(static_cast<std::size_t>(n));
  for (const json& v : *it) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (!v.is_string()) return false;
      out.push_back(v.get<std::string>());
    } else if constexpr (std::is_integral_v<T>) {
      if (!v.is_number_integer()) return false;
      out.push_back(static_cast<T>(v.get<long long>()));
    } else {
      if (!v.is_number()) return false;
      out.push_back(v.get<T>());
    }
  }
  return true;
}

}  // namespace

LinkGraph make_link_graph(const PublishedSite& site) {
  LinkGraph g;
  const int n = static_cast<int>(site.pages.size());
  for (int i = 0; i < n; ++i) {
    const PublishedPage& p = site.pages[static_cast<std::size_t>(i)];
    g.titles.push_back(site.nav_title(i));
    g.urls.push_back(p.url);
    g.sections.push_back(std::max(0, p.section));
    if (p.decision >= 0) g.decisions.push_back(i);
    std::vector<int> to;
    for (int t : p.targets)
      if (t >= 0 && t < n && t != i) to.push_back(t);
    std::sort(to.begin(), to.end());
    to.erase(std::unique(to.begin(), to.end()), to.end());
    for (int t : to) g.links.emplace_back(i, t);
  }
  for (const PublishedDecision& d : site.decisions)
    for (int older : d.supersedes) {
      const int to = site.decisions[static_cast<std::size_t>(older)].page;
      if (d.page >= 0 && to >= 0 && d.page != to) g.supersedes.emplace_back(d.page, to);
    }
  colour_by_tags(site, g);
  lay_out_graph(g);
  return g;
}

void lay_out_graph(LinkGraph& g, int steps) {
  const std::size_t n = g.titles.size();
  g.x.assign(n, 0);
  g.y.assign(n, 0);
  if (n == 0) return;
  seed(g);
  Grid grid;
  FarField far;
  std::vector<float> dx(n), dy(n);
  for (int step = 0; step < steps; ++step) {
    // The most a node moves this step: from two edge lengths down to a twentieth.
    const float heat = 2.0f * std::pow(0.025f, static_cast<float>(step) / static_cast<float>(std::max(1, steps - 1)));
    std::fill(dx.begin(), dx.end(), 0.0f);
    std::fill(dy.begin(), dy.end(), 0.0f);
    grid.fill(g.x, g.y);
    repel(g, grid, dx, dy);
    far.fill(g.x, g.y);
    for (std::size_t i = 0; i < n; ++i) far.push(i, g.x[i], g.y[i], dx[i], dy[i]);
    attract(g, g.links, dx, dy);
    attract(g, g.supersedes, dx, dy);
    for (std::size_t i = 0; i < n; ++i) {
      const float len = std::sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len < 1e-9f) continue;
      const float move = std::min(len, heat) / len;
      g.x[i] += dx[i] * move;
      g.y[i] += dy[i] * move;
    }
  }
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) mx += g.x[i], my += g.y[i];
  mx /= static_cast<double>(n), my /= static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    g.x[i] = std::round((g.x[i] - static_cast<float>(mx)) * kGraphUnit);
    g.y[i] = std::round((g.y[i] - static_cast<float>(my)) * kGraphUnit);
  }
}

std::string write_link_graph(const LinkGraph& g) {
  std::vector<long> x, y;
  for (float v : g.x) x.push_back(std::lround(v));
  for (float v : g.y) y.push_back(std::lround(v));
  json j = {{"format", "logbook-graph"}, {"version", kGraphVersion}, {"nodes", g.size()},
                  {"titles", g.titles}, {"urls", g.urls}, {"sections", g.sections}, {"tags", g.tags},
                  {"tag", g.tag}, {"decisions", g.decisions}, {"x", x}, {"y", y},
                  {"supersedes", pairs_flat(g.supersedes)}};
  write_links(g, j);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string read_link_graph(std::string_view text, int pages, LinkGraph& out) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  // Fields are looked up and compared as JSON values: json::value() with a string or number
  // default throws when the file holds another type there (fuzz_graph found a "format"
  // that was a list), and no exception may leave the core.
  if (j.is_discarded() || !j.is_object() || j.value("format", json()) != "logbook-graph")
    return "the link graph is not a logbook graph file: build the site again with `logbook build`";
  const json version = j.value("version", json());
  if (version != kGraphVersion)
    return "the link graph has format version " + version.dump() + ", this app reads version " +
           std::to_string(kGraphVersion) + ": build the site again with this version of `logbook build`";
  const auto nodes = j.find("nodes");
  if (nodes == j.end() || !nodes->is_number_integer() || nodes->get<long long>() != pages)
    return "the link graph is of another deployment (its node count is not the site's page count): reload the page";
  LinkGraph g;
  if (!per_node(j, "titles", pages, g.titles) || !per_node(j, "urls", pages, g.urls) ||
      !per_node(j, "sections", pages, g.sections) || !per_node(j, "tag", pages, g.tag) || !per_node(j, "x", pages, g.x) ||
      !per_node(j, "y", pages, g.y))
    return "the link graph is cut short or damaged (a list has not one entry per page): build the site again";
  if (const auto tags = j.find("tags"); tags != j.end() && tags->is_array())
    for (const json& t : *tags)
      if (t.is_string() && g.tags.size() < kGraphTags) g.tags.push_back(t.get<std::string>());
  for (int& t : g.tag)
    if (t < -1 || t >= static_cast<int>(g.tags.size())) t = -1;
  for (int& s : g.sections) s = std::max(0, s);
  for (std::size_t i = 0; i < g.x.size(); ++i)
    if (!std::isfinite(g.x[i]) || !std::isfinite(g.y[i])) g.x[i] = g.y[i] = 0;
  if (const auto d = j.find("decisions"); d != j.end() && d->is_array())
    for (const json& v : *d)
      if (v.is_number_integer() && v.get<long long>() >= 0 && v.get<long long>() < pages) g.decisions.push_back(v.get<int>());
  g.links = read_links(j, pages);
  g.supersedes = pairs_from(j, "supersedes", pages);
  out = std::move(g);
  return "";
}

std::vector<int> GraphAdjacency::of(int node) const {
  if (node < 0 || node + 1 >= static_cast<int>(start.size())) return {};
  return {nodes.begin() + start[static_cast<std::size_t>(node)], nodes.begin() + start[static_cast<std::size_t>(node) + 1]};
}

GraphAdjacency adjacency(const LinkGraph& g) {
  std::vector<std::pair<int, int>> both;
  for (const auto* pairs : {&g.links, &g.supersedes})
    for (const auto& [a, b] : *pairs) both.emplace_back(a, b), both.emplace_back(b, a);
  std::sort(both.begin(), both.end());
  both.erase(std::unique(both.begin(), both.end()), both.end());
  GraphAdjacency adj;
  adj.start.assign(static_cast<std::size_t>(g.size()) + 1, 0);
  for (const auto& [a, b] : both) ++adj.start[static_cast<std::size_t>(a) + 1];
  for (std::size_t i = 0; i + 1 < adj.start.size(); ++i) adj.start[i + 1] += adj.start[i];
  for (const auto& [a, b] : both) adj.nodes.push_back(b);
  return adj;
}

Neighbourhood neighbourhood(const GraphAdjacency& adj, int node, int most) {
  Neighbourhood out;
  const auto degree = [&](int v) { return adj.start[static_cast<std::size_t>(v) + 1] - adj.start[static_cast<std::size_t>(v)]; };
  out.one = adj.of(node);
  if (out.one.empty()) return out;
  std::stable_sort(out.one.begin(), out.one.end(), [&](int a, int b) { return degree(a) > degree(b); });
  if (static_cast<int>(out.one.size()) > most - 1) out.one.resize(static_cast<std::size_t>(std::max(0, most - 1)));
  std::vector<int> candidates;
  for (int v : out.one)
    for (int w : adj.of(v))
      if (w != node && !std::binary_search(adj.nodes.begin() + adj.start[static_cast<std::size_t>(node)],
                                           adj.nodes.begin() + adj.start[static_cast<std::size_t>(node) + 1], w))
        candidates.push_back(w);
  std::sort(candidates.begin(), candidates.end());
  // Ranked by how many of the first step lead to it, then by its own connections.
  std::vector<std::pair<int, int>> ranked;  // (-ties to the first step, node)
  for (std::size_t k = 0; k < candidates.size();) {
    std::size_t e = k;
    while (e < candidates.size() && candidates[e] == candidates[k]) ++e;
    ranked.emplace_back(-static_cast<int>(e - k), candidates[k]);
    k = e;
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : degree(a.second) > degree(b.second);
  });
  const std::size_t room = static_cast<std::size_t>(std::max(0, most - 1 - static_cast<int>(out.one.size())));
  for (std::size_t k = 0; k < ranked.size() && k < room; ++k) out.two.push_back(ranked[k].second);
  return out;
}

}  // namespace logbook
