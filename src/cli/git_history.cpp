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
      if (h.updated.empty()) h.updated = date;  // newest first: the first commit seen is the last change
      if (!name.empty() && std::find(h.authors.begin(), h.authors.end(), name) == h.authors.end()) h.authors.push_back(name);
    }
  }
  return history;
}

}  // namespace logbook::cli
