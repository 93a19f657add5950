// SVG files from content/: diagrams are common, and an SVG opened on the site's origin
// runs whatever script it carries. So an SVG is published only as its allowlisted
// form (ADR-0011): SVG elements and presentation attributes pass; editor metadata and
// unknown elements and attributes are dropped; anything that could run script or load
// from elsewhere refuses the whole file, with the line, instead of guessing:
// script, foreignObject, on* handlers, javascript: or external hrefs, CSS that loads
// URLs, processing instructions (xml-stylesheet), DOCTYPEs with entity declarations,
// other namespaces for SVG itself, and XML that is not well-formed. One forward pass.
#pragma once

#include <string>
#include <string_view>

namespace logbook {

struct SvgSanitized {
  std::string svg;      // the sanitized file; empty when refused
  std::string problem;  // why it was refused ("" when it was not)
  int line = 0;         // where the problem is (1-based)
};

SvgSanitized sanitize_svg(std::string_view bytes);

}  // namespace logbook
