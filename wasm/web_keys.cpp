#include "web_keys.hpp"

#include <cstring>

namespace logbook::web {

ImGuiKey imgui_key(const char* key) {
  static const struct {
    const char* name;
    ImGuiKey key;
  } named[] = {
      {"Enter", ImGuiKey_Enter}, {"Escape", ImGuiKey_Escape}, {"Backspace", ImGuiKey_Backspace}, {"Delete", ImGuiKey_Delete},
      {"Tab", ImGuiKey_Tab}, {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"ArrowLeft", ImGuiKey_LeftArrow},
      {"ArrowRight", ImGuiKey_RightArrow}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End}, {"PageUp", ImGuiKey_PageUp},
      {"PageDown", ImGuiKey_PageDown}, {" ", ImGuiKey_Space}, {"/", ImGuiKey_Slash}, {"F3", ImGuiKey_F3},
      {"+", ImGuiKey_Equal}, {"=", ImGuiKey_Equal}, {"-", ImGuiKey_Minus},  // zoom, in the link graph
  };
  for (const auto& n : named)
    if (std::strcmp(n.name, key) == 0) return n.key;
  // Letters and digits, for shortcuts (Ctrl+K, Ctrl+F, Ctrl+C, Ctrl+A...); text comes separately.
  if (key[0] && !key[1]) {
    char c = key[0];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') return static_cast<ImGuiKey>(ImGuiKey_A + (c - 'a'));
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
  }
  return ImGuiKey_None;
}

}  // namespace logbook::web
