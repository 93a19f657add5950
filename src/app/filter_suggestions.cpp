#include "filter_suggestions.hpp"

#include <algorithm>
#include <map>

#include "core/query_parser.hpp"
#include "core/utf8.hpp"
#include "decision_log.hpp"

namespace logbook::app {

namespace {

// Names ordered by how often they are used, then alphabetically.
std::vector<std::string> most_used_first(const std::map<std::string, int>& count) {
  std::vector<std::pair<int, std::string>> v;
  for (const auto& [name, n] : count) v.emplace_back(-n, name);
  std::sort(v.begin(), v.end());
  std::vector<std::string> out;
  for (auto& e : v) out.push_back(std::move(e.second));
  return out;
}

// Page tags and decision tags (a record in an older dialect has tags only as a decision),
// most used first: the database's order for the same question.
std::vector<std::string> tags(const SiteIndex& site) {
  std::map<std::string, int> count;
  for (const PageEntry& p : site.pages)
    for (const std::string& t : p.tags) ++count[t];
  for (const DecisionEntry& d : site.decisions)
    if (d.page < 0 || site.pages[static_cast<std::size_t>(d.page)].tags.empty())
      for (const std::string& t : d.tags) ++count[t];
  return most_used_first(count);
}

std::vector<std::string> owners(const SiteIndex& site) {
  std::map<std::string, int> count;
  for (const PageEntry& p : site.pages)
    if (!p.owner.empty()) ++count[p.owner];
  for (const DecisionEntry& d : site.decisions)
    for (const std::string& n : d.deciders) ++count[n];
  return most_used_first(count);
}

// For after: and before:, the first of this month and of this year, then the dates
// decisions were made, newest first.
std::vector<std::string> dates(const SiteIndex& site, std::string_view today) {
  std::vector<std::string> out;
  if (today.size() >= 10) {
    out.push_back(std::string(today.substr(0, 8)) + "01");
    out.push_back(std::string(today.substr(0, 5)) + "01-01");
  }
  std::vector<std::string> made;
  for (const DecisionEntry& d : site.decisions)
    if (day_number(d.date)) made.push_back(d.date.substr(0, 10));
  std::sort(made.rbegin(), made.rend());
  for (auto& d : made)
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

}  // namespace

std::vector<std::string> suggest_filters(const SiteIndex& site, std::string_view text, std::string_view today, int limit) {
  std::vector<std::string> out;
  if (text.empty() || text.back() == ' ') return out;
  const auto space = text.find_last_of(" \t");
  std::string_view token = space == std::string_view::npos ? text : text.substr(space + 1);
  std::string sign;
  if (!token.empty() && (token.front() == '-' || token.front() == '!')) {
    sign = std::string(1, token.front());
    token.remove_prefix(1);
  }
  const auto colon = token.find(':');
  if (colon == std::string_view::npos) {
    // Two letters at least: "a" would offer "after:" under every word starting with a.
    if (token.size() < 2) return out;
    for (const char* key : kFilterKeys)
      if (std::string_view(key).starts_with(lower_ascii(token)) && static_cast<int>(out.size()) < limit) out.push_back(sign + key + ":");
    return out;
  }
  const std::string key = lower_ascii(token.substr(0, colon));
  std::string typed(token.substr(colon + 1));
  if (!typed.empty() && typed.front() == '"') typed.erase(0, 1);
  std::vector<std::string> values;
  if (key == "status") values = decision_statuses(site);
  else if (key == "type") values = {"decision", "page"};
  else if (key == "tag") values = tags(site);
  else if (key == "owner") values = owners(site);
  else if (key == "after" || key == "before") values = dates(site, today);
  const std::string wanted = lower_ascii(typed);
  for (const std::string& v : values) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (!lower_ascii(v).starts_with(wanted) || lower_ascii(v) == wanted) continue;
    const bool quote = v.find_first_of(" \t\"") != std::string::npos;
    out.push_back(sign + key + ":" + (quote ? "\"" + v + "\"" : v));
  }
  return out;
}

std::string apply_suggestion(std::string_view text, const std::string& completion) {
  const auto space = text.find_last_of(" \t");
  std::string out(space == std::string_view::npos ? std::string_view() : text.substr(0, space + 1));
  out += completion;
  if (!completion.empty() && completion.back() != ':') out += ' ';
  return out;
}

}  // namespace logbook::app
