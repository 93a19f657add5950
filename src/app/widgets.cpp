// Small drawing helpers shared by the views: a text link, an icon button, and icons
// drawn with lines (no icon font to download).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "views.hpp"

namespace logbook::app {

std::string elide_text(ImFont* font, float size, const std::string& text, float max_w) {
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  if (font->CalcTextSizeA(size, FLT_MAX, 0, begin, end).x <= max_w) return text;
  const char* ellipsis = "\xE2\x80\xA6";
  const float room = max_w - font->CalcTextSizeA(size, FLT_MAX, 0, ellipsis).x;
  // Measuring with a maximum width stops at the first character that does not fit: one
  // pass over the text, however long it is.
  const char* fits = begin;
  if (room > 0) font->CalcTextSizeA(size, room, 0, begin, end, &fits);
  std::string out(begin, fits);
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();  // a cut sequence
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();  // its lead byte
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + ellipsis;
}

bool resting_on(bool hovered) {
  if (!hovered) return false;
  const ImGuiIO& io = ImGui::GetIO();
  return io.MouseSource != ImGuiMouseSource_TouchScreen || io.MouseDownDuration[ImGuiMouseButton_Left] >= 0.5f;
}

bool long_pressed() {
  const ImGuiIO& io = ImGui::GetIO();
  return io.MouseSource == ImGuiMouseSource_TouchScreen && io.MouseDownDurationPrev[ImGuiMouseButton_Left] >= 0.5f;
}

void draw_elided(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, const std::string& text, float max_w, bool hovered) {
  const std::string shown = elide_text(font, size, text, max_w);
  dl->AddText(font, size, pos, color, shown.c_str());
  if (shown.size() != text.size() && resting_on(hovered)) whole_text_tooltip(text);
}

void popover_frame(ImVec2 a, ImVec2 b, ImU32 border, float rounding) {
  ImDrawList* fg = ImGui::GetForegroundDrawList();
  for (int i = 1; i <= 6; ++i) {
    const float d = static_cast<float>(i);
    fg->AddRect(ImVec2(a.x - d, a.y - d + 2), ImVec2(b.x + d, b.y + d + 2), IM_COL32(0, 0, 0, 22 - 3 * i), rounding + d, 0, 1.0f);
  }
  fg->AddRect(a, b, border, rounding, 0, 1.0f);
}

void whole_text_tooltip(const std::string& text) {
  const float w = std::min(480.0f, ImGui::GetIO().DisplaySize.x - 24);
  ScopedStyle style;
  style.var(ImGuiStyleVar_WindowPadding, ImVec2(8, 5));
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(w, FLT_MAX));
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 16);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

bool text_link(const char* id, ImFont* font, float size, ImVec2 pos, const char* text, ImU32 color, ImU32 hover, float max_w) {
  ImVec2 ts = font->CalcTextSizeA(size, FLT_MAX, 0, text);
  if (max_w > 0) ts.x = std::min(ts.x, max_w);
  ImGui::SetCursorScreenPos(pos);
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, ts.x), std::max(1.0f, size * 1.3f)), ImGuiButtonFlags_EnableNav);
  const bool hovered = ImGui::IsItemHovered();
  if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (max_w > 0) draw_elided(dl, font, size, pos, hovered ? hover : color, text, max_w, hovered);
  else dl->AddText(font, size, pos, hovered ? hover : color, text);
  return clicked && !long_pressed();
}

