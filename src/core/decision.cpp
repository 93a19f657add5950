#include "decision.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_set>

#include "utf8.hpp"

namespace logbook {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && lower_ascii(s.substr(0, prefix.size())) == prefix;
}

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view dirname(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

std::string_view stem(std::string_view path) {
  std::string_view name = basename(path);
  const auto dot = name.rfind('.');
  return dot == std::string_view::npos ? name : name.substr(0, dot);
}

std::size_t leading_digits(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  return n;
}

bool is_status_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// "superseded by [5. Foo](0005-foo.md)" -> the first word, lowercased: "superseded".
std::string status_word(std::string_view text) {
  text = trim(text);
  std::size_t n = 0;
  while (n < text.size() && is_status_letter(text[n])) ++n;
  return lower_ascii(text.substr(0, n));
}

// A record's status, lowercased: the first word when it is a configured status or the
// next word is "by" ("accepted on 2020-01-01" -> "accepted", "amended by ADR-7" ->
// "amended"), else the words up to the first other character, so that a status the
// team made up stays whole and can be filtered on ("On hold (budget)" -> "on hold").
std::string status_of(std::string_view text, const SiteConfig& config) {
  const std::string word = status_word(text);
  text = trim(text);
  std::string_view rest = trim(text.substr(word.size()));
  if (word.empty() || config.is_known_status(word) || status_word(rest) == "by") return word;
  std::string phrase;
  bool space = false;
  for (std::size_t i = 0; i < text.size() && (is_status_letter(text[i]) || text[i] == ' ' || text[i] == '\t'); ++i) {
    if (!is_status_letter(text[i])) {
      space = true;
      continue;
    }
    if (space && !phrase.empty()) phrase += ' ';
    phrase += text[i];
    space = false;
  }
  return lower_ascii(phrase);
}

// Strings of a front matter value: a list, or a comma-separated text.
std::vector<std::string> strings_of(const nlohmann::json& v) {
  std::vector<std::string> out;
  const auto add = [&](std::string_view s) {
    while (!s.empty()) {
      const auto comma = s.find(',');
      const auto item = trim(s.substr(0, comma));
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  };
  if (v.is_string()) add(v.get<std::string>());
  else if (v.is_array())
    for (const auto& item : v)
      if (item.is_string()) out.push_back(std::string(trim(item.get<std::string>())));
  return out;
}

std::string string_of(const nlohmann::json& fields, const char* key) {
  if (!fields.contains(key)) return {};
  const auto& v = fields[key];
  return v.is_string() ? std::string(trim(v.get<std::string>())) : std::string();
}

// References in a line: link destinations `[text](dest)`, else the text after "by "/"supersedes ".
std::vector<std::string> refs_in(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find("](", pos)) != std::string_view::npos) {
    const auto end = text.find(')', pos + 2);
    if (end == std::string_view::npos) break;
    out.emplace_back(trim(text.substr(pos + 2, end - pos - 2)));
    pos = end;
  }
  if (!out.empty()) return out;
  std::string_view rest = trim(text);
  for (std::string_view word : {"superseded by", "supersedes"}) {
    if (starts_with_nocase(rest, word)) {
      rest = trim(rest.substr(word.size()));
      break;
    }
  }
  if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
  if (!rest.empty()) out.emplace_back(rest);
  return out;
}

// What the Markdown body says, for the madr2 and nygard dialects.
struct BodyFields {
  std::string title;
  SourcePosition title_at;
  int title_number = -1;
  std::string status;  // the line as written: "Superseded by [5. Foo](0005-foo.md)"
  std::string date, deciders, tags;
  SourcePosition status_at, date_at;
  bool superseded = false;     // a status line said so: it wins over an earlier one
  std::vector<DecisionRef> supersedes, superseded_by;
  bool bullets = false;        // madr2 / log4brains
  bool status_section = false; // nygard
};

void read_status_line(std::string_view line, SourcePosition at, BodyFields& b) {
  const std::string word = status_word(line);
  if (word == "superseded" || starts_with_nocase(trim(line), "superseded by")) {
    for (auto& r : refs_in(line)) b.superseded_by.push_back({std::move(r), at, -1});
    if (!b.superseded) {
      b.status = std::string(trim(line));
      b.status_at = at;
      b.superseded = true;
    }
  } else if (word == "supersedes") {
    for (auto& r : refs_in(line)) b.supersedes.push_back({std::move(r), at, -1});
  } else if (b.status.empty() && !word.empty() && word != "amends" && word != "amended") {
    b.status = std::string(trim(line));
    b.status_at = at;
  }
}

