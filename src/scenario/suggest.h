// scenario/suggest.h - "did you mean" for names the user mistyped.
//
// Error messages about an unknown name (a model, a parameter, a format, a
// command) suggest the closest known name when it is a plausible typo: at
// most a third of the longer name's length in edits (Damerau-Levenshtein:
// insertions, deletions, substitutions, swaps of neighbours), ignoring case.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

// Edit distance with adjacent transpositions, case-insensitive.  O(|a| |b|).
int edit_distance(std::string_view a, std::string_view b);

// The nearest of `known` to `given` when close enough, else "".
std::string nearest_name(std::string_view given, const std::vector<std::string>& known);

// " (did you mean 'NAME'?)" or "".
std::string did_you_mean(std::string_view given, const std::vector<std::string>& known);

}  // namespace parley
