// Small text helpers shared by the importers.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parley/scenario.h"

namespace parley::io {

std::string lower(std::string_view s);
// An id from a display name: ASCII letters and digits lower-cased, other
// ASCII characters folded to '_', non-ASCII UTF-8 kept; never empty.
std::string slug(std::string_view name);
// Makes ids unique by appending _2, _3, ...  O(1) expected per call, however
// many names share one slug.
class UniqueIds {
 public:
  // Records `id` as taken (an id that is already unique).
  void take(const std::string& id) { taken_.insert(id); }
  bool taken(const std::string& id) const { return taken_.count(id) > 0; }
  // `id`, or the first of id_2, id_3, ... not taken yet; records it.
  std::string make(const std::string& id);

 private:
  std::unordered_set<std::string> taken_;
  std::unordered_map<std::string, int> next_suffix_;  // id -> next k to try
};
// Whether `id` is usable as an id (non-empty; no blanks, '.', '[' or ']').
bool valid_id(std::string_view id);
// Replaces every invalid actor or issue id by a unique slug of it (the
// original text stays in the name) and renames the references to issues.
void make_ids_valid(Scenario& scenario);
// File name without folders and extension.
std::string stem(const std::string& path);

// User text quoted in an error message: control characters (line ends,
// tabs) escaped and at most 60 characters, so that a message stays one line
// and a hostile 100 MB cell is not printed back.
std::string excerpt(std::string_view text);

// Byte offset -> 1-based line and column (in bytes); LF, CRLF and a lone CR
// end a line.  Queries in increasing order of offset cost O(size) in all; a
// query before the previous one counts again from the start.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}
  std::pair<int, int> at(std::size_t offset);

 private:
  std::string_view text_;
  std::size_t offset_ = 0, line_start_ = 0;
  int line_ = 1;
};

// The salience convention of docs/scenario-format.md ("Salience scale"):
// saliences are on 0-100; when every salience lies within 0..1 and one is
// above 0 (on 0-100 nobody would care more than 1 %), they were written as
// fractions: every one is multiplied by 100 and a warning says so.
void read_fractional_saliences(Scenario& scenario);

}  // namespace parley::io
