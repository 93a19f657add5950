// A decision record's header, above its Markdown: status, id and date, the comment
// deadline while proposed (with where comments go), the people, tags, and the
// supersession chain both ways as links.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "tag_view.hpp"
#include "core/url.hpp"
#include "decision_views.hpp"

namespace logbook::app {

namespace {

constexpr float kPad = 18, kLabelW = 112, kRowGap = 8;
constexpr float kChainBadgeRoom = 120;  // the widest status badge ("Superseded") and its gap

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

// What a header row draws with: the record, where it is, and the fonts.
struct HeaderContext {
  App& app;
  const PublishedDecision& d;
  float x0, inner, label_w, size, line;
  ImFont* regular;
  ImFont* bold;
};

bool is_proposed(const PublishedDecision& d) {
  std::string s = d.status;
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s == "proposed";
}

// The status, the id and the date; returns the height taken.
float identity_line(const HeaderContext& h, float y) {
  const Theme& th = h.app.theme();
  const Typography& T = h.app.type();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float bw = status_badge(h.app, ImVec2(h.x0, y), h.d.status);
  if (is_overdue_proposal(h.d.status, h.d.review_by, h.app.notes().today)) bw += 6 + overdue_badge(h.app, ImVec2(h.x0 + bw + 6, y));
  const std::string id = h.d.id.empty() ? std::string("Decision") : h.d.id;
  dl->AddText(T.font(Face::mono_bold), h.size, ImVec2(h.x0 + bw + 12, y + 3), th[Ink::heading], id.c_str());
  if (!h.d.date.empty()) {
    const float iw = T.font(Face::mono_bold)->CalcTextSizeA(h.size, FLT_MAX, 0, id.c_str()).x;
    std::string verb = h.d.status == "proposed" ? "Proposed " : "Decided ";
    const std::string date = "·  " + (h.app.phone() ? std::string() : verb) + h.d.date;
    dl->AddText(h.regular, h.size, ImVec2(h.x0 + bw + 12 + iw + 10, y + 3), th[Ink::muted], date.c_str());
  }
  return 22 + 14;
}

// Where comments go: the pull request and the file's history.
void comment_links(const HeaderContext& h, ImVec2 pos) {
  const PublishedSite& site = h.app.site();
  const Theme& th = h.app.theme();
  const bool phone = h.app.phone();
  const PublishedPage& p = site.pages[static_cast<std::size_t>(h.d.page)];
  const std::string file = p.path.substr(p.path.rfind('/') + 1);
  const std::string prs = site.repository.url + "/pulls?q=" + percent_encode("is:pr " + file);
  const std::string hist = site.history_url(h.d.page);
  float lx = pos.x;
  const auto link = [&](const char* id, const char* label, const std::string& url) {
    const float w = h.regular->CalcTextSizeA(h.size, FLT_MAX, 0, label).x;
    if (text_link(id, h.regular, h.size, ImVec2(lx, pos.y), label, th[Ink::link], th[Ink::link_hover])) h.app.platform().open_in_new_tab(url);
    h.app.add_view_link({label, url, lx, pos.y, w, h.size * 1.3f});
    lx += w;
  };
  link("comment-pr", phone ? "Pull request" : "Comment on the pull request", prs);
  ImGui::GetWindowDrawList()->AddText(h.regular, h.size, ImVec2(lx + 8, pos.y), th[Ink::faint], "·");
  lx += 22;
  link("comment-history", phone ? "History" : "The file's history", hist);
}

// While proposed: when comments are due, and where they go; returns the height taken.
float comment_box(const HeaderContext& h, float y) {
  const Theme& th = h.app.theme();
  const PublishedSite& site = h.app.site();
  const auto days = days_between(h.app.notes().today, h.d.review_by);
  const std::string title = days ? comment_deadline_text(*days) + " (" + h.d.review_by + ")" : "Open for comments; no deadline set";
  const bool repo = !site.repository.url.empty();
  const float box_h = repo ? 68.0f : 44.0f;
  const Ink tone = days && *days < 0 ? Ink::caution : Ink::warning;
  const ImVec2 a(h.x0, y), b(h.x0 + h.inner, y + box_h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, with_alpha(th[tone], th.kind == ThemeKind::dark ? 34 : 22), 8);
  dl->AddRectFilled(a, ImVec2(a.x + 4, b.y), th[tone], 2);
  draw_icon(dl, kIconAlert, ImVec2(a.x + 24, a.y + 22), 15, th[tone]);
  dl->AddText(h.bold, h.app.type().scale.ui, ImVec2(a.x + 42, a.y + 13), th[Ink::text], title.c_str());
  if (repo && h.d.page >= 0) comment_links(h, ImVec2(a.x + 42, a.y + 38));
  return box_h + 14;
}

// A label and its wrapped value; returns the height taken (none without a value).
float label_row(const HeaderContext& h, float y, const char* label, const std::string& value, Ink ink) {
  if (value.empty()) return 0;
  const Theme& th = h.app.theme();
  const float vw = h.inner - h.label_w;
  const float height = std::max(h.line, h.regular->CalcTextSizeA(h.size, FLT_MAX, vw, value.c_str()).y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText(h.regular, h.size, ImVec2(h.x0, y), th[Ink::muted], label);
  dl->AddText(h.regular, h.size, ImVec2(h.x0 + h.label_w, y), th[ink], value.c_str(), nullptr, vw);
  return height + kRowGap;
}

// The review date (once decided), the people, and the tags as wrapping chips that lead
// to their tag views.
float people_and_tags(const HeaderContext& h, float y) {
  const PublishedDecision& d = h.d;
  const float top = y;
  if (!d.review_by.empty() && !is_proposed(d)) {
    const auto days = days_between(h.app.notes().today, d.review_by);
    const bool overdue = days && *days < 0;
    y += label_row(h, y, "Review by", d.review_by + (overdue ? "  (overdue: revisit this decision)" : ""), overdue ? Ink::warning : Ink::text);
  }
  y += label_row(h, y, "Deciders", join(d.deciders), Ink::text);
  y += label_row(h, y, "Consulted", join(d.consulted), Ink::text);
  y += label_row(h, y, "Informed", join(d.informed), Ink::text);
  if (d.tags.empty()) return y - top;
  ImGui::GetWindowDrawList()->AddText(h.regular, h.size, ImVec2(h.x0, y), h.app.theme()[Ink::muted], "Tags");
  const float left = h.x0 + h.label_w;
  y += tag_chips(h.app, ImVec2(left, y), left, h.x0 + h.inner, h.line, d.tags);
  return y + kRowGap - top;
}

// The supersession chain one way, a record a line: "Supersedes ADR-0003: title".
float chain(const HeaderContext& h, float y, const char* label, const std::vector<int>& others) {
  const PublishedSite& site = h.app.site();
  const Theme& th = h.app.theme();
  const float top = y;
  for (std::size_t k = 0; k < others.size(); ++k) {
    const PublishedDecision& o = site.decisions[static_cast<std::size_t>(others[k])];
    const std::string text = label + std::string(" ") + (o.id.empty() ? o.title : o.id) + (o.title.empty() || h.app.phone() ? "" : ": " + o.title);
    ImGui::PushID(label);
    ImGui::PushID(static_cast<int>(k));
    const std::string& url = o.page >= 0 ? site.pages[static_cast<std::size_t>(o.page)].url : std::string();
    // "Superseded by ADR-0012: Title [Proposed]": the other record's status follows its
    // name, so a record superseded by a mere proposal reads as such.
    const float max_w = h.inner - kChainBadgeRoom;
    if (text_link("chain", h.bold, h.size, ImVec2(h.x0, y), text.c_str(), th[Ink::link], th[Ink::link_hover], max_w) && !url.empty() &&
        !pointer_dragged())
      h.app.open(url);
    ImGui::PopID();
    ImGui::PopID();
    const float w = std::min(max_w, h.bold->CalcTextSizeA(h.size, FLT_MAX, 0, text.c_str()).x);
    status_badge(h.app, ImVec2(h.x0 + w + 10, y - 1), o.status);
    if (!url.empty()) h.app.add_view_link({text, url, h.x0, y, w, h.size * 1.3f});
    y += h.line + kRowGap + 2;
  }
  return y - top;
}

}  // namespace

namespace {

float pill(App& app, ImVec2 pos, const std::string& label, Ink ink) {
  const Theme& th = app.theme();
  ImFont* font = app.type().font(Face::bold);
  const float size = 12.5f, h = 22;
  const float w = font->CalcTextSizeA(size, FLT_MAX, 0, label.c_str()).x + 20;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 c = th[ink];
  const bool dark = th.kind == ThemeKind::dark;
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), with_alpha(c, dark ? 46 : 30), h * 0.5f);
  dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), with_alpha(c, dark ? 150 : 110), h * 0.5f);
  dl->AddText(font, size, ImVec2(pos.x + 10, pos.y + (h - size) * 0.5f - 0.5f), c, label.c_str());
  return w;
}

}  // namespace

float status_badge(App& app, ImVec2 pos, const std::string& status) {
  std::string label = status.empty() ? "no status" : status;
  label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return pill(app, pos, label, status_ink(status));
}

float overdue_badge(App& app, ImVec2 pos) { return pill(app, pos, "Overdue", Ink::caution); }

float draw_decision_header(App& app, const PublishedDecision& d, ImVec2 pos, float width) {
  const Typography& T = app.type();
  const float size = T.scale.small + 0.5f;
  const HeaderContext h{app, d, pos.x + kPad, width - 2 * kPad, app.phone() ? 92.0f : kLabelW, size, std::round(size * 1.5f),
                        T.font(Face::regular), T.font(Face::bold)};
  float y = pos.y + kPad;
  y += identity_line(h, y);
  if (is_proposed(d)) y += comment_box(h, y);
  y += people_and_tags(h, y);
  y += chain(h, y, "Supersedes", d.supersedes);
  y += chain(h, y, "Superseded by", d.superseded_by);
  y += kPad - kRowGap;
  ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + width, y), app.theme()[Ink::panel_border], 10);
  return y - pos.y + 28;
}

}  // namespace logbook::app
