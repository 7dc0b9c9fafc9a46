// `parley calibrate FILE --model NAME`: fits a model's error model on known
// outcomes and reports its cross-validated scores (docs/calibration.md).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/war_validation.h"
#include "io/calibration_io.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"
#include "store/store.h"
#include "validation/backtest.h"
#include "validation/calibration.h"

namespace parley::cli {
namespace {

namespace v = parley::validation;

struct CalibrateArgs {
  std::string file;
  std::string model;
  std::string capabilities = "treaty";
  std::string input_format = "auto";
  std::vector<std::string> settings;
  int folds = 5;
  std::uint64_t seed = 20260101;
  std::string output = "-";
  WarCalibrateArgs war;  // a war-case library's outcomes file (cli/war_validation.h)
};

std::string num(double x, int digits) { return fmt::format("{:.{}f}", x, digits); }

// A few lines for people; fits 100 columns.
std::string summary(const v::Calibration& c, const std::string& output) {
  std::string out = fmt::format("calibration of {} on {} ({} issues scored, capabilities {})\n",
                                c.model, c.data.file, c.data.scored, c.capabilities);
  out += fmt::format("fitted: atom share {}, evenness {}, proximity {}, dispersion {}\n",
                     num(c.fitted.atom_share, 3), num(c.fitted.evenness, 3),
                     num(c.fitted.proximity, 3), num(c.fitted.dispersion, 3));
  out += fmt::format("{}-fold cross-validation grouped by proposal/case (out of fold):\n", c.folds);
  out += fmt::format("  CRPS {}  (bare point: MAE {})\n", num(c.cv.crps, 2), num(c.cv.mae, 2));
  out += fmt::format("  coverage 50/80/90: {} / {} / {}   closed intervals: {} / {} / {}\n",
                     num(c.cv.coverage_50, 3), num(c.cv.coverage_80, 3), num(c.cv.coverage_90, 3),
                     num(c.cv.interval_coverage_50, 3), num(c.cv.interval_coverage_80, 3),
                     num(c.cv.interval_coverage_90, 3));
  std::string pit;
  for (double p : c.cv.pit) pit += fmt::format(" {:.3f}", p);
  out += "  PIT histogram (10 bins):" + pit + "\n";
  out += "written to " + output + "\n";
  return out;
}

int run_calibrate(const CalibrateArgs& args, const Shared& shared) {
  if (is_war_outcomes_file(args.file))
    return run_war_calibrate(args.file, args.model, args.settings, args.output, args.seed,
                             shared.quiet, args.war);
  Format format = args.input_format == "auto" ? Format::automatic : parse_format(args.input_format);
  Scenario scenario = load_scenario(args.file, format);
  Scenario scored = v::with_capabilities(scenario, v::parse_capability_option(args.capabilities));
  v::ModelSpec spec;
  spec.model = args.model;
  spec.label = args.model;
  for (const auto& setting : args.settings) {
    auto [name, value] = parse_setting(setting);
    spec.params[name] = value;
    spec.label += ":" + setting;
  }
  find_model(spec.model);  // unknown names fail here, listing the known ones
  v::Calibration c = v::calibrate(scored, spec, args.folds, args.seed);
  c.capabilities = args.capabilities;
  c.data.file = std::filesystem::path(args.file).filename().string();
  c.data.sha256 = store::sha256_hex(read_text_file(args.file));
  write_output(args.output, io::calibration_to_json(c));
  if (args.output != "-" && !shared.quiet) fmt::print("{}", summary(c, args.output));
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit a model's predictive distribution on known outcomes (cross-validated; "
      "docs/calibration.md)");
  cmd->add_option("file", args->file,
                  "table or scenario with outcomes (DEU, long CSV, ...), or war outcomes.csv")
      ->required();
  cmd->add_option("--model", args->model, "the model to calibrate (e.g. compromise)")->required();
  cmd->add_option("--capabilities", args->capabilities,
                  "treaty (as imported), gdp (DEU GDP row) or equal")
      ->check(CLI::IsMember({"treaty", "gdp", "equal"}));
  cmd->add_option("--set", args->settings, "model parameter name=value; repeatable");
  cmd->add_option("--folds", args->folds,
                  "cross-validation folds of whole proposals/cases (default 5)")
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--seed", args->seed, "seed of the model runs (default 20260101)");
  cmd->add_option("--input-format", args->input_format,
                  "force the input format (deu, long-csv, ...)");
  cmd->add_option("-o,--output", args->output,
                  "write the calibration file here (default stdout); a summary is printed");
  add_war_calibrate_options(*cmd, args->war);
  cmd->callback([args, &shared] { shared.exit_code = run_calibrate(*args, shared); });
}

}  // namespace parley::cli
