// Spec: `logbook build` writes offline.json, the list the service worker (site/sw.js)
// uses to keep an offline copy that a new deployment updates by difference.
#include <doctest/doctest.h>

#include <algorithm>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/offline_list.hpp"
#include "cli/site_builder.hpp"
#include "temp_folder.hpp"

namespace fs = std::filesystem;
using namespace logbook::cli;
using nlohmann::json;

namespace {

std::optional<OfflineList> read_back(const std::vector<std::pair<std::string, std::string>>& written) {
  std::map<std::string, std::string> files(written.begin(), written.end());
  return read_offline_list(files.at("offline.json"), [&](const std::string& path) -> std::optional<std::string> {
    const auto it = files.find(path);
    return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
}

void build_fixture(const TempFolder& dir, const std::string& setup_body) {
  dir.write("content/index.md", "# Handbook\n\nSee [[Setup]].\n");
  dir.write("content/guides/setup.md", "# Setup\n\n" + setup_body + "\n");
  dir.write("content/img/logo.png", "PNG");
  BuildOptions o;
  o.content_dir = dir.path / "content";
  o.out_dir = dir.path / "site";
  REQUIRE(build_site_to_disk(o).fatal == "");
}

std::map<std::string, std::string> hashes(const OfflineList& list) {
  std::map<std::string, std::string> out;
  for (const auto* files : {&list.shell, &list.files})
    for (const OfflineFile& f : *files) out[f.path] = f.hash;
  return out;
}

}  // namespace

TEST_CASE("short_sha256 is the first 8 bytes of SHA-256, what crypto.subtle gives the service worker") {
  CHECK(short_sha256("") == "e3b0c44298fc1c14");
  CHECK(short_sha256("abc") == "ba7816bf8f01cfea");
  CHECK(short_sha256(std::string(1000000, 'a')) == "cdc76e5c9914fb92");  // FIPS 180-2's long vector: many blocks
  CHECK(short_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8");  // two blocks of padding
  // The CPU's SHA instructions (where it has them) and the portable rounds agree, at every
  // length around the block size and across many blocks.
  CHECK(short_sha256_portable(std::string(1000000, 'a')) == "cdc76e5c9914fb92");
  CHECK(short_sha256_portable("abc") == "ba7816bf8f01cfea");
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>((i * 131 + 7) & 0xFF);
  for (std::size_t n : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 127u, 128u, 129u, 300u})
    CHECK(short_sha256(text.substr(0, n)) == short_sha256_portable(text.substr(0, n)));
}

TEST_CASE("offline_bucket is 32-bit FNV-1a, as sw.js computes it") {
  CHECK(offline_bucket("") == 2166136261u);
  CHECK(offline_bucket("a") == 0xe40c292cu);
  CHECK(offline_bucket("foobar") == 0xbf9cf968u);
}

TEST_CASE("offline.json round-trips: shell, files in content-addressed parts, totals and budget") {
  OfflineList list{"0123456789abcdef", 10u << 20, {{"app/logbook.wasm", 1500000, "3f2a9c0d11b4e5f6"}, {"manifest.json", 900, "00000000000000aa"}}, {}};
  for (int i = 0; i < 1500; ++i) list.files.push_back({"p" + std::to_string(10000 + i) + "/index.html", 100u + static_cast<unsigned>(i), "abcdef0123456789"});
  const auto written = write_offline_list(list);
  REQUIRE(written.size() == 1 + 4);  // 1,500 files: four parts of about 512 (a power of two)
  const json top = json::parse(written[0].second);
  CHECK(top["format"] == "logbook-offline");
  CHECK(top["version"] == 1);
  CHECK(top["files"] == 1502);
  std::uint64_t bytes = 1500900;
  for (int i = 0; i < 1500; ++i) bytes += 100u + static_cast<unsigned>(i);
  CHECK(top["bytes"] == bytes);
  for (std::size_t p = 1; p < written.size(); ++p) {
    CHECK(written[p].first == "site/offline." + short_sha256(written[p].second) + ".json");  // content-addressed
    for (const auto& [path, entry] : json::parse(written[p].second)["files"].items())
      CHECK(offline_bucket(path) % 4 == p - 1);  // the part a worker looks in for this path
  }
  const std::optional<OfflineList> back = read_back(written);
  REQUIRE(back);
  CHECK(back->build == list.build);
  CHECK(back->budget == list.budget);
  CHECK(back->shell == list.shell);
  CHECK(back->files == list.files);
}

TEST_CASE("offline.json of another format or version, or with a part missing, is not read") {
  auto written = write_offline_list({"b", 0, {}, {{"a/index.html", 1, "h"}}});
  CHECK(read_back(written));
  written.pop_back();
  CHECK_FALSE(read_back(written));
  CHECK_FALSE(read_back({{"offline.json", R"({"format":"logbook-offline","version":2,"parts":[]})"}}));
  CHECK_FALSE(read_back({{"offline.json", "not json"}}));
}

TEST_CASE("a build lists every file but sw.js and offline.json; the shell opens the site, the rest is read as needed") {
  TempFolder dir;
  build_fixture(dir, "First version.");
  const fs::path site = dir.path / "site";
  const auto list = read_offline_list(dir.read("site/offline.json"), [&](const std::string& p) { return std::optional(dir.read("site/" + p)); });
  REQUIRE(list);
  const auto all = hashes(*list);
  CHECK(all.at("guides/setup/index.html") == short_sha256(dir.read("site/guides/setup/index.html")));
  CHECK(all.count("img/logo.png"));
  const auto search_list = json::parse(dir.read("site/manifest.json"))["search"]["list"].get<std::string>();
  CHECK(all.count(search_list));  // the search database's list and pieces (ADR-0009)
  CHECK(std::count_if(all.begin(), all.end(), [](const auto& f) { return f.first.rfind("search/", 0) == 0; }) >= 2);
  CHECK_FALSE(all.count("sw.js"));
  CHECK_FALSE(all.count("offline.json"));
  std::set<std::string> shell;
  for (const OfflineFile& f : list->shell) shell.insert(f.path);
  CHECK(shell == std::set<std::string>{"404.html", "assets/favicon.svg", "assets/loader.js", "assets/page.css", "index.html", "index.md", "manifest.json"});
  CHECK(list->budget == 10u << 20);  // logbook.yml offline_budget_mb, 10 by default
  CHECK(list->build == json::parse(dir.read("site/manifest.json"))["build"]);
  CHECK(json::parse(dir.read("site/manifest.json"))["precache"].size() == shell.size());  // no page, no database: they are read as needed
}

TEST_CASE("after a one-page edit, offline.json changes the hash of that page's files and leaves the others alone") {
  TempFolder dir;
  build_fixture(dir, "First version.");
  const auto read = [&] {
    return *read_offline_list(dir.read("site/offline.json"), [&](const std::string& p) { return std::optional(dir.read("site/" + p)); });
  };
  const auto before = hashes(read());
  build_fixture(dir, "Second version.");
  const auto after = hashes(read());
  std::set<std::string> changed;
  bool search_changed = false;
  for (const auto& [path, hash] : after) {
    const auto was = before.find(path);
    // Content-addressed files (the manifest's parts, the search pieces) change their
    // names, not their bytes.
    if (path.starts_with("site/pages.")) CHECK((was == before.end() || was->second == hash));
    else if (path.starts_with("search/")) search_changed = search_changed || was == before.end();
    else if (was == before.end() || was->second != hash) changed.insert(path);
  }
  // guides/ has no index.md: its listing page shows the page's description, which changed.
  CHECK(changed == std::set<std::string>{"guides/index.html", "guides/setup/index.html", "guides/setup/index.md", "manifest.json"});
  CHECK(search_changed);
}
