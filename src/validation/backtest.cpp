#include "validation/backtest.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "parley/error.h"
#include "parley/instance.h"
#include "parley/model.h"
#include "parley/random.h"
#include "scenario/quantile.h"

namespace parley::validation {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string tag_or(const Issue& issue, const std::string& key, const std::string& fallback) {
  auto it = issue.tags.find(key);
  return it == issue.tags.end() || it->second.empty() ? fallback : it->second;
}

}  // namespace

CapabilityOption parse_capability_option(const std::string& name) {
  if (name == "treaty") return CapabilityOption::treaty;
  if (name == "gdp") return CapabilityOption::gdp;
  if (name == "equal") return CapabilityOption::equal;
  throw Error("unknown capability option '" + name + "'; known: treaty, gdp, equal");
}

std::string capability_option_name(CapabilityOption option) {
  switch (option) {
    case CapabilityOption::treaty:
      return "treaty";
    case CapabilityOption::gdp:
      return "gdp";
    case CapabilityOption::equal:
      return "equal";
  }
  return "";
}

Scenario with_capabilities(const Scenario& scenario, CapabilityOption option) {
  Scenario out = scenario;
  if (option == CapabilityOption::treaty) {
    // An importer that could not read the treaty capabilities says so; then
    // the run would silently score other weights.
    const Node* options = scenario.section("capability_options");
    const Node* treaty = options ? options->find("treaty") : nullptr;
    if (treaty && treaty->is_scalar())
      throw Error(SourceLocation{scenario.origin, 0, 0, "capability_options.treaty"},
                  "treaty capabilities need the Council weights table (" + treaty->as_string() +
                      "); name it with --capability-table FILE, or choose --capabilities gdp "
                      "or equal");
    return out;
  }
  if (option == CapabilityOption::equal) {
    for (auto& actor : out.actors) {
      actor.capability = Uncertain(1.0);
      actor.capability_by_issue.clear();
    }
    return out;
  }
  const Node* options = scenario.section("capability_options");
  const Node* gdp = options ? options->find("gdp") : nullptr;
  if (!gdp || !gdp->is_map())
    throw Error(SourceLocation{scenario.origin, 0, 0, "capability_options.gdp"},
                "the scenario has no gdp capabilities (DEU: the GDP row 2 of the table)");
  for (auto& actor : out.actors) {
    const Node* value = gdp->find(actor.id);
    if (!value)
      throw Error(SourceLocation{scenario.origin, 0, 0, "capability_options.gdp." + actor.id},
                  "no gdp capability for actor '" + actor.id + "'");
    double v = value->as_number();
    if (v <= 0) value->fail("gdp capability must be positive");
    actor.capability = Uncertain(v);
    actor.capability_by_issue.clear();
  }
  return out;
}

ModelSpec parse_model_spec(const std::string& text) {
  ModelSpec spec;
  spec.label = text;
  std::stringstream parts(text);
  std::string part;
  bool first = true;
  while (std::getline(parts, part, ':')) {
    if (first) {
      spec.model = part;
      first = false;
      continue;
    }
    if (part.empty()) continue;
    auto [name, value] = parse_setting(part);
    spec.params[name] = value;
  }
  if (spec.model.empty()) throw Error("empty model name in '" + text + "'");
  // Unknown models and bad parameters are the user's errors: report them now
  // rather than as a model that failed on the data.
  resolve(find_model(spec.model).schema, spec.params, "--models " + text);
  return spec;
}

std::vector<ModelSpec> default_model_specs() {
  std::vector<ModelSpec> specs;
  for (const auto& info : models()) {
    if (info.dynamic) continue;
    specs.push_back(parse_model_spec(info.name));
    // The weight variants of docs/models/compromise.md sections 1 and 3.
    if ((info.name == "compromise" || info.name == "median") && info.schema.find("weight"))
      for (const char* w : {"sal", "none"})
        specs.push_back(parse_model_spec(info.name + ":weight=" + w));
  }
  return specs;
}

