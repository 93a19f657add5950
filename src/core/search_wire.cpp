#include "search_wire.hpp"

#include <climits>
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace logbook {

namespace {

using nlohmann::json;

// What each message is, for the error messages and the "format" field.
struct Kind {
  const char* format;  // the "format" field
  const char* name;    // in words
  const char* reader;  // who reads it, in words
};
constexpr Kind kRequest{"logbook-search-request", "search request", "this search worker"};
constexpr Kind kAnswer{"logbook-search-answer", "search answer", "this app"};
constexpr Kind kTexts{"logbook-search-texts", "snippet texts message", "this search worker"};

json header(const Kind& kind) { return {{"format", kind.format}, {"version", kSearchWireVersion}}; }

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Field readers: false when the field is missing or of another type. None throws.
bool read(const json& j, const char* key, std::string& out) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  out = it->get_ref<const std::string&>();
  return true;
}

bool read(const json& j, const char* key, int& out) {
  const auto it = j.find(key);
  if (it == j.end()) return false;
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v > INT_MAX) return false;
    out = static_cast<int>(v);
    return true;
  }
  if (!it->is_number_integer()) return false;
  const auto v = it->get<std::int64_t>();
  if (v < INT_MIN || v > INT_MAX) return false;
  out = static_cast<int>(v);
  return true;
}

bool read(const json& j, const char* key, double& out) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return false;
  out = it->get<double>();
  return true;
}

// The version comes first: a message of another version may have other fields, and
// the answer of today's worker to yesterday's page must say "reload", not "malformed".
std::string check_header(const json& j, const Kind& kind) {
  if (j.is_discarded() || !j.is_object())
    return std::string("The ") + kind.name + " is not a JSON object; reload the page.";
  int version = 0;  // stays 0 for messages from before versions existed
  read(j, "version", version);
  if (version != kSearchWireVersion)
    return std::string("The ") + kind.name + " has format version " + std::to_string(version) + ", " + kind.reader +
           " reads version " + std::to_string(kSearchWireVersion) + "; reload the page.";
  std::string format;
  if (!read(j, "format", format) || format != kind.format)
    return std::string("The message is not a ") + kind.name + "; reload the page.";
  return "";
}

std::string malformed(const Kind& kind, const char* field, const char* type) {
  return std::string("The ") + kind.name + " is malformed: \"" + field + "\" is not " + type + "; reload the page.";
}

bool read_hit(const json& j, SearchAnswerHit& out) {
  return j.is_object() && read(j, "path", out.path) && read(j, "url", out.url) && read(j, "title", out.title) &&
         read(j, "section", out.section) && read(j, "snippet", out.snippet) && read(j, "missing", out.missing) && read(j, "marked_title", out.marked_title) &&
         read(j, "decision", out.decision) && read(j, "status", out.status) && read(j, "date", out.date);
}

bool read_text(const json& j, IndexedText& out) {
  return j.is_object() && read(j, "title", out.title) && read(j, "headings", out.headings) && read(j, "body", out.body);
}

}  // namespace

std::string to_json(const SearchRequest& request) {
  json j = header(kRequest);
  j["id"] = request.id;
  j["query"] = request.query;
  j["limit"] = request.limit;
  return dump(j);
}

std::string to_json(const SearchAnswer& answer) {
  json j = header(kAnswer);
  j["id"] = answer.id;
  j["error"] = answer.error;
  j["millis"] = std::isfinite(answer.millis) ? answer.millis : 0.0;  // JSON has no NaN
  j["corrected"] = answer.corrected;
  json& hits = j["hits"] = json::array();
  for (const SearchAnswerHit& h : answer.hits)
    hits.push_back({{"path", h.path}, {"url", h.url}, {"title", h.title}, {"section", h.section}, {"snippet", h.snippet}, {"missing", h.missing},
                    {"marked_title", h.marked_title}, {"decision", h.decision}, {"status", h.status}, {"date", h.date}});
  return dump(j);
}

std::string from_json(std::string_view text, SearchRequest& out) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (std::string error = check_header(j, kRequest); !error.empty()) return error;
  SearchRequest r;
  if (!read(j, "id", r.id)) return malformed(kRequest, "id", "a whole number");
  if (!read(j, "query", r.query)) return malformed(kRequest, "query", "a string");
  if (!read(j, "limit", r.limit)) return malformed(kRequest, "limit", "a whole number");
  out = std::move(r);
  return "";
}

std::string from_json(std::string_view text, SearchAnswer& out) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (std::string error = check_header(j, kAnswer); !error.empty()) return error;
  SearchAnswer a;
  if (!read(j, "id", a.id)) return malformed(kAnswer, "id", "a whole number");
  if (!read(j, "error", a.error)) return malformed(kAnswer, "error", "a string");
  if (!read(j, "millis", a.millis)) return malformed(kAnswer, "millis", "a number");
  if (!read(j, "corrected", a.corrected)) return malformed(kAnswer, "corrected", "a string");
  const auto hits = j.find("hits");
  if (hits == j.end() || !hits->is_array()) return malformed(kAnswer, "hits", "a list");
  a.hits.reserve(hits->size());
  for (const json& h : *hits) {
    if (!read_hit(h, a.hits.emplace_back()))
      return malformed(kAnswer, "hits", "a list of hits with path, url, title, section, snippet, missing, marked_title, decision, status and date");
  }
  out = std::move(a);
  return "";
}

std::string to_json(const SearchTexts& texts) {
  json j = header(kTexts);
  j["id"] = texts.id;
  json& list = j["texts"] = json::array();
  for (const IndexedText& t : texts.texts) list.push_back({{"title", t.title}, {"headings", t.headings}, {"body", t.body}});
  return dump(j);
}

std::string from_json(std::string_view text, SearchTexts& out) {
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (std::string error = check_header(j, kTexts); !error.empty()) return error;
  SearchTexts t;
  if (!read(j, "id", t.id)) return malformed(kTexts, "id", "a whole number");
  const auto texts = j.find("texts");
  if (texts == j.end() || !texts->is_array()) return malformed(kTexts, "texts", "a list");
  t.texts.reserve(texts->size());
  for (const json& x : *texts)
    if (!read_text(x, t.texts.emplace_back())) return malformed(kTexts, "texts", "a list of texts with title, headings and body");
  out = std::move(t);
  return "";
}

}  // namespace logbook
