// The engine of the expected-utility challenge model (Bueno de Mesquita, as
// reconstructed by Scholz, Calbert and Smith 2011) on one issue:
// docs/models/bdm.md (sections cited by number).  Internal to the models; the Model
// wrapper (bdm.cpp) runs it issue by issue.  The functions here depend on the
// standard library only, so tests and benchmarks can drive one round directly.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

namespace parley::bdm {

// The interpretive switches of section 1 (names as in the parameters).
enum class TRule { closer_median, zero, one };
enum class RangeMode { fixed, dynamic, scale };
enum class ProbFormula { eq31, net_vote, allpairs_risk };
enum class MirrorSalience { responder, printed };
enum class Perspective { own, receiver };
enum class ConflictRule { loser_moves, no_move };
enum class CompromiseRule { eq35_36, eu_weighted_avg };
enum class Selection { priority_least_move, enforceability_least_move, jmckib };
enum class StopRule { fixed_rounds, median_shift };
enum class MedianTie { lower, upper };

struct Settings {
  double q = 1.0;
  TRule t_rule = TRule::closer_median;
  RangeMode range_mode = RangeMode::fixed;
  double scale_width = 0;  // range_mode = scale; 0 = the scale (hi - lo)
  ProbFormula prob_formula = ProbFormula::eq31;
  MirrorSalience mirror_salience = MirrorSalience::responder;
  Perspective perspective = Perspective::own;
  ConflictRule conflict_rule = ConflictRule::loser_moves;
  CompromiseRule compromise_rule = CompromiseRule::eq35_36;
  Selection selection = Selection::priority_least_move;
  StopRule stop_rule = StopRule::median_shift;
  int rounds = 20;
  double epsilon = 0.01;
  MedianTie median_tie = MedianTie::lower;
};

// The actors of one issue: position x, capability c, salience s in [0, 1].
struct Actors {
  std::vector<double> x, c, s;
  int size() const { return static_cast<int>(x.size()); }
};

// Positions closer than this fraction of R are equal (sections 5, 14).
inline constexpr double kSamePosition = 1e-12;

// Stable order of the actors by position.  O(n log n).
std::vector<int> sorted_order(const std::vector<double>& x);
// Section 3: the Condorcet winner among the current positions under the
// risk-neutral c*s votes, i.e. the c*s-weighted median (zero weights dropped;
// prefix weight compared with W/2 at relative tolerance 1e-12).  When every
// weight is zero, the unweighted lower median.  O(n log n).
double median_position(const Actors& actors, MedianTie tie = MedianTie::lower);
// sum c s x / sum c s; NaN when the weights sum to zero.  O(n).
double weighted_mean(const Actors& actors);

enum class OfferKind { conflict, compromise, capitulation };
const char* kind_name(OfferKind kind);

// An accepted offer: `mover` moves towards `partner` (indices into Actors).
struct Move {
  int mover = 0, partner = 0;
  OfferKind kind = OfferKind::conflict;
  double eu_mover = 0;    // a = E(U_mover,partner) (section 8)
  double eu_partner = 0;  // b = E(U_partner,mover)
  double old_position = 0, new_position = 0;
};

struct RoundReport {
  double range = 0;               // R used in the round
  double median = 0;              // mu before the moves
  std::vector<double> security;   // Sec_i of the first pass (section 7)
  std::vector<double> risk;       // r_i used in the second pass
  std::vector<Move> moves;        // in mover order
  std::vector<double> positions;  // after the simultaneous update
};

// One round of section 10 with normalising range `range` (> 0).  With n actors
// it costs O(n^2) time for every probability formula (sorted positions, prefix
// sums and monotone midpoint pointers; see bdm_core.cpp) plus O(n log n) for
// the sort; allpairs_risk needs O(n^2) memory, the others O(n).
RoundReport play_round(const Actors& actors, double range, const Settings& settings);

// Everything a round computes for every ordered dyad, for tests and
// diagnostics: n x n row-major matrices, entry [i * n + j].  O(n^2) memory.
struct DyadTables {
  int n = 0;
  double median = 0;
  std::vector<double> risk;      // r used for the tables
  std::vector<double> p;         // P_ij
  std::vector<double> eu;        // a: E(U_ij) as perceived by mover i (perspective)
  std::vector<double> eu_other;  // b: E(U_ji) under the perspective rule
};
// With `second_pass` false every r = 1 (the first pass); otherwise the r of the
// two-pass procedure.
DyadTables dyad_tables(const Actors& actors, double range, const Settings& settings,
                       bool second_pass);

// Oscillation diagnostic of section 10: the first round whose median equals
// (within `tolerance`) a value held earlier and left since; -1 if none.
int first_revisit(const std::vector<double>& medians, double tolerance);

}  // namespace parley::bdm
