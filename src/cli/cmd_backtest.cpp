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
#include "io/long_csv.h"
#include "io/outcomes.h"
#include "io/output.h"
#include "parley/error.h"
#include "parley/io.h"
#include "validation/backtest.h"

namespace parley::cli {
namespace {

namespace v = parley::validation;

struct BacktestArgs {
  std::string file;
  std::string models;
  std::string capabilities = "treaty";
  std::string format = "table";
  std::string input_format = "auto";
  std::string per_issue;
  std::string export_long;
  std::string output = "-";
  std::string outcomes_file, outcome_key;
  std::vector<std::string> outcomes;
  std::vector<std::string> tune;
  int folds = 10;
  int bootstrap = 2000;
  std::uint64_t seed = 20260101;
  std::string baseline = "compromise";
};

int run_backtest(const BacktestArgs& args) {
  Format format = args.input_format == "auto" ? Format::automatic : parse_format(args.input_format);
  Scenario scenario = load_scenario(args.file, format);
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
  v::BacktestReport report = v::backtest(scored, options);

  const output::Json document = output::backtest_document(report, args.file, args.capabilities);
  write_output(args.output, output::format(document, output::parse_format(args.format)));
  if (!args.per_issue.empty()) write_output(args.per_issue, output::backtest_issues_csv(report));
  return 0;
}

}  // namespace

void add_backtest_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<BacktestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backtest",
      "Score models against known outcomes (DEU table, long CSV, any scenario with outcomes)");
  cmd->add_option("file", args->file, "scenario or table with outcomes")->required();
  cmd->add_option("--models", args->models,
                  "comma-separated models, each NAME or NAME:key=value:..., or the words "
                  "static (default: every static model plus weight variants) and all (also "
                  "the dynamic models)");
  cmd->add_option("--capabilities", args->capabilities,
                  "treaty (as imported), gdp (DEU GDP row) or equal")
      ->check(CLI::IsMember({"treaty", "gdp", "equal"}));
  cmd->add_option("--format", args->format, "table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  cmd->add_option("--input-format", args->input_format,
                  "force the input format (deu, long-csv, ...)");
  cmd->add_option("--per-issue", args->per_issue, "write per-issue forecasts and errors (CSV)");
  cmd->add_option("--export-long", args->export_long,
                  "also write the scored data (capabilities applied) in the long format");
  cmd->add_option("-o,--output", args->output, "write the report here (default stdout)");
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
      ->check(CLI::Range(2, 1000));
  cmd->add_option("--bootstrap", args->bootstrap, "bootstrap resamples (0 = none)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", args->seed, "seed of the bootstrap streams");
  cmd->add_option("--baseline", args->baseline,
                  "model label the paired differences refer to ('none' to skip)");
  cmd->callback([args, &shared] { shared.exit_code = run_backtest(*args); });
}

}  // namespace parley::cli