std::vector<ModelSpec> parse_model_list(const std::string& text) {
  std::vector<ModelSpec> specs;
  std::stringstream parts(text);
  std::string part;
  while (std::getline(parts, part, ',')) {
    if (part.empty()) continue;
    if (part == "static" || part == "all") {
      for (auto& spec : default_model_specs()) specs.push_back(std::move(spec));
      if (part == "all")
        for (const auto& info : models())
          if (info.dynamic) specs.push_back(parse_model_spec(info.name));
      continue;
    }
    specs.push_back(parse_model_spec(part));
  }
  return specs;
}

std::string procedure_key(const Issue& issue) {
  std::string p = upper(tag_or(issue, "procedure", "unknown"));
  return p == "UNKNOWN" ? "unknown" : p;
}

std::string voting_key(const Issue& issue) {
  std::string v = tag_or(issue, "voting", "");
  if (v.empty()) return "unknown";
  std::string u = upper(v);
  if (u.rfind("QMV", 0) == 0) return "QMV";
  if (u.rfind("UNAN", 0) == 0) return "unanimity";
  return v;
}

std::string group_key(const Issue& issue) {
  std::string g = tag_or(issue, "proposal", "");
  if (g.empty()) g = tag_or(issue, "case", "");
  return g.empty() ? issue.id : g;
}

Metrics metrics_of(std::vector<double> e) {
  Metrics m;
  m.n = static_cast<int>(e.size());
  if (e.empty()) {
    m.mae = m.median_ae = m.rmse = m.hit5 = m.hit10 = m.hit20 = kNaN;
    return m;
  }
  std::sort(e.begin(), e.end());
  double sum = 0, sq = 0;
  int h5 = 0, h10 = 0, h20 = 0;
  for (double x : e) {  // O(n)
    sum += x;
    sq += x * x;
    h5 += x <= 5;
    h10 += x <= 10;
    h20 += x <= 20;
  }
  const double n = static_cast<double>(e.size());
  m.mae = sum / n;
  m.median_ae = quantile_sorted(e, 0.5);
  m.rmse = std::sqrt(sq / n);
  m.hit5 = h5 / n;
  m.hit10 = h10 / n;
  m.hit20 = h20 / n;
  return m;
}

std::vector<PairedDifference> paired_to_baseline(
    const BacktestReport& report, const std::function<double(const IssueRow&, std::size_t)>& loss,
    std::uint64_t seed) {
  std::vector<PairedDifference> out;
  auto base = std::find_if(report.models.begin(), report.models.end(),
                           [&](const ModelReport& m) { return m.spec.label == report.baseline; });
  if (base == report.models.end()) return out;
  const std::size_t b = static_cast<std::size_t>(base - report.models.begin());
  for (std::size_t m = 0; m < report.models.size(); ++m) {
    std::vector<double> diff;
    std::vector<int> group;
    std::map<std::string, int> group_ids;
    for (const IssueRow& row : report.rows) {  // O(issues)
      double lm = loss(row, m), lb = loss(row, b);
      if (!std::isfinite(lm) || !std::isfinite(lb)) continue;
      diff.push_back(lm - lb);
      group.push_back(
          group_ids.emplace(row.group, static_cast<int>(group_ids.size())).first->second);
    }
    out.push_back(paired_bootstrap(diff, group, report.bootstrap, report.level, seed));
  }
  return out;
}

