// logbook_bench: figures for bench/run.sh.
//
//   logbook_bench dbstat SEARCH_DB              bytes per table and index (SQLite's dbstat)
//   logbook_bench queries SEARCH_DB QUERIES_JSON [RUNS]
//       native query latency through the core's engine, the way `logbook search` runs:
//       the cold query once on a fresh connection, then each query RUNS times; prints
//       p50/p95 in milliseconds as JSON.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/search_engine.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

sqlite3* open_readonly(const char* path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::cerr << "cannot open " << path << ": " << sqlite3_errmsg(db) << '\n';
    std::exit(2);
  }
  return db;
}

int dbstat(const char* path) {
  sqlite3* db = open_readonly(path);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC", -1, &st, nullptr);
  nlohmann::json out = nlohmann::json::array();  // [[name, bytes], ...], biggest first
  while (sqlite3_step(st) == SQLITE_ROW)
    out.push_back({reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), sqlite3_column_int64(st, 1)});
  sqlite3_finalize(st);
  sqlite3_close(db);
  std::cout << out.dump(1) << '\n';
  return 0;
}

int queries(const char* path, const char* queries_json, int runs) {
  std::ifstream in(queries_json);
  const auto q = nlohmann::json::parse(in);
  nlohmann::json out;
  {
    const auto t = Clock::now();
    logbook::SearchEngine engine(open_readonly(path));
    const auto r = engine.search(q["cold"].get<std::string>() + " ", 10);
    out["cold_ms"] = ms_since(t);  // open + first query, page cache warm or not as the OS has it
    out["cold_hits"] = r.hits.size();
  }
  logbook::SearchEngine engine(open_readonly(path));
  std::vector<double> all;
  nlohmann::json per_query = nlohmann::json::object();
  for (const auto& item : q["queries"]) {
    const std::string text = item.get<std::string>() + " ";  // a finished query: no prefix
    std::vector<double> times;
    std::size_t hits = 0;
    for (int i = 0; i < runs; ++i) {
      const auto t = Clock::now();
      hits = engine.search(text, 10).hits.size();
      times.push_back(ms_since(t));
    }
    all.insert(all.end(), times.begin(), times.end());
    per_query[item.get<std::string>()] = {{"p50_ms", percentile(times, 50)}, {"hits", hits}};
  }
  // The same queries as typed, with the last word a prefix (what search-as-you-type runs).
  std::vector<double> typed;
  for (const auto& item : q["queries"]) {
    const std::string text = item.get<std::string>();
    for (std::size_t len = 3; len <= text.size(); ++len) {
      const auto t = Clock::now();
      engine.search(text.substr(0, len), 10);
      typed.push_back(ms_since(t));
    }
  }
  out["p50_ms"] = percentile(all, 50);
  out["p95_ms"] = percentile(all, 95);
  out["typed_prefix_p50_ms"] = percentile(typed, 50);
  out["typed_prefix_p95_ms"] = percentile(typed, 95);
  out["samples"] = all.size();
  out["per_query"] = per_query;
  std::cout << out.dump(1) << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "dbstat" && argc == 3) return dbstat(argv[2]);
  if (cmd == "queries" && argc >= 4) return queries(argv[2], argv[3], argc > 4 ? std::atoi(argv[4]) : 10);
  std::cerr << "usage: logbook_bench dbstat SEARCH_DB | queries SEARCH_DB QUERIES_JSON [RUNS]\n";
  return 2;
}
