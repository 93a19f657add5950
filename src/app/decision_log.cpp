#include "decision_log.hpp"

#include <algorithm>
#include <map>

#include "core/url.hpp"
#include "core/utf8.hpp"
namespace logbook::app {

namespace {

bool same(std::string_view a, std::string_view b) { return lower_ascii(a) == lower_ascii(b); }

bool contains_ci(const std::vector<std::string>& list, std::string_view value) {
  return std::any_of(list.begin(), list.end(), [&](const std::string& v) { return same(v, value); });
}

// Distinct values (case-insensitive) by how often they occur, then alphabetically.
std::vector<std::string> by_use(const std::vector<std::string>& all) {
  std::map<std::string, std::pair<int, std::string>> counts;  // lower -> (count, first spelling)
  for (const std::string& v : all) {
    if (v.empty()) continue;
    auto& c = counts[lower_ascii(v)];
    if (c.first++ == 0) c.second = v;
  }
  std::vector<std::pair<int, std::string>> sorted;
  for (auto& [k, c] : counts) sorted.push_back(c);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& s : sorted) out.push_back(std::move(s.second));
  return out;
}

// Dates compare as written once valid; an absent or malformed date sorts last.
int date_key(std::string_view d) { return static_cast<int>(day_number(d).value_or(-1)); }

constexpr std::pair<DecisionColumn, const char*> kColumnNames[] = {
    {DecisionColumn::id, "id"}, {DecisionColumn::title, "title"}, {DecisionColumn::status, "status"}, {DecisionColumn::date, "date"}};

// A column's first sort: titles and statuses A to Z, ids and dates newest first.
bool default_ascending(DecisionColumn c) { return c == DecisionColumn::title || c == DecisionColumn::status; }

}  // namespace

bool is_date(std::string_view text) { return text.size() == 10 && day_number(text).has_value(); }

std::string to_query(const DecisionLogQuery& q) {
  std::string out;
  const auto add = [&](const char* key, std::string_view value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(key) + "=" + percent_encode(value);
  };
  add("text", q.filter.text);
  add("status", q.filter.status);
  add("tag", q.filter.tag);
  add("decider", q.filter.decider);
  add("after", is_date(q.filter.after) ? q.filter.after : "");
  add("before", is_date(q.filter.before) ? q.filter.before : "");
  if (q.column != DecisionColumn::id || q.ascending) {
    for (const auto& [column, name] : kColumnNames)
      if (column == q.column) add("sort", name);
    if (q.ascending != default_ascending(q.column)) add("order", q.ascending ? "asc" : "desc");
  }
  return out;
}

DecisionLogQuery parse_decision_log_query(std::string_view query) {
  DecisionLogQuery q;
  bool order_given = false;
  for (std::size_t start = 0; start < query.size();) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = pair.substr(0, eq);
    std::string value = percent_decode(pair.substr(eq + 1), Plus::space);
    if (value.size() > 200) continue;  // longer than any field takes
    if (key == "text") q.filter.text = std::move(value);
    else if (key == "status") q.filter.status = std::move(value);
    else if (key == "tag") q.filter.tag = std::move(value);
    else if (key == "decider") q.filter.decider = std::move(value);
    else if (key == "after" && is_date(value)) q.filter.after = std::move(value);
    else if (key == "before" && is_date(value)) q.filter.before = std::move(value);
    else if (key == "order" && (value == "asc" || value == "desc")) q.ascending = value == "asc", order_given = true;
    else if (key == "sort")
      for (const auto& [column, name] : kColumnNames)
        if (value == name) q.column = column;
  }
  if (!order_given) q.ascending = default_ascending(q.column);
  return q;
}

