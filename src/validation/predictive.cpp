#include "validation/predictive.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>

#include "parley/random.h"

namespace parley::validation {
namespace {

// The standard normal's CDF and density, by multiplications with constants
// (no division: a Monte Carlo draw evaluates them for every issue).
constexpr double kInvSqrt2 = 1 / std::numbers::sqrt2;
constexpr double kInvSqrt2Pi = std::numbers::inv_sqrtpi * kInvSqrt2;
double Phi(double z) { return 0.5 * std::erfc(-z * kInvSqrt2); }
double phi(double z) { return std::exp(-0.5 * z * z) * kInvSqrt2Pi; }
// Antiderivatives of Phi and Phi^2 (d/dz checks by hand; docs/calibration.md,
// "Closed forms").
double int_Phi(double z) { return z * Phi(z) + phi(z); }
double int_Phi2(double z) {
  double p = Phi(z);
  return z * p * p + 2 * phi(z) * p - Phi(std::numbers::sqrt2 * z) * std::numbers::inv_sqrtpi;
}

constexpr std::size_t kInsertionSortLimit = 24;

}  // namespace

void sort_and_merge(std::vector<std::pair<double, double>>& pairs) {
  // An issue's positions are a handful, where insertion sort beats
  // std::sort's set-up; no NaN ever reaches here, so both give the one
  // ascending order.
  if (pairs.size() <= kInsertionSortLimit) {
    for (std::size_t k = 1; k < pairs.size(); ++k) {  // O(K^2) for K <= the limit
      const auto item = pairs[k];
      std::size_t j = k;
      for (; j > 0 && item < pairs[j - 1]; --j) pairs[j] = pairs[j - 1];
      pairs[j] = item;
    }
  } else {
    std::sort(pairs.begin(), pairs.end());  // O(K log K)
  }
  std::size_t kept = 0;
  for (std::size_t k = 0; k < pairs.size(); ++k) {  // O(K)
    if (kept > 0 && pairs[kept - 1].first == pairs[k].first)
      pairs[kept - 1].second += pairs[k].second;
    else
      pairs[kept++] = pairs[k];
  }
  pairs.resize(kept);
}

PredictiveDistribution PredictiveDistribution::point(double x, double lo, double hi) {
  return PredictiveDistribution(lo, hi, {{x, 1.0}}, 0.0, x, 0.0);
}

PredictiveDistribution::PredictiveDistribution(double lo, double hi, std::vector<Atom> atoms,
                                               double continuous, double centre, double spread) {
  std::vector<std::pair<double, double>> unit;
  assign(lo, hi, atoms, continuous, centre, spread, unit);
}

void PredictiveDistribution::set_scale(double lo, double hi) {
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi))
    throw std::invalid_argument("predictive distribution: the scale needs lo < hi");
  lo_ = lo;
  width_ = hi - lo;
  inv_width_ = 1 / width_;
  uniform_ = false;
  mu_ = 0.5;
  sigma_ = inv_sigma_ = 1;
  a_ = b_ = phi_a_ = int_a_ = 0;
  z_ = inv_z_ = 1;
  mean_ = 0.5;
}

void PredictiveDistribution::assign(double lo, double hi, std::vector<Atom>& atoms,
                                    double continuous, double centre, double spread,
                                    std::vector<std::pair<double, double>>& unit) {
  set_scale(lo, hi);
  if (!(continuous >= 0) || !std::isfinite(continuous))
    throw std::invalid_argument("predictive distribution: bad continuous weight");
  if (continuous > 0) {
    if (!std::isfinite(centre) || !(spread >= 0))
      throw std::invalid_argument("predictive distribution: bad continuous part");
    mu_ = std::clamp((centre - lo) / width_, 0.0, 1.0);
    if (std::isinf(spread)) {
      uniform_ = true;
    } else if (spread / width_ > 1e-12) {
      sigma_ = spread / width_;
    } else {  // no spread: the continuous part is an atom at its centre
      atoms.push_back({centre, continuous});
      continuous = 0;
    }
  }
  unit.clear();  // (value, probability)
  for (const Atom& atom : atoms) {
    if (!std::isfinite(atom.value) || !(atom.probability >= 0) || !std::isfinite(atom.probability))
      throw std::invalid_argument("predictive distribution: bad atom");
    if (atom.probability > 0)
      unit.emplace_back(std::clamp((atom.value - lo) / width_, 0.0, 1.0), atom.probability);
  }
  sort_and_merge(unit);
  adopt(unit, continuous);
}

