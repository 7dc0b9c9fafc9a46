#include "models/status_notes.h"

namespace parley {

void add_status_notes(const std::vector<std::string>& status,
                      const std::vector<std::string>& issue_ids, const StatusAdvice& advice,
                      std::vector<std::string>& notes) {
  constexpr std::size_t kNamed = 3;
  for (const auto& [word, what] : advice) {
    std::size_t count = 0;
    std::string named;
    for (std::size_t i = 0; i < status.size() && i < issue_ids.size(); ++i) {
      if (status[i] != word) continue;
      if (++count <= kNamed) named += (named.empty() ? "" : ", ") + issue_ids[i];
    }
    if (count == 0) continue;
    if (count > kNamed) named += ", ...";
    notes.push_back(word + " (" + std::to_string(count) + (count == 1 ? " issue: " : " issues: ") +
                    named + "): " + what);
  }
}

}  // namespace parley
