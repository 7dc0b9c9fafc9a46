// Comparing models on one scenario as `parley compare` does (docs/compare.md),
// for that command and for `parley run --compare`, which adds the
// comparison's agreement to the run's brief.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/output.h"
#include "parley/scenario.h"

namespace parley::cli {

struct CompareRequest {
  // `all` (every registered model), or specs such as `bdm:preset=scholz_table2`
  // (validation::parse_model_spec), comma-separated.
  std::string models = "all";
  std::vector<std::string> settings;      // --set name=value, for every model that has it
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
  std::uint64_t seed = 1;
};

// Runs every model of the request on the scenario's nominal values and
// compares them: the `compare` document (embedding the scenario).  Models that
// cannot run are named in its notes.  Throws parley::Error when none can, or
// for a bad model spec or calibration file.
output::Json compare_scenario(const Scenario& scenario, const CompareRequest& request);

}  // namespace parley::cli
