// The App's side of searching: what the palette's field sends to the search worker, and
// when an answer counts as shown (the latency the benchmark reports).
#include <algorithm>

#include "app.hpp"

namespace logbook::app {

namespace {

// The word being typed matches as a prefix once it has three letters: "m*" would merge
// the posting lists of thousands of words and stall the next keystrokes behind it, and
// a one- or two-letter prefix ranks nothing useful anyway. A trailing space tells the
// engine the word is complete.
std::string engine_query(const std::string& typed) {
  const auto last_space = typed.find_last_of(' ');
  const std::size_t start = last_space == std::string::npos ? 0 : last_space + 1;
  std::size_t letters = 0;
  for (std::size_t i = start; i < typed.size(); ++i)
    if ((static_cast<unsigned char>(typed[i]) & 0xC0) != 0x80) ++letters;
  const bool quoted = std::count(typed.begin(), typed.end(), '"') % 2 == 1;
  return letters > 0 && letters < 3 && !quoted ? typed + " " : typed;
}


}  // namespace

// Every keystroke is a query; answers to older ones are dropped when they arrive
// (on_search_answer).
void App::update_search() {
  SearchPaletteState& st = palette_;
  const std::string query = st.query;
  if (query != st.sent_query) {
    st.sent_query = query;
    st.sent_at = platform_.last_input_ms();
    if (!query.empty() && platform_.search_status() == SearchStatus::ready) {
      st.awaited_id = st.next_id++;
      platform_.search(st.awaited_id, engine_query(query), 12);
    } else {
      st.answer = {};
      st.answer_query.clear();
    }
  }
  // When the database arrives after the reader typed, ask again.
  if (!query.empty() && st.answer_query != query && st.awaited_id == 0 && platform_.search_status() == SearchStatus::ready) {
    st.awaited_id = st.next_id++;
    platform_.search(st.awaited_id, engine_query(query), 12);
  }
}

// The answer to the latest keystroke was laid out in this frame: its latency counts when
// the frame is presented.
void App::search_answer_drawn() {
  if (!palette_.pending_draw_mark) return;
  palette_.pending_draw_mark = false;
  palette_.drawn_mark = true;
  palette_.awaited_id = 0;
}

}  // namespace logbook::app
