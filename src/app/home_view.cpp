// The home page's lists, above its Markdown: the reader's queue first (or "Who are you?"
// to ask for it, your_queue.hpp), overdue proposals, proposals awaiting input (soonest
// comment deadline first), what is new or changed since the reader's last visit (with
// "Mark all as read"), recently accepted decisions, and pages past their review date.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "decision_views.hpp"

namespace logbook::app {

namespace {

constexpr float kRow = 32, kTitleH = 40, kPad = 16, kMostChanged = 8;

ImU32 with_alpha(ImU32 c, unsigned a) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT); }

std::string short_deadline(std::optional<int> days) {
  if (!days) return "no deadline";
  if (*days == 0) return "due today";
  if (*days == 1) return "due tomorrow";
  if (*days > 1) return "due in " + std::to_string(*days) + " days";
  return "overdue " + std::to_string(-*days) + (*days == -1 ? " day" : " days");
}

// One list in a panel: a title (and an optional action on the right), then rows.
struct Panel {
  App& app;
  float x, w, y0, y;

  void begin(const char* title, const std::string& count) {
    app.accessibility().lists.push_back({title, {}});  // for screen readers (accessibility.hpp)
    y0 = y;
    y += kPad;
    const Typography& T = app.type();
    const Theme& th = app.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(T.font(Face::bold), T.scale.ui + 1, ImVec2(x + kPad, y + 2), th[Ink::heading], title);
    const float tw = T.font(Face::bold)->CalcTextSizeA(T.scale.ui + 1, FLT_MAX, 0, title).x;
    if (!count.empty()) {
      const float cw = T.font(Face::bold)->CalcTextSizeA(12, FLT_MAX, 0, count.c_str()).x + 14;
      const ImVec2 c(x + kPad + tw + 10, y + 2);
      dl->AddRectFilled(c, ImVec2(c.x + cw, c.y + 19), th[Ink::code_bg], 9.5f);
      dl->AddText(T.font(Face::bold), 12, ImVec2(c.x + 7, c.y + 3), th[Ink::muted], count.c_str());
    }
    y += kTitleH - kPad + 6;
  }
  void end() {
    y += kPad - 4;
    ImGui::GetWindowDrawList()->AddRect(ImVec2(x, y0), ImVec2(x + w, y), app.theme()[Ink::panel_border], 10);
    y += 16;
  }
  // A row: a tag on the left (fixed width), a link to a page, a note on the right.
  void row(int id, const std::string& tag, Ink tag_ink, float tag_w, const std::string& title, const std::string& url,
           const std::string& note) {
    app.accessibility().lists.back().rows.push_back({tag + ": " + title + (note.empty() ? "" : ", " + note), app.full_url(url)});
    const Typography& T = app.type();
    const Theme& th = app.theme();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* regular = T.font(Face::regular);
    const float size = T.scale.small + 0.5f;
    float lx = x + kPad;
    if (!tag.empty()) {
      const float pw = T.font(Face::bold)->CalcTextSizeA(12, FLT_MAX, 0, tag.c_str()).x + 16;
      const ImU32 c = th[tag_ink];
      if (tag_ink == Ink::muted || tag_ink == Ink::faint) {
        dl->AddText(regular, size - 0.5f, ImVec2(lx, y + 6), c, tag.c_str());
      } else {
        dl->AddRectFilled(ImVec2(lx, y + 4), ImVec2(lx + pw, y + 24), with_alpha(c, th.kind == ThemeKind::dark ? 46 : 30), 10);
        dl->AddText(T.font(Face::bold), 12, ImVec2(lx + 8, y + 7), c, tag.c_str());
      }
      lx += tag_w;
    }
    const float note_w = note.empty() ? 0 : regular->CalcTextSizeA(size - 1, FLT_MAX, 0, note.c_str()).x;
    const bool note_fits = !note.empty() && note_w < (x + w - kPad - lx) * 0.45f;
    const float max_w = x + w - kPad - lx - (note_fits ? note_w + 16 : 0);
    ImGui::PushID(id);
    if (text_link("row", T.font(Face::bold), size, ImVec2(lx, y + 5), title.c_str(), th[Ink::link], th[Ink::link_hover], max_w) && !pointer_dragged())
      app.open(url);
    link_menu_on_item(app, url);
    ImGui::PopID();
    const float tw = std::min(max_w, T.font(Face::bold)->CalcTextSizeA(size, FLT_MAX, 0, title.c_str()).x);
    app.add_view_link({title, url, lx, y + 5, tw, size * 1.3f});
    if (note_fits) dl->AddText(regular, size - 1, ImVec2(x + w - kPad - note_w, y + 7), th[Ink::faint], note.c_str());
    y += kRow;
  }
  // Text wrapped to the panel's width.
  void note(const char* text) {
    app.accessibility().lists.back().rows.push_back({text, ""});
    const Typography& T = app.type();
    const float wrap = w - 2 * kPad;
    ImGui::GetWindowDrawList()->AddText(T.font(Face::regular), T.scale.small, ImVec2(x + kPad, y + 4), app.theme()[Ink::muted], text, nullptr, wrap);
    y += T.font(Face::regular)->CalcTextSizeA(T.scale.small, FLT_MAX, wrap, text).y + 12;
  }
  void message(const char* text) {
    app.accessibility().lists.back().rows.push_back({text, ""});
    const Typography& T = app.type();
    ImGui::GetWindowDrawList()->AddText(T.font(Face::regular), T.scale.small, ImVec2(x + kPad, y + 6), app.theme()[Ink::muted], text);
    y += kRow;
  }
};

