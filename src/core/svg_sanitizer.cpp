#include "svg_sanitizer.hpp"

#include <algorithm>
#include <unordered_set>
#include <vector>

#include "html_escape.hpp"
#include "html_sanitizer.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

constexpr std::string_view kSvgNamespace = "http://www.w3.org/2000/svg";
constexpr std::string_view kXlinkNamespace = "http://www.w3.org/1999/xlink";

// SVG is case-sensitive: names as the specification spells them.
constexpr std::string_view kElements =
    " a animate animateMotion animateTransform circle clipPath defs desc ellipse feBlend feColorMatrix"
    " feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight"
    " feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge feMergeNode"
    " feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence filter g image"
    " line linearGradient marker mask mpath path pattern polygon polyline radialGradient rect set stop style"
    " svg switch symbol text textPath title tspan use view ";

constexpr std::string_view kAttributes =
    " id class style transform fill fill-opacity fill-rule stroke stroke-width stroke-opacity stroke-linecap"
    " stroke-linejoin stroke-miterlimit stroke-dasharray stroke-dashoffset opacity x y x1 y1 x2 y2 cx cy r rx"
    " ry fx fy fr width height d points viewBox preserveAspectRatio version baseProfile font-family font-size"
    " font-weight font-style font-variant font-stretch text-anchor dominant-baseline alignment-baseline"
    " baseline-shift letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi dx dy"
    " rotate textLength lengthAdjust display visibility overflow clip clip-path clip-rule mask filter color"
    " color-interpolation color-interpolation-filters color-rendering shape-rendering text-rendering"
    " image-rendering vector-effect paint-order marker-start marker-mid marker-end markerWidth markerHeight"
    " markerUnits refX refY orient offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod"
    " patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits filterUnits"
    " primitiveUnits in in2 result stdDeviation mode type values operator k1 k2 k3 k4 scale xChannelSelector"
    " yChannelSelector baseFrequency numOctaves seed stitchTiles radius flood-color flood-opacity"
    " lighting-color surfaceScale diffuseConstant specularConstant specularExponent kernelMatrix order divisor"
    " bias targetX targetY edgeMode kernelUnitLength preserveAlpha azimuth elevation pointsAtX pointsAtY"
    " pointsAtZ limitingConeAngle z tableValues slope intercept amplitude exponent href xlink:href xlink:title"
    " xml:space xml:lang lang systemLanguage pathLength startOffset method spacing side attributeName"
    " attributeType begin dur end min max restart repeatCount repeatDur calcMode keyTimes keySplines keyPoints"
    " from to by additive accumulate path xmlns xmlns:xlink role aria-label aria-hidden aria-labelledby"
    " aria-describedby pointer-events mix-blend-mode isolation enable-background ";

// Elements that run script or embed documents: their presence refuses the file.
constexpr std::string_view kRefusedElements = " script foreignobject handler listener iframe object embed ";

// The words of one of the lists above, as a set (built once; lookups stay O(1) per name).
bool listed(std::string_view list, std::string_view name) {
  static const auto split = [](std::string_view words) {
    std::unordered_set<std::string_view> set;
    for (std::size_t i = 0; i < words.size();) {
      const auto end = words.find(' ', i);
      if (end > i) set.insert(words.substr(i, end - i));
      i = end + 1;
    }
    return set;
  };
  static const std::unordered_set<std::string_view> elements = split(kElements), attributes = split(kAttributes),
                                                    refused = split(kRefusedElements);
  const auto& set = list.data() == kElements.data() ? elements : list.data() == kAttributes.data() ? attributes : refused;
  return set.count(name) > 0;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }


std::string_view local_name(std::string_view name) {
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// CSS that would fetch something: url() to anything but #fragment, @import, image-set(),
// or escapes that could spell those.
bool css_loads_url(std::string_view css, bool escapes_matter) {
  const std::string lower = lower_ascii(css);
  if (lower.find("@import") != std::string::npos || lower.find("image-set(") != std::string::npos) return true;
  if (escapes_matter && lower.find('\\') != std::string::npos) return true;
  for (auto i = lower.find("url("); i != std::string::npos; i = lower.find("url(", i + 4)) {
    std::size_t j = i + 4;
    while (j < lower.size() && (is_space(lower[j]) || lower[j] == '"' || lower[j] == '\'')) ++j;
    if (j >= lower.size() || lower[j] != '#') return true;
  }
  return false;
}

// XML character references: the five predefined names and numbers. False on any other name.
bool decode_xml(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    const auto semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return false;
    const std::string_view name = text.substr(i + 1, semi - i - 1);
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name.size() > 1 && name[0] == '#') out += decode_entities(text.substr(i, semi + 1 - i));
    else return false;
    i = semi + 1;
  }
  return true;
}


struct Attribute {
  std::string name;
  std::string value;  // decoded
};

class SvgReader {
 public:
  explicit SvgReader(std::string_view in) : in_(in) {}

