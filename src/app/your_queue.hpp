// "Who are you?" and the reader's queue (issue 15): the reader says which of the site's
// people they are (kept per site in browser storage through the platform, like the pages
// they have seen; no account), and the home page shows what waits for them first, by the
// rules of core/reader_queue.hpp that `logbook check --for` applies too; and, for
// everyone, the proposals past their comment deadline.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/reader_queue.hpp"
#include "seen_pages.hpp"

namespace logbook::app {

class App;

struct YourQueueState {
  bool loaded = false;  // the person read from storage
  std::string person;   // one of site.people as the site writes it; "" until the reader says
  // Indexes into site.decisions (proposals, informed) and site.pages (past_review).
  ReaderQueue queue;
  std::vector<int> overdue;  // overdue proposals (site.decisions), most overdue first
  std::string error;         // why the owned pages could not be read
};

// The storage key: per base path, as seen_storage_key.
std::string person_storage_key(const PublishedSite& site);
// The person a home address names ("/?for=Ana%20Lima"): nullopt without `for`, "" to forget.
std::optional<std::string> person_in_query(std::string_view params);
// The home address that says "I am `person`" ("" forgets): for links a screen reader follows.
std::string person_route(const std::string& person);

// The site's records and owned pages (site.owned) as the queue rules read them.
std::vector<QueueRecord> queue_records(const PublishedSite& site, const SeenPages& seen);
std::vector<QueuePage> queue_pages(const PublishedSite& site);
// The person's queue and the overdue proposals today; pages past review once site.owned is read.
void gather_queue(YourQueueState& st, const PublishedSite& site, const SeenPages& seen, std::string_view today);

// Reads who the reader is from storage, once (a name no longer among the site's people is dropped).
void load_person(App& app);
// The reader says who they are ("" forgets); remembered for this site.
void choose_person(App& app, const std::string& name);

}  // namespace logbook::app