bool icon_button(const char* id, const char* glyph, ImVec2 pos, float size, const char* tooltip) {
  ImGui::SetCursorScreenPos(pos);
  const bool clicked = ImGui::InvisibleButton(id, ImVec2(size, size), ImGuiButtonFlags_EnableNav);
  const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& st = ImGui::GetStyle();
  const ImU32 bg = ImGui::GetColorU32(held ? ImGuiCol_ButtonActive : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_FrameBg);
  dl->AddRectFilled(pos, ImVec2(pos.x + size, pos.y + size), bg, 8);
  dl->AddRect(pos, ImVec2(pos.x + size, pos.y + size), ImGui::GetColorU32(ImGuiCol_Border), 8);
  static const struct {
    const char* name;
    int icon;
  } names[] = {{"copy", kIconCopy}, {"check", kIconCheck}, {"search", kIconSearch}, {"sun", kIconSun}, {"moon", kIconMoon},
               {"menu", kIconMenu}, {"list", kIconList}, {"close", kIconClose}, {"up", kIconArrowLeft}, {"down", kIconArrowRight}, {"system", kIconSystem},
               {"graph", kIconGraph}, {"plus", kIconPlus}, {"minus", kIconMinus}, {"fit", kIconFit}};
  int icon = kIconCopy;
  for (const auto& n : names)
    if (std::strcmp(n.name, glyph) == 0) icon = n.icon;
  draw_icon(dl, icon, ImVec2(pos.x + size * 0.5f, pos.y + size * 0.5f), size * 0.5f, ImGui::ColorConvertFloat4ToU32(st.Colors[hovered ? ImGuiCol_Text : ImGuiCol_TextDisabled]));
  if (hovered) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    if (tooltip && ImGui::GetIO().MouseSource != ImGuiMouseSource_TouchScreen) ImGui::SetTooltip("%s", tooltip);
  }
  return clicked;
}

