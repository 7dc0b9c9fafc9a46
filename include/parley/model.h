// parley/model.h - the interface every forecasting model implements, and the
// registry that finds models by name.
//
// A model is a pure function of an Instance and resolved parameters: run() has
// no side effects and keeps no state between calls, so one Model object may be
// used from many threads at once.  Randomness, when a model needs any, comes
// only from RunContext::seed through counter-based streams (parley/random.h).
//
// Adding a model: one source file in src/models/ that defines a Model subclass
// and a ModelInfo, plus one line in src/models/registry.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parley/instance.h"
#include "parley/params.h"
#include "parley/result.h"
#include "parley/scenario.h"

namespace parley {

struct RunContext {
  std::uint64_t seed = 0;  // master seed
  std::uint64_t draw = 0;  // ensemble draw index (0 for a single run)
  bool explain = false;    // fill explanation tables (costs time)
  // The scenario the instance was realised from: models that need sections
  // beyond actors and issues (e.g. `conflict`) read them here.  May be null.
  const Scenario* scenario = nullptr;
  // The instance is one draw of an outer ensemble (mc, sensitivity): its
  // uncertain inputs are already drawn, so a model must not draw them again,
  // and the ensemble already spreads draws over the cores.
  bool drawn = false;
  // Optional: told how far a long run has come (war draws, BDM issues and
  // rounds, SMP rounds), `done` of `total` units, from the calling thread
  // only, a few times a second at most.  Never affects the result.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

class Model {
 public:
  virtual ~Model() = default;
  // `params` has been resolved against the model's schema.
  virtual Result run(const Instance& instance, const Params& params,
                     const RunContext& context) const = 0;
};

struct ModelInfo {
  std::string name;
  std::string summary;   // one line
  std::string spec;      // the spec section it implements
  bool dynamic = false;  // produces rounds
  ParamSchema schema;
  std::function<std::unique_ptr<Model>()> make;
  // Peak memory of one run in bytes for `actors` x `issues` (an upper bound
  // used to refuse work that would exhaust memory).  Optional: without it,
  // estimate_memory() assumes a trajectory of dense matrices.
  std::function<double(int actors, int issues, const Params& params)> memory;
  // Names of the quantities a run reports in Result::quantities for
  // `scenario` with resolved `params` (e.g. the war layer's
  // "p_ceasefire_by.2026-12").  Optional: every model answers forecast.ISSUE
  // from its forecast vector without it; see quantity_names().  May throw
  // parley::Error when the scenario lacks a section the model needs.
  std::function<std::vector<std::string>(const Scenario& scenario, const Params& params)>
      quantities;
};

// Every quantity `info` answers for `scenario` with resolved `params`:
// forecast.ISSUE for each issue, then the model's own names.
std::vector<std::string> quantity_names(const ModelInfo& info, const Scenario& scenario,
                                        const Params& params);

// Upper bound of the memory one run of `info` needs, in bytes.
double estimate_memory(const ModelInfo& info, int actors, int issues, const Params& params);

// All registered models, in registration order.
const std::vector<ModelInfo>& models();
// Throws parley::Error listing the known names when `name` is unknown.
const ModelInfo& find_model(const std::string& name);

// Checks a scenario's `model:` section: a registered model, parameters its
// schema knows with values it allows.  Throws parley::Error naming the field
// (`model.name`, `model.params.NAME`) and, with `locations`, its line and
// column.  Loaders call it after validate().
void validate_model_section(const Scenario& scenario, const LocationMap* locations = nullptr);

// Convenience: resolve parameters and run.  Fills Result::model, params, seed,
// issue and actor ids.
Result run_model(const ModelInfo& info, const Instance& instance, const Params& given,
                 const RunContext& context, const std::string& where = "--set");

}  // namespace parley
