#include "offline_list.hpp"

#include <algorithm>
#include <array>
#include <set>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <nlohmann/json.hpp>

#include "content_reader.hpp"
#include "parallel.hpp"
#include "site_files.hpp"

namespace logbook::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// SHA-256 (FIPS 180-4), enough of it for short_sha256: the build hashes every byte of the
// site once (offline.json), a fifth of a 10,000-page build's time in portable code. On
// x86-64 with the SHA extensions (most CPUs since 2017) the rounds run in them: about ten
// times faster. Both paths are tested against the standard's vectors.
constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress_portable(std::uint32_t h[8], const std::uint8_t* data, std::size_t blocks) {
  for (; blocks > 0; --blocks, data += 64) {
    std::uint32_t w[64];
    for (int i = 0; i < 16; ++i)
      w[i] = std::uint32_t{data[4 * i]} << 24 | std::uint32_t{data[4 * i + 1]} << 16 | std::uint32_t{data[4 * i + 2]} << 8 |
             data[4 * i + 3];
    for (int i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; ++i) {
      const std::uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[i] + w[i];
      const std::uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
    }
    const std::uint32_t add[8] = {a, b, c, d, e, f, g, hh};
    for (int i = 0; i < 8; ++i) h[i] += add[i];
  }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define LOGBOOK_SHA_NI 1
// The rounds in the SHA extensions: the state as ABEF and CDGH, four message words a
// register, two rounds an instruction; the schedule's W(t) for rounds 16..63 from
// sha256msg1 (W(t-16) + s0(W(t-15))) and sha256msg2 (+ W(t-7), + s1(W(t-2))).
__attribute__((target("sha,sse4.1"))) void compress_sha_ni(std::uint32_t h[8], const std::uint8_t* data, std::size_t blocks) {
  const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[0]));
  __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(&h[4]));
  const __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
  const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
  __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
  __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);
  for (; blocks > 0; --blocks, data += 64) {
    const __m128i abef_before = abef, cdgh_before = cdgh;
    __m128i w[4];
    for (int g = 0; g < 16; ++g) {  // rounds 4g .. 4g+3
      if (g < 4) w[g] = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * g)), byte_swap);
      __m128i msg = _mm_add_epi32(w[g % 4], _mm_loadu_si128(reinterpret_cast<const __m128i*>(&kRound[4 * g])));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, msg);
      if (g >= 3 && g <= 14) {  // the next four words, W(4g+4 .. 4g+7)
        __m128i& next = w[(g + 1) % 4];
        next = _mm_add_epi32(next, _mm_alignr_epi8(w[g % 4], w[(g + 3) % 4], 4));
        next = _mm_sha256msg2_epu32(next, w[g % 4]);
      }
      msg = _mm_shuffle_epi32(msg, 0x0E);
      abef = _mm_sha256rnds2_epu32(abef, cdgh, msg);
      if (g >= 1 && g <= 12) w[(g + 3) % 4] = _mm_sha256msg1_epu32(w[(g + 3) % 4], w[g % 4]);  // toward W(4g+12 ..)
    }
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }
  const __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
  const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[0]), _mm_blend_epi16(feba, dchg, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(&h[4]), _mm_alignr_epi8(dchg, feba, 8));
}
#endif

class Sha256 {
 public:
  explicit Sha256(bool cpu_instructions) {
#ifdef LOGBOOK_SHA_NI
    if (cpu_instructions && __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1")) compress_ = compress_sha_ni;
#else
    (void)cpu_instructions;
#endif
  }
  void add(std::string_view bytes) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(bytes.data());
    std::size_t n = bytes.size();
    length_ += n;
    while (n > 0 && used_ > 0) {  // fill a partial block first
      block_[used_++] = *p++, --n;
      if (used_ == 64) compress_(h_, block_, 1), used_ = 0;
    }
    if (n >= 64) {  // whole blocks straight from the input
      compress_(h_, p, n / 64);
      p += n / 64 * 64, n %= 64;
    }
    for (; n > 0; --n) block_[used_++] = *p++;
  }
  std::array<std::uint8_t, 32> finish() {
    const std::uint64_t bits = length_ * 8;
    block_[used_++] = 0x80;
    if (used_ > 56) {
      while (used_ < 64) block_[used_++] = 0;
      compress_(h_, block_, 1), used_ = 0;
    }
    while (used_ < 56) block_[used_++] = 0;
    for (int i = 7; i >= 0; --i) block_[used_++] = static_cast<std::uint8_t>(bits >> (8 * i));
    compress_(h_, block_, 1), used_ = 0;
    std::array<std::uint8_t, 32> out{};
    for (std::size_t i = 0; i < 32; ++i) out[i] = static_cast<std::uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
    return out;
  }

 private:
  void (*compress_)(std::uint32_t*, const std::uint8_t*, std::size_t) = compress_portable;
  std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  std::uint8_t block_[64] = {};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;
};

std::string short_hex(std::string_view bytes, bool cpu_instructions) {
  Sha256 sha(cpu_instructions);
  sha.add(bytes);
  const auto digest = sha.finish();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) out += {kHex[digest[i] >> 4], kHex[digest[i] & 15]};
  return out;
}