void draw_icon(ImDrawList* dl, int icon, ImVec2 c, float s, ImU32 col) {
  const float h = s * 0.5f, t = std::max(1.3f, s / 11.0f);
  const auto P = [&](float x, float y) { return ImVec2(c.x + x * h, c.y + y * h); };
  switch (icon) {
    case kIconSearch:
      dl->AddCircle(P(-0.18f, -0.18f), h * 0.62f, col, 0, t);
      dl->AddLine(P(0.28f, 0.28f), P(0.85f, 0.85f), col, t * 1.2f);
      break;
    case kIconSun:
      dl->AddCircle(c, h * 0.42f, col, 0, t);
      for (int i = 0; i < 8; ++i) {
        const float a = static_cast<float>(i) * 3.14159265f / 4;
        dl->AddLine(P(std::cos(a) * 0.66f, std::sin(a) * 0.66f), P(std::cos(a) * 0.92f, std::sin(a) * 0.92f), col, t);
      }
      break;
    case kIconMoon: {
      // A crescent: a disc with a smaller disc taken out, drawn as an arc path.
      dl->PathArcTo(c, h * 0.8f, 0.9f, 0.9f + 4.6f, 32);
      dl->PathArcTo(P(0.35f, -0.35f), h * 0.62f, 0.9f + 4.2f, 0.9f + 0.4f, 32);
      dl->PathStroke(col, ImDrawFlags_Closed, t);
      break;
    }
    case kIconMenu:
      for (float i = -1; i <= 1; ++i) dl->AddLine(P(-0.8f, i * 0.55f), P(0.8f, i * 0.55f), col, t);
      break;
    case kIconList:
      for (float i = -1; i <= 1; ++i) {
        dl->AddCircleFilled(P(-0.75f, i * 0.55f), t, col);
        dl->AddLine(P(-0.4f, i * 0.55f), P(0.85f, i * 0.55f), col, t);
      }
      break;
    case kIconCopy:
      dl->AddRect(P(-0.35f, -0.35f), P(0.8f, 0.8f), col, 2, 0, t);
      dl->AddLine(P(-0.8f, 0.45f), P(-0.8f, -0.8f), col, t);
      dl->AddLine(P(-0.8f, -0.8f), P(0.45f, -0.8f), col, t);
      break;
    case kIconCheck:
      dl->AddLine(P(-0.7f, 0.0f), P(-0.2f, 0.5f), col, t * 1.3f);
      dl->AddLine(P(-0.2f, 0.5f), P(0.75f, -0.55f), col, t * 1.3f);
      break;
    case kIconChevronRight:
      dl->AddLine(P(-0.3f, -0.7f), P(0.35f, 0.0f), col, t);
      dl->AddLine(P(0.35f, 0.0f), P(-0.3f, 0.7f), col, t);
      break;
    case kIconChevronDown:
      dl->AddLine(P(-0.7f, -0.3f), P(0.0f, 0.35f), col, t);
      dl->AddLine(P(0.0f, 0.35f), P(0.7f, -0.3f), col, t);
      break;
    case kIconClose:
      dl->AddLine(P(-0.6f, -0.6f), P(0.6f, 0.6f), col, t);
      dl->AddLine(P(0.6f, -0.6f), P(-0.6f, 0.6f), col, t);
      break;
    case kIconArrowLeft:  // used as "up"
      dl->AddLine(P(-0.6f, 0.3f), P(0.0f, -0.35f), col, t);
      dl->AddLine(P(0.0f, -0.35f), P(0.6f, 0.3f), col, t);
      break;
    case kIconArrowRight:  // used as "down"
      dl->AddLine(P(-0.6f, -0.3f), P(0.0f, 0.35f), col, t);
      dl->AddLine(P(0.0f, 0.35f), P(0.6f, -0.3f), col, t);
      break;
    case kIconInfo:
      dl->AddCircle(c, h * 0.9f, col, 0, t);
      dl->AddLine(P(0, -0.05f), P(0, 0.5f), col, t * 1.2f);
      dl->AddCircleFilled(P(0, -0.42f), t * 0.9f, col);
      break;
    case kIconLightbulb:
      dl->AddCircle(P(0, -0.2f), h * 0.6f, col, 0, t);
      dl->AddLine(P(-0.28f, 0.55f), P(0.28f, 0.55f), col, t);
      dl->AddLine(P(-0.2f, 0.85f), P(0.2f, 0.85f), col, t);
      break;
    case kIconReport:
      dl->AddRect(P(-0.85f, -0.75f), P(0.85f, 0.55f), col, 3, 0, t);
      dl->AddLine(P(-0.45f, 0.55f), P(-0.6f, 0.95f), col, t);
      dl->AddLine(P(0, -0.45f), P(0, 0.0f), col, t * 1.2f);
      dl->AddCircleFilled(P(0, 0.25f), t * 0.8f, col);
      break;
    case kIconAlert:
      dl->AddTriangle(P(0, -0.9f), P(0.95f, 0.8f), P(-0.95f, 0.8f), col, t);
      dl->AddLine(P(0, -0.3f), P(0, 0.25f), col, t * 1.2f);
      dl->AddCircleFilled(P(0, 0.52f), t * 0.8f, col);
      break;
    case kIconStop:
      dl->AddNgon(c, h * 0.95f, col, 8, t);
      dl->AddLine(P(0, -0.45f), P(0, 0.15f), col, t * 1.2f);
      dl->AddCircleFilled(P(0, 0.45f), t * 0.8f, col);
      break;
    case kIconLink:
      dl->AddLine(P(-0.2f, 0.2f), P(0.2f, -0.2f), col, t);
      dl->AddCircle(P(-0.45f, 0.45f), h * 0.38f, col, 0, t);
      dl->AddCircle(P(0.45f, -0.45f), h * 0.38f, col, 0, t);
      break;
    case kIconSystem:  // half light, half dark: the system decides
      dl->AddCircle(c, h * 0.8f, col, 0, t);
      dl->PathArcTo(c, h * 0.8f, -1.5707964f, 1.5707964f, 16);
      dl->PathFillConvex(col);
      break;
    case kIconGraph:  // three linked nodes
      dl->AddLine(P(-0.55f, 0.45f), P(0.0f, -0.5f), col, t);
      dl->AddLine(P(0.0f, -0.5f), P(0.6f, 0.35f), col, t);
      dl->AddLine(P(-0.55f, 0.45f), P(0.6f, 0.35f), col, t);
      for (const ImVec2 p : {P(-0.55f, 0.45f), P(0.0f, -0.5f), P(0.6f, 0.35f)}) dl->AddCircleFilled(p, t * 1.8f, col);
      break;
    case kIconPlus:
      dl->AddLine(P(-0.6f, 0), P(0.6f, 0), col, t);
      dl->AddLine(P(0, -0.6f), P(0, 0.6f), col, t);
      break;
    case kIconMinus:
      dl->AddLine(P(-0.6f, 0), P(0.6f, 0), col, t);
      break;
    case kIconFit:  // four corners
      for (float sx : {-1.0f, 1.0f})
        for (float sy : {-1.0f, 1.0f}) {
          dl->AddLine(P(sx * 0.7f, sy * 0.7f), P(sx * 0.3f, sy * 0.7f), col, t);
          dl->AddLine(P(sx * 0.7f, sy * 0.7f), P(sx * 0.7f, sy * 0.3f), col, t);
        }
      break;
    default: break;
  }
}

}  // namespace logbook::app
