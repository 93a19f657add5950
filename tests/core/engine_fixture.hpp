// For the search tests: an engine over the search database of a few pages, in memory.
#pragma once

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <memory>
#include <vector>

#include "core/search_db.hpp"
#include "core/search_engine.hpp"
#include "core/site.hpp"

namespace logbook::test {

inline std::unique_ptr<SearchEngine> engine_for(const std::vector<SourceFile>& files) {
  const Site site = build_site(files);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(write_search_database(db, site) == "");
  return std::make_unique<SearchEngine>(db);
}

}  // namespace logbook::test
