// What the reader app asks of the place it runs in. The app never touches the DOM,
// Emscripten or GLFW: the browser edge (wasm/web_platform.cpp) implements this once,
// and tests implement it with plain C++ (tests/app/fake_platform.hpp).
//
// Every asynchronous answer arrives through its callback from the main loop, between
// frames, never from inside the call that asked for it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/search_wire.hpp"

namespace logbook::app {

struct FetchResult {
  bool ok = false;
  int status = 0;          // HTTP status, 0 when the request did not complete
  std::string bytes;
  std::string error;       // why it failed, in words a reader can act on
};

struct ImageResult {
  bool ok = false;
  std::uint64_t texture = 0;  // an ImTextureID the renderer can draw
  float width = 0, height = 0;
};

// The search worker's answer, as it crossed from the worker (core/search_wire.hpp).
using SearchHitView = logbook::SearchAnswerHit;
using SearchAnswer = logbook::SearchAnswer;

enum class SearchStatus { loading, ready, failed };

// The offline copy (site/sw.js) as its worker last reported it: the shell and the pages
// read so far (partial), the whole site on its way (downloading) or all of it (complete).
struct OfflineCopy {
  enum class State { unknown, partial, downloading, complete };  // unknown: no worker (yet)
  State state = State::unknown;
  double done = 0, total = 0;  // bytes of the whole site: copied, and in all
};

// What the app says about it: "Available offline", "Offline copy: 35 % of 48 MB",
// "Make available offline (48 MB)"; "" while unknown.
std::string offline_label(const OfflineCopy& copy);

// What a screen reader reads from the DOM instead of the canvas, besides the page's own
// HTML (set_accessible_page): the text field in use and the search palette, which the
// edge keeps as a combobox with a listbox of options (accessibility.hpp fills it).
struct AccessibleControls {
  std::string field;                 // the name of the text field being typed in, "" when none
  bool palette_open = false;
  std::vector<std::string> results;  // the palette's options, as read aloud
  int selected = -1;                 // the option the arrows chose
  bool operator==(const AccessibleControls&) const = default;
};

// A list the app draws from the reader's own state, which the page's static HTML cannot
// hold (the home page's proposals by deadline, what changed since the last visit...):
// its title and rows, each a line of text and the URL (with the base) it links to, or "".
struct AccessibleList {
  std::string title;
  std::vector<std::pair<std::string, std::string>> rows;
  bool operator==(const AccessibleList&) const = default;
};

class Platform {
 public:
  virtual ~Platform() = default;

  // GET url (site-relative, already prefixed with the base path).
  virtual void fetch(const std::string& url, std::function<void(FetchResult)> done) = 0;
  // Browser-decoded image uploaded as a texture.
  virtual void load_image(const std::string& url, std::function<void(ImageResult)> done) = 0;

  // The search worker: loads the database in the background, then answers queries.
  virtual void search(int id, const std::string& query, int limit) = 0;
  // The palette opened: the worker fetches what every query reads before the first one.
  virtual void search_warm_up() = 0;
  virtual SearchStatus search_status() const = 0;
  virtual std::string search_error() const = 0;

  // History: url is the full path (with base). push adds an entry; replace does not.
  virtual void history_push(const std::string& url) = 0;
  virtual void history_replace(const std::string& url) = 0;
  virtual void set_title(const std::string& title) = 0;
  // The static HTML of this page goes into the DOM for screen readers (the whole page:
  // its breadcrumbs, section navigation, content and outline), and the focus to its heading.
  virtual void set_accessible_page(const std::string& url) = 0;
  virtual void set_accessible_controls(const AccessibleControls&) {}
  // The page's app-only lists, which the edge puts in the DOM copy after its heading.
  virtual void set_accessible_lists(const std::vector<AccessibleList>&) {}
  // A link's preview (link_preview.hpp) in words: the links of the DOM copy that lead to
  // url (with the base) get it as their description; ("", "") removes it.
  virtual void set_accessible_description(const std::string& /*url*/, const std::string& /*text*/) {}
  // Said politely by screen readers (an ARIA live region): the page opened, the results found.
  virtual void announce(const std::string&) {}

  virtual void open_in_new_tab(const std::string& url) = 0;
  // url (a path of this site, or another site's address) as the address bar would show it.
  virtual std::string absolute_url(const std::string& url) const { return url; }
  virtual void copy_to_clipboard(const std::string& text) = 0;

  // The reader's own copy of each page's Markdown as they last read it, by the URL it was
  // fetched from (a cache kept across deployments, site/sw.js): what a changed page is
  // compared with. read_copy answers ok = false when there is none (or no store at all).
  virtual void keep_read_copy(const std::string& url, const std::string& markdown) {
    (void)url, (void)markdown;
  }
  virtual void read_copy(const std::string& url, std::function<void(FetchResult)> done) {
    (void)url;
    done({.ok = false, .status = 0, .bytes = {}, .error = "This browser keeps no copy of the pages you read."});
  }

  virtual std::string storage_get(const std::string& key) = 0;
  virtual void storage_set(const std::string& key, const std::string& value) = 0;

  virtual bool system_prefers_dark() const = 0;
  // A touch screen with no pointer that hovers: keyboard hints (key caps) are not drawn.
  virtual bool touch_screen() const { return false; }
  // Called when the app wants frames drawn without input (animations, loading).
  virtual void request_frames(int count) = 0;
  virtual double now_ms() const = 0;
  // Today's date on the reader's clock, "YYYY-MM-DD" in their time zone: deadlines
  // ("comments due in 3 days") are counted from it. Never from the build.
  virtual std::string today() const = 0;
  // When the browser delivered the latest key or pointer event (same clock as now_ms):
  // search latency is measured from the keystroke, not from the frame that saw it.
  virtual double last_input_ms() const = 0;

  // The offline copy: its state, and the reader's request for the whole site.
  virtual OfflineCopy offline_copy() const { return {}; }
  virtual void make_available_offline() {}
};

}  // namespace logbook::app
