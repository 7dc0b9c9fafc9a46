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
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/war_validation.h"
#include "io/calibration_io.h"
#include "io/csv.h"
#include "io/long_csv.h"
#include "parley/error.h"
#include "parley/io.h"
#include "validation/backtest.h"
#include "validation/backtest_distributions.h"

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
  std::vector<std::string> calibrations;  // files, or "none"; empty = the shipped defaults
  std::vector<std::string> settings;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Finds the issues an outcome key names: an issue id, or every issue whose
// `case` / `proposal` tag equals it.
std::vector<Issue*> issues_named(Scenario& scenario, const std::string& key) {
  std::vector<Issue*> found;
  for (auto& issue : scenario.issues) {
    auto tag = [&](const char* t) {
      auto it = issue.tags.find(t);
      return it != issue.tags.end() && it->second == key;
    };
    if (issue.id == key || tag("case") || tag("proposal")) found.push_back(&issue);
  }
  return found;
}

// --outcomes FILE: a CSV with a case or issue column and an outcome column
// (outcome, outcome_value), optionally several codings told apart by an
// `outcome_key` column (choose one with --outcome-key).
void apply_outcome_file(Scenario& scenario, const std::string& path, const std::string& key) {
  std::string text = read_text_file(path);
  io::CsvTable table = io::parse_delimited(text, path, io::sniff_delimiter(text));
  if (table.rows.empty()) throw Error(SourceLocation{path, 1, 0, ""}, "empty outcome file");
  int c_id = -1, c_value = -1, c_key = -1;
  for (const auto& cell : table.rows.front().cells) {
    std::string h = lower(cell.text);
    int col = cell.column - 1;
    if (h == "case" || h == "case_id" || h == "issue" || h == "issue_id") c_id = col;
    if (h == "outcome" || h == "outcome_value" || h == "out") c_value = col;
    if (h == "outcome_key") c_key = col;
  }
  if (c_id < 0 || c_value < 0)
    throw Error(SourceLocation{path, table.rows.front().line, 0, ""},
                "outcome file needs a case/issue column and an outcome/outcome_value column");
  std::map<std::string, std::pair<double, int>> chosen;  // id -> (value, line)
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    auto cell = [&](int c) {
      return c < static_cast<int>(row.cells.size()) ? row.cells[c].text : "";
    };
    if (c_key >= 0 && !key.empty() && cell(c_key) != key) continue;
    std::string id = cell(c_id);
    if (id.empty() || cell(c_value).empty()) continue;
    double value = io::cell_number(table, row, row.cells[c_value], "outcome");
    auto [it, fresh] = chosen.emplace(id, std::make_pair(value, row.line));
    if (!fresh && it->second.first != value)
      throw Error(SourceLocation{path, row.line, 0, id},
                  "several outcomes for '" + id + "'" +
                      (c_key >= 0 ? "; choose one coding with --outcome-key" : ""));
  }
  if (chosen.empty())
    throw Error(SourceLocation{path, 0, 0, ""},
                "no outcome rows" + (key.empty() ? std::string() : " with outcome_key " + key));
  for (const auto& [id, value] : chosen) {
    auto issues = issues_named(scenario, id);
    if (issues.empty())
      throw Error(SourceLocation{path, value.second, 0, id},
                  "no issue or case '" + id + "' in " + scenario.origin);
    for (Issue* issue : issues) issue->outcome = value.first;
  }
}

// --outcome ISSUE=VALUE (or VALUE for a one-issue scenario).
void apply_outcome_setting(Scenario& scenario, const std::string& setting) {
  auto eq = setting.rfind('=');
  std::string id = eq == std::string::npos ? "" : setting.substr(0, eq);
  std::string text = eq == std::string::npos ? setting : setting.substr(eq + 1);
  double value = 0;
  try {
    std::size_t used = 0;
    value = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(value)) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    throw Error("--outcome " + setting + ": expected ISSUE=NUMBER or NUMBER");
  }
  if (id.empty()) {
    if (scenario.issues.size() != 1)
      throw Error("--outcome " + setting + ": name the issue (ISSUE=VALUE); the scenario has " +
                  std::to_string(scenario.issues.size()) + " issues");
    scenario.issues.front().outcome = value;
    return;
  }
  auto issues = issues_named(scenario, id);
  if (issues.empty()) throw Error("--outcome " + setting + ": no issue or case '" + id + "'");
  for (Issue* issue : issues) issue->outcome = value;
}

