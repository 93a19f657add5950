// The decision log as the reader browses it: rows filtered and sorted for the table,
// comment deadlines in days, and the home page's lists. Pure functions of the site
// index and today's date (which the platform supplies), so tests need no ImGui.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar_date.hpp"  // day_number, days_between: what a date is
#include "core/published_site.hpp"
#include "core/reader_queue.hpp"  // comment_deadline_text, the overdue rule

namespace logbook::app {

enum class DecisionColumn { id, title, status, date };

struct DecisionFilter {
  std::string status;   // "" = any
  std::string tag;      // "" = any
  std::string decider;  // "" = any
  std::string text;     // words in the id or title (case-insensitive)
  std::string after, before;  // dates, inclusive; "" = open
};

// The table's filters and sort as a URL query ("status=proposed&tag=infra&sort=title"), so
// that a filtered log can be shared and back/forward bring its filters back. Defaults are
// left out: the unfiltered log, newest first, is "". Dates that are not dates are dropped.
struct DecisionLogQuery {
  DecisionFilter filter;
  DecisionColumn column = DecisionColumn::id;
  bool ascending = false;
};
std::string to_query(const DecisionLogQuery& q);
// Reads what to_query writes; unknown keys (?q= search words) and bad values are ignored.
DecisionLogQuery parse_decision_log_query(std::string_view query);
// A date filter's text is a date ("2026-03-10"): anything else does not filter.
bool is_date(std::string_view text);

// Indexes into site.decisions that pass the filter, sorted by the column (ties by number).
std::vector<int> decision_rows(const PublishedSite& site, const DecisionFilter& filter, DecisionColumn column, bool ascending);

// Distinct values for the filter combos, most used first.
std::vector<std::string> decision_tags(const PublishedSite& site);
std::vector<std::string> decision_deciders(const PublishedSite& site);
// The statuses to offer: the configured ones, then any others records use.
std::vector<std::string> decision_statuses(const PublishedSite& site);

// Home page lists.
// Proposals (status proposed), soonest comment deadline first; no deadline last.
std::vector<int> proposals_awaiting_input(const PublishedSite& site);
// Accepted decisions, newest first.
std::vector<int> recently_accepted(const PublishedSite& site, std::size_t limit);
// Pages (indexes into site.pages) whose review_by is before today, most overdue first.
// A proposal's review_by is its comment deadline, listed with the proposals instead.
std::vector<int> pages_past_review(const PublishedSite& site, std::string_view today);

}  // namespace logbook::app
