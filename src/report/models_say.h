// report/models_say.h - the report's "What the models say" section: from a
// `compare` document (docs/compare.md), one dot plot per issue with a dot per
// model and one for the consensus, each with its interval as a bar.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/report.h"

namespace parley::report {

// The plots of the section, numbered "plot-<first_id>", "plot-<first_id+1>",
// ... in issue order; none when `compare` is null or holds no issue.
// O(models x issues).
std::vector<Plot> models_say_plots(const nlohmann::json& compare, std::size_t first_id);

}  // namespace parley::report
