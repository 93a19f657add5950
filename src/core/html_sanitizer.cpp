#include "html_sanitizer.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "html_escape.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

enum class Kind { element, void_element, drop_with_content, drop_void };

struct Rule {
  std::string_view tag;
  Kind kind;
  std::string_view attributes;  // space-separated, besides the global ones
};

// Sorted by tag. Tags not here are dropped and their text kept.
constexpr std::array kRules{
    Rule{"a", Kind::element, "href"},
    Rule{"abbr", Kind::element, ""},
    Rule{"applet", Kind::drop_with_content, ""},
    Rule{"b", Kind::element, ""},
    Rule{"base", Kind::drop_void, ""},
    Rule{"blockquote", Kind::element, "cite"},
    Rule{"br", Kind::void_element, ""},
    Rule{"button", Kind::drop_with_content, ""},
    Rule{"caption", Kind::element, ""},
    Rule{"cite", Kind::element, ""},
    Rule{"code", Kind::element, ""},
    Rule{"col", Kind::void_element, "span"},
    Rule{"colgroup", Kind::element, "span"},
    Rule{"dd", Kind::element, ""},
    Rule{"del", Kind::element, "cite"},
    Rule{"details", Kind::element, "open"},
    Rule{"dfn", Kind::element, ""},
    Rule{"div", Kind::element, ""},
    Rule{"dl", Kind::element, ""},
    Rule{"dt", Kind::element, ""},
    Rule{"em", Kind::element, ""},
    Rule{"embed", Kind::drop_void, ""},
    Rule{"figcaption", Kind::element, ""},
    Rule{"figure", Kind::element, ""},
    Rule{"form", Kind::drop_with_content, ""},
    Rule{"frame", Kind::drop_void, ""},
    Rule{"frameset", Kind::drop_with_content, ""},
    Rule{"h1", Kind::element, ""},
    Rule{"h2", Kind::element, ""},
    Rule{"h3", Kind::element, ""},
    Rule{"h4", Kind::element, ""},
    Rule{"h5", Kind::element, ""},
    Rule{"h6", Kind::element, ""},
    Rule{"head", Kind::drop_with_content, ""},
    Rule{"hr", Kind::void_element, ""},
    Rule{"i", Kind::element, ""},
    Rule{"iframe", Kind::drop_with_content, ""},
    Rule{"img", Kind::void_element, "src alt width height loading"},
    Rule{"input", Kind::drop_void, ""},
    Rule{"ins", Kind::element, "cite"},
    Rule{"kbd", Kind::element, ""},
    Rule{"li", Kind::element, "value"},
    Rule{"link", Kind::drop_void, ""},
    Rule{"mark", Kind::element, ""},
    Rule{"math", Kind::drop_with_content, ""},
    Rule{"meta", Kind::drop_void, ""},
    Rule{"noembed", Kind::drop_with_content, ""},
    Rule{"noframes", Kind::drop_with_content, ""},
    Rule{"noscript", Kind::drop_with_content, ""},
    Rule{"object", Kind::drop_with_content, ""},
    Rule{"ol", Kind::element, "start type reversed"},
    Rule{"option", Kind::drop_with_content, ""},
    Rule{"p", Kind::element, ""},
    Rule{"param", Kind::drop_void, ""},
    Rule{"picture", Kind::element, ""},
    Rule{"plaintext", Kind::drop_with_content, ""},
    Rule{"pre", Kind::element, ""},
    Rule{"q", Kind::element, "cite"},
    Rule{"rp", Kind::element, ""},
    Rule{"rt", Kind::element, ""},
    Rule{"ruby", Kind::element, ""},
    Rule{"s", Kind::element, ""},
    Rule{"samp", Kind::element, ""},
    Rule{"script", Kind::drop_with_content, ""},
    Rule{"select", Kind::drop_with_content, ""},
    Rule{"small", Kind::element, ""},
    Rule{"source", Kind::void_element, "srcset"},
    Rule{"span", Kind::element, ""},
    Rule{"strike", Kind::element, ""},
    Rule{"strong", Kind::element, ""},
    Rule{"style", Kind::drop_with_content, ""},
    Rule{"sub", Kind::element, ""},
    Rule{"summary", Kind::element, ""},
    Rule{"sup", Kind::element, ""},
    Rule{"svg", Kind::drop_with_content, ""},
    Rule{"table", Kind::element, ""},
    Rule{"tbody", Kind::element, ""},
    Rule{"td", Kind::element, "colspan rowspan"},
    Rule{"template", Kind::drop_with_content, ""},
    Rule{"textarea", Kind::drop_with_content, ""},
    Rule{"tfoot", Kind::element, ""},
    Rule{"th", Kind::element, "colspan rowspan"},
    Rule{"thead", Kind::element, ""},
    Rule{"title", Kind::drop_with_content, ""},
    Rule{"tr", Kind::element, ""},
    Rule{"tt", Kind::element, ""},
    Rule{"u", Kind::element, ""},
    Rule{"ul", Kind::element, ""},
    Rule{"var", Kind::element, ""},
    Rule{"wbr", Kind::void_element, ""},
    Rule{"xmp", Kind::drop_with_content, ""},
};

