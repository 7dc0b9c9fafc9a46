#include "ensemble/ensemble.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <set>
#include <unordered_map>

#include "ensemble/model_error.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/section_inputs.h"

namespace parley::ensemble {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double parse_number(const std::string& text, const std::string& what) {
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used == text.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  throw Error(what + ": '" + text + "' is not a number");
}

// Where each Uncertain of the scenario lives, to label the inputs realise()
// asks for.  realise() hands out references into the scenario; when it
// passes a converted copy instead, the label falls back to the field's range.
struct Origin {
  std::string actor, issue, field;
};
std::unordered_map<const Uncertain*, Origin> origins(const Scenario& scenario) {
  std::unordered_map<const Uncertain*, Origin> at;
  for (const auto& issue : scenario.issues)
    if (issue.status_quo) at[&*issue.status_quo] = {"", issue.id, "status_quo"};
  for (const auto& actor : scenario.actors) {
    for (const auto& [issue, value] : actor.position) at[&value] = {actor.id, issue, "position"};
    for (const auto& [issue, value] : actor.salience) at[&value] = {actor.id, issue, "salience"};
    if (actor.capability) at[&*actor.capability] = {actor.id, "", "capability"};
    for (const auto& [issue, value] : actor.capability_by_issue)
      at[&value] = {actor.id, issue, "capability"};
  }
  return at;
}

// The distribution an input is drawn from: its own when uncertain, a normal
// with sd = noise x |nominal| when certain and noise > 0, none otherwise.
bool effective(const Uncertain& value, double noise, Uncertain& out) {
  if (!value.is_fixed()) {
    out = value;
    return true;
  }
  double v = value.nominal();
  if (noise > 0 && v != 0) {
    out = Uncertain::normal(v, noise * std::abs(v));
    return true;
  }
  out = value;
  return false;
}

}  // namespace

Region parse_region(const std::string& text) {
  auto eq = text.find('=');
  auto colon = text.find(':', eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || eq == 0 || colon == std::string::npos)
    throw Error("--region: expected name=lo:hi or issue.name=lo:hi, got '" + text + "'");
  Region region;
  std::string name = text.substr(0, eq);
  auto dot = name.find('.');
  if (dot != std::string::npos) {
    region.issue = name.substr(0, dot);
    name = name.substr(dot + 1);
  }
  if (name.empty()) throw Error("--region: empty region name in '" + text + "'");
  region.name = name;
  region.lo = parse_number(text.substr(eq + 1, colon - eq - 1), "--region " + text);
  region.hi = parse_number(text.substr(colon + 1), "--region " + text);
  if (region.lo > region.hi)
    throw Error("--region " + text + ": lower bound is above the upper bound");
  return region;
}

Plan make_plan(const Scenario& scenario, const Options& options) {
  if (options.draws == 0) throw Error("--draws: must be at least 1");
  if (options.threads < 1) throw Error("--threads: must be at least 1");
  if (options.bins < 0) throw Error("--bins: must be at least 1 (0: chosen from the draws)");
  if (!(options.noise >= 0) || !std::isfinite(options.noise))
    throw Error("--noise: must be a finite number >= 0");
  Plan plan;
  plan.scenario = &scenario;
  plan.model = &find_model(options.model);
  plan.params = resolve(plan.model->schema, options.params, "--set");
  plan.runner = std::shared_ptr<const Model>(plan.model->make());
  plan.options = options;
  for (const auto& issue : scenario.issues) plan.issue_ids.push_back(issue.id);
  for (const auto& region : options.regions)
    if (!region.issue.empty() && scenario.issue_index(region.issue) < 0)
      throw Error("--region: unknown issue '" + region.issue + "'");

  // Enumerate the inputs with a recording picker.  O(inputs).
  auto where = origins(scenario);
  std::set<std::uint64_t> seen;
  Instance instance =
      realise(scenario, [&](const Uncertain& value, double lo, double hi, std::uint64_t index) {
        if (seen.insert(index).second) {
          Input input;
          input.index = index;
          input.lo = lo;
          input.hi = hi;
          input.uncertain = effective(value, options.noise, input.value);
          auto found = where.find(&value);
          if (found != where.end()) {
            input.actor = found->second.actor;
            input.issue = found->second.issue;
            input.field = found->second.field;
          }
          plan.inputs.push_back(std::move(input));
        }
        return value.nominal();
      });
  std::sort(plan.inputs.begin(), plan.inputs.end(),
            [](const Input& a, const Input& b) { return a.index < b.index; });
  // Numbers of the `conflict` and `agenda` sections are labelled by path.
  std::unordered_map<std::uint64_t, std::string> section_paths;
  plan.sections = section_inputs(scenario);
  for (const SectionInput& s : plan.sections) section_paths[s.index] = s.path;
  for (auto& input : plan.inputs) {
    if (auto path = section_paths.find(input.index); path != section_paths.end()) {
      input.field = "section";
      input.label = path->second;
    } else if (input.field.empty()) {
      input.label = "input " + std::to_string(input.index);
    } else {
      input.label = input.actor.empty() ? input.issue : input.actor;
      input.label += "." + input.field;
      if (!input.issue.empty() && !input.actor.empty()) input.label += "." + input.issue;
    }
  }
  plan.frames = instance.frames;
  if (plan.model->quantities) plan.quantity_names = plan.model->quantities(scenario, plan.params);
  return plan;
}

