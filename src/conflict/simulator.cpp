#include "conflict/simulator.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "conflict/run.h"
#include "parley/error.h"
#include "parley/random.h"
#include "parley/section_inputs.h"
#include "parley/uncertain.h"
#include "scenario/parallel.h"

namespace parley::war {
namespace {

// Sums of a block of runs; blocks are combined in order so the result does
// not depend on how blocks were spread over threads.
struct Block {
  std::vector<std::array<double, regime_count>> regime;
  std::vector<double> ceasefire_by;
  std::vector<std::array<double, 2>> cost;
  std::vector<std::array<double, cause_count>> cause;
  std::vector<double> de_facto, positions, blocked, gap;
  std::vector<std::vector<int>> blocker_issue;
  std::vector<std::vector<double>> terms;  // per issue, in draw order
};

constexpr int block_size = 256;

}  // namespace

Simulator::Simulator(Conflict conflict, const Instance& instance, Options options)
    : conflict_(std::move(conflict)), instance_(instance), options_(std::move(options)) {
  horizon_ = options_.horizon > 0 ? options_.horizon : conflict_.horizon;
  if (options_.spatial == "war")
    throw Error("spatial: the war model cannot be its own spatial layer");
  spatial_ = &find_model(options_.spatial);
  spatial_model_ = spatial_->make();
  spatial_params_ = resolve(spatial_->schema, options_.spatial_params, "spatial");
  sections_uncertain_ = options_.scenario && !section_inputs(*options_.scenario).empty();
  for (const std::string& name : options_.what_if) {
    bool known = false;
    for (const Event& e : conflict_.events) known = known || e.optional == name;
    if (!known) throw Error("what_if: the scenario has no optional event '" + name + "'");
  }
}

Simulator::~Simulator() = default;

RunOutcome Simulator::run(std::uint64_t seed, std::uint64_t ensemble_draw, std::uint64_t draw,
                          std::vector<PeriodLog>* log) const {
  if (options_.sample_inputs && options_.scenario) {
    // This war's own draw of every uncertain input, those of the `conflict`
    // and `agenda` sections included; the sections are parsed anew for it.
    const Instance drawn = realise(*options_.scenario, [&](const Uncertain& value, double lo,
                                                           double hi, std::uint64_t index) {
      if (value.is_fixed()) return value.nominal();
      Stream s(seed, {ensemble_draw, draw, static_cast<std::uint64_t>(Subsystem::sampling), index});
      return value.quantile(s.uniform(), lo, hi);
    });
    const Conflict conflict = sections_uncertain_
                                  ? parse_conflict(*options_.scenario, drawn, options_.defaults)
                                  : conflict_;
    Run r(conflict, drawn, options_, spatial_model_.get(), spatial_params_, horizon_, seed,
          ensemble_draw, draw);
    return r.go(log);
  }
  Run r(conflict_, instance_, options_, spatial_model_.get(), spatial_params_, horizon_, seed,
        ensemble_draw, draw);
  return r.go(log);
}

Summary Simulator::simulate(std::uint64_t seed, std::uint64_t ensemble_draw, int draws) const {
  const int T = horizon_, n = instance_.actors(), m = instance_.issues();
  const int nv = static_cast<int>(conflict_.veto.size());
  const int blocks = (draws + block_size - 1) / block_size;
  std::vector<Block> sums(blocks);
  auto work = [&](int b) {
    Block& s = sums[b];
    s.regime.assign(T, {});
    s.ceasefire_by.assign(T, 0);
    s.cost.assign(T, {});
    s.cause.assign(T, {});
    s.de_facto.assign(m, 0);
    s.positions.assign(static_cast<std::size_t>(T + 1) * n * m, 0);
    s.blocked.assign(nv, 0);
    s.gap.assign(nv, 0);
    s.blocker_issue.assign(nv, std::vector<int>(m, 0));
    s.terms.assign(m, {});
    const int first = b * block_size, last = std::min(draws, first + block_size);
    for (int d = first; d < last; ++d) {  // O(draws x periods x period cost)
      const RunOutcome o = run(seed, ensemble_draw, static_cast<std::uint64_t>(d));
      double cumulative[2] = {0, 0};
      for (int t = 0; t < T; ++t) {
        s.regime[t][static_cast<int>(o.regime[t])] += 1;
        if (o.first_ceasefire && o.first_ceasefire <= t + 1) s.ceasefire_by[t] += 1;
        for (int side = 0; side < 2; ++side) {
          cumulative[side] += o.period_cost[static_cast<std::size_t>(t) * 2 + side];
          s.cost[t][side] += cumulative[side];
        }
        s.cause[t][static_cast<int>(o.cause[t])] += 1;
      }
      for (int j = 0; j < m; ++j) {
        s.de_facto[j] += o.de_facto[j];
        if (!std::isnan(o.terms[j])) s.terms[j].push_back(o.terms[j]);
      }
      for (std::size_t q = 0; q < o.positions.size(); ++q) s.positions[q] += o.positions[q];
      const bool settled = o.regime[T - 1] == Regime::ceasefire || o.regime[T - 1] == Regime::peace;
      for (int v = 0; v < nv; ++v) {
        if (settled || std::isnan(o.blocker_gap[v])) continue;
        s.blocked[v] += 1;
        s.gap[v] += o.blocker_gap[v];
        if (o.blocker_issue[v] >= 0) s.blocker_issue[v][o.blocker_issue[v]] += 1;
      }
    }
  };
  // Blocks go to the threads; a throw inside any of them reaches the caller.
  const int threads = options_.threads > 0
                          ? options_.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::function<void(std::uint64_t)> progress;
  if (options_.progress) {
    progress = [&](std::uint64_t done_blocks) {
      const auto total = static_cast<std::uint64_t>(draws);
      options_.progress(std::min(total, done_blocks * block_size), total);
    };
  }
  parallel_for(
      static_cast<std::uint64_t>(blocks), threads,
      [&](std::uint64_t b) { work(static_cast<int>(b)); }, progress);

  Summary out;
  out.draws = draws;
  out.periods = T;
  out.regime_share.assign(T, {});
  out.ceasefire_by.assign(T, 0);
  out.expected_cost.assign(T, {});
  out.cause_share.assign(T, {});
  out.terms.assign(m, {});
  out.de_facto_mean.assign(m, 0);
  out.positions_mean.assign(static_cast<std::size_t>(T + 1) * n * m, 0);
  out.blocked_share.assign(nv, 0);
  out.blocker_gap_mean.assign(nv, 0);
  out.blocker_issue_count.assign(nv, std::vector<int>(m, 0));
  for (const Block& s : sums) {  // in block order
    for (int t = 0; t < T; ++t) {
      for (int g = 0; g < regime_count; ++g) out.regime_share[t][g] += s.regime[t][g];
      out.ceasefire_by[t] += s.ceasefire_by[t];
      for (int side = 0; side < 2; ++side) out.expected_cost[t][side] += s.cost[t][side];
      for (int g = 0; g < cause_count; ++g) out.cause_share[t][g] += s.cause[t][g];
    }
    for (int j = 0; j < m; ++j) {
      out.de_facto_mean[j] += s.de_facto[j];
      out.terms[j].insert(out.terms[j].end(), s.terms[j].begin(), s.terms[j].end());
    }
    for (std::size_t q = 0; q < s.positions.size(); ++q) out.positions_mean[q] += s.positions[q];
    for (int v = 0; v < nv; ++v) {
      out.blocked_share[v] += s.blocked[v];
      out.blocker_gap_mean[v] += s.gap[v];
      for (int j = 0; j < m; ++j) out.blocker_issue_count[v][j] += s.blocker_issue[v][j];
    }
  }
  const double inv = 1.0 / draws;
  for (int t = 0; t < T; ++t) {
    for (auto& x : out.regime_share[t]) x *= inv;
    out.ceasefire_by[t] *= inv;
    for (auto& x : out.expected_cost[t]) x *= inv;
    for (auto& x : out.cause_share[t]) x *= inv;
  }
  for (auto& x : out.de_facto_mean) x *= inv;
  for (auto& x : out.positions_mean) x *= inv;
  for (int v = 0; v < nv; ++v) {
    out.blocker_gap_mean[v] =
        out.blocked_share[v] > 0 ? out.blocker_gap_mean[v] / out.blocked_share[v] : nan;
    out.blocked_share[v] *= inv;
  }
  return out;
}

}  // namespace parley::war
