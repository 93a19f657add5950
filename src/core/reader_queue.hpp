// The catch-up rules of issue 15, in one home for `logbook check` (--for NAME, the
// overdue warning) and the reader app (the home page's "Your queue" and "Overdue
// proposals", the decision log's badge): who the site's people are, what a review date
// means on a page, and a person's queue on a given day. Pure functions of names and
// dates; the callers hand in their records and pages (the build's DecisionLog or the
// app's PublishedSite) as the small views below.
//
// People are the names content gives: owners (front matter `owner`), deciders,
// consulted, informed, and commit authors. Names are matched as people write them by
// hand: " Ana ", "ana" and "@ana" are one person (trimmed, one leading '@' dropped, runs
// of spaces as one, ASCII letters without case). "Ana Lima" and "ana" stay two people:
// nothing says they are the same.
//
// Overdue: a record still `proposed` whose review_by (its comment deadline) is before
// today. A page's own review_by, or an accepted record's, is a revisit date instead:
// past it, the page is "past review"; superseded, rejected and deprecated records are
// never reviewed again.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace logbook {

// Longer names are no one's (a hostile file cannot make every comparison costly).
constexpr std::size_t kLongestPersonName = 80;

// The form names are compared in: "  @Ana  Lima " -> "ana lima"; "" for no one.
std::string person_key(std::string_view name);
// The name as shown: trimmed, without the '@', runs of spaces as one ("Ana Lima").
std::string person_display(std::string_view name);
// Whether `names` holds the person with this key.
bool names_person(std::span<const std::string> names, std::string_view key);

// The site's people, one per key, sorted by key, each as most often written (person_display;
// the first of equals): "Ana" over one "@ana".
std::vector<std::string> distinct_people(std::span<const std::string> names);
// Of `people`, the one with this key, or "".
std::string find_person(std::span<const std::string> people, std::string_view name);
// At most `limit` of `people`, closest to `typed` first (a name that starts with it,
// then fewest edits, then by key): what an unknown name's error lists.
std::vector<std::string> closest_people(std::string_view typed, std::span<const std::string> people, std::size_t limit);

enum class ReviewState {
  none,              // no date, not past it, or a record that is not reviewed again
  overdue_proposal,  // a proposal past its comment deadline
  past_review,       // a page (or an accepted record) past its revisit date
};
// `status`: the record's status in lower case, when the page is a decision record.
ReviewState review_state(std::string_view review_by, bool is_record, std::string_view status, std::string_view today);
bool is_overdue_proposal(std::string_view status, std::string_view review_by, std::string_view today);
// "Comments due today", "Comments due in 3 days", "Comments overdue by 1 day".
std::string comment_deadline_text(int days_left);

// A decision record as the queue reads it.
struct QueueRecord {
  std::string_view status{}, review_by{};  // status in lower case
  std::span<const std::string> deciders{}, consulted{}, informed{};
  bool changed = false;  // changed since the reader last read it (the app; the CLI knows no visits)
};
// A page with an owner, as the queue reads it.
struct QueuePage {
  std::string_view owner{}, review_by{};
  bool is_record = false;
  std::string_view status{};  // the record's, when is_record
};

// One person's queue; indexes into the records and pages handed in.
struct ReaderQueue {
  // Proposals the person decides or is consulted on, soonest deadline first (so the
  // overdue ones, most overdue first), those without a deadline last.
  std::vector<int> proposals;
  // Pages the person owns past their review date, most overdue first.
  std::vector<int> past_review;
  // Records the person is informed of that changed since their last visit, in order.
  std::vector<int> informed;
  bool empty() const { return proposals.empty() && past_review.empty() && informed.empty(); }
};
ReaderQueue reader_queue(std::string_view person, std::string_view today, std::span<const QueueRecord> records,
                         std::span<const QueuePage> pages);

// Every overdue proposal, most overdue first.
std::vector<int> overdue_proposals(std::span<const QueueRecord> records, std::string_view today);

}  // namespace logbook
