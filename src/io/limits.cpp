#include "io/limits.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace parley::io {

void limit_exceeded(SourceLocation where, const std::string& what, const std::string& limit) {
  throw Error(std::move(where),
              what + " (limit: " + limit + "; see \"Limits\" in docs/scenario-format.md)");
}

std::string count_text(std::size_t count) {
  std::string digits = std::to_string(count), out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
    out += digits[k];
  }
  return out;
}

std::string bytes_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return count_text(bytes >> 20) + " MiB";
  if (bytes >= 1024 && bytes % 1024 == 0) return count_text(bytes >> 10) + " KiB";
  return count_text(bytes) + " bytes";
}

void check_input_size(std::string_view text, const std::string& file) {
  if (text.size() > limits::kFileBytes)
    limit_exceeded(SourceLocation{file, 0, 0, ""},
                   "the input is too large (" + bytes_text(text.size()) + ")",
                   bytes_text(limits::kFileBytes));
}

void check_line_lengths(std::string_view text, const std::string& file) {
  // Lines between LFs (memchr); only one longer than the limit is looked at
  // again for lone CRs, which end lines too.  O(size).
  int line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (end - start <= limits::kLineBytes) {
      line += static_cast<int>(std::count(text.begin() + static_cast<std::ptrdiff_t>(start),
                                          text.begin() + static_cast<std::ptrdiff_t>(end), '\r'));
      line -= end > start && text[end - 1] == '\r' && end < text.size();  // CRLF: one line end
    } else {
      for (std::size_t k = start, from = start; k <= end; ++k) {
        const bool cr = k < end && text[k] == '\r' && !(k + 1 < text.size() && text[k + 1] == '\n');
        if (!cr && k < end) continue;
        if (k - from > limits::kLineBytes)
          limit_exceeded(
              SourceLocation{file, line, 0, ""},
              "line " + std::to_string(line) + " is too long (" + bytes_text(k - from) + ")",
              bytes_text(limits::kLineBytes) + " per line");
        if (cr) ++line;
        from = k + 1;
      }
    }
    start = end + 1;
    ++line;
  }
}

namespace {

class FileHandle {
 public:
  explicit FileHandle(int fd) : fd_(fd) {}
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;
  ~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void refuse(const std::string& path, const std::string& message) {
  throw Error(SourceLocation{path, 0, 0, ""}, message);
}

std::string open_error(int error) {
  switch (error) {
    case ENOENT:
      return "no such file";
    case EACCES:
      return "permission denied: cannot open the file for reading";
    case ENOTDIR:
      return "no such file (a folder in the path is a file)";
    default:
      return std::string("cannot open the file for reading: ") + std::strerror(error);
  }
}

// Waits until `fd` can be read; false after limits::kSilenceSeconds of silence.
bool wait_readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  for (;;) {
    const int n = ::poll(&p, 1, limits::kSilenceSeconds * 1000);
    if (n >= 0) return n > 0;
    if (errno != EINTR) return true;  // let read() report the error
  }
}

}  // namespace

std::string read_file_limited(const std::string& path) {
  // O_NONBLOCK: opening a FIFO without a writer must not block.
  FileHandle fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) refuse(path, open_error(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) refuse(path, open_error(errno));
  if (S_ISDIR(st.st_mode))
    refuse(path, "this is a folder, not a file: give one scenario file inside it");
  const bool regular = S_ISREG(st.st_mode);
  std::string text;
  if (regular) {
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > limits::kFileBytes)
      limit_exceeded(SourceLocation{path, 0, 0, ""},
                     "the file is too large (" + bytes_text(size) + ")",
                     bytes_text(limits::kFileBytes));
    text.reserve(size + (std::size_t{64} << 10));  // one spare chunk: no regrowth at the end
  }
  // Chunks of 64 KiB; the limit applies while reading, so an endless device
  // or pipe stops after kFileBytes.  O(size).
  constexpr std::size_t kChunk = std::size_t{64} << 10;
  for (;;) {
    const std::size_t at = text.size();
    text.resize(at + kChunk);
    const ssize_t n = ::read(fd.get(), text.data() + at, kChunk);
    if (n < 0) {
      text.resize(at);
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (!wait_readable(fd.get()))
          refuse(path, "nothing to read for " + std::to_string(limits::kSilenceSeconds) +
                           " s (a pipe or device that never sends the file?)");
        continue;
      }
      if (errno == EISDIR) refuse(path, "this is a folder, not a file: give one scenario file");
      refuse(path, std::string("cannot read the file: ") + std::strerror(errno));
    }
    text.resize(at + static_cast<std::size_t>(n));
    if (n == 0) break;
    if (text.size() > limits::kFileBytes)
      limit_exceeded(
          SourceLocation{path, 0, 0, ""},
          "the file is too large (more than " + bytes_text(limits::kFileBytes) + " read)",
          bytes_text(limits::kFileBytes));
    // A device of NUL bytes (/dev/zero) is not text: stop at once and let
    // the text check refuse it with its line.
    if (!regular && std::memchr(text.data() + at, '\0', static_cast<std::size_t>(n))) break;
  }
  return text;
}

}  // namespace parley::io
