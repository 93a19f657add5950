#include "typography.hpp"

#include <cstring>
#include <iterator>

namespace logbook::app {

namespace {

// An OpenType or TrueType file (or a collection) by its first four bytes: what a host
// answered instead (an HTML page for a missing file) is not handed to the rasteriser.
bool looks_like_font(const std::string& bytes) {
  if (bytes.size() < 12) return false;
  const std::string_view tag(bytes.data(), 4);
  return tag == "OTTO" || tag == std::string_view("\0\1\0\0", 4) || tag == "true" || tag == "ttcf";
}

ImFont* add_font(const std::string& bytes, const std::vector<std::string>& fallbacks, const char* name) {
  ImGuiIO& io = ImGui::GetIO();
  if (!looks_like_font(bytes)) return nullptr;
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes live in FontBytes, owned by the app
  std::strncpy(cfg.Name, name, sizeof cfg.Name - 1);
  // Horizontal oversampling keeps small text even at 1x, where glyphs land on
  // fractional pixel positions.
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(bytes.data()), static_cast<int>(bytes.size()), 16.0f, &cfg);
  // Characters that only steer the ones around them (emoji variation selectors, joiners,
  // direction marks) have no glyph of their own: they are drawn as the zero-width space,
  // not as the missing-glyph mark.
  if (font) {
    constexpr ImWchar kInvisible[] = {0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF};
    for (const ImWchar c : kInvisible) font->AddRemapChar(c, 0x200B);
    for (ImWchar c = 0xFE00; c <= 0xFE0F; ++c) font->AddRemapChar(c, 0x200B);
  }
  for (const std::string& fallback : fallbacks) {
    if (!font || !looks_like_font(fallback)) continue;
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.FontDataOwnedByAtlas = false;
    io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(fallback.data()), static_cast<int>(fallback.size()), 16.0f, &merge);
  }
  return font;
}

constexpr const char* kFaceNames[] = {"Inter", "Inter Bold", "Inter Italic", "Inter Bold Italic", "JetBrains Mono", "JetBrains Mono Bold"};

float ascent_of(ImFont* font) {
  ImFontBaked* baked = font->GetFontBaked(100.0f);
  return baked ? baked->Ascent / 100.0f : 0.8f;
}

}  // namespace

const std::string& FontBytes::face(Face f) const {
  const std::string* faces[] = {&regular, &bold, &italic, &bold_italic, &mono, &mono_bold};
  static_assert(std::size(faces) == static_cast<std::size_t>(Face::count));
  return *faces[static_cast<int>(f)];
}

std::vector<std::pair<Face, std::string>> Typography::take_wanted() {
  std::vector<std::pair<Face, std::string>> wanted;
  for (int i = 0; i < static_cast<int>(Face::count); ++i)
    if (late_[i] == Late::wanted) {
      late_[i] = Late::asked;
      wanted.emplace_back(static_cast<Face>(i), later_[static_cast<std::size_t>(i)]);
    }
  return wanted;
}

std::string Typography::add_late(Face f, const std::string& bytes) {
  const int i = static_cast<int>(f);
  IM_ASSERT(i >= 0 && i < static_cast<int>(Face::count));
  if (late_[i] == Late::none) return "";
  ImFont* font = add_font(bytes, *fallbacks_, kFaceNames[i]);
  if (!font) return bytes.empty() ? std::string() : std::string("cannot read the font ") + kFaceNames[i];
  fonts_[i] = font;
  ascent_[i] = ascent_of(font);
  late_[i] = Late::none;
  return "";
}

std::string Typography::load(const FontBytes& bytes) {
  ImGuiIO& io = ImGui::GetIO();
  std::string error;
  fallbacks_ = &bytes.fallbacks;
  later_ = bytes.later;
  for (int i = 0; i < static_cast<int>(Face::count); ++i) {
    const std::string& source = bytes.face(static_cast<Face>(i));
    fonts_[i] = add_font(source, bytes.fallbacks, kFaceNames[i]);
    if (!fonts_[i] && !source.empty()) error += std::string("cannot read the font ") + kFaceNames[i] + "; ";
    late_[i] = !fonts_[i] && !later_[static_cast<std::size_t>(i)].empty() ? Late::waiting : Late::none;
  }
  if (!fonts_[0]) fonts_[0] = io.Fonts->AddFontDefault();
  const auto pick = [&](Face f, Face instead) {
    if (!fonts_[static_cast<int>(f)]) fonts_[static_cast<int>(f)] = fonts_[static_cast<int>(instead)];
  };
  pick(Face::bold, Face::regular);
  pick(Face::italic, Face::regular);
  pick(Face::bold_italic, Face::bold);
  pick(Face::mono, Face::regular);
  pick(Face::mono_bold, Face::mono);
  for (int i = 0; i < static_cast<int>(Face::count); ++i) ascent_[i] = ascent_of(fonts_[i]);
  return error;
}

float Typography::measure(Face f, float size, std::string_view text) const {
  if (text.empty()) return 0;
  measured_bytes_ += text.size();
  return font(f)->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  i += len;
  return cp;
}

}  // namespace logbook::app