// Allowed on every allowed element. id and name are prefixed (see fragment()).
constexpr std::string_view kGlobalAttributes = "align lang dir title id name";

const Rule* find_rule(std::string_view tag) {
  const auto it = std::lower_bound(kRules.begin(), kRules.end(), tag, [](const Rule& r, std::string_view t) { return r.tag < t; });
  return it != kRules.end() && it->tag == tag ? &*it : nullptr;
}

bool in_list(std::string_view list, std::string_view word) {
  for (std::size_t start = 0; start < list.size();) {
    std::size_t end = list.find(' ', start);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(start, end - start) == word) return true;
    start = end + 1;
  }
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }



// Length of a character reference at text[0] ('&'), or 0 if it is not one. Bounded, so
// a flood of '&' stays linear.
std::size_t reference_length(std::string_view text) {
  std::size_t i = 1;
  const std::size_t limit = std::min<std::size_t>(text.size(), 40);
  if (i < limit && text[i] == '#') {
    ++i;
    const bool hex = i < limit && (text[i] == 'x' || text[i] == 'X');
    if (hex) ++i;
    const std::size_t digits = i;
    while (i < limit && (hex ? std::isxdigit(static_cast<unsigned char>(text[i])) : std::isdigit(static_cast<unsigned char>(text[i])))) ++i;
    if (i == digits) return 0;
  } else {
    const std::size_t name = i;
    while (i < limit && is_alnum(text[i])) ++i;
    if (i == name) return 0;
  }
  return i < limit && text[i] == ';' ? i + 1 : 0;
}

struct Attribute {
  std::string name;   // lowercased
  std::string value;  // entities decoded
};

// A tag as the HTML tokenizer reads it; `end` is past its '>' (npos: the input ends
// inside the tag, and a browser would drop what follows).
struct Tag {
  std::string name;
  std::vector<Attribute> attributes;
  bool closing = false;
  std::size_t end = std::string_view::npos;
};

Tag read_tag(std::string_view html, std::size_t i) {
  Tag tag;
  tag.closing = html[i + 1] == '/';
  i += tag.closing ? 2 : 1;
  const std::size_t name = i;
  while (i < html.size() && !is_space(html[i]) && html[i] != '/' && html[i] != '>') ++i;
  tag.name = lower_ascii(html.substr(name, i - name));
  while (i < html.size()) {
    while (i < html.size() && (is_space(html[i]) || html[i] == '/')) ++i;
    if (i >= html.size()) return tag;
    if (html[i] == '>') {
      tag.end = i + 1;
      return tag;
    }
    const std::size_t start = i++;  // a leading '=' belongs to the name, as in browsers
    while (i < html.size() && !is_space(html[i]) && html[i] != '/' && html[i] != '>' && html[i] != '=') ++i;
    Attribute attribute{lower_ascii(html.substr(start, i - start)), {}};
    std::size_t j = i;
    while (j < html.size() && is_space(html[j])) ++j;
    if (j < html.size() && html[j] == '=') {
      ++j;
      while (j < html.size() && is_space(html[j])) ++j;
      if (j >= html.size()) return tag;
      std::size_t value_end;
      if (html[j] == '"' || html[j] == '\'') {
        value_end = html.find(html[j], j + 1);
        if (value_end == std::string_view::npos) return tag;
        attribute.value = decode_entities(html.substr(j + 1, value_end - j - 1));
        i = value_end + 1;
      } else {
        value_end = j;
        while (value_end < html.size() && !is_space(html[value_end]) && html[value_end] != '>') ++value_end;
        attribute.value = decode_entities(html.substr(j, value_end - j));
        i = value_end;
      }
    }
    const bool seen = std::any_of(tag.attributes.begin(), tag.attributes.end(), [&](const Attribute& a) { return a.name == attribute.name; });
    if (!seen && tag.attributes.size() < 64) tag.attributes.push_back(std::move(attribute));  // the first one wins, as in browsers
  }
  return tag;
}