double pick_value(const Input& input, double u, double noise) {
  Uncertain distribution;
  if (!effective(input.value, noise, distribution)) return distribution.nominal();
  return distribution.quantile(u, input.lo, input.hi);
}

Instance nominal(const Plan& plan) { return nominal_instance(*plan.scenario); }

bool DrawResult::same_as(const DrawResult& other) const {
  auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
    return true;
  };
  return draw == other.draw && same(forecast, other.forecast) && status == other.status &&
         rounds == other.rounds && same(median_path, other.median_path) &&
         same(mean_path, other.mean_path) && same(quantities, other.quantities) &&
         error == other.error;
}

namespace {
DrawResult result_of_run(const Result& result, std::uint64_t draw, int issues,
                         const std::vector<std::string>& names) {
  DrawResult out;
  out.quantities.assign(names.size(), kNaN);
  for (size_t q = 0; q < names.size(); ++q)  // O(names x quantities): a few dozen each
    if (const Quantity* found = result.quantity(names[q])) out.quantities[q] = found->value;
  out.draw = draw;
  out.forecast = result.forecast;
  out.forecast.resize(issues, kNaN);
  out.status = result.status;
  out.status.resize(issues, "ok");
  out.rounds = result.trajectory.empty() ? 0 : static_cast<int>(result.trajectory.size()) - 1;
  out.median_path.assign(static_cast<size_t>(out.rounds + 1) * issues, kNaN);
  out.mean_path.assign(out.median_path.size(), kNaN);
  for (size_t r = 0; r < result.trajectory.size(); ++r) {
    const Round& round = result.trajectory[r];
    for (int i = 0; i < issues; ++i) {
      if (static_cast<size_t>(i) < round.median.size())
        out.median_path[r * issues + i] = round.median[i];
      if (static_cast<size_t>(i) < round.mean.size()) out.mean_path[r * issues + i] = round.mean[i];
    }
  }
  return out;
}
}  // namespace

DrawResult run_instance(const Plan& plan, const Instance& instance, std::uint64_t draw) {
  const int issues = static_cast<int>(plan.issue_ids.size());
  RunContext context;
  context.seed = plan.options.seed;
  context.draw = draw;
  context.scenario = plan.scenario;
  context.drawn = true;
  try {
    Result result = plan.runner->run(instance, plan.params, context);
    return result_of_run(result, draw, issues, plan.quantity_names);
  } catch (const Error& error) {
    // A drawn instance the model rejects counts as a failed draw, not a
    // failed ensemble: it is reported in the summary's status counts.
    DrawResult out;
    out.draw = draw;
    out.forecast.assign(issues, kNaN);
    out.status.assign(issues, "error");
    out.error = error.what();
    out.median_path.assign(issues, kNaN);
    out.mean_path.assign(issues, kNaN);
    out.quantities.assign(plan.quantity_names.size(), kNaN);
    return out;
  }
}

