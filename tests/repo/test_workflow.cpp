// Spec: the GitHub workflow parses, names real steps, builds in debian:bookworm with
// the scripts a newcomer runs, and its test command is the README's.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string read(const std::string& rel) {
  std::ifstream in(std::string(LOGBOOK_SOURCE_DIR) + "/" + rel);
  REQUIRE_MESSAGE(in, "cannot read " << rel);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The commands in the README's first ```sh block ("The two commands").
std::vector<std::string> readme_commands() {
  const std::string readme = read("README.md");
  const auto start = readme.find("```sh\n");
  REQUIRE(start != std::string::npos);
  const auto end = readme.find("```", start + 6);
  std::istringstream block(readme.substr(start + 6, end - start - 6));
  std::vector<std::string> out;
  for (std::string line; std::getline(block, line);) {
    const auto comment = line.find('#');
    line = line.substr(0, comment);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::string all_runs(const YAML::Node& job) {
  std::string runs;
  for (const auto& step : job["steps"])
    if (step["run"]) runs += step["run"].as<std::string>() + "\n";
  return runs;
}

bool uses(const YAML::Node& job, const std::string& action) {
  for (const auto& step : job["steps"])
    if (step["uses"] && step["uses"].as<std::string>().rfind(action + "@", 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("the README names exactly two commands: serve and test") {
  CHECK(readme_commands() == std::vector<std::string>{"scripts/serve", "scripts/test"});
}

TEST_CASE("CI runs the README's test command") {
  const std::string ci = read(".ci/run");
  CHECK(ci.find("scripts/test") != std::string::npos);
}

TEST_CASE("the workflow tests pull requests and deploys the default branch to Pages") {
  const YAML::Node wf = YAML::Load(read(".github/workflows/site.yml"));
  CHECK(wf["on"]["pull_request"]);
  CHECK(wf["on"]["push"]["branches"][0].as<std::string>() == "main");
  const YAML::Node jobs = wf["jobs"];
  REQUIRE(jobs["test"]);
  REQUIRE(jobs["build"]);
  REQUIRE(jobs["deploy"]);

  for (const char* name : {"test", "build"}) {
    CAPTURE(name);
    CHECK(jobs[name]["container"].as<std::string>() == "debian:bookworm");
    CHECK(uses(jobs[name], "actions/checkout"));
    for (const auto& step : jobs[name]["steps"]) CHECK(step["name"]);  // every step says what it does
  }
  const std::string test_runs = all_runs(jobs["test"]);
  CHECK(test_runs.find(readme_commands()[1]) != std::string::npos);
  CHECK(test_runs.find("logbook check content --format github") != std::string::npos);

  const std::string build_runs = all_runs(jobs["build"]);
  CHECK(build_runs.find("scripts/bootstrap.sh") != std::string::npos);
  CHECK(build_runs.find("logbook build content") != std::string::npos);
  CHECK(build_runs.find("--base-url") != std::string::npos);
  CHECK(jobs["build"]["if"].as<std::string>().find("pull_request") != std::string::npos);
  CHECK(uses(jobs["build"], "actions/upload-pages-artifact"));
  CHECK(uses(jobs["deploy"], "actions/deploy-pages"));
  CHECK(jobs["deploy"]["permissions"]["pages"].as<std::string>() == "write");
  CHECK(jobs["deploy"]["permissions"]["id-token"].as<std::string>() == "write");
  CHECK(jobs["deploy"]["needs"].as<std::string>() == "build");
}

TEST_CASE("every script the workflow runs exists in the repository") {
  const YAML::Node wf = YAML::Load(read(".github/workflows/site.yml"));
  for (const auto& job : wf["jobs"]) {
    const std::string runs = all_runs(job.second);
    for (std::size_t pos = runs.find("scripts/"); pos != std::string::npos; pos = runs.find("scripts/", pos + 1)) {
      const auto end = runs.find_first_of(" \n&;", pos);
      const std::string script = runs.substr(pos, end - pos);
      CAPTURE(script);
      std::ifstream in(std::string(LOGBOOK_SOURCE_DIR) + "/" + script);
      CHECK(in.good());
    }
  }
}

TEST_CASE("action.yml: a composite action whose inputs are documented and used, whose steps run the scripts it ships") {
  const std::string text = read("action.yml");
  const YAML::Node action = YAML::Load(text);
  CHECK(action["runs"]["using"].as<std::string>() == "composite");
  for (const char* input : {"content", "mode", "strict", "base-url", "site-url", "output", "version"}) {
    CAPTURE(input);
    REQUIRE(action["inputs"][input]);
    CHECK(!action["inputs"][input]["description"].as<std::string>().empty());
    CHECK(text.find(std::string("inputs.") + input + " }}") != std::string::npos);  // passed on, not ignored
  }
  CHECK(action["inputs"]["mode"]["default"].as<std::string>() == "build");
  CHECK(action["inputs"]["content"]["default"].as<std::string>() == "content");
  for (const auto& step : action["runs"]["steps"]) {
    if (!step["run"]) continue;
    const std::string run = step["run"].as<std::string>();
    CAPTURE(run);
    CHECK(step["shell"].as<std::string>() == "bash");
    // Inputs reach scripts through env, never spliced into the script (script injection).
    CHECK(run.find("${{") == std::string::npos);
    const auto pos = run.find("scripts/action/");
    REQUIRE(pos != std::string::npos);
    const std::string script = run.substr(pos, run.find('"', pos) - pos);
    std::ifstream in(std::string(LOGBOOK_SOURCE_DIR) + "/" + script);
    CHECK_MESSAGE(in.good(), script);
  }
  CHECK(text.find("actions/cache@") != std::string::npos);                // source builds are cached
  CHECK(text.find("actions/upload-pages-artifact@") != std::string::npos);  // mode build publishes
  const std::string get = read("scripts/action/get-logbook.sh");
  CHECK(get.find("sha256sum --check") != std::string::npos);  // the download is verified before it runs
}

TEST_CASE("a version tag builds the package in a clean container, runs it bare, and releases it with its sums") {
  const YAML::Node wf = YAML::Load(read(".github/workflows/release.yml"));
  CHECK(wf["on"]["push"]["tags"][0].as<std::string>() == "v*");
  const YAML::Node jobs = wf["jobs"];
  CHECK(jobs["package"]["container"].as<std::string>() == "debian:bookworm");
  CHECK(all_runs(jobs["package"]).find("scripts/release.sh") != std::string::npos);
  CHECK(jobs["bare-debian"]["container"].as<std::string>() == "debian:bookworm");
  CHECK(all_runs(jobs["bare-debian"]).find("e2e.sh /usr/bin/logbook --expect-app") != std::string::npos);
  CHECK(all_runs(jobs["bare-ubuntu"]).find("e2e.sh") != std::string::npos);
  CHECK(!jobs["bare-ubuntu"]["container"]);
  const std::string publish = all_runs(jobs["release"]);
  for (const char* file : {"logbook-*.tar.gz.sha256", "logbook-*.deb ", "SHA256SUMS"}) CHECK(publish.find(file) != std::string::npos);
  CHECK(jobs["release"]["permissions"]["contents"].as<std::string>() == "write");
  CHECK(wf["permissions"]["contents"].as<std::string>() == "read");
}
