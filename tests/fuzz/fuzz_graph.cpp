// libFuzzer target: the link graph's file (core/link_graph.hpp), which the app reads when
// a graph opens (a deployment may be hand-edited or cut short). Any bytes give a graph or
// a message, never a crash; a graph that was read has one entry per page in every list
// and only pairs of pages, and reads back the same after it is written.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/link_graph.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  constexpr int kPages = 4;
  logbook::LinkGraph g;
  if (!logbook::read_link_graph(json, kPages, g).empty()) return 0;
  if (g.size() != kPages || g.urls.size() != kPages || g.x.size() != kPages || g.tag.size() != kPages) std::abort();
  for (const auto* pairs : {&g.links, &g.supersedes})
    for (const auto& [a, b] : *pairs)
      if (a < 0 || b < 0 || a >= kPages || b >= kPages || a == b) std::abort();
  const logbook::GraphAdjacency adj = logbook::adjacency(g);
  for (int p = 0; p < kPages; ++p) (void)logbook::neighbourhood(adj, p);
  logbook::LinkGraph again;
  if (!logbook::read_link_graph(logbook::write_link_graph(g), kPages, again).empty()) std::abort();
  return 0;
}