// The picker of the site's people, at `pos`; for screen readers, each name is a link to
// the home address that says "I am ..." (your_queue.hpp).
void person_combo(App& app, ImVec2 pos, float width) {
  YourQueueState& st = app.notes().yours;
  const Theme& th = app.theme();
  ScopedStyle style;
  style.font(app.type().font(Face::regular), app.type().scale.ui).var(ImGuiStyleVar_FramePadding, ImVec2(10, 6)).var(ImGuiStyleVar_FrameRounding, 7);
  style.var(ImGuiStyleVar_FrameBorderSize, 1).color(ImGuiCol_FrameBg, th[Ink::code_bg]).color(ImGuiCol_Border, th[Ink::panel_border]);
  ImGui::SetCursorScreenPos(pos);
  std::string chosen = st.person;
  const std::string any = st.person.empty() ? "Choose your name" : "Not " + st.person + ": forget";
  if (value_combo(app, "##who", any.c_str(), chosen, app.site().people, width, th[Ink::muted])) choose_person(app, chosen);
}

void who_panel(Panel& p) {
  App& app = p.app;
  p.begin("Who are you?", "");
  p.note("Say who you are on this site to see what waits for you first: the proposals you decide or are consulted on, "
         "your pages past their review date, and decisions you are informed of that changed. Kept in this browser only.");
  person_combo(app, ImVec2(p.x + kPad, p.y), std::min(280.0f, p.w - 2 * kPad));
  for (const std::string& name : app.site().people) app.accessibility().lists.back().rows.push_back({"I am " + name, app.full_url(person_route(name))});
  p.y += ImGui::GetFrameHeight() + 8;
  p.end();
}

void queue_rows(Panel& p) {
  App& app = p.app;
  const PublishedSite& site = app.site();
  const YourQueueState& st = app.notes().yours;
  const bool phone = app.phone();
  const float tag_w = phone ? 118.0f : 128.0f;
  const std::string key = person_key(st.person);
  for (int i : st.queue.proposals) {
    const PublishedDecision& d = site.decisions[static_cast<std::size_t>(i)];
    const auto days = days_between(app.notes().today, d.review_by);
    const Ink ink = !days ? Ink::muted : *days < 0 ? Ink::caution : *days <= 3 ? Ink::warning : Ink::note;
    if (d.page >= 0)
      p.row(4000 + i, short_deadline(days), ink, tag_w, (d.id.empty() ? "" : d.id + "  ") + d.title,
            site.pages[static_cast<std::size_t>(d.page)].url, phone ? "" : names_person(d.deciders, key) ? "you decide" : "you are consulted");
  }
  for (int i : st.queue.past_review) {
    const PublishedPage& e = site.pages[static_cast<std::size_t>(i)];
    p.row(5000 + i, "review " + e.review_by.substr(0, 10), Ink::warning, tag_w, e.title, e.url, phone ? "" : "you own it");
  }
  for (int i : st.queue.informed) {
    const PublishedDecision& d = site.decisions[static_cast<std::size_t>(i)];
    if (d.page >= 0)
      p.row(6000 + i, "changed", Ink::note, tag_w, (d.id.empty() ? "" : d.id + "  ") + d.title, site.pages[static_cast<std::size_t>(d.page)].url,
            phone ? "" : "you are informed");
  }
}

