// libFuzzer target: the two allowlist sanitizers of ADR-0011, raw HTML (html_sanitizer)
// and SVG files (svg_sanitizer). Whatever the input, the output carries nothing that
// runs script or leaves the page, and sanitizing it again changes nothing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/html_sanitizer.hpp"
#include "core/svg_sanitizer.hpp"

namespace {

// Lower-cased copy, so the checks see `<SCRIPT` and `OnError=` as the browser does.
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void require(bool ok) {
  if (!ok) __builtin_trap();
}

// The sanitizer escapes every '<' of text and writes every attribute value in double
// quotes, so each literal '<' in its output opens a real tag and each '"' opens or
// closes a value: only tag and attribute names, and URLs, are checked (text and other
// values may say `onerror=` or `<script>` safely).
void check_tags(std::string_view html, bool svg) {
  for (std::size_t open = html.find('<'); open != std::string_view::npos; open = html.find('<', open + 1)) {
    std::size_t at = open + 1;
    const std::size_t name_end = html.find_first_of(" >", at);
    require(name_end != std::string_view::npos);
    const std::string tag = lower(html.substr(at, name_end - at));
    for (const char* banned : {"script", "style", "iframe", "object", "embed", "form", "meta", "base", "link", "svg", "math",
                               "template", "foreignobject"})
      if (!svg || (std::string_view(banned) != "svg" && std::string_view(banned) != "style"))
        require(tag != banned && tag != std::string("/") + banned);
    require(!tag.starts_with("!") && !tag.starts_with("?"));
    at = name_end;
    while (at < html.size() && html[at] != '>') {
      if (html[at] == ' ') {
        ++at;
        continue;
      }
      const std::size_t eq = html.find_first_of("= >", at);
      require(eq != std::string_view::npos);
      const std::string attribute = lower(html.substr(at, eq - at));
      require(!attribute.starts_with("on") && (svg || attribute != "style") && attribute != "srcdoc" && attribute != "formaction");
      at = eq;
      if (html[at] != '=') continue;
      require(at + 1 < html.size() && html[at + 1] == '"');
      const std::size_t end = html.find('"', at + 2);
      require(end != std::string_view::npos);
      const std::string value = logbook::decode_entities(html.substr(at + 2, end - at - 2));
      if (attribute == "style") {  // SVG presentation CSS: nothing it loads
        const std::string css = lower(value);
        require(css.find("@import") == std::string::npos && css.find("javascript:") == std::string::npos);
        for (std::size_t u = css.find("url("); u != std::string::npos; u = css.find("url(", u + 1))
          require(css.find_first_not_of(" \t\"'", u + 4) != std::string::npos && css[css.find_first_not_of(" \t\"'", u + 4)] == '#');
      }
      if (attribute == "href" || attribute == "src" || attribute.ends_with(":href"))
        require(logbook::is_allowed_url(value, attribute != "href" || svg));
      at = end + 1;
    }
    require(at < html.size());
  }
}

void check_html(std::string_view input) {
  const std::string once = logbook::sanitize_html(input);
  check_tags(once, false);
  require(logbook::sanitize_html(once) == once);  // a fixed point
}

void check_svg(std::string_view input) {
  const logbook::SvgSanitized svg = logbook::sanitize_svg(input);
  if (!svg.problem.empty()) {
    require(svg.svg.empty() && svg.line >= 0);
    return;
  }
  check_tags(svg.svg, true);
  const logbook::SvgSanitized again = logbook::sanitize_svg(svg.svg);
  require(again.problem.empty() && again.svg == svg.svg);  // accepted again, unchanged
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_html(text);
  check_svg(text);
  return 0;
}
