// offline.json: what the service worker (site/sw.js) needs to keep an offline copy that
// updates by difference. Every file of the built site is listed with its size and hash,
// so that a new deployment's worker copies every file the reader already has whose hash
// is unchanged and downloads only the others, and so that the app can show the size of
// a whole-site copy before the reader asks for one.
//
// offline.json, format "logbook-offline", version 1 (write_offline_list and
// read_offline_list are its only writer and reader in C++; site/sw.js reads it):
// {
//   "format": "logbook-offline", "version": 1,
//   "build": "16 hex digits",        manifest.json's "build": the deployment
//   "bytes": 48123456,               every listed file (shell and parts) together, uncompressed
//   "files": 20345,                  how many files that is
//   "budget": 10485760,              a site of at most this many bytes is copied whole by
//                                    itself after the first page is shown (logbook.yml
//                                    offline_budget_mb); above it the reader asks
//   "shell": {"app/logbook.wasm": [1534201, "3f2a9c0d11b4e5f6"], ...}
//                                    what the worker caches on install: the app, its fonts,
//                                    the manifest, the home page and the static pages' assets
//   "parts": ["site/offline.0a1b2c3d4e5f6071.json", ...]
//                                    every other file, in parts: a file is in
//                                    parts[offline_bucket(path) % parts.length], so the worker
//                                    fetches only the parts covering files it holds
// }
// A part, format "logbook-offline-part", version 1, content-addressed (its name holds the
// hash of its bytes, so a worker keeps it across deployments):
//   {"format": "logbook-offline-part", "version": 1, "files": {"guides/x/index.html": [5120, "hash"], ...}}
// Paths are relative to the site root, as URLs spell them without percent-encoding.
// Hashes are short_sha256 of the file's bytes: the worker checks what it downloads with
// crypto.subtle. sw.js and offline.json itself are not listed (they change every build).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace logbook::cli {

inline constexpr int kOfflineListVersion = 1;

struct OfflineFile {
  std::string path;  // relative to the site root: "app/logbook.wasm", "guides/x/index.html"
  std::uint64_t size = 0;
  std::string hash;  // short_sha256 of the bytes
  bool operator==(const OfflineFile&) const = default;
};

struct OfflineList {
  std::string build;
  std::uint64_t budget = 0;
  std::vector<OfflineFile> shell;  // sorted by path
  std::vector<OfflineFile> files;  // everything else, sorted by path
};

// The first 8 bytes of the SHA-256 of `bytes`, as 16 lowercase hex digits (the project's
// convention for content-addressed names, and what crypto.subtle gives the worker).
std::string short_sha256(std::string_view bytes);
// The same without the CPU's SHA instructions, for tests of both ways.
std::string short_sha256_portable(std::string_view bytes);

// Which part lists a path: 32-bit FNV-1a of its UTF-8 bytes (sw.js computes the same).
std::uint32_t offline_bucket(std::string_view path);

// offline.json and its parts: {"offline.json", bytes}, then {"site/offline.<hash>.json", bytes}...
std::vector<std::pair<std::string, std::string>> write_offline_list(const OfflineList& list);

// Reads offline.json back, fetching its parts with `part` (path -> bytes, nullopt when
// missing); nullopt when anything is missing or of another format or version.
std::optional<OfflineList> read_offline_list(std::string_view top,
                                             const std::function<std::optional<std::string>(const std::string&)>& part);

// Lists every file under root (but sw.js, offline.json and hidden files), marks those in
// `shell` (paths relative to root) and writes offline.json and its parts there. "" or
// what went wrong.
std::string write_offline_files(const std::filesystem::path& root, const std::vector<std::string>& shell,
                                const std::string& build, std::uint64_t budget);

}  // namespace logbook::cli
