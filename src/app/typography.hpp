// The faces and sizes the reader draws with. Fonts arrive as bytes (the edge fetches
// them, tests read them from disk); ImGui 1.92 rasterises glyphs on demand at the
// current device pixel ratio, so one set of fonts serves every size and zoom.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include <string_view>
#include <utility>

#include <imgui.h>

namespace logbook::app {

enum class Face : std::uint8_t { regular, bold, italic, bold_italic, mono, mono_bold, count };

struct FontBytes {
  std::string regular, bold, italic, bold_italic, mono, mono_bold;
  // Optional faces merged behind every face for characters it lacks, in order: the build
  // subsets them to the characters the content uses beyond the bundled fonts.
  std::vector<std::string> fallbacks;
  // Where a face left empty above can be fetched the first time text is drawn in it, by
  // Face; "" when it cannot. The browser leaves the rare faces (bold italic, bold code)
  // out of what loads before the first page is drawn (ADR-0012's budget), and a page that
  // never uses them never fetches them.
  std::array<std::string, static_cast<std::size_t>(Face::count)> later{};

  const std::string& face(Face f) const;
  std::string& face(Face f) { return const_cast<std::string&>(std::as_const(*this).face(f)); }
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
  // degrades the look, never the function. The bytes (fallbacks too) must outlive the
  // atlas: it reads them in place. Returns "" or what went wrong.
  std::string load(const FontBytes& bytes);

  // The face to draw with. A late face (FontBytes::later) not here yet answers with its
  // stand-in (bold italic: bold; bold code: code), and is noted as wanted.
  ImFont* font(Face f) const {
    if (late_[static_cast<int>(f)] == Late::waiting) late_[static_cast<int>(f)] = Late::wanted;
    return fonts_[static_cast<int>(f)];
  }
  // The late faces drawn with their stand-in since the last call, each once, with where to
  // fetch them: the app asks for them, and hands their bytes to add_late.
  std::vector<std::pair<Face, std::string>> take_wanted();
  // A late face arrived: from now on it is drawn with these bytes, which must outlive the
  // atlas (as load's do). Text laid out with the stand-in needs laying out again. An empty
  // or unreadable file keeps the stand-in. Returns "" or what went wrong.
  std::string add_late(Face f, const std::string& bytes);
  // Still drawn with a stand-in (asked for or not).
  bool stand_in(Face f) const { return late_[static_cast<int>(f)] != Late::none; }
  float measure(Face f, float size, std::string_view text) const;
  // Bytes measured so far: the layout's work, which tests hold to a linear bound.
  std::size_t measured_bytes() const { return measured_bytes_; }
  // Distance from the top of a line box of this size to the baseline, as a share of size.
  float ascent(Face f) const { return ascent_[static_cast<int>(f)]; }
  TypeScale scale;

 private:
  enum class Late : std::uint8_t { none, waiting, wanted, asked };
  ImFont* fonts_[static_cast<int>(Face::count)] = {};
  float ascent_[static_cast<int>(Face::count)] = {};
  mutable Late late_[static_cast<int>(Face::count)] = {};
  std::array<std::string, static_cast<std::size_t>(Face::count)> later_{};
  const std::vector<std::string>* fallbacks_ = nullptr;  // load's, merged behind a late face too
  mutable std::size_t measured_bytes_ = 0;
};

// Decodes one UTF-8 code point at text[i], advancing i; invalid bytes give U+FFFD.
std::uint32_t next_code_point(std::string_view text, std::size_t& i);

}  // namespace logbook::app