PairedDifference paired_bootstrap(const std::vector<double>& diff, const std::vector<int>& group,
                                  int resamples, double level, std::uint64_t seed) {
  PairedDifference out;
  out.n = static_cast<int>(diff.size());
  if (diff.empty()) {
    out.mean = out.lo = out.hi = kNaN;
    return out;
  }
  int groups = 0;
  for (int g : group) groups = std::max(groups, g + 1);
  out.groups = groups;
  std::vector<double> sum(groups, 0.0);
  std::vector<int> count(groups, 0);
  for (std::size_t k = 0; k < diff.size(); ++k) {
    sum[group[k]] += diff[k];
    ++count[group[k]];
  }
  out.mean = std::accumulate(diff.begin(), diff.end(), 0.0) / static_cast<double>(diff.size());
  if (resamples <= 0) {
    out.lo = out.hi = kNaN;
    return out;
  }
  // O(resamples x groups).  Every model is resampled with the same streams,
  // so the intervals of different models use the same group draws.
  std::vector<double> means;
  means.reserve(resamples);
  for (int b = 0; b < resamples; ++b) {
    Stream stream(
        seed, {static_cast<std::uint64_t>(b), static_cast<std::uint64_t>(Subsystem::bootstrap)});
    double s = 0;
    long n = 0;
    for (int k = 0; k < groups; ++k) {
      auto g = static_cast<std::size_t>(stream.below(static_cast<std::uint64_t>(groups)));
      s += sum[g];
      n += count[g];
    }
    means.push_back(n > 0 ? s / static_cast<double>(n) : 0.0);
  }
  std::sort(means.begin(), means.end());
  double tail = (1 - level) / 2;
  out.lo = quantile_sorted(means, tail);
  out.hi = quantile_sorted(means, 1 - tail);
  return out;
}

std::string TunedSpec::label() const {
  std::string out = "cv[";
  for (std::size_t k = 0; k < candidates.size(); ++k) out += (k ? "|" : "") + candidates[k].label;
  return out + "]";
}

TunedSpec parse_tuned_spec(const std::string& text) {
  TunedSpec tuned;
  std::stringstream parts(text);
  std::string part;
  while (std::getline(parts, part, '|'))
    if (!part.empty()) tuned.candidates.push_back(parse_model_spec(part));
  if (tuned.candidates.size() < 2)
    throw Error("tuning '" + text + "' needs at least two candidates separated by '|'");
  return tuned;
}

namespace {

struct Run {
  std::vector<double> forecast;
  std::vector<std::string> status;
  std::vector<std::string> notes;
};

Run run_spec(const ModelSpec& spec, const Instance& instance, const RunContext& context) {
  const int n_issues = instance.issues();
  Run run{std::vector<double>(n_issues, kNaN), std::vector<std::string>(n_issues, "error"), {}};
  try {
    Result result =
        run_model(find_model(spec.model), instance, spec.params, context, "--models " + spec.label);
    for (int i = 0; i < n_issues && i < static_cast<int>(result.forecast.size()); ++i) {
      run.forecast[i] = result.forecast[i];
      run.status[i] = i < static_cast<int>(result.status.size()) ? result.status[i] : "ok";
    }
    run.notes = result.notes;
  } catch (const Error& e) {
    // A model that cannot run on this file is reported, not fatal: every
    // issue is then missing with reason "error".
    run.notes.push_back(std::string("model failed: ") + e.what());
  }
  return run;
}

// Grouped K-fold selection among candidate runs (TunedSpec).  O(folds x
// candidates x issues).
Run cross_validate(const std::vector<Run>& candidates, const std::vector<ModelSpec>& specs,
                   const std::vector<IssueRow>& rows, int folds) {
  const int n = static_cast<int>(rows.size());
  std::map<std::string, int> group_ids;
  std::vector<int> fold(n, -1);
  for (int i = 0; i < n; ++i) {
    if (!rows[i].outcome) continue;
    int g = group_ids.emplace(rows[i].group, static_cast<int>(group_ids.size())).first->second;
    fold[i] = g % folds;
  }
  Run out{std::vector<double>(n, kNaN), std::vector<std::string>(n, "no_outcome"), {}};
  std::map<std::string, int> chosen_count;
  for (int k = 0; k < folds; ++k) {
    int best = -1;
    double best_mae = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < n; ++i) {
        if (fold[i] < 0 || fold[i] == k || !std::isfinite(candidates[c].forecast[i])) continue;
        sum += std::abs(candidates[c].forecast[i] - *rows[i].outcome);
        ++count;
      }
      if (count > 0 && sum / count < best_mae) {
        best_mae = sum / count;
        best = static_cast<int>(c);
      }
    }
    if (best < 0) continue;
    bool used = false;
    for (int i = 0; i < n; ++i) {
      if (fold[i] != k) continue;
      out.forecast[i] = candidates[best].forecast[i];
      out.status[i] = candidates[best].status[i];
      used = true;
    }
    if (used) ++chosen_count[specs[best].label];
  }
  for (const auto& [label, count] : chosen_count)
    out.notes.push_back(label + " chosen in " + std::to_string(count) + " of " +
                        std::to_string(folds) + " folds (cross-validated error, grouped by case)");
  return out;
}

}  // namespace

