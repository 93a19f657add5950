#include "query_parser.hpp"

#include <algorithm>

#include "calendar_date.hpp"
#include "limits.hpp"
#include "slug.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Letters and digits of any script count; ASCII punctuation does not. FTS5's
// tokenizer splits on the rest, so a term of punctuation alone would match nothing.
bool has_word_character(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z')) return true;
  }
  return false;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += "\"\"";
    else out += c;
  }
  out += '"';
  return out;
}

std::string term_to_fts5(const QueryTerm& t) { return quote(t.text) + (t.prefix ? "*" : ""); }

// A query is whatever a reader pastes. It is cut to limits::kQueryBytes, before the word
// the limit falls in (or, in a single longer word, at a character boundary), and control
// characters, NUL included, become spaces: FTS5 would stop at a NUL inside a quoted term
// and answer "unterminated string".
std::string bounded_query(std::string_view text) {
  if (text.size() > limits::kQueryBytes) {
    std::size_t end = limits::kQueryBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    const auto space = text.find_last_of(" \t\n", end);
    if (space != std::string_view::npos && space > 0 && space < end) end = space + 1;  // whole words
    text = text.substr(0, end);
  }
  std::string out(text);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7F') c = ' ';
  return out;
}

// Two terms that give FTS5 the same condition (it quotes every term and folds case).
bool same_term(const QueryTerm& a, const QueryTerm& b) {
  return a.prefix == b.prefix && lower_ascii(a.text) == lower_ascii(b.text);
}

bool same_filter(const QueryFilter& a, const QueryFilter& b) {
  return a.key == b.key && a.value == b.value && a.negated == b.negated;
}

// Each distinct term or filter is one more condition for FTS5 and SQLite to evaluate;
// a pasted paragraph repeating a word thousands of times took seconds. Repeats count
// once and past limits::kQueryTerms the rest of the query is left out.
struct TermCounter {
  std::size_t count = 0;
  bool full() const { return count >= limits::kQueryTerms; }
};

struct Token {
  std::string text;
  bool quoted = false;
  bool closed = true;   // for quoted tokens: was the closing quote typed
  bool negated = false;
  bool at_end = false;  // nothing typed after it (not even a space)
  bool trailing_space = false;
  bool filter_quoted = false;  // key:"quoted value"
};

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    if (i >= s.size()) break;
    Token t;
    if (s[i] == '-' || s[i] == '!') {
      t.negated = true;
      ++i;
    } else if (s[i] == '+') {
      ++i;
    }
    if (i < s.size() && s[i] == '"') {
      t.quoted = true;
      const auto close = s.find('"', i + 1);
      t.closed = close != std::string_view::npos;
      const std::size_t end = t.closed ? close : s.size();
      t.text = std::string(s.substr(i + 1, end - i - 1));
      // An unclosed phrase ending in a space has its last word finished.
      t.trailing_space = !t.text.empty() && is_space(t.text.back());
      while (!t.text.empty() && is_space(t.text.back())) t.text.pop_back();
      i = t.closed ? close + 1 : s.size();
    } else {
      const std::size_t start = i;
      while (i < s.size() && !is_space(s[i]) && s[i] != '"') ++i;
      t.text = std::string(s.substr(start, i - start));
      // owner:"Ana Lima": a filter's quoted value belongs to the filter.
      if (i < s.size() && s[i] == '"' && t.text.size() > 1 && t.text.back() == ':') {
        const auto close = s.find('"', i + 1);
        const std::size_t end = close == std::string_view::npos ? s.size() : close;
        t.text += std::string(s.substr(i + 1, end - i - 1));
        t.filter_quoted = true;
        i = close == std::string_view::npos ? s.size() : close + 1;
      }
    }
    t.at_end = i >= s.size();
    tokens.push_back(std::move(t));
  }
  return tokens;
}

bool is_filter_key(std::string_view key) {
  const std::string k = lower_ascii(key);
  for (const char* known : kFilterKeys)
    if (k == known) return true;
  return false;
}

// "2026" -> "2026-01-01", "2026-03" -> "2026-03-01"; "" unless a valid date results.
std::string complete_date(std::string_view v) {
  std::string date(v);
  if (date.size() == 4) date += "-01-01";
  else if (date.size() == 7) date += "-01";
  return is_iso_date(date) ? date : std::string();
}

}  // namespace

std::optional<QueryFilter> parse_filter(std::string_view token) {
  const auto colon = token.find(':');
  if (colon == std::string_view::npos || !is_filter_key(token.substr(0, colon))) return std::nullopt;
  QueryFilter f;
  f.key = lower_ascii(token.substr(0, colon));
  f.value = std::string(token.substr(colon + 1));
  while (!f.value.empty() && is_space(f.value.back())) f.value.pop_back();
  if (f.value.empty()) return std::nullopt;
  if (f.key == "status" || f.key == "type") f.value = lower_ascii(f.value);
  if (f.key == "type") {
    if (f.value == "decisions" || f.value == "adr" || f.value == "record") f.value = "decision";
    if (f.value == "pages") f.value = "page";
    if (f.value != "decision" && f.value != "page") return std::nullopt;
  }
  if (f.key == "after" || f.key == "before") {
    f.value = complete_date(f.value);
    if (f.value.empty()) return std::nullopt;
  }
  return f;
}