void PredictiveDistribution::assign_unit(double lo, double hi,
                                         std::span<const std::pair<double, double>> unit,
                                         double continuous, double mu, double sigma) {
  set_scale(lo, hi);
  if (!(continuous >= 0) || !std::isfinite(continuous))
    throw std::invalid_argument("predictive distribution: bad continuous weight");
  if (continuous > 0) {
    if (!(mu >= 0 && mu <= 1) || !(sigma > 1e-12))
      throw std::invalid_argument("predictive distribution: bad continuous part");
    mu_ = mu;
    uniform_ = std::isinf(sigma);
    if (!uniform_) sigma_ = sigma;
  }
  double previous = -1;  // O(K): the order that cdf() and quantile() rely on
  for (const auto& [value, p] : unit) {
    if (!(value > previous && value >= 0 && value <= 1) || !(p >= 0) || !std::isfinite(p))
      throw std::invalid_argument("predictive distribution: unit atoms out of order or range");
    previous = value;
  }
  adopt(unit, continuous);
}

void PredictiveDistribution::adopt(std::span<const std::pair<double, double>> unit,
                                   double continuous) {
  value_.resize(unit.size());  // no allocation once the buffers hold K atoms
  probability_.resize(unit.size());
  double total = continuous;
  std::size_t kept = 0;
  for (const auto& [value, p] : unit) {  // O(K)
    if (!(p > 0)) continue;
    value_[kept] = value;
    probability_[kept++] = p;
    total += p;
  }
  value_.resize(kept);
  probability_.resize(kept);
  if (!(total > 0) || !std::isfinite(total))
    throw std::invalid_argument("predictive distribution: all weights are 0");
  const double scale = 1 / total;
  for (double& p : probability_) p *= scale;
  continuous_ = continuous * scale;
  prepare();
}

void PredictiveDistribution::prepare() {
  if (continuous_ > 0 && !uniform_) {
    inv_sigma_ = 1 / sigma_;
    a_ = -mu_ * inv_sigma_;
    b_ = (1 - mu_) * inv_sigma_;
    phi_a_ = Phi(a_);
    const double phi_b = Phi(b_);
    z_ = phi_b - phi_a_;  // >= Phi(0) - Phi(-1/sigma) > 0 since mu is on the scale
    inv_z_ = 1 / z_;
    // int_Phi(z) = z Phi(z) + phi(z) with Phi(a) and Phi(b) at hand: the same
    // numbers as int_Phi(a_) and int_Phi(b_), two calls of erfc fewer (a
    // Monte Carlo draw builds one distribution per issue).
    int_a_ = a_ * phi_a_ + phi(a_);
    mean_ = 1 - (sigma_ * ((b_ * phi_b + phi(b_)) - int_a_) - phi_a_) * inv_z_;
  } else {
    mean_ = 0.5;
  }
}

// E|X - X'| / 2 on the unit scale: only the CRPS needs it, so it is computed
// there and a distribution that is only sampled (an ensemble draw) skips its
// K calls of erfc.  O(K).
double PredictiveDistribution::half_gini() const {
  // E|X - X'| = sum_jl p_j p_l |a_j - a_l| + 2 c sum_k p_k E_G|X - a_k| + c^2 E_G|X - X'|.
  // The atom pairs in O(K) from prefix sums of the sorted atoms.
  double pairs = 0, mass_below = 0, first_moment_below = 0;
  for (std::size_t k = 0; k < value_.size(); ++k) {
    pairs += probability_[k] * (value_[k] * mass_below - first_moment_below);
    mass_below += probability_[k];
    first_moment_below += probability_[k] * value_[k];
  }
  double gini = 2 * pairs;
  if (continuous_ > 0) {
    double cross = 0;
    for (std::size_t k = 0; k < value_.size(); ++k)
      cross += probability_[k] * continuous_expected_gap(value_[k]);
    double g = 1.0 / 3.0;  // E|X - X'| of the uniform on [0, 1]
    if (!uniform_) {
      double i1 = sigma_ * (int_Phi(b_) - int_a_);
      double i2 = sigma_ * (int_Phi2(b_) - int_Phi2(a_));
      double pb = phi_a_ + z_;
      // 2 int_0^1 G (1 - G) with G = (Phi - Phi(a)) / Z.
      g = 2 * (-i2 + (phi_a_ + pb) * i1 - phi_a_ * pb) / (z_ * z_);
    }
    gini += 2 * continuous_ * cross + continuous_ * continuous_ * g;
  }
  return std::max(0.0, gini / 2);
}

std::vector<PredictiveDistribution::Atom> PredictiveDistribution::atoms() const {
  std::vector<Atom> out;
  for (std::size_t k = 0; k < value_.size(); ++k)
    out.push_back({lo_ + width_ * value_[k], probability_[k]});
  return out;
}

double PredictiveDistribution::centre() const { return lo_ + width_ * mu_; }
double PredictiveDistribution::spread() const {
  return uniform_ ? std::numeric_limits<double>::infinity() : sigma_ * width_;
}

double PredictiveDistribution::continuous_cdf(double u) const {
  if (u <= 0) return 0;
  if (u >= 1) return 1;
  if (uniform_) return u;
  return std::clamp((Phi((u - mu_) * inv_sigma_) - phi_a_) * inv_z_, 0.0, 1.0);
}

