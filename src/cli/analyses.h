// The analyses beyond one run, as functions: `parley compare`, `parley
// whatif` and `parley advise` print what these return, and `parley serve`
// answers with it, so the two give the same document for the same scenario,
// seed and options (docs/compare.md, docs/ensembles.md).
//
// Each takes the scenario and the options the command line takes (the
// shared block's model, settings, seed and threads as CommonArgs), and an
// optional `progress(done, total)` called from the calling thread between
// model runs (and inside long ones); an exception it throws stops the work
// and reaches the caller, which is how the server ends a job past its time
// limit.  ProgressFn never affects the result.  The documents do not carry
// the importer's warnings: callers add them (note_warnings) when they print
// JSON.
//
// Thread-safety: free functions; each call is independent.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/options.h"
#include "ensemble/advise.h"
#include "io/output.h"
#include "parley/scenario.h"

namespace parley::cli {

using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

struct CompareOptions {
  std::string models = "all";             // `all`, or specs such as bdm:preset=scholz_table2
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
};
// Every model named on the scenario's nominal values (args: settings, seed).
// Throws parley::Error for a bad model list or when no model could run.
output::Json compare_result(const Scenario& scenario, const CommonArgs& args,
                            const CompareOptions& options, const ProgressFn& progress = {});

struct WhatifOptions {
  std::string events = "all";  // `all`, or a comma-separated list of optional events
  bool pairs = false;          // also every pair of them
  std::uint64_t draws = 20;    // replicates for the intervals (0 = none)
};
// The scenario's optional events against the baseline (args: model,
// settings, seed, threads).  Throws parley::Error for an unknown event.
output::Json whatif_result(const Scenario& scenario, const CommonArgs& args,
                           const WhatifOptions& options, const ProgressFn& progress = {});

struct AdviseRequest {
  std::string actor;  // its id
  std::string levers = "position,salience,capability,events";
  std::string goal;                // "", an issue id, or ceasefire_by=YYYY-MM
  ensemble::AdviseOptions search;  // draws, reach, steps, ... (actor, levers, goal are set here)
};
// The actor's moves ranked (args: model, settings, seed, threads).  Throws
// parley::Error for an unknown actor, lever or goal.
output::Json advise_result(const Scenario& scenario, const CommonArgs& args,
                           const AdviseRequest& request, const ProgressFn& progress = {});

}  // namespace parley::cli
