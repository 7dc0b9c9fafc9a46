// `parley backtest FILE`: scores models against known outcomes
// (docs/validation.md).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "cli/run_support.h"
#include "cli/war_validation.h"
#include "io/calibration_io.h"
#include "io/importer.h"
#include "io/importers.h"
#include "io/long_csv.h"
#include "io/outcomes.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"
#include "validation/backtest.h"
#include "validation/backtest_distributions.h"

namespace parley::cli {
namespace {

namespace v = parley::validation;

struct BacktestArgs : CommonArgs {
  BacktestArgs() { seed = 20260101; }
  std::string models;
  std::string capabilities = "treaty";
  std::string capability_table;
  std::string per_issue;
  std::string export_long;
  std::string outcomes_file, outcome_key;
  std::vector<std::string> outcomes;
  std::vector<std::string> tune;
  int folds = 10;
  int bootstrap = 2000;
  std::string baseline = "compromise";
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
};

// The importers, with the DEU reader taking its Council weights from
// --capability-table when one is named.
io::ImporterRegistry importers_for(const BacktestArgs& args) {
  if (args.capability_table.empty()) return io::default_importers();
  io::Importer deu = io::default_importers().find("deu");
  const std::string table = args.capability_table;
  read_text_file(table);  // a table named but not readable is an error, not a warning
  deu.read = [table](std::string_view text, const std::string& file) {
    return io::import_deu(text, file, table);
  };
  return io::default_importers().with(std::move(deu));
}

// The calibrations to score distributions with (docs/calibration.md, "In
// backtest"): the shipped defaults, none, or the given files, each of which
// must apply to a model of the backtest.
std::vector<v::Calibration> calibrations_of(const BacktestArgs& args,
                                            const v::BacktestReport& report) {
  if (args.calibrations.empty()) return io::default_calibrations();
  if (args.calibrations.size() == 1 && args.calibrations.front() == "none") return {};
  std::vector<v::Calibration> out;
  for (const auto& path : args.calibrations) {
    if (path == "none") throw Error("--calibration none cannot be combined with files");
    v::Calibration c = io::read_calibration(path);
    bool used = std::any_of(report.models.begin(), report.models.end(), [&](const auto& m) {
      return m.spec.model != "cv" && v::calibration_applies(c, m.spec);
    });
    if (!used)
      throw Error(SourceLocation{path, 0, 0, "model"},
                  "this calibration is for model '" + c.model +
                      "' with its parameters as fitted, which is not among the models of "
                      "this backtest (--models)");
    out.push_back(std::move(c));
  }
  return out;
}

int run_backtest(const BacktestArgs& args) {
  if (is_war_outcomes_file(args.input))  // a war-case library (docs/validation.md, "War layer")
    return run_war_backtest(
        {args.input, args.models, args.settings, args.format, args.out, args.seed, args.bootstrap});
  if (!args.settings.empty())
    throw Error(
        "--set applies to a war outcomes file; give other models' parameters in --models "
        "(NAME:key=value)");
  Scenario scenario = io::load(importers_for(args), args.input, args.from);
  if (!args.quiet) print_warnings(scenario);
  if (!args.outcomes_file.empty())
    io::apply_outcome_file(scenario, args.outcomes_file, args.outcome_key);
  for (const auto& setting : args.outcomes) io::apply_outcome_setting(scenario, setting);
  auto option = v::parse_capability_option(args.capabilities);
  Scenario scored = v::with_capabilities(scenario, option);
  if (!args.export_long.empty()) write_output(args.export_long, io::to_long_csv(scored));

  v::BacktestOptions options;
  options.models = v::parse_model_list(args.models);
  for (const auto& t : args.tune) options.tuned.push_back(v::parse_tuned_spec(t));
  options.folds = args.folds;
  options.bootstrap = args.bootstrap;
  options.seed = args.seed;
  options.baseline = args.baseline == "none" ? "" : args.baseline;
  Progress progress(args.quiet, "model runs");
  options.progress = progress.callback();
  v::BacktestReport report = v::backtest(scored, options);
  progress.finish();
  v::score_backtest_distributions(report, scored, calibrations_of(args, report), args.seed);

  const output::Json document = output::backtest_document(report, args.input, args.capabilities);
  write_output(args.out, output::format(document, output::parse_format(args.format)));
  if (!args.per_issue.empty()) write_output(args.per_issue, output::backtest_issues_csv(report));
  return 0;
}

}  // namespace

void add_backtest_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<BacktestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backtest",
      "Score models against known outcomes (DEU table, long CSV, any scenario with outcomes)");
  Help help;
  help.input = "Scenario or table with outcomes, or a war-case library's outcomes CSV";
  help.seed = "Seed of the bootstrap streams";
  help.out = "Write the report here ('-' = standard output)";
  add_common_options(*cmd, *args, kInput | kFrom | kSeed | kFormat | kOut | kQuiet, help);
  // Spellings of earlier versions, kept for scripts (hidden from --help).
  cmd->add_option("--output", args->out)->group("");
  cmd->add_option("--input-format", args->from)
      ->check(one_of(io::format_choices(io::default_importers())))
      ->group("");
  cmd->add_option("--models", args->models,
                  "comma-separated models, each NAME or NAME:key=value:..., or the words "
                  "static (default: every static model plus weight variants) and all (also "
                  "the dynamic models)");
  cmd->add_option("--capabilities", args->capabilities,
                  "treaty (as imported; DEU: the Council weights table), gdp (DEU GDP row) or "
                  "equal")
      ->check(one_of({"treaty", "gdp", "equal"}));
  cmd->add_option("--capability-table", args->capability_table,
                  "DEU: the Council weights table (default: eu_council_capability_proxies.csv "
                  "beside the input)");
  cmd->add_option("--per-issue", args->per_issue, "write per-issue forecasts and errors (CSV)");
  cmd->add_option("--export-long", args->export_long,
                  "also write the scored data (capabilities applied) in the long format");
  cmd->add_option("--outcomes", args->outcomes_file,
                  "CSV with case/issue and outcome columns that sets the outcomes");
  cmd->add_option("--outcome-key", args->outcome_key,
                  "with --outcomes: use only rows whose outcome_key column equals this");
  cmd->add_option("--outcome", args->outcomes, "ISSUE=VALUE (or VALUE for one issue); repeatable");
  cmd->add_option(
      "--tune", args->tune,
      "candidates 'a|b|...' (each as in --models): the best by cross-validation grouped "
      "by proposal/case; reported with its out-of-fold error; repeatable");
  cmd->add_option("--folds", args->folds, "folds of --tune (default 10)")
      ->check(whole_number(2, 1000));
  cmd->add_option("--bootstrap", args->bootstrap, "bootstrap resamples (0 = none)")
      ->check(whole_number(0, 1000000));
  cmd->add_option("-s,--set", args->settings,
                  "war outcomes file: a war model setting k=v (draws, threads, ...); repeatable");
  cmd->add_option("--calibration", args->calibrations,
                  "calibration file(s) from `parley calibrate` for the distribution scores "
                  "(default: the shipped ones; 'none' scores bare points); repeatable");
  cmd->add_option("--baseline", args->baseline,
                  "model label the paired differences refer to ('none' to skip)");
  cmd->callback([args, &shared] {
    args->quiet = args->quiet || shared.quiet;
    shared.exit_code = run_backtest(*args);
  });
}

}  // namespace parley::cli
