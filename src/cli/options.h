// The options every command shares, defined once: the same names, defaults,
// checks and help text wherever a command takes them (README, "Options").
//
//   INPUT           the scenario (or table) a command reads
//   --from FORMAT   its format (default: detected); the importer registry's names
//   -m, --model     the model; default: the scenario's `model:` section, else compromise
//   -s, --set k=v   model parameters (repeatable), over the scenario's
//   --seed N        the master seed (unsigned 64-bit)
//   --threads T     worker threads (0 = every hardware thread)
//   -f, --format    table, json or csv
//   -o, --out FILE  where the output goes ('-' = standard output)
//   -q, --quiet     no progress bar or notes on stderr
//   --calibration   FILE or none: the model's error included around its points
//                   (default: the shipped calibration of the model)
//
// Numeric options are checked before a command runs: a negative, zero where
// meaningless, or absurd value is a command-line error (exit 2) naming the
// option.  Names given from a list (formats, methods) suggest the nearest
// known name when mistyped.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <optional>

#include "parley/model.h"
#include "parley/scenario.h"
#include "validation/calibration.h"

namespace parley::cli {

struct CommonArgs {
  std::string input;
  std::string from = "auto";
  std::string model;                  // "" = the scenario's, else compromise
  std::vector<std::string> settings;  // "name=value"
  std::uint64_t seed = 1;
  int threads = 0;  // 0 = every hardware thread
  std::string format = "table";
  std::string out = "-";
  bool quiet = false;
  std::string calibration;  // "" = the shipped default, "none", or a file
};

// Which of the shared options a command takes.
enum Use : unsigned {
  kInput = 1u << 0,          // positional INPUT, required
  kOptionalInput = 1u << 1,  // positional INPUT, optional
  kFrom = 1u << 2,
  kModel = 1u << 3,  // --model and --set
  kSeed = 1u << 4,
  kThreads = 1u << 5,
  kFormat = 1u << 6,
  kOut = 1u << 7,
  kQuiet = 1u << 8,
  kCalibration = 1u << 9,
};

struct Help {
  std::string input = "Scenario file (YAML, JSON, or an import format)";
  std::string seed = "Master random seed";
  std::string out = "Output file ('-' = standard output)";
};

// Adds the options `use` selects, bound to `args`.
void add_common_options(CLI::App& command, CommonArgs& args, unsigned use, const Help& help = {});

// A check that the value is one of `names`, suggesting the nearest on a miss.
CLI::Validator one_of(std::vector<std::string> names);
// Checks that the value is a number in [min, max]; whole_number() also that
// it has no fraction.  Run before conversion, so "-1" for an unsigned option
// is refused, not wrapped around.
CLI::Validator number_in(double min, double max);
CLI::Validator whole_number(double min, double max);

// Worker threads: `requested`, or every hardware thread for 0.
int thread_count(int requested);

// Loads args.input in args.from's format.
Scenario load_input(const CommonArgs& args);

// The model to run and its given (unresolved) parameters: --model, else the
// scenario's `model:` section, else compromise; parameters: the scenario's
// (when it names the same model), then --set.
struct ModelSelection {
  const ModelInfo* info = nullptr;
  Params params;
};
ModelSelection select_model(const Scenario& scenario, const std::string& model,
                            const std::vector<std::string>& settings);

// The calibration a command includes (docs/calibration.md), from
// --calibration: a file, which must be a calibration of `info` with
// `params` as resolved (else parley::Error naming the file: exit 2, as for
// a file that does not load or has another version); "none": no
// calibration; "" (the default): the shipped calibration of the model when
// one applies to these parameters, else none.  A `threads` parameter does
// not count: it never changes a result.
std::optional<validation::Calibration> choose_calibration(const std::string& option,
                                                          const ModelInfo& info,
                                                          const Params& params);

}  // namespace parley::cli