Instance draw_instance(const Plan& plan, std::uint64_t draw, std::vector<double>* values) {
  const std::uint64_t seed = plan.options.seed;
  const double noise = plan.options.noise;
  if (values) values->assign(plan.inputs.size(), kNaN);
  // One Stream per (draw, input): a draw never depends on another draw or
  // on the order realise() visits the inputs.  O(inputs).
  return realise(
      *plan.scenario, plan.sections,
      [&](const Uncertain& value, double lo, double hi, std::uint64_t index) {
        Uncertain distribution;
        double picked = value.nominal();
        if (effective(value, noise, distribution)) {
          Stream stream(seed, {draw, static_cast<std::uint64_t>(Subsystem::sampling), index});
          picked = distribution.quantile(stream.uniform(), lo, hi);
        }
        if (values) {
          auto at =
              std::lower_bound(plan.inputs.begin(), plan.inputs.end(), index,
                               [](const Input& input, std::uint64_t k) { return input.index < k; });
          if (at != plan.inputs.end() && at->index == index)
            (*values)[at - plan.inputs.begin()] = picked;
        }
        return picked;
      });
}

namespace {

// `workspace`: the worker's scratch for the model's error (null: none).
DrawResult run_draw_in(const Plan& plan, std::uint64_t draw, ModelErrorWorkspace* workspace) {
  auto start = std::chrono::steady_clock::now();
  Instance instance = draw_instance(plan, draw);
  DrawResult out = run_instance(plan, instance, draw);
  if (plan.model_error) apply_model_error(plan, instance, out, *workspace);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

DrawResult run_draw(const Plan& plan, std::uint64_t draw) {
  ModelErrorWorkspace workspace;
  return run_draw_in(plan, draw, &workspace);
}

std::vector<DrawResult> run_draws(const Plan& plan, std::span<const std::uint64_t> draws,
                                  const std::function<void(std::uint64_t)>& progress) {
  std::vector<DrawResult> out(draws.size());
  // One workspace per thread, reused for every draw it runs.
  std::vector<ModelErrorWorkspace> workspaces(parallel_slots(draws.size(), plan.options.threads));
  parallel_for_slots(
      draws.size(), plan.options.threads,
      [&](std::uint64_t k, int slot) { out[k] = run_draw_in(plan, draws[k], &workspaces[slot]); },
      progress);
  return out;
}

std::vector<Region> regions_for(const Plan& plan, int issue) {
  std::vector<Region> out;
  const std::string& id = plan.issue_ids[issue];
  for (const auto& region : plan.options.regions)
    if (region.issue == id) out.push_back(region);
  for (const auto& region : plan.options.regions)
    if (region.issue.empty()) out.push_back(region);
  if (!out.empty()) return out;
  const Issue& spec = plan.scenario->issues[issue];
  // Anchors: the cell of points nearer to each anchor than to its neighbours.
  std::vector<std::pair<double, std::string>> anchors(spec.anchors.begin(), spec.anchors.end());
  for (size_t k = 0; k < anchors.size(); ++k) {
    Region region;
    region.issue = id;
    region.name = anchors[k].second;
    region.lo = k == 0 ? spec.lo : (anchors[k - 1].first + anchors[k].first) / 2;
    region.hi = k + 1 == anchors.size() ? spec.hi : (anchors[k].first + anchors[k + 1].first) / 2;
    out.push_back(region);
  }
  return out;
}

namespace {

FanPoint fan_point(std::vector<double>& values) {
  std::sort(values.begin(), values.end());
  return {quantile_sorted(values, 0.05), quantile_sorted(values, 0.25),
          quantile_sorted(values, 0.5), quantile_sorted(values, 0.75),
          quantile_sorted(values, 0.95)};
}

// Per round and issue, quantiles over draws; a stopped draw keeps its last
// value.  O(R I D log D) work.  The points are independent, so they are
// spread over the run's threads: otherwise this serial step caps the speed-up
// of runs whose draws are cheap.  Each point is computed the same way on any
// thread, so the result does not depend on the thread count.
std::vector<FanPoint> fan_of(std::span<const DrawResult> draws, int rounds, int issues,
                             std::vector<double> DrawResult::*path, int threads) {
  std::vector<FanPoint> fan(static_cast<size_t>(rounds + 1) * static_cast<size_t>(issues));
  parallel_for(fan.size(), threads,
               [&](std::uint64_t k) {
                 const int r = static_cast<int>(k / static_cast<std::uint64_t>(issues));
                 const int i = static_cast<int>(k % static_cast<std::uint64_t>(issues));
                 std::vector<double> values;
                 values.reserve(draws.size());
                 for (const auto& draw : draws) {
                   const auto& p = draw.*path;
                   if (p.empty()) continue;
                   int last = static_cast<int>(p.size()) / issues - 1;
                   double v = p[static_cast<size_t>(std::min(r, last)) * issues + i];
                   if (std::isfinite(v)) values.push_back(v);
                 }
                 fan[k] = fan_point(values);
               },
               {});
  return fan;
}

}  // namespace

QuantitySummary summarise_values(const std::string& name, std::vector<double> values) {
  QuantitySummary s;
  s.name = name;
  std::erase_if(values, [](double v) { return !std::isfinite(v); });
  s.n = values.size();
  if (values.empty()) {
    s.mean = s.sd = s.q05 = s.q25 = s.median = s.q75 = s.q95 = kNaN;
    return s;
  }
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = s.n > 1 ? std::sqrt(squares / static_cast<double>(s.n - 1)) : 0;
  std::sort(values.begin(), values.end());
  s.q05 = quantile_sorted(values, 0.05);
  s.q25 = quantile_sorted(values, 0.25);
  s.median = quantile_sorted(values, 0.5);
  s.q75 = quantile_sorted(values, 0.75);
  s.q95 = quantile_sorted(values, 0.95);
  return s;
}

int histogram_bins(std::span<const double> sorted, double lo, double hi) {
  const auto n = static_cast<double>(sorted.size());
  if (sorted.size() < 2 || !(hi > lo)) return kMinBins;
  double width = 2 * (quantile_sorted(sorted, 0.75) - quantile_sorted(sorted, 0.25)) / std::cbrt(n);
  if (!(width > 0)) width = (sorted.back() - sorted.front()) / (std::ceil(std::log2(n)) + 1);
  if (!(width > 0)) return kMinBins;
  const double bins = std::ceil((hi - lo) / width);
  return static_cast<int>(
      std::clamp(bins, static_cast<double>(kMinBins), static_cast<double>(kMaxBins)));
}

namespace {

constexpr double kDescribed[] = {0.05, 0.25, 0.5, 0.75, 0.95};

// Mean, sd, extremes, quantiles and histogram of the finite `values` (in draw
// order) into `s`; `sum` their sum in draw order; `bins` 0 chooses the bin
// count from the values (histogram_bins).  The quantiles come from a copy put
// in order at the few ranks they read (place_ranks), the same numbers a full
// sort gives: O(D) expected, where the sort cost O(D log D).
void describe(std::vector<double>& values, double sum, int bins, IssueSummary& s) {
  std::vector<double> sorted = values;  // sorted at the ranks below
  if (!sorted.empty()) {
    std::vector<std::size_t> ranks{0, sorted.size() - 1};
    for (double p : kDescribed) {
      const auto [lower, upper] = quantile_ranks(sorted.size(), p);
      ranks.push_back(lower);
      ranks.push_back(upper);
    }
    place_ranks(sorted, std::move(ranks));
  }
  if (bins <= 0) bins = histogram_bins(sorted, s.lo, s.hi);
  s.histogram.assign(bins, 0);
  for (double v : values) {
    double t = (v - s.lo) / (s.hi - s.lo) * bins;
    // Clamp before converting: a forecast far outside the scale must not overflow int.
    int bin = static_cast<int>(std::clamp(std::floor(t), 0.0, static_cast<double>(bins - 1)));
    s.histogram[bin] += 1;
  }
  s.n = values.size();
  if (s.n == 0) {
    s.mean = s.sd = s.min = s.max = s.median = s.q05 = s.q25 = s.q75 = s.q95 = kNaN;
    return;
  }
  s.mean = sum / static_cast<double>(s.n);
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = s.n > 1 ? std::sqrt(squares / static_cast<double>(s.n - 1)) : 0;
  s.min = sorted.front();
  s.max = sorted.back();
  s.median = quantile_sorted(sorted, 0.5);
  s.q05 = quantile_sorted(sorted, 0.05);
  s.q25 = quantile_sorted(sorted, 0.25);
  s.q75 = quantile_sorted(sorted, 0.75);
  s.q95 = quantile_sorted(sorted, 0.95);
}

// The range probabilities of issue `i` from the forecasts alone.  O(D R).
void count_regions(const Plan& plan, int i, std::span<const DrawResult> draws, IssueSummary& s) {
  for (const auto& region : regions_for(plan, i)) {
    // Half-open [lo, hi), closed at the top of the scale: ranges that
    // partition the scale count every draw exactly once.
    const bool closed = region.hi >= s.hi;
    std::uint64_t inside = 0;
    for (const auto& draw : draws) {
      const double v = draw.forecast[i];
      inside += (v >= region.lo && (v < region.hi || (closed && v == region.hi))) ? 1 : 0;
    }
    // No draw with a forecast on the issue (e.g. a model without a procedure
    // for it): no probability at all, rather than 0 for every range.
    double p = s.n == 0 ? kNaN : static_cast<double>(inside) / static_cast<double>(draws.size());
    s.regions.push_back({region.name, region.lo, region.hi, p});
  }
}

// Replaces the numbers of issue `i` with those of the mixture of the draws'
// predictive distributions (ensemble/model_error.h), keeping the inputs-only
// ones aside.  `error[k]` holds draw k's error numbers.  O(D (log D + R)).
void mix_model_error(const Plan& plan, int i, const std::vector<const DrawResult*>& error,
                     IssueSummary& s) {
  IssueSummary::InputsOnly inputs{s.mean, s.q05, s.median, s.q95, {}};
  size_t first = 0;  // issue i's first range among the masses
  for (int j = 0; j < i; ++j) first += plan.model_error->regions[j].size();
  std::vector<double> values;
  values.reserve(error.size());
  double sample_sum = 0, mean_sum = 0;
  std::vector<double> mass(s.regions.size(), 0.0);
  for (const DrawResult* draw : error) {  // in draw order
    const ErrorNumbers numbers = error_numbers_of(plan, *draw);
    const double v = numbers.sample[i];
    if (!std::isfinite(v)) continue;
    values.push_back(v);
    sample_sum += v;
    mean_sum += numbers.mean[i];
    for (size_t r = 0; r < mass.size(); ++r) mass[r] += numbers.mass[first + r];
  }
  const int bins = static_cast<int>(s.histogram.size());
  describe(values, sample_sum, bins, s);                      // sd about the drawn values' own mean
  if (s.n > 0) s.mean = mean_sum / static_cast<double>(s.n);  // the exact mixture mean
  for (size_t r = 0; r < mass.size(); ++r) {
    inputs.region_probability.push_back(s.regions[r].probability);
    s.regions[r].probability = s.n == 0 ? kNaN : mass[r] / static_cast<double>(error.size());
  }
  s.inputs_only = std::move(inputs);
}

// Every draw's error numbers: its own, or those of `completed`.
std::vector<const DrawResult*> error_numbers(const Plan& plan, std::span<const DrawResult> draws,
                                             const std::vector<DrawResult>& completed) {
  std::vector<const DrawResult*> out;
  size_t next = 0;  // completed holds the draws lacking numbers, in draw order
  for (const auto& draw : draws)
    out.push_back(has_model_error(plan, draw) ? &draw : &completed[next++]);
  return out;
}

}  // namespace

Summary summarise(const Plan& plan, std::span<const DrawResult> draws) {
  Summary summary;
  summary.model = plan.model->name;
  summary.draws = draws.size();
  summary.seed = plan.options.seed;
  summary.noise = plan.options.noise;
  summary.dynamic = plan.model->dynamic;
  const int issues = static_cast<int>(plan.issue_ids.size());
  std::vector<DrawResult> completed;
  std::vector<const DrawResult*> error;
  if (plan.model_error) {
    summary.model_error = plan.model_error->label;
    completed = completed_model_error(plan, draws);
    error = error_numbers(plan, draws, completed);
  }
  std::vector<double> values;
  values.reserve(draws.size());
  for (int i = 0; i < issues; ++i) {
    IssueSummary s;
    s.issue = plan.issue_ids[i];
    s.lo = plan.frames[i].lo;
    s.hi = plan.frames[i].hi;
    values.clear();
    double sum = 0;  // in draw order: the same bits for any thread count
    for (const auto& draw : draws) {
      s.status[draw.status[i]] += 1;
      double v = draw.forecast[i];
      if (!std::isfinite(v)) continue;
      values.push_back(v);
      sum += v;
    }
    describe(values, sum, plan.options.bins, s);
    count_regions(plan, i, draws, s);
    if (plan.model_error) mix_model_error(plan, i, error, s);
    summary.issues.push_back(std::move(s));
  }
  // Headline quantities: O(Q D log D) for Q quantities.
  for (size_t q = 0; q < plan.quantity_names.size(); ++q) {
    values.clear();
    for (const auto& draw : draws)
      values.push_back(q < draw.quantities.size() ? draw.quantities[q] : kNaN);
    summary.quantities.push_back(summarise_values(plan.quantity_names[q], values));
  }
  bool uncertain = false;
  for (const auto& input : plan.inputs) uncertain = uncertain || input.uncertain;
  if (!uncertain)
    summary.notes.push_back(
        "the scenario has no uncertain input: every draw is the nominal run (see --noise)");
  for (const auto& draw : draws)
    if (!draw.error.empty()) {
      summary.notes.push_back("draw " + std::to_string(draw.draw) + ": " + draw.error);
      break;
    }
  if (summary.dynamic && !draws.empty()) {
    std::vector<double> rounds;
    double sum = 0;
    int max_rounds = 0;
    for (const auto& draw : draws) {
      rounds.push_back(draw.rounds);
      sum += draw.rounds;
      summary.rounds_histogram[draw.rounds] += 1;
      max_rounds = std::max(max_rounds, draw.rounds);
    }
    std::sort(rounds.begin(), rounds.end());
    summary.rounds_mean = sum / static_cast<double>(draws.size());
    summary.rounds_q05 = quantile_sorted(rounds, 0.05);
    summary.rounds_median = quantile_sorted(rounds, 0.5);
    summary.rounds_q95 = quantile_sorted(rounds, 0.95);
    summary.fan.rounds = max_rounds;
    const int threads = plan.options.threads;
    summary.fan.median = fan_of(draws, max_rounds, issues, &DrawResult::median_path, threads);
    summary.fan.mean = fan_of(draws, max_rounds, issues, &DrawResult::mean_path, threads);
  }
  return summary;
}

std::vector<DrawResult> run_ensemble(const Plan& plan, std::span<const std::uint64_t> draw_list,
                                     std::vector<DrawResult> done, const RunHooks& hooks) {
  std::vector<std::uint64_t> wanted(draw_list.begin(), draw_list.end());
  std::sort(wanted.begin(), wanted.end());
  std::unordered_map<std::uint64_t, size_t> have;
  for (size_t k = 0; k < done.size(); ++k) have[done[k].draw] = k;
  std::vector<std::uint64_t> missing;
  for (auto d : wanted)
    if (!have.count(d)) missing.push_back(d);

  const std::uint64_t total = wanted.size();
  const std::uint64_t already = total - missing.size();
  std::uint64_t batch = hooks.batch_size;
  // Without a hook nothing is persisted, so one batch avoids restarting the
  // workers; with one, a batch bounds the work a killed run loses.
  if (batch == 0)
    batch = hooks.on_batch ? std::max<std::uint64_t>(1024, 64 * plan.options.threads)
                           : std::max<std::uint64_t>(missing.size(), 1);
  for (std::uint64_t start = 0; start < missing.size(); start += batch) {
    std::uint64_t end = std::min<std::uint64_t>(start + batch, missing.size());
    std::span<const std::uint64_t> part(missing.data() + start, end - start);
    auto fresh = run_draws(plan, part, [&](std::uint64_t n) {
      if (hooks.progress) hooks.progress(already + start + n, total);
    });
    if (hooks.on_batch) hooks.on_batch(fresh);
    for (auto& result : fresh) {
      have[result.draw] = done.size();
      done.push_back(std::move(result));
    }
  }
  std::vector<DrawResult> out;
  out.reserve(wanted.size());
  for (auto d : wanted) out.push_back(std::move(done[have[d]]));
  if (hooks.progress) hooks.progress(total, total);
  return out;
}

std::vector<std::uint64_t> all_draws(std::uint64_t draws) {
  std::vector<std::uint64_t> out(draws);
  for (std::uint64_t d = 0; d < draws; ++d) out[d] = d;
  return out;
}

std::vector<std::uint64_t> shard_draws(std::uint64_t draws, int shard, int shards) {
  std::vector<std::uint64_t> out;
  std::uint64_t begin = draws * shard / shards, end = draws * (shard + 1) / shards;
  for (std::uint64_t d = begin; d < end; ++d) out.push_back(d);
  return out;
}

std::pair<int, int> parse_shard(const std::string& text) {
  auto slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      size_t a = 0, b = 0;
      int i = std::stoi(text.substr(0, slash), &a);
      int k = std::stoi(text.substr(slash + 1), &b);
      if (a == slash && b == text.size() - slash - 1 && k >= 1 && i >= 0 && i < k) return {i, k};
    }
  } catch (const std::exception&) {
  }
  throw Error("--shard: expected i/k with 0 <= i < k, got '" + text + "'");
}

}  // namespace parley::ensemble