double PredictiveDistribution::continuous_expected_gap(double u) const {
  if (u <= 0) return mean_ - u;
  if (u >= 1) return u - mean_;
  // E|X - u| = 2 J(u) - u + E[X] with J(u) = int_0^u G.
  double j =
      uniform_ ? u * u / 2 : (sigma_ * (int_Phi((u - mu_) / sigma_) - int_a_) - phi_a_ * u) / z_;
  return std::max(0.0, 2 * j - u + mean_);
}

double PredictiveDistribution::continuous_inverse(double v) const {
  v = std::clamp(v, 0.0, 1.0);
  if (uniform_) return v;
  double p = phi_a_ + v * z_;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return std::clamp(mu_ + sigma_ * normal_quantile(p), 0.0, 1.0);
}

double PredictiveDistribution::unit_cdf(double u, bool below) const {
  double f = continuous_ > 0 ? continuous_ * continuous_cdf(u) : 0.0;
  for (std::size_t k = 0; k < value_.size(); ++k) {  // O(K)
    if (below ? value_[k] >= u : value_[k] > u) break;
    f += probability_[k];
  }
  return std::min(f, 1.0);
}

double PredictiveDistribution::cdf(double x) const {
  return unit_cdf((x - lo_) * inv_width_, false);
}
double PredictiveDistribution::cdf_below(double x) const {
  return unit_cdf((x - lo_) * inv_width_, true);
}

void PredictiveDistribution::cdf_sweep(std::span<const double> xs, std::span<double> below,
                                       std::span<double> at) const {
  std::size_t first_not_below = 0;  // atoms [0, first_not_below) lie below the current point
  for (std::size_t j = 0; j < xs.size(); ++j) {  // O(P + K) steps of the pointer
    const double u = (xs[j] - lo_) * inv_width_;
    while (first_not_below < value_.size() && value_[first_not_below] < u) ++first_not_below;
    // As unit_cdf(): the continuous part first, then the atoms in order.
    double f = continuous_ > 0 ? continuous_ * continuous_cdf(u) : 0.0;
    for (std::size_t k = 0; k < first_not_below; ++k) f += probability_[k];  // O(K)
    below[j] = std::min(f, 1.0);
    if (first_not_below < value_.size() && value_[first_not_below] == u)
      f += probability_[first_not_below];
    at[j] = std::min(f, 1.0);
  }
}

double PredictiveDistribution::density(double x) const {
  const double u = (x - lo_) / width_;
  if (!(continuous_ > 0) || u < 0 || u > 1) return 0;
  if (uniform_) return continuous_ / width_;
  const double z = (u - mu_) / sigma_;
  return continuous_ * phi(z) / (sigma_ * z_ * width_);
}

double PredictiveDistribution::quantile(double p) const {
  const bool smooth = continuous_ > 0;
  if (p <= 0) return lo_ + width_ * (smooth || value_.empty() ? 0.0 : value_.front());
  p = std::min(p, 1.0);
  double mass = 0, previous = 0;                     // atom mass strictly below the current atom
  for (std::size_t k = 0; k < value_.size(); ++k) {  // O(K)
    double g = smooth ? continuous_cdf(value_[k]) : 0.0;
    if (smooth && p <= mass + continuous_ * g) {
      double u = continuous_inverse((p - mass) / continuous_);
      return lo_ + width_ * std::clamp(u, previous, value_[k]);
    }
    if (p <= mass + probability_[k] + continuous_ * g) return lo_ + width_ * value_[k];
    mass += probability_[k];
    previous = value_[k];
  }
  if (!smooth) return lo_ + width_ * previous;  // p lost to rounding above the last atom
  double u = continuous_inverse((p - mass) / continuous_);
  return lo_ + width_ * std::max(u, previous);
}

double PredictiveDistribution::sample(double u) const {
  if (continuous_ > 0 && u < continuous_) return lo_ + width_ * continuous_inverse(u / continuous_);
  double rest = u - continuous_, mass = 0;  // rest: uniform on (0, atom mass) given an atom
  for (std::size_t k = 0; k < value_.size(); ++k) {  // O(K)
    mass += probability_[k];
    if (rest < mass) return lo_ + width_ * value_[k];
  }
  // Rounding left u above the last atom's running mass (or no atoms at all).
  return value_.empty() ? lo_ + width_ * continuous_inverse(1.0) : lo_ + width_ * value_.back();
}

std::pair<double, double> PredictiveDistribution::interval(double level) const {
  return {quantile((1 - level) / 2), quantile((1 + level) / 2)};
}

double PredictiveDistribution::mean() const {
  double m = continuous_ * mean_;
  for (std::size_t k = 0; k < value_.size(); ++k) m += probability_[k] * value_[k];
  return lo_ + width_ * m;
}

double PredictiveDistribution::crps(double y) const {
  double u = (y - lo_) / width_;
  double gap = continuous_ > 0 ? continuous_ * continuous_expected_gap(u) : 0.0;
  for (std::size_t k = 0; k < value_.size(); ++k)  // O(K)
    gap += probability_[k] * std::abs(value_[k] - u);
  return width_ * std::max(0.0, gap - half_gini());
}

}  // namespace parley::validation