std::string num(double x, int digits = 2) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : std::string("-");
}
std::string signed_num(double x) {
  return std::isfinite(x) ? fmt::format("{:+.2f}", x) : std::string("-");
}

constexpr int kMinGroups = 5;  // fewest resampled groups for which the table prints an interval

std::string missing_text(const v::ModelReport& m) {
  std::string out;
  for (const auto& [reason, count] : m.missing)
    out += (out.empty() ? "" : ", ") + fmt::format("{} {}", count, reason);
  return out.empty() ? "0" : out;
}

// ---- distribution scores (docs/calibration.md, "In backtest") ----

// The calibrations to score with: the shipped defaults, none, or the given
// files, each of which must apply to a model of the backtest.
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

void add_distribution_json(nlohmann::json& entry, const v::ModelReport& m) {
  if (!m.distribution) return;
  io::add_distribution_scores(entry["all"], *m.distribution);
  entry["distribution"] = m.distribution_source;
  if (m.crps_vs_baseline) {
    auto n = [](double x) {
      return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
    };
    entry["crps_vs_baseline"] = {{"n", m.crps_vs_baseline->n},
                                 {"groups", m.crps_vs_baseline->groups},
                                 {"mean", n(m.crps_vs_baseline->mean)},
                                 {"lo", n(m.crps_vs_baseline->lo)},
                                 {"hi", n(m.crps_vs_baseline->hi)}};
  }
}

std::string distribution_table(const v::BacktestReport& r, std::size_t width) {
  std::string out =
      "\npredictive distributions (CRPS on the issue scale; a bare point scores its MAE):\n";
  std::string diff_head =
      r.baseline.empty() ? ""
                         : fmt::format("CRPS diff vs {} [{:.0f}% CI]", r.baseline, 100 * r.level);
  out += fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>5} {:>5} {:>5}  {}\n", "model", width, "n",
                     "MAE", "CRPS", "cov50", "cov80", "cov90", diff_head);
  for (const auto& m : r.models) {
    if (!m.distribution) continue;
    const v::DistributionScores& d = *m.distribution;
    std::string diff;
    if (m.crps_vs_baseline && m.crps_vs_baseline->groups < kMinGroups)
      diff = fmt::format("{} [{} case(s)]", signed_num(m.crps_vs_baseline->mean),
                         m.crps_vs_baseline->groups);
    else if (m.crps_vs_baseline)
      diff = fmt::format("{} [{}, {}]", signed_num(m.crps_vs_baseline->mean),
                         signed_num(m.crps_vs_baseline->lo), signed_num(m.crps_vs_baseline->hi));
    out += fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>5} {:>5} {:>5}  {}{}\n", m.spec.label, width,
                       d.n, num(d.mae), num(d.crps), num(d.coverage_50, 2), num(d.coverage_80, 2),
                       num(d.coverage_90, 2), diff,
                       m.distribution_source == "point" ? "  (point)" : "");
  }
  out +=
      "coverage: share of PIT mass inside the central band (docs/calibration.md); the JSON "
      "also\nholds the closed-interval coverage, the PIT histogram and the calibrations used.\n";
  return out;
}

