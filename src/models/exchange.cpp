// The Stokman-Van Oosten exchange model, equal-gain ("Decide") variant:
// docs/models/exchange.md (sections cited by number).
//
// Actors trade voting positions: on a pair of issues, two actors on opposite
// sides of both outcomes each move towards the other on the issue they care
// less about, sized so that both gain the same (section 3).  Rounds repeat with
// positions partly adjusted towards the voting positions (section 4).
//
// Cost of one round, with m issues, n actors, C <= m(m-1)/2 * n(n-1)/2
// candidate exchanges and R realised exchanges (R <= C, since each step
// retires the chosen candidate):
//   building the candidates      O(m^2 n^2)
//   choosing the best, per step  O(alive) <= O(C)  -> O(R C) in all
//   re-sizing after a step       O(m n^2 + n)  (candidates on the two issues,
//                                               plus two outcome sums)
// COP21 (15 actors, 13 issues): C <= 8190.
#include "models/exchange.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "models/model_infos.h"
#include "models/spatial.h"
#include "parley/error.h"
#include "parley/random.h"

namespace parley {
namespace exchange {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPosEps = 1e-9;     // position tolerance (conventions.md)
constexpr double kShiftEps = 1e-10;  // smallest shift and gain (section 3, validity)
constexpr double kMaxShift = 100;    // largest shift, and largest total per actor-issue
// Gains closer than this (relative) count as tied.  Decide uses an absolute
// 1e-20, which in double precision on gains of order 1-100 means "equal bits";
// a relative tolerance makes ties robust to rounding order.
constexpr double kTieRelative = 1e-12;

bool present(const Board& board, int k) { return !std::isnan(board.position[k]); }

// Takes part with a positive weight: only such actors can supply or demand.
bool active(const Board& board, int k) {
  return present(board, k) && board.salience[k] > 0 && board.capability[k] > 0;
}

struct Candidate {
  int p = 0, q = 0;
  int supplier_p = 0;  // "B" of section 3: supplies p, demands q
  int supplier_q = 0;  // "A": supplies q, demands p
  bool alive = true;
  Exchange sized;  // valid while alive
};

// Mutable state of a round.
struct State {
  const Board& board;
  std::vector<double> weight_total;  // D_d (constant within the round)
  std::vector<double> voting;        // y
  std::vector<double> outcome;       // O_d from y
  // Per actor-issue: sign of the supplier's shifts so far in this round
  // (0 = none yet) and their total size (section 3, validity).
  std::vector<int> direction;
  std::vector<double> moved;
};

double sign_of(double x) { return x > 0 ? 1.0 : -1.0; }

// Sizes `c` against the current state (section 3: sizing, outcome cap, validity).
// Returns false when the exchange is invalid.  O(1).
bool size(const State& state, Candidate& c) {
  const Board& board = state.board;
  const int bp = board.at(c.supplier_p, c.p), bq = board.at(c.supplier_p, c.q);
  const int ap = board.at(c.supplier_q, c.p), aq = board.at(c.supplier_q, c.q);
  // Each supplier moves from its current voting position towards the
  // demander's own (start-of-round) position.
  const double gap_p = board.position[ap] - state.voting[bp];
  const double gap_q = board.position[bq] - state.voting[aq];
  const double dist_p = std::abs(gap_p), dist_q = std::abs(gap_q);
  if (dist_p <= kShiftEps || dist_q <= kShiftEps) return false;
  const double dir_p = sign_of(gap_p), dir_q = sign_of(gap_q);
  // Outcome cap: how far each outcome may still move before it reaches the
  // demander's position.
  const double room_p = dir_p * (board.position[ap] - state.outcome[c.p]);
  const double room_q = dir_q * (board.position[bq] - state.outcome[c.q]);
  if (room_p <= 0 || room_q <= 0) return false;

  // Outcome shift per unit of the supplier's shift: c s / D.
  const double rate_p = board.capability[bp] * board.salience[bp] / state.weight_total[c.p];
  const double rate_q = board.capability[aq] * board.salience[aq] / state.weight_total[c.q];
  const double s_ap = board.salience[ap], s_aq = board.salience[aq];
  const double s_bp = board.salience[bp], s_bq = board.salience[bq];
  const double ratio = (s_ap + s_bp) / (s_aq + s_bq);  // equal gain: dq = ratio * dp

  // dp is the largest outcome shift on p allowed by B's full move, A's full
  // move, and the two caps; the spec's two-step sizing followed by the caps
  // amounts to this minimum.
  enum class Bound { full_p, full_q, cap };
  double dp = dist_p * rate_p;
  Bound bound = Bound::full_p;
  auto tighten = [&](double limit, Bound which) {
    if (limit < dp) {
      dp = limit;
      bound = which;
    }
  };
  tighten(dist_q * rate_q / ratio, Bound::full_q);
  tighten(room_p, Bound::cap);
  tighten(room_q / ratio, Bound::cap);
  const double dq = ratio * dp;
  // A full move lands exactly on the partner's position.
  const double shift_p = bound == Bound::full_p ? dist_p : dp / rate_p;
  const double shift_q = bound == Bound::full_q ? dist_q : dq / rate_q;
  const double gain = dp * (s_ap * s_bq - s_aq * s_bp) / (s_aq + s_bq);

  if (shift_p <= kShiftEps || shift_q <= kShiftEps) return false;
  if (shift_p > kMaxShift || shift_q > kMaxShift) return false;
  if (gain < kShiftEps) return false;
  const double to_p = state.voting[bp] + dir_p * shift_p;
  const double to_q = state.voting[aq] + dir_q * shift_q;
  auto on_scale = [](double x) { return x >= -kPosEps && x <= 100 + kPosEps; };
  if (!on_scale(to_p) || !on_scale(to_q)) return false;
  auto same_way = [&](int k, double dir, double shift) {
    return (state.direction[k] == 0 || state.direction[k] == static_cast<int>(dir)) &&
           state.moved[k] + shift <= kMaxShift + kPosEps;
  };
  if (!same_way(bp, dir_p, shift_p) || !same_way(aq, dir_q, shift_q)) return false;

  Exchange& e = c.sized;
  e.p = c.p;
  e.q = c.q;
  e.supplier_p = c.supplier_p;
  e.supplier_q = c.supplier_q;
  e.shift_p = dir_p * shift_p;
  e.shift_q = dir_q * shift_q;
  e.position_p = to_p;
  e.position_q = to_q;
  e.outcome_shift_p = dir_p * dp;
  e.outcome_shift_q = dir_q * dq;
  e.gain = gain;
  return true;
}

// Section 3: every pair of issues x every pair of actors on opposite sides of both
// outcomes.  O(m^2 n^2).
std::vector<Candidate> candidates(const Board& board, const std::vector<double>& outcome) {
  std::vector<Candidate> list;
  const int n = board.actors, m = board.issues;
  auto left = [&](int a, int d) {  // ties count as left
    return board.position[board.at(a, d)] <= outcome[d] + kPosEps;
  };
  for (int p = 0; p < m; ++p) {
    if (std::isnan(outcome[p])) continue;
    for (int q = p + 1; q < m; ++q) {
      if (std::isnan(outcome[q])) continue;
      for (int i = 0; i < n; ++i) {
        if (!active(board, board.at(i, p)) || !active(board, board.at(i, q))) continue;
        for (int j = i + 1; j < n; ++j) {
          if (!active(board, board.at(j, p)) || !active(board, board.at(j, q))) continue;
          if (left(i, p) == left(j, p) || left(i, q) == left(j, q)) continue;
          // The actor that values p relatively less supplies on p.
          const double i_side = board.salience[board.at(i, p)] * board.salience[board.at(j, q)];
          const double j_side = board.salience[board.at(j, p)] * board.salience[board.at(i, q)];
          if (i_side == j_side) continue;  // equal ratios: no gain to share
          Candidate c;
          c.p = p;
          c.q = q;
          c.supplier_p = i_side < j_side ? i : j;
          c.supplier_q = i_side < j_side ? j : i;
          list.push_back(c);
        }
      }
    }
  }
  return list;
}

// Index of the candidate to realise next, or -1.  `open` lists the alive
// candidates in creation order; dead ones are dropped from it on the way, so
// the scan costs O(alive) rather than O(C).
int choose(const std::vector<Candidate>& list, std::vector<int>& open, std::vector<int>& tied,
           const Settings& settings, int round, int step) {
  double best = -std::numeric_limits<double>::infinity();
  std::size_t kept = 0;
  for (int k : open) {
    if (!list[k].alive) continue;
    open[kept++] = k;
    best = std::max(best, list[k].sized.gain);
  }
  open.resize(kept);
  if (open.empty()) return -1;
  const double floor = best - kTieRelative * std::max(1.0, best);
  tied.clear();
  for (int k : open)
    if (list[k].sized.gain >= floor) tied.push_back(k);
  if (!settings.random_tie || tied.size() == 1) return tied.front();
  Stream stream(settings.seed,
                {settings.draw, static_cast<std::uint64_t>(Subsystem::model),
                 static_cast<std::uint64_t>(round), static_cast<std::uint64_t>(step)});
  return tied[stream.below(tied.size())];
}

void realise(State& state, const Exchange& e) {
  const Board& board = state.board;
  for (auto [k, to, shift] : {std::tuple{board.at(e.supplier_p, e.p), e.position_p, e.shift_p},
                              std::tuple{board.at(e.supplier_q, e.q), e.position_q, e.shift_q}}) {
    state.voting[k] = to;
    state.direction[k] = shift > 0 ? 1 : -1;
    state.moved[k] += std::abs(shift);
  }
  state.outcome[e.p] = outcome(board, state.voting, e.p);
  state.outcome[e.q] = outcome(board, state.voting, e.q);
}

}  // namespace

double outcome(const Board& board, const std::vector<double>& positions, int issue) {
  double weight = 0, sum = 0;
  for (int a = 0; a < board.actors; ++a) {
    const int k = board.at(a, issue);
    if (!present(board, k)) continue;
    const double w = board.capability[k] * board.salience[k];
    weight += w;
    sum += w * positions[k];
  }
  return weight > 0 ? sum / weight : kNaN;
}

RoundResult run_round(const Board& board, const Settings& settings, int round) {
  const int m = board.issues;
  State state{board,
              std::vector<double>(m, 0.0),
              board.position,
              std::vector<double>(m),
              std::vector<int>(board.position.size(), 0),
              std::vector<double>(board.position.size(), 0.0)};
  // Step 1.
  for (int d = 0; d < m; ++d) {
    for (int a = 0; a < board.actors; ++a)
      if (present(board, board.at(a, d)))
        state.weight_total[d] += board.capability[board.at(a, d)] * board.salience[board.at(a, d)];
    state.outcome[d] = outcome(board, board.position, d);
  }
  RoundResult result;
  result.outcome_start = state.outcome;

  // Step 2.
  std::vector<Candidate> list = candidates(board, state.outcome);
  std::vector<std::vector<int>> on_issue(m);  // candidates that involve issue d
  for (int k = 0; k < static_cast<int>(list.size()); ++k) {
    list[k].alive = size(state, list[k]);
    on_issue[list[k].p].push_back(k);
    on_issue[list[k].q].push_back(k);
  }

  // Step 3.  Realising an exchange changes only the two suppliers' voting
  // positions and the outcomes of its two issues, so only candidates on
  // those issues need re-sizing.  A dropped candidate stays dropped.
  std::vector<int> open, tied;
  for (int k = 0; k < static_cast<int>(list.size()); ++k)
    if (list[k].alive) open.push_back(k);
  for (int step = 0;; ++step) {
    const int pick = choose(list, open, tied, settings, round, step);
    if (pick < 0) break;
    Exchange chosen = list[pick].sized;
    chosen.step = step;
    list[pick].alive = false;
    realise(state, chosen);
    result.exchanges.push_back(chosen);
    for (int d : {chosen.p, chosen.q})
      for (int k : on_issue[d])
        if (list[k].alive) list[k].alive = size(state, list[k]);
  }

  // Step 4: the round's forecast from the voting positions.
  result.outcome = state.outcome;
  result.voting = state.voting;
  // Step 5: positions of actors that supplied move part of the way.
  result.next = board.position;
  result.moved.assign(board.position.size(), false);
  for (std::size_t k = 0; k < board.position.size(); ++k) {
    if (state.direction[k] == 0) continue;
    const double a = (1 - board.salience[k]) * settings.w_sal + settings.w_fix;
    result.next[k] = (1 - a) * board.position[k] + a * state.voting[k];
    result.moved[k] = true;
  }
  return result;
}

}  // namespace exchange

