// The Stokman-Van Oosten exchange model, equal-gain ("Decide") variant
// (docs/models/exchange.md; sections cited by number).  Internal to the models; the
// round function is exposed so that tests can check one round against the
// hand-derived oracles of section 5.
//
// All positions here are on the normalised 0-100 scale of section 2 (the
// model maps each issue's own scale to 0-100 and back).
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <vector>

namespace parley::exchange {

// Inputs of one round, dense actor x issue matrices indexed a * issues + d.
struct Board {
  int actors = 0, issues = 0;
  std::vector<double> position;    // 0-100; NaN where the actor does not take part
  std::vector<double> salience;    // [0, 1]
  std::vector<double> capability;  // > 0
  int at(int actor, int issue) const { return actor * issues + issue; }
};

struct Settings {
  double w_sal = 0.4;  // section 4, step 5
  double w_fix = 0.1;
  bool random_tie = false;  // exchange_tie = random
  std::uint64_t seed = 0, draw = 0;
};

// One realised exchange of issue p against issue q (p < q in input order).
// `supplier_p` moves its voting position on p towards the demander and gets
// `supplier_q`'s move on q in return; shifts are signed, in 0-100 units.
struct Exchange {
  int step = 0;  // 0-based order of realisation within the round
  int p = 0, q = 0;
  int supplier_p = 0, supplier_q = 0;
  double shift_p = 0, shift_q = 0;        // supplier's voting-position moves
  double position_p = 0, position_q = 0;  // supplier's voting position afterwards
  double outcome_shift_p = 0, outcome_shift_q = 0;
  double gain = 0;  // each partner's (equal) gain
};

struct RoundResult {
  std::vector<double> outcome_start;  // O_d from the start positions (NaN: no weight)
  std::vector<Exchange> exchanges;    // in realisation order
  std::vector<double> voting;         // y: voting positions after the exchanges
  std::vector<double> outcome;        // O_d from y: the round's forecast
  std::vector<double> next;           // start positions of the next round (section 4, step 5)
  std::vector<bool> moved;            // actor-issues that supplied in some exchange
};

// O_d = sum c s y / sum c s over the participants; NaN when the sum of
// weights is zero.  O(actors).
double outcome(const Board& board, const std::vector<double>& positions, int issue);

// Runs round `round` (1-based; it keys the tie-break stream) from
// board.position.  Steps 1-5 of section 4.
RoundResult run_round(const Board& board, const Settings& settings, int round);

}  // namespace parley::exchange