BodyFields read_body(const Page& page) {
  BodyFields b;
  std::string_view body = page.body();
  int line_no = page.body_line;
  bool in_fence = false;
  bool in_status = false;
  bool seen_h2 = false;
  std::size_t pos = 0;
  while (pos < body.size()) {
    auto end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view raw = body.substr(pos, end - pos);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    const std::string_view line = trim(raw);
    const int column = static_cast<int>(raw.find_first_not_of(" \t") == std::string_view::npos ? 0 : raw.find_first_not_of(" \t")) + 1;
    const SourcePosition at{line_no, column};
    pos = end + 1;
    ++line_no;
    if (line.starts_with("```") || line.starts_with("~~~")) in_fence = !in_fence;
    if (in_fence || line.empty()) continue;
    if (line.starts_with("#")) {
      const std::size_t level = line.find_first_not_of('#');
      const std::string_view text = trim(line.substr(level == std::string_view::npos ? line.size() : level));
      if (level == 1 && b.title.empty()) {
        // "3. Use Markdown" (adr-tools numbers the title). Six digits at most, like a
        // file's number: a longer run is part of the title, never an int overflow.
        const std::size_t digits = leading_digits(text);
        if (digits > 0 && digits <= 6 && digits < text.size() && text[digits] == '.') {
          b.title_number = std::stoi(std::string(text.substr(0, digits)));
          b.title = std::string(trim(text.substr(digits + 1)));
        } else {
          b.title = std::string(text);
        }
        b.title_at = at;
      }
      if (level >= 2) {
        seen_h2 = true;
        in_status = level == 2 && lower_ascii(text) == "status";
        b.status_section = b.status_section || in_status;
      }
      continue;
    }
    if (in_status) {
      read_status_line(line, at, b);
      continue;
    }
    if (seen_h2) continue;
    // Before the first section: "Date: 2016-02-12" or "* Status: accepted" bullets.
    std::string_view item = line;
    const bool bullet = item.starts_with("* ") || item.starts_with("- ");
    if (bullet) item = trim(item.substr(2));
    const auto colon = item.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = lower_ascii(trim(item.substr(0, colon)));
    const std::string_view value = trim(item.substr(colon + 1));
    const std::size_t value_start = raw.find_first_not_of(" \t", raw.find(':') + 1);
    const SourcePosition value_at{at.line, static_cast<int>(value_start == std::string_view::npos ? raw.size() : value_start) + 1};
    if (key == "date") {
      b.date = std::string(value);
      b.date_at = value_at;
      b.bullets = b.bullets || bullet;
    } else if (bullet && key == "status") {
      b.bullets = true;
      read_status_line(value, value_at, b);
    } else if (bullet && (key == "deciders" || key == "decision-makers")) {
      b.deciders = std::string(value);
    } else if (bullet && key == "tags") {
      b.tags = std::string(value);
    }
  }
  return b;
}

std::vector<DecisionRef> refs_from_field(const Page& page, const char* key) {
  std::vector<DecisionRef> out;
  if (!page.meta.fields.contains(key)) return out;
  const SourcePosition at = front_matter_position(page, key);
  for (auto& s : strings_of(page.meta.fields[key])) {
    // `superseded_by: "[5. Foo](0005-foo.md)"` is a link; keep its destination.
    auto refs = refs_in(s);
    out.push_back({refs.empty() ? s : refs.front(), at, -1});
  }
  return out;
}

