// A parallel_for over std::thread for the core's SiteOptions and the page writer.
#pragma once

#include <cstddef>
#include <functional>

namespace logbook::cli {

// Runs body(i) for every i in [0, n) on up to `threads` threads (0 = one per core).
void parallel_for(std::size_t n, const std::function<void(std::size_t)>& body, unsigned threads = 0);

}  // namespace logbook::cli