namespace {

using exchange::Board;

double span_of(const IssueFrame& frame) { return frame.hi - frame.lo; }

Board board_of(const Instance& instance) {
  Board board;
  board.actors = instance.actors();
  board.issues = instance.issues();
  const std::size_t cells = static_cast<std::size_t>(board.actors) * board.issues;
  board.position.assign(cells, std::numeric_limits<double>::quiet_NaN());
  board.salience.assign(cells, 0.0);
  board.capability.assign(cells, 0.0);
  for (int d = 0; d < board.issues; ++d) {
    const IssueFrame& frame = instance.frames[d];
    if (!(span_of(frame) > 0)) throw Error("exchange: issue '" + frame.id + "' has an empty scale");
    for (int a = 0; a < board.actors; ++a) {
      if (!instance.has(a, d)) continue;
      const int k = board.at(a, d);
      board.position[k] = (instance.position(a, d) - frame.lo) * 100.0 / span_of(frame);
      board.salience[k] = instance.salience(a, d);
      board.capability[k] = instance.capability(a, d);
    }
  }
  return board;
}

// Maps a 0-100 value back to the issue's scale.
double to_scale(const IssueFrame& frame, double value) {
  return frame.lo + value * span_of(frame) / 100.0;
}

// A trajectory entry from 0-100 positions.  O(m n log n).
Round round_of(int number, const Instance& instance, const Board& board,
               const std::vector<double>& positions) {
  std::vector<double> on_scale(positions.size(), std::numeric_limits<double>::quiet_NaN());
  for (int a = 0; a < board.actors; ++a)
    for (int d = 0; d < board.issues; ++d) {
      const int k = board.at(a, d);
      if (!std::isnan(positions[k])) on_scale[k] = to_scale(instance.frames[d], positions[k]);
    }
  return spatial::make_round(instance, number, std::move(on_scale));
}

class ExchangeModel final : public Model {
 public:
  Result run(const Instance& instance, const Params& params,
             const RunContext& context) const override {
    exchange::Settings settings;
    settings.w_sal = number(params, "w_sal");
    settings.w_fix = number(params, "w_fix");
    if (settings.w_sal + settings.w_fix > 1)
      throw Error(
          "exchange: w_sal + w_fix must not exceed 1 (the share a = (1 - s) w_sal + "
          "w_fix of the move kept for the next round)");
    settings.random_tie = text(params, "exchange_tie") == "random";
    settings.seed = context.seed;
    settings.draw = context.draw;
    const int rounds = integer(params, "rounds");
    const bool until_quiet = text(params, "stop") == "no_exchange";

    Board board = board_of(instance);
    Result result;
    Table exchanges = exchanges_table();
    Table adjustments = adjustments_table();
    result.trajectory.push_back(round_of(0, instance, board, board.position));

    for (int r = 1; r <= rounds; ++r) {
      exchange::RoundResult round = exchange::run_round(board, settings, r);
      result.trajectory.push_back(round_of(r, instance, board, round.voting));
      if (context.explain) record(r, instance, board, round, exchanges, adjustments);
      board.position = std::move(round.next);
      if (until_quiet && round.exchanges.empty()) {
        result.notes.push_back("round " + std::to_string(r) +
                               ": no valid exchange; stopped (stop = no_exchange)");
        break;
      }
    }
    finish(instance, result);
    if (context.explain) {
      result.tables.push_back(std::move(exchanges));
      result.tables.push_back(std::move(adjustments));
    }
    return result;
  }