ParsedQuery parse_query(std::string_view typed) {
  ParsedQuery q;
  const std::vector<Token> tokens = tokenize(bounded_query(typed));
  TermCounter terms;
  bool dropped = false;  // the last word was left out, so alternatives OR-ed to it are too
  bool join_with_or = false;
  bool negate_next = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& tok = tokens[i];
    if (!tok.quoted && !tok.negated) {
      if (tok.text == "OR" || tok.text == "|" || tok.text == "||") {
        join_with_or = !q.groups.empty();
        continue;
      }
      if (tok.text == "AND" || tok.text == "&&") continue;
      if (tok.text == "NOT") {
        negate_next = true;
        continue;
      }
    }
    if (!tok.quoted) {
      const auto colon = tok.text.find(':');
      if (colon != std::string::npos && is_filter_key(tok.text.substr(0, colon))) {
        if (auto filter = parse_filter(tok.text)) {
          filter->negated = tok.negated || negate_next;
          const bool seen = std::any_of(q.filters.begin(), q.filters.end(),
                                        [&](const QueryFilter& f) { return same_filter(f, *filter); });
          if (!seen && !terms.full()) {
            ++terms.count;
            q.filters.push_back(std::move(*filter));
          }
        }
        negate_next = false;
        join_with_or = false;
        continue;
      }
    }
    if (!has_word_character(tok.text)) continue;
    QueryTerm term;
    term.text = tok.text;
    term.phrase = tok.quoted;
    term.negated = tok.negated || negate_next;
    negate_next = false;
    // The word being typed is a prefix: the last token, with no space after it, and
    // not a phrase whose closing quote was typed.
    term.prefix = tok.at_end && !term.negated && (!tok.quoted || (!tok.closed && !tok.trailing_space));
    const auto is_same = [&](const QueryTerm& t) { return same_term(t, term); };
    if (term.negated) {
      if (std::none_of(q.excluded.begin(), q.excluded.end(), is_same) && !terms.full()) {
        ++terms.count;
        q.excluded.push_back(std::move(term));
      }
      join_with_or = false;
      continue;
    }
    // A repeated alternative adds nothing; nor does a repeated word that must match
    // ("x x OR y" asks for x and for x or y: for x).
    if (join_with_or && dropped) {
      join_with_or = false;
      continue;
    }
    const bool seen = join_with_or ? std::any_of(q.groups.back().begin(), q.groups.back().end(), is_same)
                                   : std::any_of(q.groups.begin(), q.groups.end(), [&](const std::vector<QueryTerm>& g) {
                                       return g.size() == 1 && is_same(g.front());
                                     });
    if (!seen && !terms.full()) {
      ++terms.count;
      if (join_with_or) q.groups.back().push_back(std::move(term));
      else q.groups.push_back({std::move(term)});
    }
    if (!join_with_or) dropped = seen || terms.full();
    join_with_or = false;
  }
  return q;
}

std::string ParsedQuery::positive_fts5() const {
  std::string out;
  for (const auto& group : groups) {
    if (!out.empty()) out += " AND ";
    if (group.size() == 1) {
      out += term_to_fts5(group.front());
      continue;
    }
    out += '(';
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (i) out += " OR ";
      out += term_to_fts5(group[i]);
    }
    out += ')';
  }
  return out;
}

std::string ParsedQuery::excluded_fts5() const {
  std::string out;
  for (const QueryTerm& t : excluded) out += " NOT " + term_to_fts5(t);
  return out;
}

std::string ParsedQuery::to_fts5() const {
  if (groups.empty()) return {};
  return positive_fts5() + excluded_fts5();
}

std::vector<std::string> ParsedQuery::words() const {
  std::vector<std::string> out;
  for (const auto& group : groups) {
    for (const QueryTerm& t : group) {
      std::string word;
      for (std::size_t i = 0; i < t.text.size();) {
        const char32_t cp = next_code_point(t.text, i);
        const bool separator = cp < 0x80 && !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
        if (separator) {
          if (!word.empty()) out.push_back(std::move(word));
          word.clear();
        } else {
          append_utf8(word, to_lower(cp));
        }
      }
      if (!word.empty()) out.push_back(std::move(word));
    }
  }
  return out;
}

std::optional<TypedFilter> typed_filter(std::string_view query) {
  if (query.empty() || query.back() == ' ') return std::nullopt;
  const auto space = query.find_last_of(" \t");
  std::string_view token = space == std::string_view::npos ? query : query.substr(space + 1);
  TypedFilter typed;
  if (!token.empty() && (token.front() == '-' || token.front() == '!')) {
    typed.sign = std::string(1, token.front());
    token.remove_prefix(1);
  }
  const auto colon = token.find(':');
  typed.has_colon = colon != std::string_view::npos;
  typed.key = lower_ascii(token.substr(0, colon));
  if (typed.has_colon) {
    std::string_view value = token.substr(colon + 1);
    if (!value.empty() && value.front() == '"') value.remove_prefix(1);
    typed.value = lower_ascii(value);
  }
  return typed;
}

std::vector<std::string> complete_filter_key(const TypedFilter& typed, int limit) {
  std::vector<std::string> out;
  for (const char* key : kFilterKeys)
    if (std::string_view(key).starts_with(typed.key) && static_cast<int>(out.size()) < limit)
      out.push_back(typed.sign + key + ":");
  return out;
}

std::vector<std::string> complete_filter_value(const TypedFilter& typed, const std::vector<std::string>& values, int limit) {
  std::vector<std::string> out;
  for (const std::string& v : values) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (!lower_ascii(v).starts_with(typed.value)) continue;
    const bool quote = v.find_first_of(" \t\"") != std::string::npos;
    out.push_back(typed.sign + typed.key + ":" + (quote ? "\"" + v + "\"" : v));
  }
  return out;
}

}  // namespace logbook
