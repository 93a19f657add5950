// The faces and sizes the reader draws with. Fonts arrive as bytes (the edge fetches
// them, tests read them from disk); ImGui 1.92 rasterises glyphs on demand at the
// current device pixel ratio, so one set of fonts serves every size and zoom.
#pragma once

#include <cstdint>
#include <string>
#include <vector>
#include <string_view>

#include <imgui.h>

namespace logbook::app {

enum class Face : std::uint8_t { regular, bold, italic, bold_italic, mono, mono_bold, count };

struct FontBytes {
  std::string regular, bold, italic, bold_italic, mono, mono_bold;
  // Optional faces merged behind every face for characters it lacks, in order: the build
  // subsets them to the characters the content uses beyond the bundled fonts.
  std::vector<std::string> fallbacks;
};

// Sizes in logical pixels: the reading size and what is derived from it.
struct TypeScale {
  float body = 16.5f;
  float line = 1.65f;        // line height as a multiple of the size
  float code = 14.0f;
  float small = 14.0f;
  float ui = 14.5f;
  float heading[6] = {31.0f, 24.5f, 20.0f, 17.5f, 16.5f, 15.0f};
};

class Typography {
 public:
  // Adds the faces to the current ImGui context's atlas. A face whose bytes are empty
  // falls back to regular, and regular to ImGui's built-in font, so a missing file
  // degrades the look, never the function. Returns "" or what went wrong.
  std::string load(const FontBytes& bytes);

  ImFont* font(Face f) const { return fonts_[static_cast<int>(f)]; }
  float measure(Face f, float size, std::string_view text) const;
  // Bytes measured so far: the layout's work, which tests hold to a linear bound.
  std::size_t measured_bytes() const { return measured_bytes_; }
  // Distance from the top of a line box of this size to the baseline, as a share of size.
  float ascent(Face f) const { return ascent_[static_cast<int>(f)]; }
  TypeScale scale;

 private:
  ImFont* fonts_[static_cast<int>(Face::count)] = {};
  float ascent_[static_cast<int>(Face::count)] = {};
  mutable std::size_t measured_bytes_ = 0;
};

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes give U+FFFD.
std::uint32_t next_code_point(std::string_view text, std::size_t& i);

}  // namespace logbook::app
