// A decision record's header, above its Markdown: status, id and date, the comment
// deadline while proposed (with where comments go), the people, tags, and the
// supersession chain both ways as links.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "core/url.hpp"
#include "decision_views.hpp"

namespace logbook::app {

namespace {

constexpr float kPad = 18, kLabelW = 112, kRowGap = 8;

ImU32 with_alpha(ImU32 c, unsigned a) { return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT); }

Ink status_ink(const std::string& status) {
  std::string s = status;
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "proposed") return Ink::warning;
  if (s == "accepted") return Ink::tip;
  if (s == "rejected") return Ink::caution;
  if (s == "superseded") return Ink::important;
  return Ink::muted;  // deprecated, and statuses a team added: neutral
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

float status_badge(App& app, ImVec2 pos, const std::string& status, bool draw) {
  const Theme& th = app.theme();
  const Typography& T = app.type();
  ImFont* font = T.font(Face::bold);
  const float size = 12.5f, h = 22;
  std::string label = status.empty() ? "no status" : status;
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  const float w = font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x + 20;
  if (!draw) return w;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 c = th[status_ink(status)];
  const bool dark = th.kind == ThemeKind::dark;
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), with_alpha(c, dark ? 46 : 30), h * 0.5f);
  dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), with_alpha(c, dark ? 150 : 110), h * 0.5f);
  dl->AddText(font, size, ImVec2(pos.x + 10, pos.y + (h - size) * 0.5f - 0.5f), c, label.c_str());
  return w;
}