// The reader's queue, first on the home page, with the picker to change who they are.
void queue_panel(Panel& p) {
  App& app = p.app;
  const YourQueueState& st = app.notes().yours;
  const std::size_t n = st.queue.proposals.size() + st.queue.past_review.size() + st.queue.informed.size();
  const ImVec2 title_pos(p.x, p.y);
  p.begin(app.phone() ? "Your queue" : ("Your queue, " + st.person).c_str(), n ? std::to_string(n) : "");
  const float combo_w = app.phone() ? 150.0f : 200.0f;
  person_combo(app, ImVec2(title_pos.x + p.w - kPad - combo_w, title_pos.y + kPad - 4), combo_w);
  app.accessibility().lists.back().rows.push_back({"Not " + st.person + "? Forget who you are", app.full_url(person_route(""))});
  queue_rows(p);
  if (!st.error.empty()) p.message(st.error.c_str());
  else if (!app.site().owned_loaded) p.message("Looking for your pages past review…");
  if (n == 0 && st.error.empty() && app.site().owned_loaded) p.message("Nothing waits for you. Enjoy the quiet.");
  p.end();
}

void overdue_panel(Panel& p) {
  App& app = p.app;
  const PublishedSite& site = app.site();
  const std::vector<int>& overdue = app.notes().yours.overdue;
  if (overdue.empty()) return;
  p.begin("Overdue proposals", std::to_string(overdue.size()));
  for (int i : overdue) {
    const PublishedDecision& d = site.decisions[static_cast<std::size_t>(i)];
    if (d.page < 0) continue;
    std::string deciders;
    for (const std::string& name : d.deciders) deciders += (deciders.empty() ? "" : ", ") + name;
    p.row(7000 + i, short_deadline(days_between(app.notes().today, d.review_by)), Ink::caution, app.phone() ? 118.0f : 128.0f,
          (d.id.empty() ? "" : d.id + "  ") + d.title, site.pages[static_cast<std::size_t>(d.page)].url, app.phone() ? "" : deciders);
  }
  p.end();
}

void proposals_panel(Panel& p) {
  App& app = p.app;
  const PublishedSite& site = app.site();
  const bool phone = app.phone();
  const std::vector<int>& proposals = app.notes().proposals;
  if (proposals.empty()) return;
  p.begin("Proposals awaiting input", std::to_string(proposals.size()));
  for (int i : proposals) {
    const PublishedDecision& d = site.decisions[static_cast<std::size_t>(i)];
    if (d.page < 0) continue;
    const auto days = days_between(app.notes().today, d.review_by);
    const Ink ink = !days ? Ink::muted : *days < 0 ? Ink::caution : *days <= 3 ? Ink::warning : Ink::note;
    p.row(i, short_deadline(days), ink, phone ? 118.0f : 128.0f, (d.id.empty() ? "" : d.id + "  ") + d.title,
          site.pages[static_cast<std::size_t>(d.page)].url, phone ? "" : (d.deciders.empty() ? "" : d.deciders.front()));
  }
  p.end();
}

