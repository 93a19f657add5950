#include "route.hpp"

#include "core/url.hpp"

namespace logbook::app {

Route parse_route(std::string_view path) {
  Route r;
  if (const auto hash = path.find('#'); hash != std::string_view::npos) {
    r.anchor = percent_decode(path.substr(hash + 1));
    path = path.substr(0, hash);
  }
  if (const auto q = path.find('?'); q != std::string_view::npos) {
    std::string_view query = path.substr(q + 1);
    r.params = query;
    path = path.substr(0, q);
    for (std::size_t start = 0; start <= query.size();) {
      std::size_t end = query.find('&', start);
      if (end == std::string_view::npos) end = query.size();
      const std::string_view pair = query.substr(start, end - start);
      if (pair.rfind("q=", 0) == 0) r.query = percent_decode(pair.substr(2), Plus::space);
      start = end + 1;
    }
  }
  // The manifest holds URLs as the build writes them: '%', '#' and '?' percent-encoded,
  // all else as it is. A route comes encoded by the browser ("/caf%C3%A9/") or not, so its
  // path is decoded and encoded again the build's way before it is looked up or shown.
  std::string decoded = percent_decode(path);
  if (!decoded.empty() && decoded.front() == '/') decoded.erase(0, 1);
  r.url = url_for_asset(decoded);
  if (r.url.size() >= 10 && r.url.compare(r.url.size() - 10, 10, "index.html") == 0) r.url.erase(r.url.size() - 10);
  if (r.url.back() != '/' && r.url.find('.', r.url.rfind('/')) == std::string::npos) r.url += '/';
  return r;
}

}  // namespace logbook::app