// Browsers drop tabs and newlines anywhere in a URL and other controls around it.
std::string clean_url(std::string_view url) {
  std::string out;
  for (char c : url)
    if (static_cast<unsigned char>(c) > 0x20 || c == ' ') out += c;
  while (!out.empty() && out.back() == ' ') out.pop_back();
  const auto first = out.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : out.substr(first);
}

bool allowed_srcset(std::string_view srcset) {
  for (std::size_t start = 0; start < srcset.size();) {
    std::size_t end = srcset.find(',', start);
    if (end == std::string_view::npos) end = srcset.size();
    std::string candidate = clean_url(srcset.substr(start, end - start));
    candidate = candidate.substr(0, candidate.find(' '));
    if (!candidate.empty() && !is_allowed_url(candidate, true)) return false;
    start = end + 1;
  }
  return true;
}

// The attribute as it may appear on `rule`'s element, or "" to drop it.
std::string allowed_attribute(const Rule& rule, const Attribute& a) {
  if (!in_list(kGlobalAttributes, a.name) && !in_list(rule.attributes, a.name)) return {};
  std::string value = a.value;
  if (a.name == "href" || a.name == "src" || a.name == "cite") {
    value = clean_url(value);
    if (!is_allowed_url(value, a.name == "src")) return {};
  } else if (a.name == "srcset" && !allowed_srcset(value)) {
    return {};
  } else if ((a.name == "id" || a.name == "name") && value.rfind(kUserContentPrefix, 0) != 0) {
    value.insert(0, kUserContentPrefix);
  }
  std::string out = " " + a.name + "=\"";
  append_escaped_html(out, value);
  return out + "\"";
}

std::string start_tag(const Rule& rule, const Tag& tag) {
  std::string out = "<" + std::string(rule.tag);
  for (const Attribute& a : tag.attributes) out += allowed_attribute(rule, a);
  return out + ">";
}

// Where the content of a dropped element ends: past its end tag, or the end of input.
std::size_t skip_content(std::string_view html, std::size_t from, std::string_view tag) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (i + 2 + tag.size() > html.size()) break;
    bool match = true;
    for (std::size_t k = 0; k < tag.size() && match; ++k) match = lower(html[i + 2 + k]) == tag[k];
    const std::size_t after = i + 2 + tag.size();
    if (match && (after == html.size() || is_space(html[after]) || html[after] == '>' || html[after] == '/')) {
      const std::size_t end = html.find('>', after);
      return end == std::string_view::npos ? html.size() : end + 1;
    }
  }
  return html.size();
}

// Past a comment, doctype, processing instruction or CDATA section at html[i].
std::size_t skip_markup_declaration(std::string_view html, std::size_t i) {
  std::string_view terminator = ">";
  if (html.substr(i, 4) == "<!--") terminator = "-->";
  else if (html.substr(i, 9) == "<![CDATA[") terminator = "]]>";
  const std::size_t end = html.find(terminator, i + 2);
  return end == std::string_view::npos ? html.size() : end + terminator.size();
}

}  // namespace

void HtmlSanitizer::open_element(std::string_view tag, const void* scope) {
  open_.push_back({tag, scope});
  ++open_count_[{scope, tag}];
}

void HtmlSanitizer::end_tag(std::string_view tag, const void* scope, std::string& out) {
  const auto count = open_count_.find({scope, tag});
  if (count == open_count_.end() || count->second == 0) return;  // stray: dropped
  // The element is in this scope's run at the top of the stack; what is open inside it closes too.
  while (!open_.empty()) {
    const Open top = open_.back();
    open_.pop_back();
    --open_count_[{top.scope, top.tag}];
    out += "</" + std::string(top.tag) + ">";
    if (top.tag == tag) return;
  }
}

std::string HtmlSanitizer::close(const void* scope) {
  std::string out;
  while (!open_.empty() && open_.back().scope == scope) {
    --open_count_[{scope, open_.back().tag}];
    out += "</" + std::string(open_.back().tag) + ">";
    open_.pop_back();
  }
  return out;
}

