// The offline copy in the top bar: whether the site is available offline, how far its
// download is, and the reader's way to ask for the whole site (site/sw.js does the work).
#include <cstdio>

#include "app.hpp"
#include "views.hpp"

namespace logbook::app {

namespace {

std::string megabytes(double bytes) {
  char out[32];
  const double mb = bytes / (1024.0 * 1024.0);
  std::snprintf(out, sizeof out, mb < 10 ? "%.1f MB" : "%.0f MB", mb);
  return out;
}

}  // namespace

std::string offline_label(const OfflineCopy& copy) {
  switch (copy.state) {
    case OfflineCopy::State::unknown: return {};
    case OfflineCopy::State::complete: return "Available offline";
    case OfflineCopy::State::downloading: {
      const int percent = copy.total > 0 ? static_cast<int>(100 * copy.done / copy.total) : 0;
      return "Offline copy: " + std::to_string(percent < 100 ? percent : 99) + " % of " + megabytes(copy.total);
    }
    case OfflineCopy::State::partial: return "Make available offline (" + megabytes(copy.total) + ")";
  }
  return {};
}

float draw_offline_status(App& app, float right, float y, float h) {
  const OfflineCopy copy = app.platform().offline_copy();
  const std::string label = offline_label(copy);
  if (label.empty()) return 0;
  const Theme& th = app.theme();
  ImFont* font = app.type().font(Face::regular);
  const float size = app.type().scale.ui * 0.92f;
  const bool can_ask = copy.state == OfflineCopy::State::partial;
  const bool key_cap = can_ask && !app.touch();
  const float key = key_cap ? 30 : 0;  // the key cap of its shortcut (App::handle_shortcuts)
  const float w = font->CalcTextSizeA(size, 1e9f, 0, label.c_str()).x + 30 + key;
  const ImVec2 p(right - w, y);
  ImGui::SetCursorScreenPos(p);
  const bool clicked = ImGui::InvisibleButton("offline-copy", ImVec2(w, h), ImGuiButtonFlags_EnableNav) && can_ask;
  const bool hovered = can_ask && ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered) dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), th[Ink::code_bg], 9);
  // A dot says it at a glance: filled when the whole site is here, hollow while it is not.
  const ImVec2 dot(p.x + 12, p.y + h * 0.5f);
  if (copy.state == OfflineCopy::State::complete) dl->AddCircleFilled(dot, 4, th[Ink::accent]);
  else dl->AddCircle(dot, 4, th[Ink::muted], 0, 1.5f);
  dl->AddText(font, size, ImVec2(p.x + 22, p.y + (h - size) * 0.5f - 1), th[hovered ? Ink::accent : Ink::muted], label.c_str());
  if (key_cap) {
    const ImVec2 k(p.x + w - key - 2, p.y + 8);
    dl->AddRect(k, ImVec2(k.x + 22, k.y + h - 16), th[Ink::rule], 5);
    dl->AddText(app.type().font(Face::bold), 12.5f, ImVec2(k.x + 6.5f, k.y + 2.5f), th[Ink::muted], "O");  // not the mono face, whose O reads as a zero
  }
  if (clicked) app.platform().make_available_offline();
  return w;
}

}  // namespace logbook::app
