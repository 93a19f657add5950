#include "feed.hpp"

#include <algorithm>
#include <set>

#include "html_escape.hpp"

namespace logbook {

namespace {


// The date a page last changed: git's, else its front matter date, else none.
std::string changed_on(const Page& p, const SiteHistory& history) {
  if (auto it = history.find(p.path); it != history.end() && !it->second.updated.empty()) return it->second.updated;
  return p.meta.date && is_iso_date(*p.meta.date) ? *p.meta.date : std::string();
}

}  // namespace

std::string write_atom_feed(const Site& site, const DecisionLog& decisions, const SiteHistory& history, const FeedInfo& info) {
  std::vector<int> order;
  for (std::size_t i = 0; i < site.pages.size(); ++i)
    if (!changed_on(site.pages[i], history).empty()) order.push_back(static_cast<int>(i));
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return changed_on(site.pages[static_cast<std::size_t>(a)], history) > changed_on(site.pages[static_cast<std::size_t>(b)], history);
  });
  if (order.size() > info.recent) order.resize(info.recent);
  std::set<int> chosen(order.begin(), order.end());
  for (const Decision& d : decisions.decisions)
    if (chosen.insert(d.page).second) order.push_back(d.page);

  const std::string root = info.site_url + info.base;
  const std::string newest = order.empty() ? std::string("1970-01-01") : changed_on(site.pages[static_cast<std::size_t>(order.front())], history);
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + escape_html(info.title) + " — recent changes and decisions</title>\n";
  out += "  <link href=\"" + escape_html(root + "/") + "\"/>\n";
  out += "  <link rel=\"self\" href=\"" + escape_html(root + "/feed.xml") + "\"/>\n";
  out += "  <id>" + escape_html(root + "/feed.xml") + "</id>\n";
  out += "  <updated>" + (newest.empty() ? std::string("1970-01-01") : newest) + "T00:00:00Z</updated>\n";
  out += "  <generator>Logbook</generator>\n";
  for (int i : order) {
    const Page& p = site.pages[static_cast<std::size_t>(i)];
    const int d = decisions.for_page(i);
    std::string title = p.title;
    if (d >= 0) {
      const Decision& rec = decisions.decisions[static_cast<std::size_t>(d)];
      title = rec.id + (rec.status.empty() ? "" : " (" + rec.status + ")") + ": " + (rec.title.empty() ? p.title : rec.title);
    }
    const std::string date = changed_on(p, history);
    out += "  <entry>\n";
    out += "    <title>" + escape_html(title) + "</title>\n";
    out += "    <link href=\"" + escape_html(root + p.url) + "\"/>\n";
    out += "    <id>" + escape_html(root + p.url) + "</id>\n";
    out += "    <updated>" + (date.empty() ? newest : date) + "T00:00:00Z</updated>\n";
    if (auto it = history.find(p.path); it != history.end())
      for (const std::string& a : it->second.authors) out += "    <author><name>" + escape_html(a) + "</name></author>\n";
    if (d >= 0) out += "    <category term=\"decision\"/>\n";
    if (!p.description.empty()) out += "    <summary>" + escape_html(p.description) + "</summary>\n";
    out += "  </entry>\n";
  }
  return out + "</feed>\n";
}

}  // namespace logbook
