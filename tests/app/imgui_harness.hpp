// ImGui without a backend, for the renderer's tests: a context with the app's real
// fonts (Debian's Inter and JetBrains Mono when installed, ImGui's own font otherwise),
// frames of a fixed size, and texture requests marked done as a renderer would.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include <imgui.h>

#include "app/typography.hpp"

namespace logbook::test {

inline std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class ImGuiHarness {
 public:
  explicit ImGuiHarness(float width = 1280, float height = 800) {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    fonts.regular = read_file("/usr/share/fonts/opentype/inter/Inter-Regular.otf");
    fonts.bold = read_file("/usr/share/fonts/opentype/inter/Inter-SemiBold.otf");
    fonts.italic = read_file("/usr/share/fonts/opentype/inter/Inter-Italic.otf");
    fonts.bold_italic = read_file("/usr/share/fonts/opentype/inter/Inter-SemiBoldItalic.otf");
    fonts.mono = read_file("/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf");
    fonts.mono_bold = read_file("/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Bold.ttf");
  }
  ~ImGuiHarness() { ImGui::DestroyContext(ctx_); }
  ImGuiHarness(const ImGuiHarness&) = delete;
  ImGuiHarness& operator=(const ImGuiHarness&) = delete;

  void new_frame() { ImGui::NewFrame(); }
  // Ends the frame; returns the number of vertices drawn.
  int end_frame() {
    ImGui::Render();
    ImDrawData* data = ImGui::GetDrawData();
    if (data->Textures)
      for (ImTextureData* tex : *data->Textures) {
        if (tex->Status == ImTextureStatus_WantCreate) tex->SetTexID(static_cast<ImTextureID>(1));
        if (tex->Status != ImTextureStatus_OK && tex->Status != ImTextureStatus_Destroyed) tex->SetStatus(ImTextureStatus_OK);
        if (tex->Status == ImTextureStatus_WantDestroy) tex->SetStatus(ImTextureStatus_Destroyed);
      }
    return data->TotalVtxCount;
  }

  app::FontBytes fonts;

 private:
  ImGuiContext* ctx_ = nullptr;
};

}  // namespace logbook::test
