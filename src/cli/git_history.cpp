#include "git_history.hpp"

#include <git2.h>

#include <algorithm>
#include <ctime>
#include <memory>

namespace logbook::cli {

namespace fs = std::filesystem;

namespace {

template <typename T, void (*Free)(T*)>
struct GitPtr {
  T* p = nullptr;
  ~GitPtr() {
    if (p) Free(p);
  }
};

std::string iso_date(git_time_t t, int offset_minutes) {
  const std::time_t local = static_cast<std::time_t>(t) + offset_minutes * 60;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string last_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown git error";
}

}  // namespace

GitHistory read_git_history(const fs::path& content_dir) {
  GitHistory history;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(content_dir, ec);
  history.content_prefix = absolute.filename().string();
  git_libgit2_init();
  struct Shutdown {
    ~Shutdown() { git_libgit2_shutdown(); }
  } shutdown;

  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.p, absolute.c_str(), 0, nullptr) != 0) {
    history.note = "not in a git repository: pages show no change dates or authors";
    return history;
  }
  const char* workdir = git_repository_workdir(repo.p);
  if (!workdir) {
    history.note = "a bare repository has no content folder";
    return history;
  }
  std::string prefix = fs::relative(absolute, fs::weakly_canonical(workdir, ec), ec).generic_string();
  if (prefix == ".") prefix.clear();
  history.content_prefix = prefix;
  const std::string with_slash = prefix.empty() ? "" : prefix + "/";

  GitPtr<git_revwalk, git_revwalk_free> walk;
  if (git_revwalk_new(&walk.p, repo.p) != 0 || git_revwalk_push_head(walk.p) != 0) {
    history.note = "no commits yet: " + last_error();
    return history;
  }
  git_revwalk_sorting(walk.p, GIT_SORT_TIME);

  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  char* pathspec = const_cast<char*>(with_slash.c_str());
  if (!prefix.empty()) {
    options.pathspec.strings = &pathspec;
    options.pathspec.count = 1;
  }
  git_oid oid;
  while (git_revwalk_next(&oid, walk.p) == 0) {
    GitPtr<git_commit, git_commit_free> commit;
    if (git_commit_lookup(&commit.p, repo.p, &oid) != 0) continue;
    GitPtr<git_tree, git_tree_free> tree, parent_tree;
    if (git_commit_tree(&tree.p, commit.p) != 0) continue;
    if (git_commit_parentcount(commit.p) > 0) {
      GitPtr<git_commit, git_commit_free> parent;
      if (git_commit_parent(&parent.p, commit.p, 0) == 0) git_commit_tree(&parent_tree.p, parent.p);
    }
    GitPtr<git_diff, git_diff_free> diff;
    if (git_diff_tree_to_tree(&diff.p, repo.p, parent_tree.p, tree.p, &options) != 0) continue;
    const git_signature* author = git_commit_author(commit.p);
    const std::string date = iso_date(author->when.time, author->when.offset);
    const std::string name = author->name ? author->name : "";
    for (std::size_t i = 0; i < git_diff_num_deltas(diff.p); ++i) {
      const git_diff_delta* d = git_diff_get_delta(diff.p, i);
      std::string path = d->new_file.path ? d->new_file.path : "";
      if (path.rfind(with_slash, 0) != 0) continue;
      path.erase(0, with_slash.size());
      PageHistory& h = history.pages[path];
      if (h.updated.empty()) {  // newest first: the first commit seen is the last change
        h.updated = date;
        h.last_author = name;
        h.summary = commit_summary(git_commit_message(commit.p) ? git_commit_message(commit.p) : "");
      }
      if (!name.empty() && std::find(h.authors.begin(), h.authors.end(), name) == h.authors.end()) h.authors.push_back(name);
    }
  }
  return history;
}

std::string web_url_of_remote(std::string_view url) {
  std::string_view rest = url;
  if (const auto scheme = rest.find("://"); scheme != std::string_view::npos) {
    const std::string_view name = rest.substr(0, scheme);
    if (name != "https" && name != "http" && name != "ssh" && name != "git") return {};
    rest.remove_prefix(scheme + 3);
  } else if (const auto colon = rest.find(':'); colon == std::string_view::npos || rest.find('/') < colon) {
    return {};  // a local path: scp-like "host:org/repo" has its colon before any slash
  }
  if (const auto at = rest.find('@'); at != std::string_view::npos && at < rest.find('/')) rest.remove_prefix(at + 1);
  std::string host_path(rest);
  // "github.com:org/repo" (scp-like) and "host:22/org/repo" (a port) both become "host/org/repo".
  if (const auto colon = host_path.find(':'); colon != std::string::npos && colon < host_path.find('/')) {
    const auto digits = host_path.find_first_not_of("0123456789", colon + 1);
    const bool port = digits != std::string::npos && digits > colon + 1 && host_path[digits] == '/';
    host_path.replace(colon, port ? digits - colon : 1, port ? "" : "/");
  }
  while (!host_path.empty() && host_path.back() == '/') host_path.pop_back();
  if (host_path.ends_with(".git")) host_path.resize(host_path.size() - 4);
  const auto slash = host_path.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == host_path.size()) return {};
  return "https://" + host_path;
}

GitRemote read_git_remote(const fs::path& dir) {
  GitRemote out;
  git_libgit2_init();
  struct Shutdown {
    ~Shutdown() { git_libgit2_shutdown(); }
  } shutdown;
  GitPtr<git_repository, git_repository_free> repo;
  std::error_code ec;
  if (git_repository_open_ext(&repo.p, fs::weakly_canonical(dir, ec).c_str(), 0, nullptr) != 0) return out;

  std::string remote_name = "origin";
  git_strarray names{};
  if (git_remote_list(&names, repo.p) == 0) {
    bool has_origin = false;
    for (std::size_t i = 0; i < names.count; ++i) has_origin = has_origin || remote_name == names.strings[i];
    if (!has_origin) remote_name = names.count ? names.strings[0] : "";
    git_strarray_dispose(&names);
  }
  GitPtr<git_remote, git_remote_free> remote;
  if (!remote_name.empty() && git_remote_lookup(&remote.p, repo.p, remote_name.c_str()) == 0 && git_remote_url(remote.p))
    out.web_url = web_url_of_remote(git_remote_url(remote.p));

  // The remote's default branch (refs/remotes/origin/HEAD, set by clone), else HEAD's,
  // which names its branch even before the first commit.
  const std::string remote_head = "refs/remotes/" + remote_name + "/HEAD";
  for (const std::string& name : {remote_head, std::string("HEAD")}) {
    GitPtr<git_reference, git_reference_free> ref;
    if (git_reference_lookup(&ref.p, repo.p, name.c_str()) != 0 || git_reference_type(ref.p) != GIT_REFERENCE_SYMBOLIC) continue;
    const std::string target = git_reference_symbolic_target(ref.p);
    const std::string prefix = name == "HEAD" ? "refs/heads/" : "refs/remotes/" + remote_name + "/";
    if (target.starts_with(prefix)) {
      out.branch = target.substr(prefix.size());
      break;
    }
  }
  return out;
}

}  // namespace logbook::cli
