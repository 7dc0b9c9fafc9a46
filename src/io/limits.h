// Resource limits of every reader (docs/scenario-format.md, "Limits").
//
// A hostile file (an alias bomb, nesting 10,000 levels deep, a million
// columns, a device that never ends) must be refused quickly and with little
// memory, never run the process out of memory or time.  The limits sit far
// above any honest scenario: the largest inputs parley ships or is validated
// on are under 60 KB, with under 5,000 values and under 10 levels of nesting.
// Every refusal is a parley::Error naming the limit and, when known, the file,
// line and column.  Internal to parley_io.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "parley/error.h"

namespace parley::io {

namespace limits {
inline constexpr std::size_t kFileBytes = std::size_t{128} << 20;  // 128 MiB per input file
inline constexpr std::size_t kLineBytes = std::size_t{1} << 20;    // 1 MiB per line (YAML, tables)
inline constexpr std::size_t kNodes = 1'000'000;    // values in a YAML/JSON/XML document
inline constexpr std::size_t kAliasNodes = 10'000;  // values repeated by YAML aliases, in all
inline constexpr int kDepth = 64;                   // nesting of YAML/JSON/XML collections
inline constexpr std::size_t kPathBytes = 512;      // a field path, e.g. actors[2].position.x
// yaml-cpp reads a whole flow collection ([...] or {...}) before it reports
// any of it: the text read ahead of the last value reported is bounded, and so
// is its count of the characters that make tokens ([ ] { } , : ? & * !).
inline constexpr std::size_t kLookaheadBytes = std::size_t{1} << 20;
inline constexpr std::size_t kLookaheadTokens = 65'536;
inline constexpr std::size_t kRows = 1'000'000;   // rows of a table, header included
inline constexpr std::size_t kColumns = 10'000;   // fields in one row
inline constexpr std::size_t kCells = 4'000'000;  // fields in the whole table
inline constexpr std::size_t kCellBytes = std::size_t{1}
                                          << 20;  // one field (quoted fields span lines)
// A pipe or device that sends nothing for this long is given up on.
inline constexpr int kSilenceSeconds = 10;
}  // namespace limits

// Refuses input beyond a limit: "<what> (limit: <limit>; see "Limits" in
// docs/scenario-format.md)".
[[noreturn]] void limit_exceeded(SourceLocation where, const std::string& what,
                                 const std::string& limit);

// "128 MiB", "1,000,000": limits written for people.
std::string bytes_text(std::size_t bytes);
std::string count_text(std::size_t count);

// Refuses text longer than limits::kFileBytes.
void check_input_size(std::string_view text, const std::string& file);

// Refuses a line longer than limits::kLineBytes; LF, CRLF and a lone CR end
// a line.  O(size).
void check_line_lengths(std::string_view text, const std::string& file);

// Reads a whole file with the size limit applied while reading, so that an
// endless device (/dev/zero) or pipe stops at the limit.  A folder, a missing
// or unreadable file are refused with a message that says which; a FIFO
// without a writer reads as empty instead of blocking, and a pipe or device
// that stays silent for limits::kSilenceSeconds is given up on.
std::string read_file_limited(const std::string& path);

}  // namespace parley::io
