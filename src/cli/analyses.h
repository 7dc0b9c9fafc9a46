// The analyses beyond one run, as functions: `parley compare`, `parley
// whatif` and `parley advise` print what these return, and `parley serve`
// answers with it, so the two give the same document for the same scenario,
// seed and options (docs/compare.md, docs/ensembles.md).
//
// Each is made in two steps.  The first checks the options against the
// scenario (the models and their parameters, the actor, levers, goal, events)
// and throws parley::Error before any model runs; it returns the Analysis,
// which refers to the scenario (the scenario must outlive it).  Calling the
// Analysis runs the models and returns the document; its optional
// `progress(done, total)` is called from the calling thread between model
// runs (and inside long ones), and an exception it throws stops the work
// and reaches the caller: that is how the server ends a job past its time
// limit.  Progress never affects the result.  The documents do not carry
// the importer's warnings: callers add them (note_warnings) when they print
// JSON.
//
// Thread-safety: each Analysis is independent; call one from one thread.
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
using Analysis = std::function<output::Json(const ProgressFn& progress)>;

struct CompareOptions {
  std::string models = "all";             // `all`, or specs such as bdm:preset=scholz_table2
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
};
// Every model named, on the scenario's nominal values (args: settings, seed).
// Throws parley::Error for a bad model list or calibration; the Analysis
// throws when no model could run.
Analysis compare_analysis(const Scenario& scenario, const CommonArgs& args,
                          const CompareOptions& options);

struct WhatifOptions {
  std::string events = "all";  // `all`, or a comma-separated list of optional events
  bool pairs = false;          // also every pair of them
  std::uint64_t draws = 20;    // replicates for the intervals (0 = none)
};
// The scenario's optional events against the baseline (args: model,
// settings, seed, threads).  Throws parley::Error for an unknown model,
// parameter or event.
Analysis whatif_analysis(const Scenario& scenario, const CommonArgs& args,
                         const WhatifOptions& options);

struct AdviseRequest {
  std::string actor;  // its id
  std::string levers = "position,salience,capability,events";
  std::string goal;                // "", an issue id, or ceasefire_by=YYYY-MM
  ensemble::AdviseOptions search;  // draws, reach, steps, ... (actor, levers, goal are set here)
};
// The actor's moves ranked (args: model, settings, seed, threads).  Throws
// parley::Error for an unknown model, parameter, actor, lever or goal.
Analysis advise_analysis(const Scenario& scenario, const CommonArgs& args,
                         const AdviseRequest& request);

}  // namespace parley::cli
