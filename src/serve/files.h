// serve/files.h - the files a workbench server may touch: those under --root.
//
// A Root confines every path the API receives to one directory: a path must
// be relative, without "." or ".." components, and must resolve (following
// symbolic links) to a place inside the root, so neither "../x" nor a link
// pointing out of the root reaches another file.  Without a root, the server
// reads and writes no file (scenarios then come by upload).  Writes replace
// or create `.yaml`/`.yml` files only, atomically (temporary file and
// rename), so a failed save never leaves a partial file.
//
// Thread-safety: const member functions only; safe from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace parley::serve {

class Root {
 public:
  // `dir` = "" for no file access.  Throws parley::Error when `dir` is not a
  // directory.
  explicit Root(const std::string& dir, std::size_t max_file_bytes);

  bool enabled() const { return !root_.empty(); }

  // Scenario-like files (by extension) under the root, relative, sorted; at
  // most `limit`, at most 4 directories deep.  O(entries visited).
  std::vector<std::string> list(std::size_t limit = 2000) const;
  // The file's text.  HttpError 403 outside the root (or without one), 404
  // when absent, 413 when larger than max_file_bytes.
  std::string read(std::string_view relative) const;
  // Writes `content` to a .yaml/.yml file under the root; its folder must
  // exist.  HttpError 403 otherwise.
  void write(std::string_view relative, const std::string& content) const;

  // The absolute path of `relative` under the root, links resolved; throws
  // HttpError 403 when it would leave the root.
  std::filesystem::path resolve(std::string_view relative) const;

 private:
  std::filesystem::path root_;  // canonical
  std::size_t max_file_bytes_;
};

}  // namespace parley::serve