  SvgSanitized run() {
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    while (pos_ < in_.size() && !failed()) step();
    if (failed()) return result_;
    if (!open_.empty()) return fail("<" + open_.back() + "> is never closed", pos_);
    if (!seen_root_) return fail("there is no <svg> element", 0);
    result_.svg = std::move(out_);
    return result_;
  }

 private:
  bool failed() const { return !result_.problem.empty(); }
  bool skipping() const { return skip_from_ < open_.size(); }

  SvgSanitized fail(std::string problem, std::size_t at) {
    result_.problem = std::move(problem);
    result_.line = 1 + static_cast<int>(std::count(in_.begin(), in_.begin() + static_cast<long>(std::min(at, in_.size())), '\n'));
    result_.svg.clear();
    return result_;
  }

  void step() {
    if (in_[pos_] != '<') return text();
    const std::string_view rest = in_.substr(pos_);
    if (rest.substr(0, 4) == "<!--") return skip_past("-->", "a comment is never closed");
    if (rest.substr(0, 9) == "<![CDATA[") return cdata();
    if (rest.substr(0, 2) == "<!") return doctype();
    if (rest.substr(0, 2) == "<?") return processing_instruction();
    if (rest.substr(0, 2) == "</") return end_tag();
    start_tag();
  }

  void skip_past(std::string_view terminator, const char* problem) {
    const auto end = in_.find(terminator, pos_);
    if (end == std::string_view::npos) {
      fail(problem, pos_);
      return;
    }
    pos_ = end + terminator.size();
  }

  void emit_text(std::string_view decoded, std::size_t at) {
    if (open_.empty()) {
      if (std::any_of(decoded.begin(), decoded.end(), [](char c) { return !is_space(c); })) fail("text outside the <svg> element", at);
      return;
    }
    if (open_.back() == "style" && css_loads_url(decoded, true))
      return (void)fail("its <style> loads a URL (url(), @import or a CSS escape); only url(#id) is accepted", at);
    if (!skipping()) append_escaped_html(out_, decoded);
  }

  void text() {
    const auto end = std::min(in_.find('<', pos_), in_.size());
    std::string decoded;
    if (!decode_xml(in_.substr(pos_, end - pos_), decoded)) return (void)fail("an unknown entity (only &amp; &lt; &gt; &quot; &apos; and numbers are XML's own)", pos_);
    emit_text(decoded, pos_);
    pos_ = end;
  }

  void cdata() {
    const auto end = in_.find("]]>", pos_);
    if (end == std::string_view::npos) return (void)fail("a CDATA section is never closed", pos_);
    emit_text(in_.substr(pos_ + 9, end - pos_ - 9), pos_);
    pos_ = end + 3;
  }

  void doctype() {
    const auto end = in_.find('>', pos_);
    if (in_.substr(pos_, end == std::string_view::npos ? std::string_view::npos : end - pos_).find('[') != std::string_view::npos)
      return (void)fail("its DOCTYPE declares entities, which can expand or fetch; remove the DOCTYPE", pos_);
    if (end == std::string_view::npos || seen_root_) return (void)fail("a DOCTYPE that is not at the start", pos_);
    pos_ = end + 1;  // dropped: browsers do not read external DTDs
  }

  void processing_instruction() {
    const auto end = in_.find("?>", pos_);
    if (end == std::string_view::npos) return (void)fail("a processing instruction is never closed", pos_);
    const std::string_view body = in_.substr(pos_ + 2, end - pos_ - 2);
    const std::string lower = lower_ascii(body);
    const bool declaration = lower.substr(0, 3) == "xml" && (lower.size() == 3 || is_space(lower[3]));
    if (!declaration || seen_root_)
      return (void)fail("a processing instruction (<?" + std::string(body.substr(0, body.find(' '))) + "?>), which can apply a stylesheet; remove it", pos_);
    const auto encoding = lower.find("encoding");
    if (encoding != std::string::npos && lower.find("utf-8", encoding) == std::string::npos)
      return (void)fail("it is not encoded as UTF-8; save it as UTF-8", pos_);
    pos_ = end + 2;
  }

  void end_tag() {
    const auto end = in_.find('>', pos_);
    if (end == std::string_view::npos) return (void)fail("an end tag is never closed", pos_);
    std::string_view name = in_.substr(pos_ + 2, end - pos_ - 2);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    if (open_.empty() || open_.back() != name)
      return (void)fail("</" + std::string(name) + "> does not close " + (open_.empty() ? std::string("anything") : "<" + open_.back() + ">"), pos_);
    if (!skipping()) out_ += "</" + open_.back() + ">";
    open_.pop_back();
    if (skip_from_ >= open_.size()) skip_from_ = static_cast<std::size_t>(-1);
    pos_ = end + 1;
  }