 private:
  static Table exchanges_table() {
    Table t;
    t.name = "exchanges";
    t.title =
        "Realised exchanges: actor_a moves its voting position on issue_a towards actor_b, who "
        "moves on issue_b in return; shifts in issue units, gain in 0-100 units x salience";
    t.columns = {"round",   "step",     "actor_a",         "issue_a",
                 "shift_a", "voting_a", "outcome_shift_a", "actor_b",
                 "issue_b", "shift_b",  "voting_b",        "outcome_shift_b",
                 "gain"};
    return t;
  }

  static Table adjustments_table() {
    Table t;
    t.name = "adjustments";
    t.title =
        "Positions of actors that supplied in a round: start of the round, voting position "
        "after the exchanges, start of the next round (5.4 step 5)";
    t.columns = {"round", "actor", "issue", "start", "voting", "next"};
    return t;
  }

  // Appends one round's exchanges and position adjustments.  O(R + n m).
  static void record(int r, const Instance& instance, const Board& board,
                     const exchange::RoundResult& round, Table& exchanges, Table& adjustments) {
    auto issue_units = [&](int d, double shift) {
      return shift * span_of(instance.frames[d]) / 100;
    };
    for (const auto& e : round.exchanges) {
      const IssueFrame& fp = instance.frames[e.p];
      const IssueFrame& fq = instance.frames[e.q];
      exchanges.rows.push_back(
          {static_cast<double>(r), static_cast<double>(e.step + 1),
           instance.actor_ids[e.supplier_p], fp.id, issue_units(e.p, e.shift_p),
           to_scale(fp, e.position_p), issue_units(e.p, e.outcome_shift_p),
           instance.actor_ids[e.supplier_q], fq.id, issue_units(e.q, e.shift_q),
           to_scale(fq, e.position_q), issue_units(e.q, e.outcome_shift_q), e.gain});
    }
    for (int a = 0; a < board.actors; ++a) {
      for (int d = 0; d < board.issues; ++d) {
        const int k = board.at(a, d);
        if (!round.moved[k]) continue;
        const IssueFrame& frame = instance.frames[d];
        adjustments.rows.push_back({static_cast<double>(r), instance.actor_ids[a], frame.id,
                                    to_scale(frame, board.position[k]),
                                    to_scale(frame, round.voting[k]),
                                    to_scale(frame, round.next[k])});
      }
    }
  }

