// The reader app: its state and lifecycle, in the manner of sokol's sapp_desc — init,
// frame, events (nothing to do at shutdown). The browser edge only dispatches to these; each view
// (document, sidebar, outline, top bar, search palette, find bar) has its own state
// struct here and one draw function in its own file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/markdown.hpp"
#include "decision_views.hpp"
#include "link_preview.hpp"
#include "graph_view.hpp"
#include "markdown_layout.hpp"
#include "page_changes.hpp"
#include "platform.hpp"
#include "reading_position.hpp"
#include "scroll_physics.hpp"
#include "core/published_site.hpp"
#include "route.hpp"
#include "theme.hpp"
#include "typography.hpp"

namespace logbook::app {

struct Selection {
  std::uint32_t anchor = 0, caret = 0;  // byte offsets into DocLayout::text
  bool dragging = false;
  bool empty() const { return anchor == caret; }
  std::uint32_t begin() const { return anchor < caret ? anchor : caret; }
  std::uint32_t end() const { return anchor < caret ? caret : anchor; }
};

// The scrolling (scroll_physics.hpp), and what else the document view keeps between frames.
struct DocumentViewState : ScrollState {
  static constexpr float kBreadcrumbsH = 44;  // above the page's Markdown (its views are inside it)
  bool scrollbar_drag = false;
  Selection selection;
  int hovered_link = -1;
  int copied_region = -1;            // the code block whose copy button was pressed
  double copied_at = 0;
  float view_h = 0;
  float content_x = 0, content_w = 0;  // where the layout was drawn last frame
  float origin_y = kBreadcrumbsH;  // the Markdown's top in the page (a jump to a heading uses it)
  float area_y = 0;
  float header_h = 0;  // the height of the page's own views (below its title), last frame
  bool hold_place = false;  // a restored reading position: the text stays put while the header is measured
  std::vector<std::pair<std::uint32_t, std::uint32_t>> highlights;  // search words on this page
  double flash_until = 0;
  bool focus_content = false;  // the skip link was followed: the page's first stop takes the focus
};

struct SidebarState {
  std::vector<char> collapsed;  // by section
  bool drawer_open = false;     // narrow windows: the sidebar as a menu
};

struct OutlineState {
  bool menu_open = false;
  int active = -1;  // the heading the reader is in
  // Entry heights, measured once per page and width: a long page has hundreds of
  // headings, and only the visible ones are drawn each frame.
  std::vector<float> heights;
  int heights_generation = -1;
  float heights_width = 0;
};

struct SearchPaletteState {
  bool open = false;
  bool focus_input = false;
  char query[256] = {};
  // Completions of the filter being typed (status:, tag:, ...): Tab or Enter takes the first.
  std::vector<std::string> suggestions;
  bool cursor_to_end = false;  // a completion gave the field back its focus: no select-all
  std::string sent_query;
  int next_id = 1, awaited_id = 0;
  int selected = 0;
  SearchAnswer answer;
  std::string answer_query;
  double sent_at = 0;
  std::vector<double> latencies;     // keystroke to results drawn, for the benchmark
  std::vector<double> engine_millis;  // the search engine's part of each
  bool pending_draw_mark = false;  // an answer arrived; the next frame lays it out
  bool drawn_mark = false;         // laid out; the latency counts when it is presented
  double answer_received_at = 0;
};

struct FindBarState {
  bool open = false;
  bool focus_input = false;
  char query[128] = {};
  std::string searched;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> matches;
  int current = -1;
};

// The link menu (link_menu.cpp): open for one link's address, where it was asked for.
struct LinkMenuState {
  bool open = false;
  std::string href;  // a path of this site or another site's address
  ImVec2 pos;
  double opened_at = 0;
  float height = 0;  // as drawn last frame (it holds a preview): kept on screen
};

// The link preview (link_preview.hpp): the link waited on or shown, and the target's
// title, status and paragraph, laid out once per width.
struct LinkPreviewState {
  int hover_link = -1;  // the page's link under the pointer, and since when
  double hover_since = 0;
  bool open = false;
  PreviewVia via = PreviewVia::hover;
  int link = -1;      // the page's link it previews
  std::string href;   // where that link leads (a page of this site, maybe with #anchor)
  int page = -1;      // that page
  ImVec2 link_min, link_max;  // the link's box on screen: the popover goes below it or above
  ImVec2 box_min, box_max;    // the popover, as drawn last frame
  float opened_scroll = 0;    // the page scrolled: it closes
  double away_since = 0;      // the pointer left both the link and the popover (0: it has not)
  int generation = 0;         // guards answers for a preview already closed
  bool asked = false;         // the target's Markdown was asked for
  bool focus = false;         // opened by the keyboard: the focus goes to its first link
  bool refocus = false;       // closed with the focus in it: back to the page's link
  enum class Status { loading, ready, failed } status = Status::loading;
  std::string error;
  std::string fetched_url, fetched_source;  // the last target's Markdown: hovering it again reads no more
  PreviewExcerpt excerpt;
  std::vector<std::string> hrefs;  // the excerpt's links, by source index (its page's links from first_link)
  DocLayout layout;
  float layout_width = -1;
  std::string described;  // what screen readers were given as the link's description
};

// What screen readers were last told (accessibility.hpp).
struct AccessibilityState {
  std::vector<AccessibleList> lists;  // drawn this frame by the page's views (home_view.cpp)
  std::vector<AccessibleList> sent_lists;
  AccessibleControls sent;
  int announced_answer = 0;  // the search answer whose count was announced
  int announced_page = -1;   // the page generation announced (the first is not)
};

struct CurrentPage {
  int index = -1;
  std::string url;
  std::string title;  // a generated page's (a tag view, tag_view.hpp), which has no index
  std::string source;
  std::unique_ptr<MarkdownDocument> markdown;
  std::vector<std::string> slugs;
  std::vector<std::string> resolved_links;  // by source link index
  DocLayout layout;
  float layout_width = -1;
  bool relayout = true;
  std::vector<ImageSize> image_sizes;
  std::vector<std::uint64_t> image_textures;
  std::vector<char> image_requested;
  enum class Status { none, loading, ready, failed } status = Status::none;
  std::string error;
  std::string anchor_to_show;  // scroll there once laid out
  std::vector<std::string> highlight_words;
  int generation = 0;          // guards answers for pages we already left
  double shown_at = 0;
};

// The tags file (tag_view.hpp), read when a tag view first opens.
enum class TagFileState { unread, loading, read, failed };
struct TagViewState {
  TagFileState file = TagFileState::unread;
  std::string error;      // why it could not be read
  std::string waiting;    // the tag view to open once it arrives
  int waiting_generation = 0;  // ...unless the reader opened another page meanwhile
};

struct AppInit {
  FontBytes fonts;
  std::string manifest_json;
  std::string route;          // site path (without base) of the page to open first, with ?q / #anchor
  std::string first_page_md;  // that page's Markdown if the edge already fetched it
  std::string first_page_part;  // the manifest part holding that page, if the edge already fetched it
  std::string position;  // where the reader was (a ReadingPosition as JSON): a reload, or the static page scrolled
};

struct AppState {
  std::string path, title, heading, theme;
  std::string theme_choice;  // "system", "light" or "dark"
  bool search_open = false, ready = false, find_open = false;
  int find_matches = 0, search_results = 0;
  std::string search_error;  // what the palette says when search failed or is unavailable
  std::string selection;     // the selected text
  std::string preview;       // the link preview shown, in words ("" when none or loading)
};

// A link on screen, for automation (tests click it with the mouse like a reader would).
struct VisibleLink {
  std::string text, href;
  float x = 0, y = 0, w = 0, h = 0;
};

class App {
 public:
  explicit App(Platform& platform);
  ~App();