std::vector<int> decision_rows(const PublishedSite& site, const DecisionFilter& f, DecisionColumn column, bool ascending) {
  std::vector<int> rows;
  const std::string text = lower_ascii(f.text);
  const auto after = day_number(f.after), before = day_number(f.before);
  for (std::size_t i = 0; i < site.decisions.size(); ++i) {
    const PublishedDecision& d = site.decisions[i];
    if (!f.status.empty() && !same(d.status, f.status)) continue;
    if (!f.tag.empty() && !contains_ci(d.tags, f.tag)) continue;
    if (!f.decider.empty() && !contains_ci(d.deciders, f.decider)) continue;
    if (!text.empty() && lower_ascii(d.id + " " + d.title).find(text) == std::string::npos) continue;
    const int day = date_key(d.date);
    if ((after && day < *after) || (before && (day < 0 || day > *before))) continue;
    rows.push_back(static_cast<int>(i));
  }
  const auto& D = site.decisions;
  std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
    const PublishedDecision &x = D[static_cast<std::size_t>(a)], &y = D[static_cast<std::size_t>(b)];
    int c = 0;
    switch (column) {
      case DecisionColumn::id: c = x.number != y.number ? (x.number < y.number ? -1 : 1) : x.id.compare(y.id); break;
      case DecisionColumn::title: c = lower_ascii(x.title).compare(lower_ascii(y.title)); break;
      case DecisionColumn::status: c = lower_ascii(x.status).compare(lower_ascii(y.status)); break;
      case DecisionColumn::date: {
        const int dx = date_key(x.date), dy = date_key(y.date);
        c = dx == dy ? 0 : dx < dy ? -1 : 1;
        break;
      }
    }
    if (c == 0) return ascending ? x.number < y.number : x.number > y.number;
    return ascending ? c < 0 : c > 0;
  });
  return rows;
}

std::vector<std::string> decision_tags(const PublishedSite& site) {
  std::vector<std::string> all;
  for (const PublishedDecision& d : site.decisions) all.insert(all.end(), d.tags.begin(), d.tags.end());
  return by_use(all);
}

std::vector<std::string> decision_deciders(const PublishedSite& site) {
  std::vector<std::string> all;
  for (const PublishedDecision& d : site.decisions) all.insert(all.end(), d.deciders.begin(), d.deciders.end());
  return by_use(all);
}

std::vector<std::string> decision_statuses(const PublishedSite& site) {
  std::vector<std::string> out = site.statuses;
  for (const PublishedDecision& d : site.decisions)
    if (!d.status.empty() && !contains_ci(out, d.status)) out.push_back(d.status);
  return out;
}

std::vector<int> proposals_awaiting_input(const PublishedSite& site) {
  std::vector<int> out;
  for (std::size_t i = 0; i < site.decisions.size(); ++i)
    if (same(site.decisions[i].status, "proposed")) out.push_back(static_cast<int>(i));
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    const int x = date_key(site.decisions[static_cast<std::size_t>(a)].review_by);
    const int y = date_key(site.decisions[static_cast<std::size_t>(b)].review_by);
    if ((x < 0) != (y < 0)) return y < 0;  // a deadline before none
    return x < y;
  });
  return out;
}

std::vector<int> recently_accepted(const PublishedSite& site, std::size_t limit) {
  std::vector<int> out;
  for (std::size_t i = 0; i < site.decisions.size(); ++i)
    if (same(site.decisions[i].status, "accepted")) out.push_back(static_cast<int>(i));
  std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
    const PublishedDecision &x = site.decisions[static_cast<std::size_t>(a)], &y = site.decisions[static_cast<std::size_t>(b)];
    const int dx = date_key(x.date), dy = date_key(y.date);
    return dx != dy ? dx > dy : x.number > y.number;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<int> pages_past_review(const PublishedSite& site, std::string_view today) {
  std::vector<std::pair<int, int>> found;  // (review day, page)
  const auto now = day_number(today);
  if (!now) return {};
  for (int i : site.review) {  // the head's list: the soonest review dates
    const PublishedPage& p = site.pages[static_cast<std::size_t>(i)];
    const auto due = day_number(p.review_by);
    if (!due || *due >= *now) continue;
    if (p.decision >= 0 && same(site.decisions[static_cast<std::size_t>(p.decision)].status, "proposed")) continue;
    found.emplace_back(static_cast<int>(*due), i);
  }
  std::stable_sort(found.begin(), found.end());
  std::vector<int> out;
  for (auto& f : found) out.push_back(f.second);
  return out;
}

}  // namespace logbook::app