  // Forecast = O_d after the last round; without weight, the unweighted mean
  // of the last positions (status no_weight, as in the compromise model).
  static void finish(const Instance& instance, Result& result) {
    const Round& last = result.trajectory.back();
    const int m = instance.issues();
    for (int d = 0; d < m; ++d) {
      if (!std::isnan(last.mean[d])) {
        result.forecast.push_back(last.mean[d]);
        result.status.push_back("ok");
        continue;
      }
      double sum = 0;
      int count = 0;
      for (int a = 0; a < instance.actors(); ++a) {
        const double x = last.positions[a * m + d];
        if (std::isnan(x)) continue;
        sum += x;
        ++count;
      }
      result.forecast.push_back(count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN());
      result.status.push_back(count > 0 ? "no_weight" : "no_actors");
    }
  }
};

}  // namespace

ModelInfo exchange_model_info() {
  ModelInfo info;
  info.name = "exchange";
  info.summary =
      "Stokman-Van Oosten exchange of voting positions across issues, equal-gain (Decide) "
      "variant";
  info.spec = "docs/models/exchange.md";
  info.dynamic = true;
  info.schema.specs = {
      ParamSpec::number(
          {.name = "w_sal",
           .fallback = 0.4,
           .min = 0.0,
           .max = 1.0,
           .doc = "after each round an actor that supplied keeps the share a = (1 - salience) "
                  "w_sal + w_fix of its move (5.4 step 5); w_sal is the salience-dependent part"}),
      ParamSpec::number({.name = "w_fix",
                         .fallback = 0.1,
                         .min = 0.0,
                         .max = 1.0,
                         .doc = "the fixed part of the share a kept for the next round; w_sal + "
                                "w_fix must not exceed 1"}),
      ParamSpec::integer({.name = "rounds",
                          .fallback = 10.0,
                          .min = 1.0,
                          .max = 1000.0,
                          .doc = "rounds to run (stop = fixed_rounds), or the most rounds to run "
                                 "(stop = no_exchange)"}),
      ParamSpec::choice(
          {.name = "stop",
           .choices = {"fixed_rounds", "no_exchange"},
           .fallback = "no_exchange",
           .doc = "fixed_rounds: always run `rounds` rounds (as Decide does); no_exchange: stop "
                  "after the first round in which no valid exchange exists (same forecast, less "
                  "work)"}),
      ParamSpec::choice(
          {.name = "exchange_tie",
           .choices = {"first", "random"},
           .fallback = "first",
           .doc = "when several exchanges offer the same highest gain: the first in creation "
                  "order (issue pair, then actor pair, in input order), or one at random from the "
                  "run's stream (seed, draw, model, round, step)"}),
  };
  info.schema.presets = {
      {"decide",
       {{"stop", std::string("fixed_rounds")},
        {"rounds", 10.0},
        {"exchange_tie", std::string("random")}},
       "the Decide program's behaviour: ten rounds, random choice among equally good "
       "exchanges"},
  };
  info.make = [] { return std::make_unique<ExchangeModel>(); };
  return info;
}

}  // namespace parley