  // Lifecycle (called by the edge).
  std::string init(AppInit init);  // "" or why the app cannot start
  void frame(float width, float height);
  void on_popstate(const std::string& site_path);  // back/forward
  void on_search_answer(SearchAnswer answer);
  void on_system_theme(bool dark);
  // The frame just drawn is on screen (the edge calls this after rendering).
  void presented();

  // The automation API (window.logbook) and the views.
  void open(const std::string& site_path, bool push_history = true);
  void set_theme(ThemeKind kind, bool remember = true);
  void set_theme_choice(ThemeChoice choice);
  // The theme control: system, then the other appearance, then the system's own
  // appearance kept, then system again, so that every click but the last changes it.
  void cycle_theme();
  ThemeChoice theme_choice() const { return theme_choice_; }
  AppState state() const;
  // Where the reader is on the page (a ReadingPosition as JSON), kept across a live reload.
  std::string reading_position() const;
  std::vector<VisibleLink> visible_links() const;
  bool first_page_drawn() const { return first_page_drawn_; }
  const std::vector<double>& search_latencies() const { return palette_.latencies; }
  const std::vector<double>& search_engine_millis() const { return palette_.engine_millis; }

  // For the views.
  Platform& platform() { return platform_; }
  const Theme& theme() const { return theme_; }
  const Typography& type() const { return type_; }
  const PublishedSite& site() const { return site_; }
  CurrentPage& page() { return page_; }
  DocumentViewState& doc_view() { return doc_; }
  SidebarState& sidebar() { return sidebar_; }
  OutlineState& outline() { return outline_; }
  SearchPaletteState& palette() { return palette_; }
  FindBarState& find() { return find_; }
  DecisionLogViewState& decision_log() { return decision_log_; }
  GraphViewState& graph() { return graph_; }
  ReaderNotesState& notes() { return notes_; }
  PageChangesState& changes() { return changes_; }
  LinkMenuState& link_menu() { return link_menu_; }
  LinkPreviewState& link_preview() { return link_preview_; }
  void open_link_menu(const std::string& href, ImVec2 pos);
  // href as the reader would share it: with the site's origin and base.
  std::string absolute_url(const std::string& href) const;
  // Where a link of the page leads (a path of this site or another site's address), or "".
  std::string link_href(int layout_link) const;
  AccessibilityState& accessibility() { return accessibility_; }
  // Clickable things views draw outside the Markdown (table rows, buttons), listed
  // with the page's links for automation; cleared every frame.
  void add_view_link(VisibleLink link) { view_links_.push_back(std::move(link)); }
  std::string full_url(const std::string& site_path) const { return site_.base + site_path; }
  void follow_link(int layout_link, bool new_tab);
  // Goes where href leads (a path of this site, another site's address), as a click would.
  void follow_href(const std::string& href, bool new_tab);
  void scroll_to_anchor(const std::string& anchor, bool smooth);
  void open_search(bool open);
  // Sends the palette's query to the search worker when it changed (the palette calls
  // this after its field, so a keystroke is sent in the frame it is typed).
  void update_search();
  void open_find(bool open);
  void copy_selection();
  void copy_page_markdown();
  void request_frames(int n) { platform_.request_frames(n); }
  std::string status_line;  // transient message ("Copied")
  double status_until = 0;
  void flash_status(const std::string& text);
  // The manifest's parts (core/published_site.hpp): a view that draws a page's entry
  // calls this; true when the page is read, else its part is on the way.
  bool need_page(int page);
  // The owned pages' file (site().owned): true when read, else it is on the way (once);
  // when it arrives the reader's queue is gathered again (your_queue.hpp).
  bool need_owned_pages();
  bool narrow() const { return narrow_; }
  bool phone() const { return phone_; }
  // A touch screen (as the browser says, or a finger seen): no keyboard hints, larger rows.
  bool touch() const { return touch_seen_ || platform_.touch_screen(); }