  bool read_attributes(std::vector<Attribute>& attributes, bool& self_closing) {
    while (true) {
      while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
      if (pos_ >= in_.size()) return false;
      if (in_[pos_] == '>' || in_.substr(pos_, 2) == "/>") {
        self_closing = in_[pos_] == '/';
        pos_ += self_closing ? 2 : 1;
        return true;
      }
      const std::size_t start = pos_;
      while (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '=' && in_[pos_] != '>' && in_[pos_] != '/') ++pos_;
      Attribute a{std::string(in_.substr(start, pos_ - start)), {}};
      while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
      if (a.name.empty() || pos_ >= in_.size() || in_[pos_] != '=') return false;
      ++pos_;
      while (pos_ < in_.size() && is_space(in_[pos_])) ++pos_;
      if (pos_ >= in_.size() || (in_[pos_] != '"' && in_[pos_] != '\'')) return false;
      const auto close = in_.find(in_[pos_], pos_ + 1);
      if (close == std::string_view::npos || !decode_xml(in_.substr(pos_ + 1, close - pos_ - 1), a.value)) return false;
      pos_ = close + 1;
      attributes.push_back(std::move(a));
    }
  }

  // Why an attribute refuses the file, or "".
  static std::string attribute_problem(std::string_view element, const Attribute& a) {
    const std::string lower = lower_ascii(a.name);
    if (lower.rfind("on", 0) == 0) return "it has an event handler (" + a.name + "), which runs script";
    if (lower == "xmlns" && a.value != kSvgNamespace) return "it puts elements in another namespace (xmlns=\"" + a.value + "\")";
    if ((lower == "xmlns:svg" && a.value != kSvgNamespace) || (lower == "xmlns:xlink" && a.value != kXlinkNamespace))
      return "it redefines the " + a.name.substr(6) + " namespace";
    if (local_name(lower) == "href") {
      std::string url = lower_ascii(a.value);
      std::replace(url.begin(), url.end(), '\\', '/');  // browsers read \\host as //host
      const bool allowed = element == "a" ? is_allowed_url(a.value, false)
                           : !url.empty() && url[0] == '#' ? true
                           : url.rfind("//", 0) == 0 || url.rfind("http", 0) == 0 ? false
                           : is_allowed_url(a.value, true);
      if (!allowed) return "it links to " + a.value.substr(0, 60) + " from <" + std::string(element) + ">: only #ids, relative files and data: images are accepted";
    }
    if (lower == "attributename") {
      const std::string target = lower_ascii(a.value);
      if (local_name(target) == "href" || target.rfind("on", 0) == 0) return "it animates " + a.value + ", which can turn into a script link";
    }
    if (css_loads_url(a.value, lower == "style" || a.value.find('(') != std::string::npos))
      return "its " + a.name + " attribute loads a URL (url(), @import or a CSS escape); only url(#id) is accepted";
    return {};
  }

  void start_tag() {
    const std::size_t at = pos_;
    ++pos_;
    const std::size_t start = pos_;
    while (pos_ < in_.size() && !is_space(in_[pos_]) && in_[pos_] != '>' && in_[pos_] != '/') ++pos_;
    const std::string name(in_.substr(start, pos_ - start));
    const std::string_view local = local_name(name);
    if (name.empty()) return (void)fail("a '<' that starts no tag (write &lt;)", at);
    if (listed(kRefusedElements, lower_ascii(local))) return (void)fail("it has a <" + name + "> element, which runs script or embeds a document", at);
    if (seen_root_ && open_.empty()) return (void)fail("a second root element <" + name + ">", at);
    if (!seen_root_ && local != "svg") return (void)fail("its root element is <" + name + ">, not <svg>", at);
    seen_root_ = true;
    std::vector<Attribute> attributes;
    bool self_closing = false;
    if (!read_attributes(attributes, self_closing)) return (void)fail("a malformed tag <" + name + "> (attributes need quoted values)", at);
    for (const Attribute& a : attributes)
      if (std::string problem = attribute_problem(local, a); !problem.empty()) return (void)fail(problem, at);
    const bool kept = !skipping() && (name == local || name.rfind("svg:", 0) == 0) && listed(kElements, local);
    if (kept) {
      out_ += "<" + name;
      for (const Attribute& a : attributes) {
        if (!listed(kAttributes, a.name)) continue;
        out_ += " " + a.name + "=\"";
        append_escaped_html(out_, a.value);
        out_ += "\"";
      }
      out_ += self_closing ? "/>" : ">";
    }
    if (self_closing) return;
    if (!kept && !skipping()) skip_from_ = open_.size();
    open_.push_back(name);
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
  std::vector<std::string> open_;
  std::size_t skip_from_ = static_cast<std::size_t>(-1);  // open_ index of the dropped element we are inside
  bool seen_root_ = false;
  SvgSanitized result_;
};

}  // namespace

SvgSanitized sanitize_svg(std::string_view bytes) { return SvgReader(bytes).run(); }

}  // namespace logbook
