// KTAB-compatible Spatial Model of Politics (docs/models/smp.md; sections cited by number).
// Internal to the models and their tests; the public face is the `smp` model
// registered in registry.cpp.
//
// Everything here works on KTAB's internal scale: positions and ideals in
// [0, 1]^D, saliences in [0, 1] with total S_i <= 1, raw capabilities.  The
// engine is a pure function of its inputs; `run()` may use several threads
// (Config::threads) and gives bit-identical results for any thread count,
// because every output cell is computed by exactly one thread with the same
// sequence of floating-point operations and all randomness comes from
// parley::Stream keyed by (seed, draw, Subsystem::model, turn, actor).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "parley/instance.h"

namespace parley::smp {

// KTAB's nine model parameters (spec section 6), with KTAB's codes as values.
enum class VictoryProbModel { linear = 0, square = 1, quartic = 2, octic = 3, binary = 4 };
enum class PceModel { conditional = 0, markov_incentive = 1, markov_uniform = 2 };
enum class StateTransitions { deterministic = 0, stochastic = 1 };
enum class VotingRule {
  binary = 0,
  prop_bin = 1,
  prop = 2,
  prop_cbc = 3,
  cubic = 4,
  asym_prosp = 5
};
enum class BigRAdjust { none = 0, one_third = 1, half = 2, two_thirds = 3, full = 4 };
enum class BigRRange { min = 0, mid = 1, max = 2 };
enum class ThirdPartyCommit { no_commit = 0, semi_commit = 1, full_commit = 2 };
enum class InterVecBrgn { s1p1 = 0, s2p2 = 1, s2pmax = 2 };
enum class BargnModel { init_only = 0, init_rcvr = 1, pw_comp = 2 };

struct Config {
  VictoryProbModel vpm = VictoryProbModel::linear;
  PceModel pce = PceModel::conditional;
  StateTransitions transitions = StateTransitions::deterministic;
  VotingRule voting = VotingRule::prop;
  BigRAdjust big_r_adjust = BigRAdjust::one_third;
  BigRRange big_r_range = BigRRange::mid;
  ThirdPartyCommit commit = ThirdPartyCommit::semi_commit;
  InterVecBrgn interp = InterVecBrgn::s2p2;
  BargnModel bargain_model = BargnModel::init_only;
  // Stop rule (4.5), hard-coded in KTAB.
  int min_iter = 2;
  int max_iter = 100;
  double min_delta_ratio = 0.02;
  double min_sig_delta = 1e-4;
  double pos_tol = 1e-3;       // position equivalence for winning probabilities (5)
  int markov_max_iter = 1000;  // cap of the Markov PCE loops (2.6)
  // parley corrections and extensions (11.1, 6); off = KTAB behaviour.
  bool third_party_separate = false;  // separate p for NoCommit / FullCommit
  bool challenge_vpm = false;         // apply VictoryProbModel to P_ij in step A
  int threads = 1;
  std::uint64_t seed = 0;  // stochastic transitions only
  std::uint64_t draw = 0;
  bool explain = false;  // keep challenge and bargain records
  // Optional: told each finished turn of at most max_iter (the calling
  // thread); never affects the run.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

// One scenario on KTAB's scale.  Row-major n x d matrices.
struct Problem {
  int n = 0, d = 0;
  std::vector<double> capability;  // n, > 0
  std::vector<double> salience;    // n x d, in [0, 1], 0 < row sum <= 1
  std::vector<double> position;    // n x d, in [0, 1]
  struct Adjust {
    int actor = 0, reference = 0;
    double weight = 0;
  };
  // Entries of the ideal-adjustment matrix A that differ from the identity
  // (4.4); listed (actor, reference) pairs replace the identity value.
  std::vector<Adjust> adjust;
};

// An Instance (positions on issue scales, saliences in [0, 1]) on KTAB's
// scale.  An actor without a position on an issue gets salience 0 there and
// the capability x salience weighted mean position; an actor's capability is
// its mean over issues; saliences summing above 1 are scaled to sum 1.  Each
// repair adds a line to `notes`.  Throws parley::Error for capability <= 0 or
// total salience 0.
Problem problem_from_instance(const Instance& instance, std::vector<std::string>& notes);

// ---- primitives (spec section 2) ----

double utility(double d, double r);                            // 2.2
double vote(VotingRule rule, double w, double ua, double ub);  // 2.3
// (V(a, b), V(b, a)) from the coalition strengths (2.5).
std::pair<double, double> victory(VictoryProbModel vpm, double cab, double cba);

struct Pce {
  std::vector<double> p;
  bool converged = true;  // false when a Markov loop hit the cap
};
// scalarPCE (2.6).  `w` has n voter weights; `u` holds utilities
// option-major: u[a * n + k] = voter k's utility of option a, a < m.
// O(n m^2 + m^2 x iterations).
Pce scalar_pce(const std::vector<double>& w, const std::vector<double>& u, int n, int m,
               VotingRule rule, VictoryProbModel vpm, PceModel pce, int markov_max_iter = 1000);

// ---- one state ----

struct State {
  std::vector<double> position;  // n x d
  std::vector<double> ideal;     // n x d
};

// Risk attitudes and distances of a state (section 3).
struct RiskView {
  int n = 0;
  std::vector<double> dist;    // dist[i * n + j] = d_i(x_j) from i's ideal
  std::vector<double> dist_t;  // transposed: dist_t[j * n + i]
  std::vector<double> p;       // risk-neutral PCE over all positions
  std::vector<double> r;       // R_i
  bool degenerate = false;     // risk-aware == risk-neutral (KTAB aborts; we stop)
  bool pce_converged = true;
};
RiskView risk_view(const Problem& problem, const State& state, const Config& config);

// Perceived risk attitude of actor i as estimated by h (3.5).
double perceived_r(BigRAdjust adjust, double rh, double ri);

// h's estimate of the challenge of i against j, with k's expected gain (4.1).
struct Estimate {
  double p = 0;                  // P_ij
  double deu = 0;                // dEU for actor k
  double third_party_votes = 0;  // sum_n |v_n|, to observe that third parties vote
};
Estimate estimate(const Problem& problem, const RiskView& view, const Config& config, int h, int k,
                  int i, int j);

struct Bargain {
  int initiator = -1, receiver = -1;                // both = k for the status quo
  std::vector<double> for_initiator, for_receiver;  // d each
};
// The bargain of 4.2 between i and j given P_i (P_j = 1 - P_i).
Bargain interpolate(const Problem& problem, const State& state, InterVecBrgn interp, int i, int j,
                    double p_i);

// ---- a whole run ----

struct ChallengeRecord {
  int turn, challenger, target;
  double deu, p;
  Bargain bargain;  // the one that was queued (InitOnlyInterp / PWCompInterp)
};
struct ResolutionRecord {
  int turn, actor;
  std::vector<Bargain> queue;
  std::vector<double> probability;
  int chosen;
};

struct Run {
  std::vector<State> states;              // states[0] = input
  std::vector<std::vector<double>> risk;  // R per state
  std::vector<double> ratios;             // per turn (4.5)
  // Per state: KTAB's displayed winning probability per actor (5), the
  // representative whose probability is shown, and the distribution over
  // unique positions (probability on each representative, 0 elsewhere).
  std::vector<std::vector<double>> win_prob;
  std::vector<std::vector<int>> win_rep;
  std::vector<std::vector<double>> unique_prob;
  std::string stop;  // "converged" (ratio), "max_iter", "degenerate"
  bool pce_converged = true;
  std::vector<ChallengeRecord> challenges;
  std::vector<ResolutionRecord> resolutions;
};

// Throws parley::Error on invalid problems.
Run run(const Problem& problem, const Config& config);

// Sum of Euclidean moves between two states (4.5).
double state_distance(const State& a, const State& b, int n, int d);

}  // namespace parley::smp