// About 512 files a part (some 20 KB gzip): a reader holding a few pages fetches a few
// parts. A power of two, so that the count, and with it every file's part, changes only
// when the site doubles or halves.
std::size_t part_count(std::size_t files) {
  std::size_t n = 1;
  while (n * 512 < files) n *= 2;
  return n;
}

json entries(const std::vector<OfflineFile>& files) {
  json out = json::object();
  for (const OfflineFile& f : files) out[f.path] = json::array({f.size, f.hash});
  return out;
}

bool read_entries(const json& object, std::vector<OfflineFile>& out) {
  if (!object.is_object()) return false;
  for (const auto& [path, value] : object.items()) {
    if (!value.is_array() || value.size() != 2 || !value[0].is_number_unsigned() || !value[1].is_string()) return false;
    out.push_back({path, value[0].get<std::uint64_t>(), value[1].get<std::string>()});
  }
  return true;
}

bool is_format(const json& j, const char* format) {
  return j.is_object() && j.value("format", "") == format && j.value("version", 0) == kOfflineListVersion;
}

}  // namespace

std::string short_sha256(std::string_view bytes) { return short_hex(bytes, true); }
std::string short_sha256_portable(std::string_view bytes) { return short_hex(bytes, false); }

std::uint32_t offline_bucket(std::string_view path) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : path) h = (h ^ c) * 16777619u;
  return h;
}

std::vector<std::pair<std::string, std::string>> write_offline_list(const OfflineList& list) {
  std::vector<std::vector<OfflineFile>> buckets(part_count(list.files.size()));
  std::uint64_t bytes = 0;
  for (const OfflineFile& f : list.shell) bytes += f.size;
  for (const OfflineFile& f : list.files) {
    buckets[offline_bucket(f.path) % buckets.size()].push_back(f);
    bytes += f.size;
  }
  std::vector<std::pair<std::string, std::string>> out(1);
  json names = json::array();
  for (const auto& bucket : buckets) {
    std::string part = json{{"format", "logbook-offline-part"}, {"version", kOfflineListVersion}, {"files", entries(bucket)}}.dump();
    names.push_back("site/offline." + short_sha256(part) + ".json");
    out.emplace_back(names.back(), std::move(part));
  }
  const json top = {{"format", "logbook-offline"}, {"version", kOfflineListVersion}, {"build", list.build},
                    {"bytes", bytes}, {"files", list.shell.size() + list.files.size()}, {"budget", list.budget},
                    {"shell", entries(list.shell)}, {"parts", names}};
  out[0] = {"offline.json", top.dump()};
  return out;
}

std::optional<OfflineList> read_offline_list(std::string_view top,
                                             const std::function<std::optional<std::string>(const std::string&)>& part) {
  const json j = json::parse(top, nullptr, false);
  OfflineList list;
  if (!is_format(j, "logbook-offline") || !j.contains("parts") || !j["parts"].is_array()) return std::nullopt;
  list.build = j.value("build", "");
  list.budget = j.value("budget", std::uint64_t{0});
  if (!read_entries(j.value("shell", json()), list.shell)) return std::nullopt;
  for (const json& name : j["parts"]) {
    const std::optional<std::string> bytes = name.is_string() ? part(name.get<std::string>()) : std::nullopt;
    const json p = bytes ? json::parse(*bytes, nullptr, false) : json();
    if (!is_format(p, "logbook-offline-part") || !read_entries(p.value("files", json()), list.files)) return std::nullopt;
  }
  std::sort(list.files.begin(), list.files.end(), [](const OfflineFile& a, const OfflineFile& b) { return a.path < b.path; });
  return list;
}

std::string write_offline_files(const fs::path& root, const std::vector<std::string>& shell, const std::string& build,
                                std::uint64_t budget) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {  // a temporary file of a write in progress
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    const std::string path = it->path().lexically_relative(root).generic_string();  // no file system calls
    if (it->is_regular_file(ec) && path != "sw.js" && path != "offline.json") paths.push_back(path);
  }
  if (ec) return "offline.json: cannot list " + root.string() + ": " + ec.message();
  std::sort(paths.begin(), paths.end());
  // Hashing every byte of the site is the cost here: on every core.
  std::vector<OfflineFile> files(paths.size());
  std::vector<std::string> errors(paths.size());
  parallel_for(paths.size(), [&](std::size_t i) {
    std::string bytes;
    if (read_file(root / paths[i], bytes, errors[i])) files[i] = {paths[i], bytes.size(), short_sha256(bytes)};
  });
  for (const std::string& e : errors)
    if (!e.empty()) return "offline.json: " + e;
  const std::set<std::string> in_shell(shell.begin(), shell.end());
  OfflineList list{build, budget, {}, {}};
  for (OfflineFile& f : files) (in_shell.count(f.path) ? list.shell : list.files).push_back(std::move(f));
  std::string error;
  for (const auto& [path, content] : write_offline_list(list))
    if (!write_file(root / path, content, error)) return "offline.json: " + error;
  return {};
}

}  // namespace logbook::cli
