// ensemble/advise.h - what should an actor change? (`parley advise`,
// docs/ensembles.md "Advice").
//
// Candidate moves are the actor's own (variant.h):
//  * position: its stated position on one issue moved by k x reach x scale / steps,
//    k = +-1..steps (reach: a share of the issue's scale, default a quarter), kept
//    on the scale;
//  * salience: `salience_step` (default 0.1, i.e. 10 points of 100) moved from
//    one issue to another, the total fixed;
//  * capability: multiplied by factors that stay within the capability as
//    stated: an uncertain capability within its range, a fixed one within
//    +-`capability_reach` (default a quarter) of its value; two steps each way;
//  * events: each optional event of the scenario switched on, or off when the
//    model's `what_if` has it on (models that read events only).
//
// Scoring: the actor's expected utility over the forecast distribution:
// the mean over replicates (variant.h, common random numbers) of
//   default     U = sum_i s_i (1 - 2 |x_i - p_i| / (hi_i - lo_i)) / sum_i s_i,
//               the spatial utility of the expected-utility models
//               (docs/models/bdm.md) over the forecast x, with the actor's
//               stated (unchanged) positions p and saliences s: a move
//               changes what the actor says, not what it wants;
//   ISSUE       the same on one issue;
//   ceasefire_by=YYYY-MM   P(first ceasefire by the end of that month) (war
//               layer: its ceasefire_curve table).
// A move's effect is the mean over replicates of U(move) - U(baseline), with
// a 90% interval mean +- 1.645 sd / sqrt(R) of the paired differences (a
// point when R = 1).  Moves are ranked by effect (ties: candidate order).
//
// Best combination: greedy search over the moves of distinct levers (one
// position per issue, one salience move, one capability, each event once):
// start from the best single move, add the move that raises the score most,
// until none does or `max_moves` are combined.  Exhaustive over single moves,
// so it finds the best single move exactly on the grid.
//
// Thread-safety: free functions; the Plan is read-only.  Deterministic, and
// the same for any thread count (each run writes its own slot).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ensemble/ensemble.h"
#include "ensemble/variant.h"

namespace parley::ensemble {

struct Goal {
  enum class Kind { utility, issue, ceasefire_by };
  Kind kind = Kind::utility;
  int issue = -1;     // Kind::issue
  std::string month;  // Kind::ceasefire_by: YYYY-MM
};
// "" = utility, an issue id, or ceasefire_by=YYYY-MM.  Throws parley::Error.
Goal parse_goal(const Scenario& scenario, const std::string& text);

struct AdviseOptions {
  std::string actor;  // actor id
  std::vector<std::string> levers = {"position", "salience", "capability", "events"};
  Goal goal;
  // Replicates (1 when the scenario has no uncertain input); 0 = automatic:
  // 20, or 4 for a model that simulates many runs on each (the war layer,
  // whose `ensemble_draws` wars run on each replicate).
  std::uint64_t draws = 0;
  double reach = 0.25;  // position moves: share of the issue scale
  int steps = 5;        // position moves each way
  double salience_step = 0.1;
  double capability_reach = 0.25;
  int max_moves = 4;
  // Optional: model runs done of those planned so far (the greedy search
  // plans more as it goes), from the calling thread only; an exception it
  // throws stops the search and reaches the caller (parallel.h).  Never
  // affects the result.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct Move {
  std::string lever;  // position, salience, capability, events
  std::string label;  // for people, e.g. "position donbas 40 -> 45"
  std::string key;    // the dimension it acts on: moves with one key do not combine
  std::vector<InputChange> changes;
  std::string event;  // events lever: the event toggled
  bool on = true;     // events lever: switched on (false: off)
};

struct ScoredMove {
  Move move;
  double score = 0;       // expected utility with the move
  double effect = 0;      // score - baseline score (paired)
  double lo = 0, hi = 0;  // 90% interval of the effect
};

struct Advice {
  std::string actor;
  Goal goal;
  std::uint64_t replicates = 1;
  double baseline = 0;            // expected utility without any move
  std::vector<ScoredMove> moves;  // ranked, best first
  std::vector<Move> best;         // the best combination found (empty: no move helps)
  ScoredMove combined;            // its score, effect and interval
  std::uint64_t runs = 0;         // model runs made
  std::vector<std::string> notes;
};

// The candidate moves, in a fixed order.  Throws parley::Error for an
// unknown actor or lever.
std::vector<Move> candidate_moves(const Plan& plan, const AdviseOptions& options);

// Scores every candidate and searches the best combination.  Cost: (1 +
// candidates + greedy steps) x replicates model runs.
Advice advise(const Plan& plan, const AdviseOptions& options);

}  // namespace parley::ensemble
