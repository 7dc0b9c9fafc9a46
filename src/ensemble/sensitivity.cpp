#include "ensemble/sensitivity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "parley/error.h"
#include "parley/random.h"

namespace parley::ensemble {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Low and high value of an input for the tornado (see the header).
std::pair<double, double> low_high(const Input& input) {
  const Uncertain& u = input.value;
  if (u.kind() == Uncertain::Kind::normal)
    return {u.quantile(0.05, input.lo, input.hi), u.quantile(0.95, input.lo, input.hi)};
  return {std::clamp(u.lowest(), input.lo, input.hi), std::clamp(u.highest(), input.lo, input.hi)};
}

std::vector<size_t> uncertain_inputs(const Plan& plan) {
  std::vector<size_t> out;
  for (size_t k = 0; k < plan.inputs.size(); ++k)
    if (plan.inputs[k].uncertain) out.push_back(k);
  return out;
}

// An instance with the inputs in `set` (input index -> value) changed and
// every other input nominal.
Instance instance_with(const Plan& plan, const std::unordered_map<std::uint64_t, double>& set) {
  return realise(*plan.scenario, [&](const Uncertain& value, double, double, std::uint64_t index) {
    auto found = set.find(index);
    return found == set.end() ? value.nominal() : found->second;
  });
}

}  // namespace

std::vector<double> targets_of(const DrawResult& result) {
  std::vector<double> out = result.forecast;
  out.insert(out.end(), result.quantities.begin(), result.quantities.end());
  return out;
}

Tornado one_at_a_time(const Plan& plan, const ProgressFn& progress) {
  std::vector<size_t> varied = uncertain_inputs(plan);
  const std::uint64_t runs = 1 + 2 * varied.size();
  std::vector<std::vector<double>> forecast(runs);
  std::vector<std::pair<double, double>> range(varied.size());
  for (size_t k = 0; k < varied.size(); ++k) range[k] = low_high(plan.inputs[varied[k]]);
  parallel_for(
      runs, plan.options.threads,
      [&](std::uint64_t run) {
        std::unordered_map<std::uint64_t, double> set;
        if (run > 0) {
          size_t k = (run - 1) / 2;
          set[plan.inputs[varied[k]].index] = (run - 1) % 2 == 0 ? range[k].first : range[k].second;
        }
        forecast[run] = targets_of(run_instance(plan, instance_with(plan, set), 0));
      },
      [&](std::uint64_t done) {
        if (progress) progress(done, runs);
      });
  Tornado tornado;
  tornado.base = forecast[0];
  for (size_t k = 0; k < varied.size(); ++k) {
    TornadoBar bar;
    bar.input = varied[k];
    bar.low_value = range[k].first;
    bar.high_value = range[k].second;
    bar.low = forecast[1 + 2 * k];
    bar.high = forecast[2 + 2 * k];
    tornado.bars.push_back(std::move(bar));
  }
  return tornado;
}

std::vector<const TornadoBar*> ranked(const Tornado& tornado, int issue) {
  std::vector<const TornadoBar*> out;
  for (const auto& bar : tornado.bars) out.push_back(&bar);
  auto swing = [issue](const TornadoBar* bar) {
    double s = std::abs(bar->high[issue] - bar->low[issue]);
    return std::isnan(s) ? -1.0 : s;
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const TornadoBar* a, const TornadoBar* b) { return swing(a) > swing(b); });
  return out;
}

SobolPair sobol_estimate(const std::vector<double>& fa, const std::vector<double>& fb,
                         const std::vector<double>& fab, const std::vector<size_t>& rows) {
  // O(N): one pass for the variance, one for the two estimators.
  const size_t n = rows.empty() ? fa.size() : rows.size();
  auto row = [&](size_t k) { return rows.empty() ? k : rows[k]; };
  double sum = 0;
  for (size_t k = 0; k < n; ++k) sum += fa[row(k)] + fb[row(k)];
  const double mean = sum / (2.0 * static_cast<double>(n));
  double squares = 0, first = 0, total = 0;
  for (size_t k = 0; k < n; ++k) {
    size_t j = row(k);
    squares += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
    // Centring f(B) leaves the estimator unbiased (E[f(A_B) - f(A)] = 0)
    // and removes the variance that a large output mean would add.
    first += (fb[j] - mean) * (fab[j] - fa[j]);
    total += (fa[j] - fab[j]) * (fa[j] - fab[j]);
  }
  const double variance = squares / (2.0 * static_cast<double>(n));
  if (!(variance > 0)) return {kNaN, kNaN};
  return {first / static_cast<double>(n) / variance,
          total / (2.0 * static_cast<double>(n)) / variance};
}

