#include "ensemble/whatif.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "parley/error.h"

namespace parley::ensemble {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// forecast per issue, then the plan's quantities, from one run.
std::vector<double> targets_of(const Plan& plan, const Result& result) {
  std::vector<double> out(plan.issue_ids.size() + plan.quantity_names.size(), kNaN);
  for (size_t i = 0; i < plan.issue_ids.size() && i < result.forecast.size(); ++i)
    out[i] = result.forecast[i];
  for (size_t q = 0; q < plan.quantity_names.size(); ++q)
    if (const Quantity* found = result.quantity(plan.quantity_names[q]))
      out[plan.issue_ids.size() + q] = found->value;
  return out;
}

Variant variant_of(const Whatif& table, const std::vector<std::string>& events) {
  Variant v;
  v.set_events = true;
  v.events = table.baseline;
  v.events.insert(v.events.end(), events.begin(), events.end());
  return v;
}

}  // namespace

std::vector<std::vector<std::string>> whatif_rows(const Plan& plan, std::vector<std::string> events,
                                                  bool pairs) {
  const std::vector<std::string> known = optional_events(*plan.scenario);
  if (events.empty()) events = known;
  for (const auto& name : events)
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw Error("--events: the scenario has no optional event '" + name + "'");
  const std::vector<std::string> on = events_on(plan);
  std::erase_if(
      events, [&](const std::string& e) { return std::find(on.begin(), on.end(), e) != on.end(); });
  std::vector<std::vector<std::string>> rows = {{}};
  for (const auto& e : events) rows.push_back({e});
  if (pairs)
    for (size_t a = 0; a < events.size(); ++a)
      for (size_t b = a + 1; b < events.size(); ++b) rows.push_back({events[a], events[b]});
  return rows;
}

Whatif what_if(const Plan& plan, const std::vector<std::vector<std::string>>& rows,
               std::uint64_t draws,
               const std::function<void(std::uint64_t done, std::uint64_t total)>& progress) {
  Whatif table;
  for (const auto& issue : plan.issue_ids) table.targets.push_back("forecast." + issue);
  table.targets.insert(table.targets.end(), plan.quantity_names.begin(), plan.quantity_names.end());
  table.baseline = events_on(plan);
  const std::uint64_t reps = replicates(plan, draws);
  table.replicates = draws == 0 || reps == 1 ? 0 : reps;
  if (draws > 0 && reps == 1)
    table.notes.push_back("the scenario has no uncertain input: no intervals");
  const std::uint64_t total = rows.size() * (1 + table.replicates);
  const auto report = [&](std::uint64_t done) {
    if (progress) progress(done, total);
  };
  // The point of each row: the run `parley run --set what_if=...` makes.
  for (const auto& events : rows) {
    report(table.rows.size());
    WhatifRow row;
    row.events = events;
    const Variant variant = variant_of(table, events);
    RunContext context;
    context.seed = plan.options.seed;
    context.scenario = plan.scenario;
    if (progress)
      context.progress = [&](std::uint64_t, std::uint64_t) { report(table.rows.size()); };
    Instance instance = nominal(plan);
    row.value =
        targets_of(plan, plan.runner->run(instance, variant_params(plan, variant), context));
    row.lo.assign(row.value.size(), kNaN);
    row.hi.assign(row.value.size(), kNaN);
    table.rows.push_back(std::move(row));
  }
  if (table.replicates == 0) return table;
  // rows x replicates runs, each writing its own slot.  O(rows R) runs, then
  // O(rows T R log R) for the quantiles of T targets.
  const std::uint64_t n = rows.size() * table.replicates;
  std::vector<std::vector<double>> out(n);
  parallel_for(
      n, plan.options.threads,
      [&](std::uint64_t k) {
        const std::uint64_t row = k / table.replicates, r = k % table.replicates;
        const Variant variant = variant_of(table, rows[row]);
        out[k] = targets_of(plan, evaluate(plan, variant_params(plan, variant), variant, r));
      },
      [&](std::uint64_t done) { report(rows.size() + done); });
  std::vector<double> values;
  for (size_t row = 0; row < rows.size(); ++row)
    for (size_t t = 0; t < table.targets.size(); ++t) {
      values.clear();
      for (std::uint64_t r = 0; r < table.replicates; ++r)
        values.push_back(out[row * table.replicates + r][t]);
      const QuantitySummary s = summarise_values(table.targets[t], values);
      table.rows[row].lo[t] = s.q05;
      table.rows[row].hi[t] = s.q95;
    }
  return table;
}

}  // namespace parley::ensemble