Decision read_decision(const Site& site, int page_index, const SiteConfig& config) {
  const Page& page = site.pages[static_cast<std::size_t>(page_index)];
  const auto& f = page.meta.fields;
  Decision d;
  d.page = page_index;
  d.path = page.path;

  const BodyFields body = read_body(page);
  const bool has_front_matter_fields = f.contains("status") || f.contains("date") || f.contains("id") ||
                                       f.contains("deciders") || f.contains("decision-makers");
  d.dialect = has_front_matter_fields ? DecisionDialect::front_matter
              : body.status_section   ? DecisionDialect::nygard
              : body.bullets          ? DecisionDialect::madr2
                                      : DecisionDialect::none;

  // Id and number: front matter id, else the file name.
  const std::string_view file_stem = stem(page.path);
  const std::size_t digits = leading_digits(file_stem);
  const bool date_named = digits == 8 && file_stem.size() > 9 && file_stem[8] == '-';
  if (digits > 0 && !date_named && digits <= 6) d.file_number = std::stoi(std::string(file_stem.substr(0, digits)));
  d.number = d.file_number;
  d.id = string_of(f, "id");
  d.id_at = front_matter_position(page, "id");
  if (!d.id.empty()) {
    // The id is what people cite, so its number wins over the file name's.
    std::size_t end = d.id.size(), start = end;
    while (start > 0 && std::isdigit(static_cast<unsigned char>(d.id[start - 1]))) --start;
    if (start < end && end - start <= 6) d.number = std::stoi(d.id.substr(start));
  }
  if (d.number < 0 && body.title_number >= 0 && !date_named) d.number = body.title_number;
  if (d.id.empty()) {
    if (date_named) d.id = std::string(file_stem.substr(9));
    else if (d.number >= 0) d.id = format_decision_id(config.decision_id_prefix, d.number);
    else d.id = std::string(file_stem);
  }

  d.title = page.meta.title.value_or("");
  d.title_at = front_matter_position(page, "title");
  if (d.title.empty()) {
    d.title = body.title;
    d.title_at = body.title_at;
  }

  d.status_text = string_of(f, "status");
  if (!d.status_text.empty()) {
    d.status_at = front_matter_position(page, "status");
    // MADR 3 writes `status: "superseded by ADR-0005"`.
    if (status_word(d.status_text) == "superseded" && starts_with_nocase(d.status_text, "superseded by"))
      for (auto& r : refs_in(d.status_text)) d.superseded_by.push_back({std::move(r), d.status_at, -1});
  } else {
    d.status_text = body.status;
    d.status_at = body.status_at;
  }
  d.status = status_of(d.status_text, config);

  d.date = page.meta.date.value_or("");
  d.date_at = front_matter_position(page, "date");
  if (d.date.empty()) {
    d.date = body.date;
    d.date_at = body.date_at;
  }
  d.review_by = page.meta.review_by.value_or(string_of(f, "review-by"));
  d.review_by_at = front_matter_position(page, page.meta.review_by ? "review_by" : "review-by");

  for (const char* key : {"deciders", "decision-makers", "decision_makers"})
    if (d.deciders.empty() && f.contains(key)) d.deciders = strings_of(f[key]);
  if (d.deciders.empty()) d.deciders = strings_of(body.deciders);
  if (f.contains("consulted")) d.consulted = strings_of(f["consulted"]);
  if (f.contains("informed")) d.informed = strings_of(f["informed"]);
  d.tags = page.meta.tags;
  if (d.tags.empty()) d.tags = strings_of(body.tags);

  for (auto& r : refs_from_field(page, "supersedes")) d.supersedes.push_back(std::move(r));
  for (const char* key : {"superseded_by", "superseded-by"})
    for (auto& r : refs_from_field(page, key)) d.superseded_by.push_back(std::move(r));
  for (const auto& r : body.supersedes) d.supersedes.push_back(r);
  for (const auto& r : body.superseded_by) d.superseded_by.push_back(r);

  // Default positions point at the top of the file.
  for (SourcePosition* p : {&d.id_at, &d.title_at, &d.status_at, &d.date_at, &d.review_by_at})
    if (p->line == 0) *p = {1, 1};
  return d;
}

// Drops repeated entries, keeping the first of each: one pass, whatever the count.
void dedupe(std::vector<int>& v) {
  std::unordered_set<int> seen;
  v.erase(std::remove_if(v.begin(), v.end(), [&](int x) { return !seen.insert(x).second; }), v.end());
}

int find_or(const std::unordered_map<std::string, int>& map, const std::string& key) {
  const auto it = map.find(key);
  return it == map.end() ? -1 : it->second;
}

