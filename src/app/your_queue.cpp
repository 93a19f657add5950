#include "your_queue.hpp"

#include "app.hpp"
#include "core/url.hpp"

namespace logbook::app {

std::string person_storage_key(const PublishedSite& site) { return "logbook.person:" + (site.base.empty() ? "/" : site.base); }

std::optional<std::string> person_in_query(std::string_view params) {
  for (std::size_t start = 0; start < params.size();) {
    std::size_t end = params.find('&', start);
    if (end == std::string_view::npos) end = params.size();
    const std::string_view pair = params.substr(start, end - start);
    start = end + 1;
    if (pair == "for") return std::string();
    if (pair.starts_with("for=")) return percent_decode(pair.substr(4), Plus::space).substr(0, kLongestPersonName + 1);
  }
  return std::nullopt;
}

std::string person_route(const std::string& person) { return "/?for=" + percent_encode(person); }

std::vector<QueueRecord> queue_records(const PublishedSite& site, const SeenPages& seen) {
  std::vector<QueueRecord> out;
  out.reserve(site.decisions.size());
  for (const PublishedDecision& d : site.decisions) {
    // Under `logbook serve` every change is the writer's own (page_header.cpp).
    const bool changed = !site.preview && d.page >= 0 && is_changed(site.pages[static_cast<std::size_t>(d.page)], seen);
    out.push_back({.status = d.status, .review_by = d.review_by, .deciders = d.deciders, .consulted = d.consulted,
                   .informed = d.informed, .changed = changed});
  }
  return out;
}

std::vector<QueuePage> queue_pages(const PublishedSite& site) {
  std::vector<QueuePage> out;
  out.reserve(site.owned.size());
  for (int i : site.owned) {
    const PublishedPage& p = site.pages[static_cast<std::size_t>(i)];
    const PublishedDecision* d = site.decision_of(i);
    out.push_back({.owner = p.owner, .review_by = p.review_by, .is_record = d != nullptr, .status = d ? std::string_view(d->status) : ""});
  }
  return out;
}

void gather_queue(YourQueueState& st, const PublishedSite& site, const SeenPages& seen, std::string_view today) {
  const std::vector<QueueRecord> records = queue_records(site, seen);
  st.overdue = overdue_proposals(records, today);
  st.queue = reader_queue(st.person, today, records, queue_pages(site));
  for (int& p : st.queue.past_review) p = site.owned[static_cast<std::size_t>(p)];  // into site.pages
}

void load_person(App& app) {
  YourQueueState& st = app.notes().yours;
  if (st.loaded) return;
  st.loaded = true;
  st.person = find_person(app.site().people, app.platform().storage_get(person_storage_key(app.site())));
  if (!st.person.empty()) app.need_owned_pages();
}

void choose_person(App& app, const std::string& name) {
  ReaderNotesState& notes = app.notes();
  YourQueueState& st = notes.yours;
  const std::string person = find_person(app.site().people, name);
  if (!name.empty() && person.empty()) {
    app.flash_status("No one called " + name.substr(0, 40) + " on this site");
    return;
  }
  st.loaded = true;
  st.person = person;
  app.platform().storage_set(person_storage_key(app.site()), person);
  if (!person.empty()) app.need_owned_pages();
  gather_queue(st, app.site(), notes.seen, notes.today);
  app.flash_status(person.empty() ? "Forgot who you are on this site" : "Showing " + person + "'s queue");
}

}  // namespace logbook::app