std::string HtmlSanitizer::fragment(std::string_view html, const void* scope) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '&') {
      const std::size_t n = reference_length(html.substr(i));
      out += n ? html.substr(i, n) : std::string_view("&amp;");
      i += n ? n : 1;
      continue;
    }
    if (c == '>') {
      out += "&gt;";
      ++i;
      continue;
    }
    if (c != '<') {
      out += c;
      ++i;
      continue;
    }
    const char next = i + 1 < html.size() ? html[i + 1] : '\0';
    if (next == '!' || next == '?' || (next == '/' && i + 2 < html.size() && !is_alpha(html[i + 2]) && html[i + 2] != '>')) {
      i = skip_markup_declaration(html, i);
      continue;
    }
    if (!is_alpha(next) && next != '/') {
      out += "&lt;";
      ++i;
      continue;
    }
    const Tag tag = read_tag(html, i);
    if (tag.end == std::string_view::npos) break;  // an unfinished tag: the rest is inside it
    i = tag.end;
    const Rule* rule = find_rule(tag.name);
    if (!rule) continue;  // unknown: the tag goes, its text stays
    if (tag.closing) {
      if (rule->kind == Kind::element) end_tag(rule->tag, scope, out);
      continue;
    }
    switch (rule->kind) {
      case Kind::element:
        out += start_tag(*rule, tag);
        open_element(rule->tag, scope);
        break;
      case Kind::void_element:
        out += start_tag(*rule, tag);
        break;
      case Kind::drop_with_content:
        i = skip_content(html, i, rule->tag);
        break;
      case Kind::drop_void:
        break;
    }
  }
  return out;
}

std::string sanitize_html(std::string_view html) {
  HtmlSanitizer sanitizer;
  std::string out = sanitizer.fragment(html);
  return out + sanitizer.close();
}

bool is_allowed_url(std::string_view url, bool image) {
  const std::size_t end = url.find_first_of(":/?#");
  if (end == std::string_view::npos || url[end] != ':') return true;  // relative, or a fragment
  const std::string scheme = lower_ascii(url.substr(0, end));
  if (scheme == "http" || scheme == "https") return true;
  if (!image) return scheme == "mailto";
  if (scheme != "data") return false;
  const std::string rest = lower_ascii(url.substr(end + 1, 16));
  for (std::string_view type : {"image/png", "image/gif", "image/jpeg", "image/webp"})
    if (rest.rfind(type, 0) == 0 && rest.size() > type.size() && (rest[type.size()] == ';' || rest[type.size()] == ',')) return true;
  return false;
}

std::string decode_entities(std::string_view text) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"},   {"lt", "<"},      {"gt", ">"},   {"quot", "\""},  {"apos", "'"},  {"nbsp", "\xC2\xA0"},
      {"colon", ":"}, {"Tab", "\t"},    {"NewLine", "\n"}, {"sol", "/"}, {"lpar", "("}, {"rpar", ")"},
      {"period", "."}, {"comma", ","}, {"excl", "!"}, {"num", "#"},   {"quest", "?"}, {"equals", "="},
      {"semi", ";"},  {"percnt", "%"}, {"plus", "+"}, {"copy", "\xC2\xA9"}, {"mdash", "\xE2\x80\x94"},
      {"ndash", "\xE2\x80\x93"}, {"hellip", "\xE2\x80\xA6"}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = text[i] == '&' ? reference_length(text.substr(i)) : 0;
    if (n == 0) {
      out += text[i++];
      continue;
    }
    const std::string_view body = text.substr(i + 1, n - 2);
    if (body[0] == '#') {
      const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
      unsigned long code = 0;
      for (char d : body.substr(hex ? 2 : 1)) {
        code = code * (hex ? 16 : 10) + static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(d)) ? d - '0' : lower(d) - 'a' + 10);
        if (code > 0x10FFFF) break;
      }
      const char32_t cp = code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) ? 0xFFFD : static_cast<char32_t>(code);
      append_utf8(out, cp);
    } else {
      const auto* named = std::find_if(std::begin(kNamed), std::end(kNamed), [&](const auto& e) { return e.first == body; });
      out += named != std::end(kNamed) ? named->second : text.substr(i, n);
    }
    i += n;
  }
  return out;
}

}  // namespace logbook