// A template the tools ship beside the records, by its path inside the decisions folder:
// adr-tools' templates/template.md, MADR's adr-template.md (and -minimal, -bare),
// log4brains' template.md, and "0000-template.md".
bool is_template_path(std::string_view path) {
  if (path.starts_with("templates/")) return true;
  const std::string name = lower_ascii(stem(path));
  if (name.starts_with("template-") || name.starts_with("template_") || name.starts_with("adr-template")) return true;
  // A numbered name is a record ("0007-template-for-emails") unless it is only "template".
  const std::size_t digits = leading_digits(name);
  return name.substr(digits > 0 && digits < name.size() && name[digits] == '-' ? digits + 1 : 0) == "template";
}

// Where adr-tools, MADR and log4brains keep a log, relative to the content folder; on a
// tie between two that hold records, the earlier wins.
constexpr std::string_view kDecisionFolders[] = {
    "decisions",      "adr",           "adrs", "doc/adr", "docs/adr", "doc/decisions", "docs/decisions",
    "doc/architecture/decisions", "docs/architecture/decisions", "architecture/decisions"};

bool is_status_heading(std::string_view line) {
  const std::size_t text = line.find_first_not_of('#');
  return text > 0 && text != std::string_view::npos && lower_ascii(trim(line.substr(text))) == "status";
}

// A Status the way one of the dialects writes it: `status:` in front matter, a
// "Status" heading, or a `* Status:` bullet.
bool has_status(std::string_view text) {
  bool in_front_matter = text.starts_with("---");
  std::size_t pos = in_front_matter ? text.find('\n') : 0;
  while (pos != std::string_view::npos && pos < text.size()) {
    const auto end = text.find('\n', pos + 1);
    const std::string_view line = trim(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    pos = end;
    if (in_front_matter && (line == "---" || line == "...")) in_front_matter = false;
    else if (in_front_matter ? starts_with_nocase(line, "status:")
                             : starts_with_nocase(line, "* status:") || starts_with_nocase(line, "- status:") ||
                                   is_status_heading(line))
      return true;
  }
  return false;
}

// Numbered (0001-x.md, 1-x.md) or dated (20201016-x.md, 2020-10-16-x.md) names, or a Status.
bool looks_like_record(const SourceFile& f) {
  const std::string_view name = basename(f.path);
  const std::size_t digits = leading_digits(name);
  return (digits > 0 && digits < name.size() && name[digits] == '-') || has_status(f.bytes);
}

}  // namespace

std::string_view dialect_name(DecisionDialect d) {
  switch (d) {
    case DecisionDialect::front_matter: return "front-matter";
    case DecisionDialect::madr2: return "madr2";
    case DecisionDialect::nygard: return "nygard";
    case DecisionDialect::none: break;
  }
  return "none";
}

std::string format_decision_id(std::string_view prefix, int number) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", number);
  return std::string(prefix) + buf;
}

SourcePosition front_matter_position(const Page& page, std::string_view key) {
  std::string_view src = page.source;
  if (!src.starts_with("---")) return {};
  std::size_t pos = src.find('\n');
  int line = 2;
  while (pos != std::string_view::npos && line < page.body_line) {
    const std::size_t start = pos + 1;
    auto end = src.find('\n', start);
    const std::string_view text = src.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (text.starts_with(key) && text.size() > key.size() && text[key.size()] == ':') {
      const std::size_t value = text.find_first_not_of(" \t", key.size() + 1);
      const bool inline_value = value != std::string_view::npos && text[value] != '\r' && text[value] != '#';
      return {line, inline_value ? static_cast<int>(value) + 1 : 1};
    }
    pos = end;
    ++line;
  }
  return {};
}

bool is_decision_path(const SiteConfig& config, std::string_view path) {
  const std::string prefix = config.decisions + "/";
  if (!path.starts_with(prefix) || !is_markdown_path(path)) return false;
  const std::string name = lower_ascii(basename(path));
  return name != "index.md" && name != "readme.md" && !is_template_path(path.substr(prefix.size()));
}

bool is_decision_template(const SiteConfig& config, std::string_view path) {
  const std::string prefix = config.decisions + "/";
  return path.starts_with(prefix) && is_markdown_path(path) && is_template_path(path.substr(prefix.size()));
}

