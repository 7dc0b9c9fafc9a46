// `parley calibrate INPUT`: fits a model's error model on known outcomes and
// reports its cross-validated scores (docs/calibration.md).  The result is a
// `calibration` document; as JSON it is the calibration file that `backtest
// --calibration` reads.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "cli/war_validation.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"
#include "store/store.h"
#include "validation/backtest.h"
#include "validation/calibration.h"

namespace parley::cli {
namespace {

namespace v = parley::validation;

struct CalibrateArgs : CommonArgs {
  CalibrateArgs() {
    seed = 20260101;
    format = "json";  // the calibration file; `table` for the summary alone
  }
  std::string capabilities = "treaty";
  int folds = 5;
  WarCalibrateArgs war;  // a war-case library's outcomes file (cli/war_validation.h)
};

// The file is for programs; the summary for the person who asked.
void write_calibration(const output::Json& document, output::Format format,
                       const CalibrateArgs& args) {
  write_output(args.out, output::format(document, format));
  if (format != output::Format::table && args.out != "-" && !args.quiet)
    std::cerr << output::to_table(document) << "written to " << args.out << "\n";
}

int run_calibrate(const CalibrateArgs& args) {
  const output::Format format = output::parse_format(args.format);
  if (is_war_outcomes_file(args.input)) {  // docs/validation.md, "War layer: calibration"
    write_calibration(war_calibration(args.input, args.model, args.settings, args.seed, args.war),
                      format, args);
    return 0;
  }
  const Scenario scenario = load_input(args);
  if (!args.quiet) print_warnings(scenario);
  const Scenario scored =
      v::with_capabilities(scenario, v::parse_capability_option(args.capabilities));
  const ModelSelection selection = select_model(scenario, args.model, args.settings);
  v::ModelSpec spec;
  spec.model = selection.info->name;
  spec.params = selection.params;
  spec.label = spec.model;
  for (const auto& setting : args.settings) spec.label += ":" + setting;
  v::Calibration c = v::calibrate(scored, spec, args.folds, args.seed, thread_count(args.threads));
  c.capabilities = args.capabilities;
  c.data.file = std::filesystem::path(args.input).filename().string();
  c.data.sha256 = store::sha256_hex(read_text_file(args.input));
  write_calibration(output::calibration_document(c, scenario.warnings), format, args);
  return 0;
}

}  // namespace

void add_calibrate_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<CalibrateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit a model's predictive distribution on known outcomes (cross-validated; "
      "docs/calibration.md)");
  Help help;
  help.input = "Scenario or table with outcomes (DEU, long CSV, ...), or war outcomes.csv";
  help.seed = "Seed of the model runs";
  help.out = "Output file ('-' = standard output); a file gets a summary on stderr";
  add_common_options(*cmd, *args,
                     kInput | kFrom | kModel | kSeed | kThreads | kFormat | kOut | kQuiet, help);
  cmd->add_option("--capabilities", args->capabilities,
                  "treaty (as imported), gdp (DEU GDP row) or equal")
      ->check(one_of({"treaty", "gdp", "equal"}))
      ->capture_default_str();
  cmd->add_option("--folds", args->folds, "cross-validation folds of whole proposals/cases")
      ->check(whole_number(2, 1000))
      ->capture_default_str();
  add_war_calibrate_options(*cmd, args->war);
  cmd->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    shared.exit_code = run_calibrate(*args);
  });
}

}  // namespace parley::cli
