#include "seen_pages.hpp"

#include <nlohmann/json.hpp>

namespace logbook::app {

std::string seen_storage_key(const PublishedSite& site) { return "logbook.seen:" + (site.base.empty() ? "/" : site.base); }

SeenPages load_seen_pages(const std::string& stored, const PublishedSite& site) {
  SeenPages seen;
  const nlohmann::json j = nlohmann::json::parse(stored, nullptr, false);
  if (stored.empty() || j.is_discarded() || !j.is_object()) {
    // A first visit, or storage someone else wrote: start from "everything read".
    mark_all_read(seen, site);
    return seen;
  }
  for (const auto& [path, hash] : j.items())
    if (hash.is_string()) seen.hash_by_path.emplace(path, hash.get<std::string>());
  return seen;
}

std::string save_seen_pages(const SeenPages& seen) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [path, hash] : seen.hash_by_path) j[path] = hash;
  return j.dump();
}

bool is_changed(const PublishedPage& page, const SeenPages& seen) {
  if (page.hash.empty()) return false;
  const auto it = seen.hash_by_path.find(page.path);
  return it == seen.hash_by_path.end() || it->second != page.hash;
}

bool changed_since_read(const SeenPages& seen, const PublishedPage& page) {
  return is_changed(page, seen) && seen.hash_by_path.count(page.path) > 0;
}

std::vector<int> changed_pages(const PublishedSite& site, const SeenPages& seen) {
  std::vector<int> out;
  for (int i : site.recent)
    if (is_changed(site.pages[static_cast<std::size_t>(i)], seen)) out.push_back(i);
  return out;
}

bool mark_read(SeenPages& seen, const PublishedPage& page) {
  if (!is_changed(page, seen)) return false;
  // Only the head's lists are known at a first visit (pages arrive in parts): a page
  // read for the first time is new to the reader, not changed.
  const bool known = seen.hash_by_path.count(page.path) > 0;
  seen.hash_by_path[page.path] = page.hash;
  seen.dirty = true;
  return known;
}

void mark_all_read(SeenPages& seen, const PublishedSite& site) {
  for (const PublishedPage& p : site.pages)
    if (!p.hash.empty()) seen.hash_by_path[p.path] = p.hash;
  seen.dirty = true;
}

}  // namespace logbook::app