 private:
  void reset_page(int index, const std::string& anchor, const std::vector<std::string>& words);
  void load_page(int index, const std::string& anchor, const std::vector<std::string>& words);
  void page_arrived(int generation, FetchResult result);
  // The current page's Markdown is parsed (page_.markdown): its anchors are read and it is
  // shown, under title, with url's static copy for screen readers.
  void show_parsed_page(const std::string& title, const std::string& url);
  void load_part(int part);
  void part_arrived(int part, FetchResult result);
  // Faces drawn with a stand-in this frame are fetched (Typography::take_wanted); once one
  // arrives, what was laid out with the stand-in is laid out again.
  void fetch_late_faces();
  void late_face_arrived(Face face, FetchResult result);
  bool open_when_parts_arrive(const std::string& site_path);
  // A tag view (tag_view.cpp): true when site_path is one and it was opened (or is on its way).
  bool open_tag_view(const std::string& site_path);
  void load_tags_file();
  void ensure_layout(float width);
  void request_images();
  void search_answer_drawn();
  void handle_shortcuts();
  int active_heading() const;

  Platform& platform_;
  Theme theme_;
  ThemeChoice theme_choice_ = ThemeChoice::system;
  bool touch_seen_ = false;
  Typography type_;
  FontBytes font_bytes_;
  PublishedSite site_;
  CurrentPage page_;
  DocumentViewState doc_;
  SidebarState sidebar_;
  OutlineState outline_;
  SearchPaletteState palette_;
  FindBarState find_;
  DecisionLogViewState decision_log_;
  TagViewState tags_;
  GraphViewState graph_;
  ReaderNotesState notes_;
  PageChangesState changes_;
  LinkMenuState link_menu_;
  LinkPreviewState link_preview_;
  AccessibilityState accessibility_;
  std::vector<VisibleLink> view_links_;
  bool first_page_drawn_ = false;
  int page_generation_ = 0;
  bool narrow_ = false, phone_ = false;
  std::string manifest_error_;
  // Parts asked for (by index into site_.parts): 0 no, 1 on the way, 2 arrived or failed.
  std::vector<char> part_state_;
  bool owned_asked_ = false;  // the owned pages' file was asked for
  std::string waiting_route_;  // a page to open once the parts that may hold it arrive
  std::string part_error_;     // why a part could not be read
  std::string prefetched_url_, prefetched_md_;  // the first page's Markdown, fetched by the edge
  // Where the reader was on the first page (a live reload, the static page scrolled):
  // shown once it is laid out, unless the reader goes elsewhere first.
  std::optional<ReadingPosition> first_position_;
};

// "Broken link: guides/missing.md does not exist": the tooltip of a link drawn as broken,
// and what a click on it says instead of going anywhere.
std::string broken_link_message(const LinkInfo& link);

}  // namespace logbook::app
