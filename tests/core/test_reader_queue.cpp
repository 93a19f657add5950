// Spec: the catch-up rules (reader_queue.hpp) that `logbook check --for` and the app's
// home page share: who the site's people are, when a proposal is overdue, and what a
// person's queue holds.
#include <doctest/doctest.h>

#include "core/reader_queue.hpp"

using namespace logbook;

namespace {

constexpr const char* kToday = "2026-12-01";

const std::vector<std::string> kNone;

}  // namespace

TEST_CASE("people: names match as written by hand, without case, spaces or a leading @") {
  CHECK(person_key("  @Ana  Lima ") == "ana lima");
  CHECK(person_display("  @Ana\tLima ") == "Ana Lima");
  CHECK(person_key("") == "");
  CHECK(person_key(" @ ") == "");
  CHECK(person_key(std::string(kLongestPersonName + 1, 'a')) == "");  // no one's name
  const std::vector<std::string> deciders = {"Bo", "@ana"};
  CHECK(names_person(deciders, person_key("ANA")));
  CHECK_FALSE(names_person(deciders, person_key("Ana Lima")));  // another person, as far as anyone can tell
  CHECK_FALSE(names_person(deciders, ""));
}

TEST_CASE("the site's people: one each, as most often written, sorted; found by any spelling; closest first") {
  const std::vector<std::string> names = {"ops", "@ana", "Bo", "ANA", "", "  Chen Wei ", "bo"};
  const std::vector<std::string> people = distinct_people(names);
  CHECK(people == std::vector<std::string>{"ana", "Bo", "Chen Wei", "ops"});
  CHECK(find_person(people, "@BO") == "Bo");
  CHECK(find_person(people, "Bob") == "");
  CHECK(closest_people("Bob", people, 2) == std::vector<std::string>{"Bo", "ana"});
  CHECK(closest_people("che", people, 1) == std::vector<std::string>{"Chen Wei"});  // a name that starts so first
  CHECK(closest_people("x", people, 10).size() == 4);
  const std::vector<std::string> usual = {"@ana", "Ana", "Ana"};
  CHECK(distinct_people(usual) == std::vector<std::string>{"Ana"});
}

TEST_CASE("overdue: still proposed the day after its comment deadline") {
  CHECK(is_overdue_proposal("proposed", "2026-11-30", kToday));
  CHECK_FALSE(is_overdue_proposal("proposed", "2026-12-01", kToday));  // due today is not overdue
  CHECK_FALSE(is_overdue_proposal("accepted", "2026-11-30", kToday));
  CHECK_FALSE(is_overdue_proposal("proposed", "", kToday));            // no deadline, never overdue
  CHECK_FALSE(is_overdue_proposal("proposed", "soon", kToday));
  CHECK_FALSE(is_overdue_proposal("proposed", "2026-11-30", "not a date"));
  CHECK(is_overdue_proposal("proposed", "2026-11-30T18:00", kToday));  // a time is ignored
}

TEST_CASE("review dates: a page or a live record past it is past review; ended records never are") {
  CHECK(review_state("2026-11-30", false, "", kToday) == ReviewState::past_review);
  CHECK(review_state("2026-11-30", true, "accepted", kToday) == ReviewState::past_review);
  CHECK(review_state("2026-11-30", true, "proposed", kToday) == ReviewState::overdue_proposal);
  for (const char* ended : {"superseded", "rejected", "deprecated"}) CHECK(review_state("2026-11-30", true, ended, kToday) == ReviewState::none);
  CHECK(review_state("2026-12-02", false, "", kToday) == ReviewState::none);
}

TEST_CASE("a person's queue: proposals they decide or are consulted on, overdue first; their pages past review; changed records they are informed of") {
  const std::vector<std::string> ana = {"@Ana"}, bo = {"Bo"}, both = {"Bo", "ana"};
  const std::vector<QueueRecord> records = {
      {.status = "proposed", .review_by = "2026-12-10", .deciders = ana},                  // 0: due later
      {.status = "proposed", .review_by = "", .consulted = ana},                           // 1: no deadline: last
      {.status = "proposed", .review_by = "2026-11-01", .deciders = bo, .consulted = ana},  // 2: overdue a month
      {.status = "proposed", .review_by = "2026-11-30", .deciders = bo},                   // 3: not hers
      {.status = "accepted", .review_by = "2026-11-01", .deciders = ana},                  // 4: decided: not a proposal
      {.status = "accepted", .informed = both, .changed = true},                           // 5: informed, changed
      {.status = "accepted", .informed = ana, .changed = false},                           // 6: informed, read since
      {.status = "proposed", .review_by = "2026-11-20", .informed = ana, .changed = true},  // 7: informed only
  };
  const std::vector<QueuePage> pages = {
      {.owner = "ana", .review_by = "2026-11-20"},                                        // 0
      {.owner = "ANA", .review_by = "2026-10-01"},                                        // 1: most overdue
      {.owner = "ana", .review_by = "2026-12-01"},                                        // 2: due today
      {.owner = "bo", .review_by = "2026-01-01"},                                         // 3: not hers
      {.owner = "ana", .review_by = "2026-01-01", .is_record = true, .status = "proposed"},   // 4: a proposal, not a review
      {.owner = "ana", .review_by = "2026-01-01", .is_record = true, .status = "superseded"},  // 5: ended
      {.owner = "ana", .review_by = ""},                                                   // 6: no date
  };
  const ReaderQueue q = reader_queue("ana", kToday, records, pages);
  CHECK(q.proposals == std::vector<int>{2, 0, 1});
  CHECK(q.past_review == std::vector<int>{1, 0});
  CHECK(q.informed == std::vector<int>{5, 7});
  CHECK(reader_queue(" @ANA ", kToday, records, pages).proposals == q.proposals);  // any spelling
  CHECK(reader_queue("", kToday, records, pages).empty());
  CHECK(reader_queue("nobody", kToday, records, pages).empty());
}

TEST_CASE("overdue proposals across the site, most overdue first") {
  const std::vector<QueueRecord> records = {{.status = "proposed", .review_by = "2026-11-30"},
                                            {.status = "proposed", .review_by = "2026-12-05"},
                                            {.status = "accepted", .review_by = "2026-01-01"},
                                            {.status = "proposed", .review_by = "2026-10-01"},
                                            {.status = "proposed"}};
  CHECK(overdue_proposals(records, kToday) == std::vector<int>{3, 0});
  CHECK(overdue_proposals(records, "2027-01-01") == std::vector<int>{3, 0, 1});
}
