// app::Platform for tests: files served from a map, answers delivered when the test
// calls deliver() (never from inside the call), history and clipboard recorded.
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "app/platform.hpp"

namespace logbook::test {

class FakePlatform final : public app::Platform {
 public:
  std::map<std::string, std::string> files;  // url -> bytes
  std::vector<std::string> history;
  std::vector<std::string> fetched;  // every URL asked for, in order
  std::vector<std::string> opened_tabs;
  std::string clipboard, title, accessible;
  std::map<std::string, std::string> storage;
  std::map<std::string, std::string> read_copies;  // the Markdown last read, by URL
  std::vector<std::pair<int, std::string>> searches;
  int warm_ups = 0;  // palette openings announced to the search worker
  app::SearchStatus status = app::SearchStatus::ready;
  double clock = 1000;
  std::string date = "2026-03-10";  // today(), as the reader's clock says
  bool dark = false;
  bool touch = false;  // a touch screen, as the browser reports it
  app::OfflineCopy offline;       // what the offline copy's worker last said
  int offline_requests = 0;       // times the reader asked for the whole site
  app::AccessibleControls controls;       // as the edge last heard them
  std::vector<std::string> announcements;  // said by the live region, in order
  std::vector<app::AccessibleList> lists;  // the page's app-only lists, as the DOM copy has them

  // Delivers every answer that is waiting; returns how many.
  int deliver() {
    int n = 0;
    while (!pending_.empty()) {
      auto [url, done] = std::move(pending_.front());
      pending_.pop_front();
      app::FetchResult r;
      auto it = files.find(url);
      r.ok = it != files.end();
      r.status = r.ok ? 200 : 404;
      if (r.ok) r.bytes = it->second;
      done(std::move(r));
      ++n;
    }
    return n;
  }

  void fetch(const std::string& url, std::function<void(app::FetchResult)> done) override {
    fetched.push_back(url);
    pending_.emplace_back(url, std::move(done));
  }
  void load_image(const std::string&, std::function<void(app::ImageResult)>) override {}
  void search(int id, const std::string& query, int) override { searches.emplace_back(id, query); }
  void search_warm_up() override { ++warm_ups; }
  app::SearchStatus search_status() const override { return status; }
  std::string search_error() const override { return "no database"; }
  void history_push(const std::string& url) override { history.push_back("push " + url); }
  void history_replace(const std::string& url) override { history.push_back("replace " + url); }
  void set_title(const std::string& t) override { title = t; }
  void set_accessible_page(const std::string& url) override { accessible = url; }
  void set_accessible_controls(const app::AccessibleControls& c) override { controls = c; }
  void announce(const std::string& text) override { announcements.push_back(text); }
  void set_accessible_lists(const std::vector<app::AccessibleList>& l) override { lists = l; }
  void open_in_new_tab(const std::string& url) override { opened_tabs.push_back(url); }
  std::string absolute_url(const std::string& url) const override { return "https://example.org" + url; }
  void copy_to_clipboard(const std::string& text) override { clipboard = text; }
  void keep_read_copy(const std::string& url, const std::string& markdown) override { read_copies[url] = markdown; }
  void read_copy(const std::string& url, std::function<void(app::FetchResult)> done) override {
    const auto it = read_copies.find(url);
    done({.ok = it != read_copies.end(), .status = 0, .bytes = it != read_copies.end() ? it->second : "", .error = {}});
  }
  std::string storage_get(const std::string& key) override { return storage[key]; }
  void storage_set(const std::string& key, const std::string& value) override { storage[key] = value; }
  bool system_prefers_dark() const override { return dark; }
  bool touch_screen() const override { return touch; }
  void request_frames(int) override {}
  double now_ms() const override { return clock; }
  std::string today() const override { return date; }
  double last_input_ms() const override { return clock; }
  app::OfflineCopy offline_copy() const override { return offline; }
  void make_available_offline() override { ++offline_requests; }

 private:
  std::deque<std::pair<std::string, std::function<void(app::FetchResult)>>> pending_;
};

}  // namespace logbook::test
