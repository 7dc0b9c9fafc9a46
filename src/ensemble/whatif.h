// ensemble/whatif.h - the scenario's optional events, alone and in pairs,
// against the baseline (`parley whatif`, docs/ensembles.md "What-if tables").
//
// Each row is a set of optional events switched on (variant.h).  Its value
// per target is one run exactly as `parley run` makes it (nominal inputs,
// the given seed, the war layer drawing its own inputs), so a row equals a
// `run` with those events on.  Its interval is the 5%-95% range of the
// target over `draws` replicates (variant.h: draw r of the uncertain inputs,
// the same draws and model seeds for every row: common random numbers; the
// war layer simulates its `ensemble_draws` wars on each).  Without uncertain
// inputs there is no interval.
//
// Targets: forecast.ISSUE for each issue, then the model's headline
// quantities (Plan::quantity_names).
//
// Thread-safety: free functions; the Plan is read-only.  Results do not
// depend on the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"
#include "ensemble/variant.h"

namespace parley::ensemble {

struct WhatifRow {
  std::vector<std::string> events;  // switched on beyond the baseline's ("" = baseline)
  std::vector<double> value;        // per target: the run's
  std::vector<double> lo, hi;       // per target: 5% and 95% over the replicates (NaN: none)
};

struct Whatif {
  std::vector<std::string> targets;   // forecast.ISSUE..., then quantity names
  std::vector<std::string> baseline;  // events the baseline has on (the plan's `what_if`)
  std::uint64_t replicates = 0;       // 0: no intervals (no uncertain input)
  std::vector<WhatifRow> rows;        // rows[0] is the baseline
  std::vector<std::string> notes;
};

// The rows to compare: the baseline, each of `events` alone, and with
// `pairs` each pair.  Events the baseline already has on are skipped.
// `events` empty = every optional event of the scenario.  Throws
// parley::Error for a name that is not an optional event of the scenario.
std::vector<std::vector<std::string>> whatif_rows(const Plan& plan, std::vector<std::string> events,
                                                  bool pairs);

// Runs every row: one run each (on the calling thread; models may use their
// own threads), then rows x replicates runs spread over the plan's threads.
// Cost: rows x (1 + replicates) model runs.  `progress(done, total)` counts
// runs, from the calling thread only; an exception it throws stops the work
// and reaches the caller (parallel.h).  It never affects the result.
Whatif what_if(const Plan& plan, const std::vector<std::vector<std::string>>& rows,
               std::uint64_t draws,
               const std::function<void(std::uint64_t done, std::uint64_t total)>& progress = {});

}  // namespace parley::ensemble
