#include "content_reader.hpp"

#include <fstream>
#include <system_error>

namespace logbook::cli {

namespace fs = std::filesystem;

std::string shown_file(const std::string& file, bool in_content, const fs::path& content_dir, const fs::path& base) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(in_content ? content_dir / file : fs::path(file), ec).lexically_normal();
  const fs::path rel = absolute.lexically_relative(fs::absolute(base, ec).lexically_normal());
  // A file outside `base` reads better whole than as a climb of ../../..
  return rel.empty() || *rel.begin() == ".." ? absolute.generic_string() : rel.generic_string();
}

bool read_file(const fs::path& path, std::string& out, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path.string();
    return false;
  }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  out.resize(size > 0 ? static_cast<std::size_t>(size) : 0);
  if (size > 0 && !in.read(out.data(), size)) {
    error = "cannot read " + path.string();
    return false;
  }
  return true;
}

ContentReadResult read_content(const fs::path& content_dir, const fs::path& skip_dir) {
  ContentReadResult result;
  std::error_code ec;
  if (!fs::is_directory(content_dir, ec)) {
    result.error = content_dir.string() + " is not a folder; pass the folder that holds your Markdown (default: content).";
    return result;
  }
  const fs::path skip = skip_dir.empty() ? fs::path() : fs::weakly_canonical(skip_dir, ec);
  fs::recursive_directory_iterator it(content_dir, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    result.error = "cannot read " + content_dir.string() + ": " + ec.message();
    return result;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      result.error = "cannot read " + content_dir.string() + ": " + ec.message();
      return result;
    }
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (name.starts_with('.') || (!skip.empty() && fs::weakly_canonical(p, ec) == skip)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    const std::string path = p.lexically_relative(content_dir).generic_string();
    if (it->is_symlink(ec)) {
      result.diagnostics.push_back({Severity::warning, path, 0, 0,
                                    "is a symbolic link, which Logbook does not follow (it could reach outside the content "
                                    "folder), so it was not published; put the file or folder itself here instead."});
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    SourceFile file;
    file.path = path;
    // A page over the limit is never read (it could be any size); the core reports it.
    if (const std::uintmax_t size = it->file_size(ec); !ec && size > limits::kPageBytes && is_markdown_path(file.path)) {
      file.unread_size = static_cast<std::size_t>(size);
      result.files.push_back(std::move(file));
      continue;
    }
    std::string error;
    if (!read_file(p, file.bytes, error)) {
      result.error = error;
      return result;
    }
    result.files.push_back(std::move(file));
  }
  return result;
}

}  // namespace logbook::cli
