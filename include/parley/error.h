// parley/error.h - the exception types parley throws: Error for bad input,
// InternalError for a broken invariant of parley itself.
//
// Contract: every error that a user can cause (a malformed file, an unknown
// model parameter, an impossible value) is reported as parley::Error with the
// place it was found: a file, a line and column (1-based) or a CSV row and
// column, and a field path such as `actors[2].salience.donbas`.  The
// command-line tool turns an Error into one message on stderr and exit code 2.
//
// Programming errors ("cannot happen": an unhandled enumerator, a parameter a
// model reads that its schema did not resolve) are parley::InternalError, a
// std::logic_error; the command-line tool reports them as internal errors with
// exit code 4, so that a bug is never mistaken for bad input.
//
// Thread-safety: values; safe to copy and read from any thread.
#pragma once

#include <stdexcept>
#include <string>

namespace parley {

// Where a problem was found.  Any field may be empty/zero when unknown.
struct SourceLocation {
  std::string file;  // path as the user gave it
  int line = 0;      // 1-based; 0 = unknown
  int column = 0;    // 1-based; 0 = unknown
  std::string path;  // field path inside the document, e.g. "actors[0].position.donbas"

  // "file:line:column" (or as much of it as is known).
  std::string where() const;
};

class Error : public std::runtime_error {
 public:
  Error(SourceLocation location, const std::string& message);
  explicit Error(const std::string& message) : Error(SourceLocation{}, message) {}

  const SourceLocation& location() const { return location_; }
  // The message without the location prefix.
  const std::string& detail() const { return detail_; }

 private:
  SourceLocation location_;
  std::string detail_;
};

// A broken invariant of parley itself, never the user's input.
class InternalError : public std::logic_error {
 public:
  explicit InternalError(const std::string& message) : std::logic_error(message) {}
};

}  // namespace parley