std::string to_table(const v::BacktestReport& r, const std::string& title) {
  std::string out = fmt::format("backtest: {}\n", title);
  out += fmt::format("issues: {}, scored (with an outcome): {}", r.issues, r.scored);
  for (const auto& [reason, count] : r.skipped)
    out += fmt::format(", skipped ({}): {}", reason, count);
  out += "\n\n";
  std::size_t width = 5;
  for (const auto& m : r.models) width = std::max(width, m.spec.label.size());
  std::string diff_head =
      r.baseline.empty() ? "" : fmt::format("diff vs {} [{:.0f}% CI]", r.baseline, 100 * r.level);
  out +=
      fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}  {:<28} {}\n", "model", width,
                  "n", "MAE", "medAE", "RMSE", "<=5", "<=10", "<=20", diff_head, "missing");
  for (const auto& m : r.models) {
    std::string diff;
    // An interval from a handful of resampled cases means nothing: show the
    // count instead (the JSON and CSV output keep the numbers).
    if (m.vs_baseline && m.vs_baseline->groups < kMinGroups)
      diff = fmt::format("{} [{} case(s)]", signed_num(m.vs_baseline->mean), m.vs_baseline->groups);
    else if (m.vs_baseline)
      diff = fmt::format("{} [{}, {}]", signed_num(m.vs_baseline->mean),
                         signed_num(m.vs_baseline->lo), signed_num(m.vs_baseline->hi));
    out += fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}  {:<28} {}\n",
                       m.spec.label, width, m.all.n, num(m.all.mae), num(m.all.median_ae),
                       num(m.all.rmse), num(m.all.hit5, 3), num(m.all.hit10, 3),
                       num(m.all.hit20, 3), diff, missing_text(m));
  }
  out += distribution_table(r, width);
  auto split_table = [&](const char* name, auto member) {
    std::vector<std::string> keys;
    for (const auto& m : r.models)
      for (const auto& [k, _] : m.*member)
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    std::string s =
        fmt::format("\nby {} (n / MAE / median AE / share <= 10):\n{:<{}}", name, "model", width);
    for (const auto& k : keys) s += fmt::format("  {:>24}", k);
    s += "\n";
    for (const auto& m : r.models) {
      s += fmt::format("{:<{}}", m.spec.label, width);
      for (const auto& k : keys) {
        auto it = (m.*member).find(k);
        if (it == (m.*member).end()) {
          s += fmt::format("  {:>24}", "-");
          continue;
        }
        const v::Metrics& x = it->second;
        s += fmt::format("  {:>24}", fmt::format("{} / {} / {} / {}", x.n, num(x.mae),
                                                 num(x.median_ae), num(x.hit10)));
      }
      s += "\n";
    }
    return s;
  };
  out += split_table("procedure", &v::ModelReport::by_procedure);
  out += split_table("voting rule", &v::ModelReport::by_voting);
  out += "\nstatus per model (issues with an outcome):\n";
  for (const auto& m : r.models) {
    std::string s;
    for (const auto& [status, count] : m.statuses)
      s += (s.empty() ? "" : ", ") + fmt::format("{} {}", status, count);
    out += fmt::format("  {:<{}}  {}\n", m.spec.label, width, s);
    for (const auto& note : m.notes) out += fmt::format("  {:<{}}  note: {}\n", "", width, note);
  }
  if (r.bootstrap > 0 && !r.baseline.empty())
    out += fmt::format(
        "\ndiff = mean over the issues both models score of |model - outcome| - |{} - outcome|\n"
        "(negative = better than {}); interval: percentile bootstrap, {} resamples of whole "
        "proposals/cases.\n",
        r.baseline, r.baseline, r.bootstrap);
  if (!r.warnings.empty()) {
    out += "\nimport warnings:\n";
    for (const auto& w : r.warnings) out += "  " + w + "\n";
  }
  return out;
}

nlohmann::json metrics_json(const v::Metrics& m) {
  auto n = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  return {{"n", m.n},           {"mae", n(m.mae)},   {"median_ae", n(m.median_ae)},
          {"rmse", n(m.rmse)},  {"hit5", n(m.hit5)}, {"hit10", n(m.hit10)},
          {"hit20", n(m.hit20)}};
}

std::string to_json(const v::BacktestReport& r, const std::string& title,
                    const std::string& capabilities) {
  nlohmann::json j;
  j["file"] = title;
  j["capabilities"] = capabilities;
  j["issues"] = r.issues;
  j["scored"] = r.scored;
  j["skipped"] = r.skipped;
  j["baseline"] = r.baseline;
  j["level"] = r.level;
  j["bootstrap"] = r.bootstrap;
  j["warnings"] = r.warnings;
  j["models"] = nlohmann::json::array();
  for (const auto& m : r.models) {
    nlohmann::json e;
    e["label"] = m.spec.label;
    e["model"] = m.spec.model;
    e["all"] = metrics_json(m.all);
    add_distribution_json(e, m);
    for (const auto& [k, x] : m.by_procedure) e["by_procedure"][k] = metrics_json(x);
    for (const auto& [k, x] : m.by_voting) e["by_voting"][k] = metrics_json(x);
    e["missing"] = m.missing;
    e["statuses"] = m.statuses;
    e["notes"] = m.notes;
    if (m.vs_baseline) {
      auto n = [](double x) {
        return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
      };
      e["vs_baseline"] = {{"n", m.vs_baseline->n},
                          {"groups", m.vs_baseline->groups},
                          {"mean", n(m.vs_baseline->mean)},
                          {"lo", n(m.vs_baseline->lo)},
                          {"hi", n(m.vs_baseline->hi)}};
    }
    j["models"].push_back(e);
  }
  return j.dump(2) + "\n";
}

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv_num(double x) { return std::isfinite(x) ? format_number(x) : std::string(); }

