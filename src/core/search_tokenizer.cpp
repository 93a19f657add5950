#include "search_tokenizer.hpp"

#include <sqlite3.h>

#include <vector>

#include "utf8.hpp"

namespace logbook {

namespace {

// What the tokenizer was registered with, for each table that creates one.
struct Registration {
  fts5_api* api = nullptr;
  VocabularyCollector* collect = nullptr;
};

// One tokenizer: FTS5's porter over unicode61, which this one wraps.
struct Tokenizer {
  fts5_tokenizer inner_api{};
  Fts5Tokenizer* inner = nullptr;
  VocabularyCollector* collect = nullptr;
};

// Identifiers are split when short enough that their tails stay cheap (n parts give
// 2n - 1 extra tokens); a longer run of letters is text, not a name.
constexpr std::size_t kMaxIdentifierBytes = 64;
constexpr std::size_t kMaxIdentifierParts = 8;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Where the parts of a camelCase word start (getElementById: 0 3 10 12; HTMLParser: 0 4);
// just {0} when it is not one.
std::vector<std::size_t> camel_parts(std::string_view w) {
  std::vector<std::size_t> starts(1, 0);
  if (w.size() > kMaxIdentifierBytes) return starts;
  for (char c : w)
    if (!is_upper(c) && !is_lower(c) && !is_digit(c)) return starts;
  for (std::size_t i = 1; i < w.size(); ++i) {
    const bool boundary = is_upper(w[i]) && (is_lower(w[i - 1]) || is_digit(w[i - 1]) ||
                                             (is_upper(w[i - 1]) && i + 1 < w.size() && is_lower(w[i + 1])));
    if (boundary) starts.insert(starts.end(), i);
  }
  return starts.size() > kMaxIdentifierParts ? std::vector<std::size_t>(1, 0) : starts;
}

// One call of xTokenize, or of the inner tokenizer on a part of its text.
struct Call {
  Tokenizer* self;
  void* ctx;
  int (*emit)(void*, int, const char*, int, int, int);
  const char* text;
  int flags;
  int base = 0;           // where the inner tokenizer's text starts in `text`
  bool colocate = false;  // the inner tokens are parts of the token just emitted
};

int on_inner(void* p, int tflags, const char* token, int n, int start, int end);

// Runs the inner tokenizer over text[start, end) with the calls's settings.
int inner_tokenize(const Call& c, int start, int end, bool colocate) {
  Call sub = c;
  sub.base = start;
  sub.colocate = colocate;
  return c.self->inner_api.xTokenize(c.self->inner, &sub, c.flags, c.text + start, end - start, on_inner);
}

// A run of CJK characters as its overlapping pairs (a lone character as itself).
int emit_pairs(const Call& c, int start, int end) {
  std::vector<int> at;  // where each character starts, and the end
  const std::string_view run(c.text, static_cast<std::size_t>(end));
  for (std::size_t i = static_cast<std::size_t>(start); i < run.size();) {
    at.push_back(static_cast<int>(i));
    next_code_point(run, i);
  }
  at.push_back(end);
  const std::size_t chars = at.size() - 1;
  for (std::size_t i = 0; i + (chars > 1 ? 2 : 1) < at.size(); ++i) {
    const int to = at[i + (chars > 1 ? 2 : 1)];
    if (int rc = c.emit(c.ctx, 0, c.text + at[i], to - at[i], at[i], to); rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

// A token holding CJK characters: its CJK runs as pairs, the rest as the inner tokenizer
// reads it (that rest holds no CJK, so this does not recurse again).
int emit_mixed(const Call& c, int start, int end) {
  const std::string_view text(c.text, static_cast<std::size_t>(end));
  std::size_t i = static_cast<std::size_t>(start);
  while (i < text.size()) {
    const std::size_t run = i;
    std::size_t j = i;
    const bool cjk = is_cjk(next_code_point(text, j));
    std::size_t next = j;
    while (next < text.size()) {
      std::size_t k = next;
      if (is_cjk(next_code_point(text, k)) != cjk) break;
      next = k;
    }
    const int rc = cjk ? emit_pairs(c, static_cast<int>(run), static_cast<int>(next))
                       : inner_tokenize(c, static_cast<int>(run), static_cast<int>(next), false);
    if (rc != SQLITE_OK) return rc;
    i = next;
  }
  return SQLITE_OK;
}

// A camelCase word's parts and tails, at the word's position.
int emit_parts(const Call& c, int start, int end) {
  const std::string_view word(c.text + start, static_cast<std::size_t>(end - start));
  const std::vector<std::size_t> parts = camel_parts(word);
  if (parts.size() < 2) return SQLITE_OK;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const int from = start + static_cast<int>(parts[i]);
    const int part_end = i + 1 < parts.size() ? start + static_cast<int>(parts[i + 1]) : end;
    if (int rc = inner_tokenize(c, from, part_end, true); rc != SQLITE_OK) return rc;
    if (i > 0 && i + 1 < parts.size())
      if (int rc = inner_tokenize(c, from, end, true); rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

bool has_cjk(std::string_view text) {
  for (std::size_t i = 0; i < text.size();)
    if (static_cast<unsigned char>(text[i]) < 0x80) ++i;
    else if (is_cjk(next_code_point(text, i))) return true;
  return false;
}

int on_inner(void* p, int tflags, const char* token, int n, int start, int end) {
  const Call& c = *static_cast<const Call*>(p);
  start += c.base;
  end += c.base;
  if (c.colocate) return c.emit(c.ctx, tflags | FTS5_TOKEN_COLOCATED, token, n, start, end);
  const std::string_view written(c.text + start, static_cast<std::size_t>(end - start));
  if (has_cjk(written)) return emit_mixed(c, start, end);
  if (int rc = c.emit(c.ctx, tflags, token, n, start, end); rc != SQLITE_OK) return rc;
  if (c.flags & FTS5_TOKENIZE_QUERY) return SQLITE_OK;  // a query asks for the whole word
  if (c.self->collect && c.flags == FTS5_TOKENIZE_DOCUMENT) c.self->collect->add(written);
  return emit_parts(c, start, end);
}

int create(void* context, const char** /*args*/, int /*count*/, Fts5Tokenizer** out) {
  const auto* reg = static_cast<const Registration*>(context);
  auto* t = new Tokenizer{};
  t->collect = reg->collect;
  void* porter_context = nullptr;
  const char* inner_args[] = {"unicode61", "remove_diacritics", "2"};
  int rc = reg->api->xFindTokenizer(reg->api, "porter", &porter_context, &t->inner_api);
  if (rc == SQLITE_OK) rc = t->inner_api.xCreate(porter_context, inner_args, 3, &t->inner);
  if (rc != SQLITE_OK) {
    delete t;
    return rc;
  }
  *out = reinterpret_cast<Fts5Tokenizer*>(t);
  return SQLITE_OK;
}

void destroy(Fts5Tokenizer* tokenizer) {
  auto* t = reinterpret_cast<Tokenizer*>(tokenizer);
  if (t->inner) t->inner_api.xDelete(t->inner);
  delete t;
}

int tokenize(Fts5Tokenizer* tokenizer, void* ctx, int flags, const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  auto* t = reinterpret_cast<Tokenizer*>(tokenizer);
  const Call c{t, ctx, emit, text, flags};
  return inner_tokenize(c, 0, size, false);
}

}  // namespace

void VocabularyCollector::add(std::string_view written) {
  if (written.size() < 4 || written.size() > 24) return;
  for (char ch : written)
    if (!is_upper(ch) && !is_lower(ch)) return;
  Word& w = words[lower_ascii(written)];
  if (w.last_page != page) ++w.pages;
  w.last_page = page;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) ||    // Hangul Jamo
         (cp >= 0x3005 && cp <= 0x3007) ||    // 々 〆 〇
         (cp >= 0x3040 && cp <= 0x30FF) ||    // Hiragana, Katakana
         (cp >= 0x3130 && cp <= 0x318F) ||    // Hangul compatibility Jamo
         (cp >= 0x31F0 && cp <= 0x31FF) ||    // Katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||    // Han extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||    // Han
         (cp >= 0xAC00 && cp <= 0xD7AF) ||    // Hangul syllables
         (cp >= 0xF900 && cp <= 0xFAFF) ||    // Han compatibility
         (cp >= 0xFF66 && cp <= 0xFF9F) ||    // half-width Katakana
         (cp >= 0x20000 && cp <= 0x3FFFF);    // Han extensions B onwards
}

std::string register_search_tokenizer(sqlite3* db, VocabularyCollector* collect) {
  fts5_api* api = nullptr;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(st);
  }
  sqlite3_finalize(st);
  if (!api) return "this SQLite has no FTS5";
  fts5_tokenizer methods{create, destroy, tokenize};
  auto* reg = new Registration{api, collect};
  const int rc = api->xCreateTokenizer(api, kSearchTokenizer, reg, &methods,
                                       [](void* p) { delete static_cast<Registration*>(p); });
  return rc == SQLITE_OK ? std::string() : std::string("registering the search tokenizer: ") + sqlite3_errstr(rc);
}

}  // namespace logbook
