// Spec: an SVG from content/ is published in its allowlisted form, or refused with the
// line of what would run script or load from elsewhere (ADR-0011).
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/svg_sanitizer.hpp"

using namespace logbook;

namespace {

bool has(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

std::string refusal(std::string_view svg) {
  const SvgSanitized r = sanitize_svg(svg);
  CHECK(r.svg.empty());
  return r.problem;
}

}  // namespace

TEST_CASE("a diagram's shapes, styles, gradients and links pass") {
  const std::string svg =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n"
      "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs>\n"
      "<style><![CDATA[ .box { fill: url(#g); } ]]></style>\n"
      "<rect class=\"box\" width=\"10\" height=\"10\" fill=\"url(#g)\"/>\n"
      "<a href=\"https://example.org/\"><text x=\"1\" y=\"5\">A &amp; B</text></a>\n"
      "<use xlink:href=\"#g\"/>\n"
      "</svg>\n";
  const SvgSanitized r = sanitize_svg(svg);
  CHECK(r.problem == "");
  CHECK(has(r.svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">"));
  CHECK(has(r.svg, "<rect class=\"box\" width=\"10\" height=\"10\" fill=\"url(#g)\"/>"));
  CHECK(has(r.svg, "<style> .box { fill: url(#g); } </style>"));
  CHECK(has(r.svg, "<text x=\"1\" y=\"5\">A &amp; B</text>"));
  CHECK(has(r.svg, "<use xlink:href=\"#g\"/>"));
  CHECK_FALSE(has(r.svg, "DOCTYPE"));
}

TEST_CASE("editor metadata and unknown attributes are dropped") {
  const SvgSanitized r = sanitize_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\">"
      "<metadata><rdf:RDF/></metadata><sodipodi:namedview pagecolor=\"#fff\"/>"
      "<g inkscape:label=\"Layer\" data-x=\"1\"><!-- note --><circle r=\"1\"/></g></svg>");
  CHECK(r.problem == "");
  CHECK(r.svg == "<svg xmlns=\"http://www.w3.org/2000/svg\"><g><circle r=\"1\"/></g></svg>");
}

TEST_CASE("what runs script refuses the file, with its line") {
  const SvgSanitized script = sanitize_svg("<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script>\n</svg>");
  CHECK(script.svg.empty());
  CHECK(has(script.problem, "<script>"));
  CHECK(script.line == 2);
  CHECK(has(refusal("<svg xmlns=\"http://www.w3.org/2000/svg\"><SCRIPT>alert(1)</SCRIPT></svg>"), "<SCRIPT>"));
  CHECK(has(refusal("<svg onload=\"alert(1)\"/>"), "event handler (onload)"));
  CHECK(has(refusal("<svg><rect OnClick=\"alert(1)\"/></svg>"), "event handler"));
  CHECK(has(refusal("<svg><foreignObject><div/></foreignObject></svg>"), "<foreignObject>"));
  CHECK(has(refusal("<svg><metadata><x:script xmlns:x=\"http://www.w3.org/2000/svg\"/></metadata></svg>"), "<x:script>"));
  CHECK(has(refusal("<svg><a href=\"javascript:alert(1)\"><text>x</text></a></svg>"), "javascript:"));
  CHECK(has(refusal("<svg><a xlink:href=\"jav&#x09;ascript:alert(1)\"><text>x</text></a></svg>"), "links to"));
  CHECK(has(refusal("<svg><a href=\"data:text/html,x\"/></svg>"), "links to"));
  CHECK(has(refusal("<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>"), "animates href"));
  CHECK(has(refusal("<svg xmlns=\"http://www.w3.org/1999/xhtml\"/>"), "another namespace"));
}

TEST_CASE("what loads from elsewhere refuses the file") {
  CHECK(has(refusal("<svg><image href=\"https://tracker.example/p.gif\"/></svg>"), "links to"));
  CHECK(has(refusal("<svg><image href=\"//tracker.example/p.gif\"/></svg>"), "links to"));
  CHECK(has(refusal("<svg><use href=\"\\\\tracker.example/x.svg#a\"/></svg>"), "links to"));
  CHECK(has(refusal("<svg><style>@import url(https://x.example/a.css);</style></svg>"), "<style> loads a URL"));
  CHECK(has(refusal("<svg><style>rect { fill: url(https://x.example/p.gif) }</style></svg>"), "<style> loads a URL"));
  CHECK(has(refusal("<svg><style>rect { fill: \\75rl(x) }</style></svg>"), "<style> loads a URL"));
  CHECK(has(refusal("<svg><rect style=\"fill: url('https://x.example/p')\"/></svg>"), "style attribute loads a URL"));
  CHECK(has(refusal("<?xml-stylesheet href=\"https://x.example/a.xsl\"?><svg/>"), "processing instruction"));
  CHECK(has(refusal("<!DOCTYPE svg [<!ENTITY a \"aaaa\">]><svg>&a;</svg>"), "DOCTYPE declares entities"));
  CHECK(sanitize_svg("<svg><image href=\"img/logo.png\"/><image href=\"data:image/png;base64,iVBO\"/></svg>").problem == "");
}

TEST_CASE("a file that is not well-formed SVG is refused rather than guessed at") {
  CHECK(has(refusal("<svg><g></svg>"), "does not close <g>"));
  CHECK(has(refusal("<svg><rect width=10/></svg>"), "quoted values"));
  CHECK(has(refusal("<svg>&nbsp;</svg>"), "unknown entity"));
  CHECK(has(refusal("<html><body/></html>"), "root element is <html>"));
  CHECK(has(refusal("<svg/><svg/>"), "second root"));
  CHECK(has(refusal("<svg>"), "never closed"));
  CHECK(has(refusal(""), "no <svg>"));
  CHECK(has(refusal("<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg/>"), "UTF-8"));
}

TEST_CASE("hostile SVGs stay linear in their size") {
  std::string deep = "<svg>", attributes = "<svg", doctypes;
  for (int i = 0; i < 100'000; ++i) deep += "<g>";
  for (int i = 0; i < 100'000; ++i) deep += "</g>";
  deep += "</svg>";
  for (int i = 0; i < 100'000; ++i) attributes += " fill=\"url(#a)\" x" + std::to_string(i) + "=\"1\"";
  attributes += "/>";
  for (int i = 0; i < 100'000; ++i) doctypes += "<!DOCTYPE svg>";
  for (const std::string& input : {deep, attributes, doctypes + "<svg/>"}) {
    const auto start = std::chrono::steady_clock::now();
    sanitize_svg(input);
    CHECK(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 1.0);
  }
}