std::string to_csv(const v::BacktestReport& r) {
  std::string out = "model,subset,n,mae,median_ae,rmse,hit5,hit10,hit20,diff,diff_lo,diff_hi\n";
  for (const auto& m : r.models) {
    auto line = [&](const std::string& subset, const v::Metrics& x, bool with_diff) {
      out += csv_quote(m.spec.label) + "," + csv_quote(subset) + "," + std::to_string(x.n) + "," +
             csv_num(x.mae) + "," + csv_num(x.median_ae) + "," + csv_num(x.rmse) + "," +
             csv_num(x.hit5) + "," + csv_num(x.hit10) + "," + csv_num(x.hit20) + ",";
      if (with_diff && m.vs_baseline)
        out += csv_num(m.vs_baseline->mean) + "," + csv_num(m.vs_baseline->lo) + "," +
               csv_num(m.vs_baseline->hi);
      else
        out += ",,";
      out += "\n";
    };
    line("all", m.all, true);
    for (const auto& [k, x] : m.by_procedure) line("procedure=" + k, x, false);
    for (const auto& [k, x] : m.by_voting) line("voting=" + k, x, false);
  }
  return out;
}

std::string per_issue_csv(const v::BacktestReport& r) {
  std::string out = "issue,group,procedure,voting,outcome,model,forecast,abs_error,status\n";
  for (const auto& row : r.rows)
    for (std::size_t m = 0; m < r.models.size(); ++m) {
      double f = row.forecast[m];
      double e = row.outcome && std::isfinite(f) ? std::abs(f - *row.outcome) : NAN;
      out += csv_quote(row.issue) + "," + csv_quote(row.group) + "," + csv_quote(row.procedure) +
             "," + csv_quote(row.voting) + "," + (row.outcome ? csv_num(*row.outcome) : "") + "," +
             csv_quote(r.models[m].spec.label) + "," + csv_num(f) + "," + csv_num(e) + "," +
             csv_quote(row.status[m]) + "\n";
    }
  return out;
}

int run_backtest(const BacktestArgs& args) {
  if (is_war_outcomes_file(args.file))  // a war-case library (docs/validation.md, "War layer")
    return run_war_backtest({args.file, args.models, args.settings, args.format, args.output,
                             args.seed, args.bootstrap});
  Format format = args.input_format == "auto" ? Format::automatic : parse_format(args.input_format);
  Scenario scenario = load_scenario(args.file, format);
  if (!args.outcomes_file.empty())
    apply_outcome_file(scenario, args.outcomes_file, args.outcome_key);
  for (const auto& setting : args.outcomes) apply_outcome_setting(scenario, setting);
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
  v::score_backtest_distributions(report, scored, calibrations_of(args, report), args.seed);

  std::string title = args.file + " (capabilities: " + args.capabilities + ")";
  std::string text;
  if (args.format == "table")
    text = to_table(report, title);
  else if (args.format == "json")
    text = to_json(report, args.file, args.capabilities);
  else
    text = to_csv(report);
  write_output(args.output, text);
  if (!args.per_issue.empty()) write_output(args.per_issue, per_issue_csv(report));
  return 0;
}

}  // namespace

void add_backtest_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<BacktestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "backtest",
      "Score models against known outcomes (DEU table, long CSV, any scenario with outcomes)");
  cmd->add_option("file", args->file,
                  "scenario or table with outcomes, or a war-case library's outcomes CSV")
      ->required();
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
  cmd->add_option("--set", args->settings,
                  "war outcomes file: a war model setting k=v (draws, threads, ...); repeatable");
  cmd->add_option("--calibration", args->calibrations,
                  "calibration file(s) from `parley calibrate` for the distribution scores "
                  "(default: the shipped ones; 'none' scores bare points); repeatable");
  cmd->add_option("--baseline", args->baseline,
                  "model label the paired differences refer to ('none' to skip)");
  cmd->callback([args, &shared] { shared.exit_code = run_backtest(*args); });
}

}  // namespace parley::cli