BacktestReport backtest(const Scenario& scenario, const BacktestOptions& options) {
  BacktestReport report;
  report.level = options.level;
  report.bootstrap = options.bootstrap;
  report.warnings = scenario.warnings;
  std::vector<ModelSpec> specs = options.models.empty() ? default_model_specs() : options.models;
  if (!options.baseline.empty()) {
    bool present = std::any_of(specs.begin(), specs.end(),
                               [&](const ModelSpec& s) { return s.label == options.baseline; });
    if (!present) specs.insert(specs.begin(), parse_model_spec(options.baseline));
    report.baseline = options.baseline;
  }

  const int n_issues = static_cast<int>(scenario.issues.size());
  report.issues = n_issues;
  for (const Issue& issue : scenario.issues) {
    IssueRow row;
    row.issue = issue.id;
    row.group = group_key(issue);
    row.procedure = procedure_key(issue);
    row.voting = voting_key(issue);
    row.outcome = issue.outcome;
    if (issue.outcome)
      ++report.scored;
    else
      ++report.skipped["no outcome"];
    report.rows.push_back(std::move(row));
  }

  Instance instance = nominal_instance(scenario);
  RunContext context;
  context.scenario = &scenario;
  context.seed = options.seed;
  std::vector<std::pair<ModelSpec, Run>> runs;
  std::uint64_t done = 0, total = specs.size();
  for (const TunedSpec& tuned : options.tuned) total += tuned.candidates.size();
  auto ran = [&] {
    if (options.progress) options.progress(++done, total);
  };
  for (const ModelSpec& spec : specs) {
    runs.emplace_back(spec, run_spec(spec, instance, context));
    ran();
  }
  const int folds = std::max(2, options.folds);
  for (const TunedSpec& tuned : options.tuned) {
    std::vector<Run> candidates;
    for (const ModelSpec& c : tuned.candidates) {
      candidates.push_back(run_spec(c, instance, context));
      ran();
    }
    ModelSpec label{tuned.label(), "cv", {}};
    runs.emplace_back(label, cross_validate(candidates, tuned.candidates, report.rows, folds));
  }
  for (auto& [spec, run] : runs) {
    ModelReport model;
    model.spec = spec;
    const std::vector<double>& forecast = run.forecast;
    const std::vector<std::string>& status = run.status;
    model.notes = run.notes;
    std::vector<double> all;
    std::map<std::string, std::vector<double>> by_proc, by_vote;
    for (int i = 0; i < n_issues; ++i) {
      IssueRow& row = report.rows[i];
      row.forecast.push_back(forecast[i]);
      row.status.push_back(status[i]);
      if (!row.outcome) continue;
      ++model.statuses[status[i]];
      if (!std::isfinite(forecast[i])) {
        ++model.missing[status[i] == "ok" ? "no forecast" : status[i]];
        continue;
      }
      double e = std::abs(forecast[i] - *row.outcome);
      all.push_back(e);
      by_proc[row.procedure].push_back(e);
      by_vote[row.voting].push_back(e);
    }
    model.all = metrics_of(all);
    for (auto& [k, v] : by_proc) model.by_procedure[k] = metrics_of(v);
    for (auto& [k, v] : by_vote) model.by_voting[k] = metrics_of(v);
    report.models.push_back(std::move(model));
  }

  // Paired differences against the baseline, on the issues both score.
  auto abs_error = [](const IssueRow& row, std::size_t m) {
    return row.outcome ? std::abs(row.forecast[m] - *row.outcome) : kNaN;
  };
  std::vector<PairedDifference> paired = paired_to_baseline(report, abs_error, options.seed);
  for (std::size_t m = 0; m < paired.size(); ++m) report.models[m].vs_baseline = paired[m];
  return report;
}

}  // namespace parley::validation
