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
std::vector<std::string> tags(const PublishedSite& site) {
  std::map<std::string, int> count;
  for (const PublishedPage& p : site.pages)
    for (const std::string& t : p.tags) ++count[t];
  for (const PublishedDecision& d : site.decisions)
    if (d.page < 0 || site.pages[static_cast<std::size_t>(d.page)].tags.empty())
      for (const std::string& t : d.tags) ++count[t];
  return most_used_first(count);
}

std::vector<std::string> owners(const PublishedSite& site) {
  std::map<std::string, int> count;
  for (const PublishedPage& p : site.pages)
    if (!p.owner.empty()) ++count[p.owner];
  for (const PublishedDecision& d : site.decisions)
    for (const std::string& n : d.deciders) ++count[n];
  return most_used_first(count);
}

// For after: and before:, the first of this month and of this year, then the dates
// decisions were made, newest first.
std::vector<std::string> dates(const PublishedSite& site, std::string_view today) {
  std::vector<std::string> out;
  if (today.size() >= 10) {
    out.push_back(std::string(today.substr(0, 8)) + "01");
    out.push_back(std::string(today.substr(0, 5)) + "01-01");
  }
  std::vector<std::string> made;
  for (const PublishedDecision& d : site.decisions)
    if (day_number(d.date)) made.push_back(d.date.substr(0, 10));
  std::sort(made.rbegin(), made.rend());
  for (auto& d : made)
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

}  // namespace

std::vector<std::string> suggest_filters(const PublishedSite& site, std::string_view text, std::string_view today, int limit) {
  const std::optional<TypedFilter> typed = typed_filter(text);
  if (!typed) return {};
  // Two letters at least: "a" would offer "after:" under every word starting with a.
  if (!typed->has_colon) return typed->key.size() < 2 ? std::vector<std::string>{} : complete_filter_key(*typed, limit);
  std::vector<std::string> values;
  if (typed->key == "status") values = decision_statuses(site);
  else if (typed->key == "type") values = {"decision", "page"};
  else if (typed->key == "tag") values = tags(site);
  else if (typed->key == "owner") values = owners(site);
  else if (typed->key == "after" || typed->key == "before") values = dates(site, today);
  // A value typed in full needs no completion.
  std::erase_if(values, [&](const std::string& v) { return lower_ascii(v) == typed->value; });
  return complete_filter_value(*typed, values, limit);
}

std::string apply_suggestion(std::string_view text, const std::string& completion) {
  const auto space = text.find_last_of(" \t");
  std::string out(space == std::string_view::npos ? std::string_view() : text.substr(0, space + 1));
  out += completion;
  if (!completion.empty() && completion.back() != ':') out += ' ';
  return out;
}

}  // namespace logbook::app
