// What the reader has read: per page path, the content hash of the version they last
// read, kept in browser storage (through the platform) so the home page can list what
// is new or changed since their last visit. A first visit sees nothing as new: it
// records every page as read, or a new reader would be told the whole site changed.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/published_site.hpp"

namespace logbook::app {

struct SeenPages {
  std::unordered_map<std::string, std::string> hash_by_path;
  bool dirty = false;  // changed since it was loaded or saved
};

// The storage key: per base path, since project sites on one origin share storage.
std::string seen_storage_key(const PublishedSite& site);

// Reads what storage held ("" on a first visit: then every page counts as read).
SeenPages load_seen_pages(const std::string& stored, const PublishedSite& site);
std::string save_seen_pages(const SeenPages& seen);

// Pages (indexes) new or changed since read, among the site's recently changed pages
// (PublishedSite::recent: the head's list, newest first). Pages without a hash (an older
// build) are never reported.
std::vector<int> changed_pages(const PublishedSite& site, const SeenPages& seen);
bool is_changed(const PublishedPage& page, const SeenPages& seen);
// The reader read another version of the page (not: never read it).
bool changed_since_read(const SeenPages& seen, const PublishedPage& page);
// Records the page's current version as read; true when the reader had read another
// version of it (the page changed since).
bool mark_read(SeenPages& seen, const PublishedPage& page);
void mark_all_read(SeenPages& seen, const PublishedSite& site);

}  // namespace logbook::app
