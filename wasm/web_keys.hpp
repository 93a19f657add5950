// KeyboardEvent.key names to ImGui keys.
#pragma once

#include <imgui.h>

namespace logbook::web {

ImGuiKey imgui_key(const char* key);

}  // namespace logbook::web