Sobol sobol(const Plan& plan, const SobolOptions& options, const ProgressFn& progress) {
  if (options.samples < 2) throw Error("--samples: must be at least 2");
  if (!(options.confidence > 0 && options.confidence < 1))
    throw Error("--confidence: must be between 0 and 1");
  std::vector<size_t> varied = uncertain_inputs(plan);
  if (varied.empty())
    throw Error("sensitivity: the scenario has no uncertain input (give ranges or --noise)");
  const size_t k = varied.size();
  const std::uint64_t n = options.samples;
  const int targets = static_cast<int>(plan.issue_ids.size() + plan.quantity_names.size());
  const std::uint64_t seed = plan.options.seed;

  // The two sample matrices, N x k, as input values.  O(N k).
  std::vector<double> a(n * k), b(n * k);
  for (std::uint64_t j = 0; j < n; ++j)
    for (size_t i = 0; i < k; ++i) {
      const Input& input = plan.inputs[varied[i]];
      Stream stream(seed, {j, static_cast<std::uint64_t>(Subsystem::sensitivity), input.index});
      a[j * k + i] = input.value.quantile(stream.uniform(), input.lo, input.hi);
      b[j * k + i] = input.value.quantile(stream.uniform(), input.lo, input.hi);
    }

  // Evaluation e = j (k + 2) + slot: slot 0 = A, 1 = B, 2 + i = A_B^i.
  const std::uint64_t slots = k + 2;
  std::vector<std::vector<double>> out(n * slots);
  parallel_for(
      n * slots, plan.options.threads,
      [&](std::uint64_t e) {
        std::uint64_t j = e / slots, slot = e % slots;
        std::unordered_map<std::uint64_t, double> set;
        for (size_t i = 0; i < k; ++i) {
          bool from_b = slot == 1 || slot == 2 + i;
          set[plan.inputs[varied[i]].index] = from_b ? b[j * k + i] : a[j * k + i];
        }
        out[e] = targets_of(run_instance(plan, instance_with(plan, set), j));
      },
      [&](std::uint64_t done) {
        if (progress) progress(done, n * slots);
      });

  Sobol result;
  result.samples = n;
  result.evaluations = n * slots;
  result.confidence = options.confidence;
  for (size_t i = 0; i < k; ++i) {
    SobolIndex index;
    index.input = varied[i];
    result.indices.push_back(index);
  }
  // Bootstrap resamples, shared by every issue and input.  O(R N).
  std::vector<std::vector<size_t>> resamples(options.bootstrap);
  for (std::uint64_t r = 0; r < options.bootstrap; ++r) {
    Stream stream(seed, {r, static_cast<std::uint64_t>(Subsystem::bootstrap)});
    resamples[r].resize(n);
    for (auto& row : resamples[r]) row = stream.below(n);
  }
  const double tail = (1 - options.confidence) / 2;
  std::vector<double> fa(n), fb(n), fab(n);
  for (int issue = 0; issue < targets; ++issue) {
    for (std::uint64_t j = 0; j < n; ++j) {
      fa[j] = out[j * slots][issue];
      fb[j] = out[j * slots + 1][issue];
    }
    double mean = 0, squares = 0;
    for (std::uint64_t j = 0; j < n; ++j) mean += fa[j] + fb[j];
    mean /= 2.0 * static_cast<double>(n);
    for (std::uint64_t j = 0; j < n; ++j)
      squares += (fa[j] - mean) * (fa[j] - mean) + (fb[j] - mean) * (fb[j] - mean);
    result.variance.push_back(squares / (2.0 * static_cast<double>(n)));
    // O(k R N) per issue.
    for (size_t i = 0; i < k; ++i) {
      for (std::uint64_t j = 0; j < n; ++j) fab[j] = out[j * slots + 2 + i][issue];
      SobolPair point = sobol_estimate(fa, fb, fab, {});
      std::vector<double> firsts, totals;
      for (const auto& rows : resamples) {
        SobolPair boot = sobol_estimate(fa, fb, fab, rows);
        if (std::isfinite(boot.first)) firsts.push_back(boot.first);
        if (std::isfinite(boot.total)) totals.push_back(boot.total);
      }
      std::sort(firsts.begin(), firsts.end());
      std::sort(totals.begin(), totals.end());
      SobolIndex& index = result.indices[i];
      index.first.push_back(point.first);
      index.total.push_back(point.total);
      index.first_lo.push_back(quantile_sorted(firsts, tail));
      index.first_hi.push_back(quantile_sorted(firsts, 1 - tail));
      index.total_lo.push_back(quantile_sorted(totals, tail));
      index.total_hi.push_back(quantile_sorted(totals, 1 - tail));
    }
  }
  return result;
}

std::vector<std::pair<std::string, double>> by_actor(const Plan& plan,
                                                     const std::vector<double>& score) {
  std::vector<std::pair<std::string, double>> out;
  std::map<std::string, size_t> slot;
  for (size_t k = 0; k < plan.inputs.size() && k < score.size(); ++k) {
    const std::string& actor = plan.inputs[k].actor;
    if (actor.empty() || std::isnan(score[k])) continue;
    auto [it, fresh] = slot.try_emplace(actor, out.size());
    if (fresh) out.emplace_back(actor, 0.0);
    out[it->second].second += score[k];
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace parley::ensemble