// "Mark all as read", at the end of the changed list's title line.
void mark_all_read_button(App& app, ImVec2 title_pos, float width) {
  const Typography& T = app.type();
  const Theme& th = app.theme();
  ReaderNotesState& notes = app.notes();
  const char* label = "Mark all as read";
  bool mark = false;
  {
    ScopedStyle style;
    style.font(T.font(Face::regular), T.scale.small);
    const float bw = ImGui::CalcTextSize(label).x + 22, bh = T.scale.small + 12;
    const ImVec2 bp(title_pos.x + width - kPad - bw, title_pos.y + kPad - 3);
    ImGui::SetCursorScreenPos(bp);
    style.var(ImGuiStyleVar_FramePadding, ImVec2(11, 6)).var(ImGuiStyleVar_FrameRounding, 7).var(ImGuiStyleVar_FrameBorderSize, 1);
    style.color(ImGuiCol_Button, th[Ink::page_bg]).color(ImGuiCol_ButtonHovered, th[Ink::code_bg]).color(ImGuiCol_ButtonActive, th[Ink::code_bg]);
    style.color(ImGuiCol_Border, th[Ink::rule]).color(ImGuiCol_Text, th[Ink::text]);
    mark = ImGui::Button(label) && !pointer_dragged();
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    app.add_view_link({label, "action:mark-all-read", bp.x, bp.y, bw, bh});
  }
  if (!mark) return;
  mark_all_read(notes.seen, app.site());
  if (notes.page_changed) mark_page_read(app);  // the home page itself: its marks go too
  app.platform().storage_set(seen_storage_key(app.site()), save_seen_pages(notes.seen));
  notes.seen.dirty = false;
  notes.changed.clear();
  app.flash_status("Marked everything as read");
}

// New or changed since the last visit, with the button that clears the list.
void changed_panel(Panel& p) {
  App& app = p.app;
  const PublishedSite& site = app.site();
  ReaderNotesState& notes = app.notes();
  const bool phone = app.phone();
  const std::vector<int>& changed = notes.changed;
  const ImVec2 title_pos(p.x, p.y);
  // On a phone the button takes the end of the title's line: a shorter title.
  p.begin(phone && !changed.empty() ? "New or changed" : "New or changed since your last visit",
          changed.empty() ? "" : std::to_string(changed.size()));
  if (!changed.empty()) mark_all_read_button(app, title_pos, p.w);
  if (changed.empty()) {
    p.message("Nothing new since your last visit.");
  } else {
    const std::size_t n = std::min<std::size_t>(changed.size(), static_cast<std::size_t>(kMostChanged));
    for (std::size_t k = 0; k < n; ++k) {
      const int i = changed[k];
      const PublishedPage& e = site.pages[static_cast<std::size_t>(i)];
      const bool known = notes.seen.hash_by_path.count(e.path) > 0;
      p.row(1000 + i, known ? "updated" : "new", known ? Ink::note : Ink::tip, phone ? 84.0f : 92.0f, e.title, e.url,
            e.updated.empty() ? "" : e.updated);
    }
    if (changed.size() > n) p.message(("and " + std::to_string(changed.size() - n) + " more").c_str());
  }
  p.end();
}

void accepted_panel(Panel& p) {
  const PublishedSite& site = p.app.site();
  const std::vector<int>& accepted = p.app.notes().accepted;
  if (accepted.empty()) return;
  p.begin("Recently accepted", "");
  for (int i : accepted) {
    const PublishedDecision& d = site.decisions[static_cast<std::size_t>(i)];
    if (d.page < 0) continue;
    p.row(2000 + i, d.date, Ink::muted, p.app.phone() ? 96.0f : 110.0f, (d.id.empty() ? "" : d.id + "  ") + d.title,
          site.pages[static_cast<std::size_t>(d.page)].url, "");
  }
  p.end();
}

void past_review_panel(Panel& p) {
  const PublishedSite& site = p.app.site();
  const bool phone = p.app.phone();
  const std::vector<int>& overdue = p.app.notes().past_review;
  if (overdue.empty()) return;
  p.begin("Past their review date", std::to_string(overdue.size()));
  for (int i : overdue) {
    const PublishedPage& e = site.pages[static_cast<std::size_t>(i)];
    p.row(3000 + i, e.review_by, Ink::warning, phone ? 110.0f : 120.0f, e.title, e.url, phone ? "" : e.owner);
  }
  p.end();
}

}  // namespace

float draw_home_lists(App& app, ImVec2 pos, float width) {
  Panel p{app, pos.x, width, pos.y, pos.y};
  if (!app.notes().yours.person.empty()) queue_panel(p);
  else if (!app.site().people.empty()) who_panel(p);
  overdue_panel(p);
  proposals_panel(p);
  changed_panel(p);
  accepted_panel(p);
  past_review_panel(p);
  return p.y - pos.y + 12;
}

}  // namespace logbook::app
