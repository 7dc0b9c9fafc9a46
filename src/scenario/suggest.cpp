#include "scenario/suggest.h"

#include <algorithm>
#include <cctype>

namespace parley {

namespace {
char fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  // d[i][j] over rows i = 0..n kept as three rolling rows (the swap needs i - 2).
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int>(i);
    for (size_t j = 1; j <= m; ++j) {
      const int cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

std::string nearest_name(std::string_view given, const std::vector<std::string>& known) {
  std::string best;
  int best_distance = 0;
  for (const auto& name : known) {
    const int d = edit_distance(given, name);
    const int allowed = std::max<int>(1, static_cast<int>(std::max(given.size(), name.size())) / 3);
    if (d > allowed) continue;
    if (best.empty() || d < best_distance) {
      best = name;
      best_distance = d;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view given, const std::vector<std::string>& known) {
  const std::string name = nearest_name(given, known);
  return name.empty() ? std::string() : " (did you mean '" + name + "'?)";
}

}  // namespace parley
