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

void newest_first(const Site& site, const SiteHistory& history, std::vector<int>& pages) {
  std::stable_sort(pages.begin(), pages.end(), [&](int a, int b) {
    return changed_on(site.pages[static_cast<std::size_t>(a)], history) > changed_on(site.pages[static_cast<std::size_t>(b)], history);
  });
}

// The feed of `order`'s pages, in that order; with `status_ids`, a record's id names its status.
std::string atom(const Site& site, const DecisionLog& decisions, const SiteHistory& history, const FeedInfo& info,
                 const std::vector<int>& order, bool status_ids) {
  const std::string root = info.site_url + info.base;
  std::string newest;
  for (int i : order) newest = std::max(newest, changed_on(site.pages[static_cast<std::size_t>(i)], history));
  if (newest.empty()) newest = "1970-01-01";
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  out += "  <title>" + escape_html(info.title) + " — " + escape_html(info.about) + "</title>\n";
  out += "  <link href=\"" + escape_html(root + "/") + "\"/>\n";
  out += "  <link rel=\"self\" href=\"" + escape_html(root + "/" + info.path) + "\"/>\n";
  out += "  <id>" + escape_html(root + "/" + info.path) + "</id>\n";
  out += "  <updated>" + newest + "T00:00:00Z</updated>\n";
  out += "  <author><name>" + escape_html(info.title) + "</name></author>\n";  // Atom: entries without one take it
  out += "  <generator>Logbook</generator>\n";
  for (int i : order) {
    const Page& p = site.pages[static_cast<std::size_t>(i)];
    const int d = decisions.for_page(i);
    std::string title = p.title, id = root + p.url;
    if (d >= 0) {
      const Decision& rec = decisions.decisions[static_cast<std::size_t>(d)];
      title = rec.id + (rec.status.empty() ? "" : " (" + rec.status + ")") + ": " + (rec.title.empty() ? p.title : rec.title);
      if (status_ids) id += "#" + (rec.status.empty() ? std::string("no-status") : rec.status);
    }
    const std::string date = changed_on(p, history);
    out += "  <entry>\n";
    out += "    <title>" + escape_html(title) + "</title>\n";
    out += "    <link href=\"" + escape_html(root + p.url) + "\"/>\n";
    out += "    <id>" + escape_html(id) + "</id>\n";
    out += "    <updated>" + (date.empty() ? newest : date) + "T00:00:00Z</updated>\n";
    if (auto it = history.find(p.path); it != history.end())
      for (const std::string& a : it->second.authors) out += "    <author><name>" + escape_html(a) + "</name></author>\n";
    if (d >= 0) {
      const Decision& rec = decisions.decisions[static_cast<std::size_t>(d)];
      out += "    <category term=\"decision\"/>\n";
      if (!rec.status.empty()) out += "    <category term=\"" + escape_html(rec.status) + "\"/>\n";
    }
    if (!p.description.empty()) out += "    <summary>" + escape_html(p.description) + "</summary>\n";
    out += "  </entry>\n";
  }
  return out + "</feed>\n";
}

}  // namespace

std::string write_atom_feed(const Site& site, const DecisionLog& decisions, const SiteHistory& history, const FeedInfo& info) {
  std::vector<int> candidates;
  if (info.only) candidates = *info.only;
  else
    for (std::size_t i = 0; i < site.pages.size(); ++i) candidates.push_back(static_cast<int>(i));
  std::vector<int> order;
  for (int i : candidates)
    if (!changed_on(site.pages[static_cast<std::size_t>(i)], history).empty()) order.push_back(i);
  newest_first(site, history, order);
  if (order.size() > info.recent) order.resize(info.recent);
  std::set<int> chosen(order.begin(), order.end());
  if (info.every_decision) {
    const std::set<int> allowed(candidates.begin(), candidates.end());
    for (const Decision& d : decisions.decisions)
      if (allowed.count(d.page) && chosen.insert(d.page).second) order.push_back(d.page);
  }
  return atom(site, decisions, history, info, order, false);
}

std::string write_decisions_feed(const Site& site, const DecisionLog& decisions, const SiteHistory& history, FeedInfo info) {
  std::vector<int> order;
  for (const Decision& d : decisions.decisions)
    if (d.page >= 0) order.push_back(d.page);
  newest_first(site, history, order);
  info.path = std::string(kDecisionsFeedPath);
  info.about = "decisions";
  return atom(site, decisions, history, info, order, true);
}

}  // namespace logbook