float draw_decision_header(App& app, const DecisionEntry& d, ImVec2 pos, float width, bool draw) {
  const Theme& th = app.theme();
  const Typography& T = app.type();
  const SiteIndex& site = app.site();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* regular = T.font(Face::regular);
  ImFont* bold = T.font(Face::bold);
  const float size = T.scale.small + 0.5f, line = std::round(size * 1.5f);
  const bool phone = app.phone();
  const float label_w = phone ? 92.0f : kLabelW;
  const float inner = width - 2 * kPad;
  const float x0 = pos.x + kPad;
  float y = pos.y + kPad;
  const std::string& today = app.notes().today;

  // Status, id and date.
  const float bw = status_badge(app, ImVec2(x0, y), d.status, draw);
  if (draw) {
    const std::string id = d.id.empty() ? std::string("Decision") : d.id;
    dl->AddText(T.font(Face::mono_bold), size, ImVec2(x0 + bw + 12, y + 3), th[Ink::heading], id.c_str());
    if (!d.date.empty()) {
      const float iw = T.font(Face::mono_bold)->CalcTextSizeA(size, FLT_MAX, 0, id.c_str()).x;
      std::string verb = d.status == "proposed" ? "Proposed " : "Decided ";
      const std::string date = "·  " + (phone ? std::string() : verb) + d.date;
      dl->AddText(regular, size, ImVec2(x0 + bw + 12 + iw + 10, y + 3), th[Ink::muted], date.c_str());
    }
  }
  y += 22 + 14;

  // While proposed: when comments are due, and where they go.
  std::string lower_status = d.status;
  for (char& c : lower_status) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower_status == "proposed") {
    const auto days = days_between(today, d.review_by);
    const std::string title = days ? comment_deadline_text(*days) + " (" + d.review_by + ")" : "Open for comments; no deadline set";
    const bool repo = !site.repository.url.empty();
    const float box_h = repo ? 68.0f : 44.0f;
    if (draw) {
      const Ink tone = days && *days < 0 ? Ink::caution : Ink::warning;
      const ImVec2 a(x0, y), b(x0 + inner, y + box_h);
      dl->AddRectFilled(a, b, with_alpha(th[tone], th.kind == ThemeKind::dark ? 34 : 22), 8);
      dl->AddRectFilled(a, ImVec2(a.x + 4, b.y), th[tone], 2);
      draw_icon(dl, kIconAlert, ImVec2(a.x + 24, a.y + 22), 15, th[tone]);
      dl->AddText(bold, T.scale.ui, ImVec2(a.x + 42, a.y + 13), th[Ink::text], title.c_str());
      if (repo && d.page >= 0) {
        const PageEntry& p = site.pages[static_cast<std::size_t>(d.page)];
        const std::string file = p.path.substr(p.path.rfind('/') + 1);
        const std::string prs = site.repository.url + "/pulls?q=" + percent_encode("is:pr " + file);
        const std::string hist = history_url(site, p);
        float lx = a.x + 42;
        const float ly = a.y + 38;
        const auto link = [&](const char* id, const char* label, const std::string& url) {
          const float w = regular->CalcTextSizeA(size, FLT_MAX, 0, label).x;
          if (text_link(id, regular, size, ImVec2(lx, ly), label, th[Ink::link], th[Ink::link_hover])) app.platform().open_in_new_tab(url);
          app.add_view_link({label, url, lx, ly, w, size * 1.3f});
          lx += w;
        };
        link("comment-pr", phone ? "Pull request" : "Comment on the pull request", prs);
        dl->AddText(regular, size, ImVec2(lx + 8, ly), th[Ink::faint], "·");
        lx += 22;
        link("comment-history", phone ? "History" : "The file's history", hist);
      }
    }
    y += box_h + 14;
  }

  // The people and tags: a label column and wrapped values.
  const auto row = [&](const char* label, const std::string& value, Ink ink) {
    if (value.empty()) return;
    const float vw = inner - label_w;
    const float h = std::max(line, regular->CalcTextSizeA(size, FLT_MAX, vw, value.c_str()).y);
    if (draw) {
      dl->AddText(regular, size, ImVec2(x0, y), th[Ink::muted], label);
      dl->AddText(regular, size, ImVec2(x0 + label_w, y), th[ink], value.c_str(), nullptr, vw);
    }
    y += h + kRowGap;
  };
  if (!d.review_by.empty() && lower_status != "proposed") {
    const auto days = days_between(today, d.review_by);
    const bool overdue = days && *days < 0;
    row("Review by", d.review_by + (overdue ? "  (overdue: revisit this decision)" : ""), overdue ? Ink::warning : Ink::text);
  }
  row("Deciders", join(d.deciders), Ink::text);
  row("Consulted", join(d.consulted), Ink::text);
  row("Informed", join(d.informed), Ink::text);
  // Tags as chips, wrapping.
  if (!d.tags.empty()) {
    float tx = x0 + label_w;
    if (draw) dl->AddText(regular, size, ImVec2(x0, y), th[Ink::muted], "Tags");
    for (const std::string& tag : d.tags) {
      const float w = regular->CalcTextSizeA(T.scale.small - 1, FLT_MAX, 0, tag.c_str()).x + 16;
      if (tx + w > x0 + inner && tx > x0 + label_w) tx = x0 + label_w, y += line + 4;
      if (draw) {
        dl->AddRectFilled(ImVec2(tx, y - 1), ImVec2(tx + w, y + line - 1), th[Ink::code_bg], 6);
        dl->AddRect(ImVec2(tx, y - 1), ImVec2(tx + w, y + line - 1), th[Ink::code_border], 6);
        dl->AddText(regular, T.scale.small - 1, ImVec2(tx + 8, y + 2), th[Ink::muted], tag.c_str());
      }
      tx += w + 6;
    }
    y += line + kRowGap;
  }
  // The chain, both ways.
  const auto chain = [&](const char* label, const std::vector<int>& others) {
    for (std::size_t k = 0; k < others.size(); ++k) {
      const DecisionEntry& o = site.decisions[static_cast<std::size_t>(others[k])];
      if (draw) {
        const std::string text = label + std::string(" ") + (o.id.empty() ? o.title : o.id) + (o.title.empty() || phone ? "" : ": " + o.title);
        const float vx = x0;  // the link says it all: "Supersedes ADR-0003: title"
        const float max_w = inner;
        ImGui::PushID(label);
        ImGui::PushID(static_cast<int>(k));
        const std::string& url = o.page >= 0 ? site.pages[static_cast<std::size_t>(o.page)].url : std::string();
        const float bw2 = status_badge(app, ImVec2(vx, y - 1), o.status, true);
        if (text_link("chain", bold, size, ImVec2(vx + bw2 + 8, y), text.c_str(), th[Ink::link], th[Ink::link_hover], max_w - bw2 - 8) && !url.empty() &&
            !pointer_dragged())
          app.open(url);
        ImGui::PopID();
        ImGui::PopID();
        const float w = std::min(max_w - bw2 - 8, bold->CalcTextSizeA(size, FLT_MAX, 0, text.c_str()).x);
        if (!url.empty()) app.add_view_link({text, url, vx + bw2 + 8, y, w, size * 1.3f});
      }
      y += line + kRowGap + 2;
    }
  };
  chain("Supersedes", d.supersedes);
  chain("Superseded by", d.superseded_by);

  y += kPad - kRowGap;
  if (draw) dl->AddRect(pos, ImVec2(pos.x + width, y), th[Ink::panel_border], 10);
  return y - pos.y + 28;
}

}  // namespace logbook::app
