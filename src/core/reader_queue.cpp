#include "reader_queue.hpp"

#include <algorithm>
#include <climits>
#include <unordered_map>

#include "calendar_date.hpp"
#include "diagnostic.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A date as a sortable day; no date sorts last.
long long day_or_last(std::string_view date) { return day_number(date).value_or(LLONG_MAX); }

// Sorts indexes by the day of their date, soonest first; ties keep their order.
void sort_by_day(std::vector<int>& items, const auto& date_of) {
  std::stable_sort(items.begin(), items.end(), [&](int a, int b) { return day_or_last(date_of(a)) < day_or_last(date_of(b)); });
}

}  // namespace

std::string person_display(std::string_view name) {
  if (name.size() > kLongestPersonName) return {};
  std::string out;
  bool space = false;
  for (char c : name) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (c == '@' && out.empty()) continue;  // "@ana", a handle as GitHub writes it
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string person_key(std::string_view name) { return lower_ascii(person_display(name)); }

bool names_person(std::span<const std::string> names, std::string_view key) {
  if (key.empty()) return false;
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return person_key(n) == key; });
}

std::vector<std::string> distinct_people(std::span<const std::string> names) {
  struct Uses {
    int count = 0;
    std::size_t first = 0;
  };
  std::unordered_map<std::string, Uses> spellings;  // as written (person_display)
  for (std::size_t i = 0; i < names.size(); ++i)
    if (std::string shown = person_display(names[i]); !shown.empty()) ++spellings.try_emplace(std::move(shown), Uses{0, i}).first->second.count;
  std::unordered_map<std::string, const std::pair<const std::string, Uses>*> best;  // key -> the spelling shown
  for (const auto& s : spellings) {
    const auto*& b = best[lower_ascii(s.first)];
    if (!b || s.second.count > b->second.count || (s.second.count == b->second.count && s.second.first < b->second.first)) b = &s;
  }
  std::vector<std::pair<std::string, std::string>> sorted;  // key, shown
  for (const auto& [key, s] : best) sorted.emplace_back(key, s->first);
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> out;
  out.reserve(sorted.size());
  for (auto& s : sorted) out.push_back(std::move(s.second));
  return out;
}

std::string find_person(std::span<const std::string> people, std::string_view name) {
  const std::string key = person_key(name);
  for (const std::string& p : people)
    if (!key.empty() && person_key(p) == key) return p;
  return {};
}

std::vector<std::string> closest_people(std::string_view typed, std::span<const std::string> people, std::size_t limit) {
  const std::string key = person_key(typed);
  std::vector<std::pair<std::pair<std::size_t, std::string>, std::string>> ranked;  // ((distance, key), name)
  for (const std::string& p : people) {
    std::string k = person_key(p);
    const std::size_t d = !key.empty() && k.starts_with(key) ? 0 : edit_distance(key, k) + 1;
    ranked.push_back({{d, std::move(k)}, p});
  }
  const std::size_t n = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n), ranked.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(ranked[i].second);
  return out;
}

ReviewState review_state(std::string_view review_by, bool is_record, std::string_view status, std::string_view today) {
  const auto due = day_number(review_by), now = day_number(today);
  if (!due || !now || *due >= *now) return ReviewState::none;
  if (!is_record) return ReviewState::past_review;
  if (status == "proposed") return ReviewState::overdue_proposal;
  if (status == "superseded" || status == "rejected" || status == "deprecated") return ReviewState::none;
  return ReviewState::past_review;
}

bool is_overdue_proposal(std::string_view status, std::string_view review_by, std::string_view today) {
  return review_state(review_by, true, status, today) == ReviewState::overdue_proposal;
}

std::string comment_deadline_text(int days) {
  if (days == 0) return "Comments due today";
  if (days == 1) return "Comments due tomorrow";
  if (days > 1) return "Comments due in " + std::to_string(days) + " days";
  return "Comments overdue by " + std::to_string(-days) + (days == -1 ? " day" : " days");
}

ReaderQueue reader_queue(std::string_view person, std::string_view today, std::span<const QueueRecord> records,
                         std::span<const QueuePage> pages) {
  ReaderQueue q;
  const std::string key = person_key(person);
  if (key.empty()) return q;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const QueueRecord& r = records[i];
    if (r.status == "proposed" && (names_person(r.deciders, key) || names_person(r.consulted, key)))
      q.proposals.push_back(static_cast<int>(i));
    else if (r.changed && names_person(r.informed, key))
      q.informed.push_back(static_cast<int>(i));
  }
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const QueuePage& p = pages[i];
    if (person_key(p.owner) == key && review_state(p.review_by, p.is_record, p.status, today) == ReviewState::past_review)
      q.past_review.push_back(static_cast<int>(i));
  }
  sort_by_day(q.proposals, [&](int i) { return records[static_cast<std::size_t>(i)].review_by; });
  sort_by_day(q.past_review, [&](int i) { return pages[static_cast<std::size_t>(i)].review_by; });
  return q;
}

std::vector<int> overdue_proposals(std::span<const QueueRecord> records, std::string_view today) {
  std::vector<int> out;
  for (std::size_t i = 0; i < records.size(); ++i)
    if (is_overdue_proposal(records[i].status, records[i].review_by, today)) out.push_back(static_cast<int>(i));
  sort_by_day(out, [&](int i) { return records[static_cast<std::size_t>(i)].review_by; });
  return out;
}

}  // namespace logbook
