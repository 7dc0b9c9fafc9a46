// Notes that say what to add to a scenario when a model's status word means
// something is missing (docs/result-format.md, "status").  Internal to the
// models; not part of the public API.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace parley {

// What a status word asks for, e.g. {"no_reference_point", "add issues[].status_quo"}.
using StatusAdvice = std::vector<std::pair<std::string, std::string>>;

// One note per word of `advice` that occurs in `status` (per issue, parallel
// to `issue_ids`), naming up to three of its issues:
//   "no_reference_point (54 issues: d00032i1, d00032i2, d00052i1, ...): add ..."
// Appended to `notes` in the order of `advice`.  O(issues x advice).
void add_status_notes(const std::vector<std::string>& status,
                      const std::vector<std::string>& issue_ids, const StatusAdvice& advice,
                      std::vector<std::string>& notes);

}  // namespace parley