std::string discover_decisions_folder(const std::vector<SourceFile>& files) {
  std::string_view best = "decisions";
  std::size_t most = 0;
  for (std::string_view folder : kDecisionFolders) {
    SiteConfig candidate;
    candidate.decisions = std::string(folder);
    // No candidate holds another, so each file is read at most once in all.
    const auto records = static_cast<std::size_t>(std::count_if(files.begin(), files.end(), [&](const SourceFile& f) {
      return is_decision_path(candidate, f.path) && looks_like_record(f);
    }));
    if (records > most) {
      best = folder;
      most = records;
    }
  }
  return std::string(best);
}

std::string decisions_folder(const SiteConfig& config, const std::vector<SourceFile>& files) {
  return config.decisions_configured ? config.decisions : discover_decisions_folder(files);
}

void DecisionLog::build_index() {
  for (std::size_t i = 0; i < decisions.size(); ++i) {
    const Decision& d = decisions[i];
    const int at = static_cast<int>(i);
    by_path.emplace(d.path, at);
    by_id.emplace(lower_ascii(d.id), at);
    by_stem.emplace(lower_ascii(stem(d.path)), at);
    by_number.emplace(d.number, at);
    by_page.emplace(d.page, at);
  }
}

int DecisionLog::for_page(int page) const {
  const auto it = by_page.find(page);
  return it == by_page.end() ? -1 : it->second;
}

int DecisionLog::next_number() const {
  int highest = 0;
  for (const Decision& d : decisions) highest = std::max({highest, d.number, d.file_number});
  return highest + 1;
}

int DecisionLog::resolve(std::string_view ref_text, int from) const {
  std::string_view ref = trim(ref_text);
  if (ref.starts_with("[[") && ref.ends_with("]]")) ref = trim(ref.substr(2, ref.size() - 4));
  if (const auto hash = ref.find('#'); hash != std::string_view::npos) ref = ref.substr(0, hash);
  if (ref.empty()) return -1;
  // A path, relative to the referring record's folder.
  if (ref.find('/') != std::string_view::npos || is_markdown_path(ref)) {
    const std::string base = from >= 0 ? std::string(dirname(decisions[static_cast<std::size_t>(from)].path)) : std::string();
    const auto path = join_content_path(base, ref);
    return path ? find_or(by_path, *path) : -1;  // one that climbs out of the content names nothing
  }
  const std::string wanted = lower_ascii(ref);
  if (const int i = find_or(by_id, wanted); i >= 0) return i;
  if (const int i = find_or(by_stem, wanted); i >= 0) return i;
  // "3", "ADR-3", "adr-0003": letters, an optional dash, then the number.
  std::size_t letters = 0;
  while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters]))) ++letters;
  std::string_view rest = ref.substr(letters);
  if (letters > 0 && !rest.empty() && rest.front() == '-') rest.remove_prefix(1);
  if (!rest.empty() && rest.size() <= 6 && leading_digits(rest) == rest.size()) {
    const auto it = by_number.find(std::stoi(std::string(rest)));
    if (it != by_number.end()) return it->second;
  }
  return -1;
}

DecisionLog extract_decisions(const Site& site, const SiteConfig& config) {
  DecisionLog log;
  for (std::size_t i = 0; i < site.pages.size(); ++i)
    if (is_decision_path(config, site.pages[i].path)) log.decisions.push_back(read_decision(site, static_cast<int>(i), config));
  log.build_index();
  for (std::size_t i = 0; i < log.decisions.size(); ++i) {
    Decision& d = log.decisions[i];
    const int self = static_cast<int>(i);
    for (DecisionRef& r : d.supersedes) r.target = log.resolve(r.text, self);
    for (DecisionRef& r : d.superseded_by) r.target = log.resolve(r.text, self);
  }
  // The chain both ways, whichever side declared it.
  for (std::size_t i = 0; i < log.decisions.size(); ++i) {
    const int self = static_cast<int>(i);
    for (const DecisionRef& r : log.decisions[i].supersedes) {
      if (r.target < 0) continue;
      log.decisions[i].predecessors.push_back(r.target);
      log.decisions[static_cast<std::size_t>(r.target)].successors.push_back(self);
    }
    for (const DecisionRef& r : log.decisions[i].superseded_by) {
      if (r.target < 0) continue;
      log.decisions[i].successors.push_back(r.target);
      log.decisions[static_cast<std::size_t>(r.target)].predecessors.push_back(self);
    }
  }
  for (Decision& d : log.decisions) {
    dedupe(d.predecessors);
    dedupe(d.successors);
  }
  return log;
}

}  // namespace logbook
