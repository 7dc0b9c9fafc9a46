#include "serve/files.h"

#include <algorithm>
#include <cctype>
#include <system_error>

#include "parley/error.h"
#include "parley/io.h"
#include "serve/reply.h"

namespace parley::serve {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& root, const fs::path& path) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool scenario_like(const fs::path& path) {
  static const char* const kExtensions[] = {".yaml", ".yml", ".json", ".csv",
                                            ".tsv",  ".xml", ".txt",  ".dat"};
  const std::string ext = lower_extension(path);
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](const char* e) { return ext == e; });
}

}  // namespace

Root::Root(const std::string& dir, std::size_t max_file_bytes) : max_file_bytes_(max_file_bytes) {
  if (dir.empty()) return;
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(SourceLocation{dir, 0, 0, ""}, "--root: not a directory");
  root_ = fs::canonical(dir, ec);
  if (ec) throw Error(SourceLocation{dir, 0, 0, ""}, "--root: " + ec.message());
}

fs::path Root::resolve(std::string_view relative) const {
  if (!enabled()) throw HttpError(403, "file access is off: start `parley serve` with --root DIR");
  const fs::path given{std::string(relative)};
  if (relative.empty() || relative.find('\0') != std::string_view::npos || given.is_absolute() ||
      given.has_root_name() || given.has_root_directory())
    throw HttpError(403, "'" + std::string(relative) + "': expected a path relative to --root");
  for (const auto& part : given)
    if (part == ".." || part == ".")
      throw HttpError(403, "'" + std::string(relative) + "': '.' and '..' are not allowed");
  std::error_code ec;
  const fs::path full = fs::weakly_canonical(root_ / given, ec);
  if (ec || !inside(root_, full))
    throw HttpError(403, "'" + std::string(relative) + "' is outside --root");
  return full;
}

std::vector<std::string> Root::list(std::size_t limit) const {
  std::vector<std::string> out;
  if (!enabled()) return out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec),
      end;
  for (; !ec && it != end && out.size() < limit; it.increment(ec)) {
    if (it.depth() >= 4) it.disable_recursion_pending();
    const fs::path& path = it->path();
    if (path.filename().string().starts_with(".")) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec) || !scenario_like(path)) continue;
    // Links that lead out of the root are not listed (and not readable).
    const fs::path real = fs::weakly_canonical(path, ec);
    if (ec || !inside(root_, real)) continue;
    out.push_back(fs::relative(path, root_, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string Root::read(std::string_view relative) const {
  const fs::path path = resolve(relative);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw HttpError(404, "'" + std::string(relative) + "': no such file under --root");
  if (fs::file_size(path, ec) > max_file_bytes_)
    throw HttpError(413, "'" + std::string(relative) + "' is larger than the request limit (" +
                             std::to_string(max_file_bytes_) + " bytes)");
  return read_text_file(path.string());
}

void Root::write(std::string_view relative, const std::string& content) const {
  const fs::path path = resolve(relative);
  const std::string ext = lower_extension(path);
  if (ext != ".yaml" && ext != ".yml")
    throw HttpError(403, "'" + std::string(relative) + "': scenarios are saved as .yaml or .yml");
  std::error_code ec;
  if (!fs::is_directory(path.parent_path(), ec))
    throw HttpError(403, "'" + std::string(relative) + "': its folder does not exist under --root");
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec))
    throw HttpError(403, "'" + std::string(relative) + "' is not a regular file");
  write_output(path.string(), content);
}

}  // namespace parley::serve
