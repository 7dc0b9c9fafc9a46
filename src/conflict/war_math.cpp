#include "conflict/war_math.h"

#include <algorithm>
#include <cmath>

namespace parley::war {

double ratio_csf(double strength_a, double strength_b, double decisiveness) {
  // Written as 1 / (1 + (b/a)^g) so that large decisiveness does not overflow.
  return 1.0 / (1.0 + std::pow(strength_b / strength_a, decisiveness));
}

double logistic_csf(double strength_a, double strength_b, double k) {
  return 1.0 / (1.0 + std::exp(-k * (strength_a - strength_b)));
}

Lanchester lanchester_square(double alpha, double beta, double red0, double blue0) {
  Lanchester l;
  l.invariant = alpha * red0 * red0 - beta * blue0 * blue0;
  l.red_wins = l.invariant > 0;
  l.survivors = l.red_wins ? std::sqrt(red0 * red0 - (beta / alpha) * blue0 * blue0)
                           : std::sqrt(blue0 * blue0 - (alpha / beta) * red0 * red0);
  return l;
}

std::pair<double, double> fearon_range(double p, double cost_a, double cost_b) {
  return {p - cost_a, p + cost_b};
}

RiskReturn fearon_uniform_cost(double p, double cost_a, double cbar) {
  RiskReturn out;
  out.demand = std::min(1.0, p + std::max(0.0, (cbar - cost_a) / 2));
  out.p_war = std::clamp((out.demand - p) / cbar, 0.0, 1.0);
  return out;
}

bool powell_no_self_enforcing_peace(double delta, double cost_declining, double p_now,
                                    double p_next) {
  return delta * (p_now - p_next) > (1 - delta) * (1 - p_now + cost_declining);
}

double powell_war_value(double p_self, double p_other, double cost, double delta) {
  const double q = 1 - p_self - p_other;
  return (delta * p_self - cost) / (1 - delta * q);
}

Screening powell_screening(double p_i, double p_u, double delta, double c_low, double c_high,
                           double c_u, double mu_high) {
  Screening s;
  const double q = 1 - p_i - p_u;
  s.war_value_low = powell_war_value(p_i, p_u, c_low, delta);
  s.offer = -c_high + delta * (p_i + q * s.war_value_low);
  s.eu_screen =
      mu_high * (1 - s.offer) + (1 - mu_high) * (-c_u + delta * (p_u + q * (1 - s.war_value_low)));
  s.eu_pool = 1 - s.war_value_low;
  s.screens = s.eu_screen > s.eu_pool;
  return s;
}

double hitting_probability(int k, int n, double p) {
  if (std::abs(p - 0.5) < 1e-12) return static_cast<double>(k) / n;
  const double r = (1 - p) / p;
  return (1 - std::pow(r, k)) / (1 - std::pow(r, n));
}

double expected_duration(int k, int n, double p) {
  if (std::abs(p - 0.5) < 1e-12) return static_cast<double>(k) * (n - k);
  return k / (1 - 2 * p) - (n / (1 - 2 * p)) * hitting_probability(k, n, p);
}

void solve_tridiagonal(std::span<const double> sub, std::span<const double> diag,
                       std::span<const double> sup, std::span<double> x) {
  const std::size_t n = diag.size();
  if (n == 0) return;
  // Forward sweep with the modified super-diagonal kept in a local buffer:
  // O(n) time; the recursion is stable for diagonally dominant systems.
  std::vector<double> c(n);
  double denom = diag[0];
  c[0] = n > 1 ? sup[0] / denom : 0;
  x[0] /= denom;
  for (std::size_t i = 1; i < n; ++i) {  // O(n)
    denom = diag[i] - sub[i] * c[i - 1];
    c[i] = i + 1 < n ? sup[i] / denom : 0;
    x[i] = (x[i] - sub[i] * x[i - 1]) / denom;
  }
  for (std::size_t i = n - 1; i-- > 0;) x[i] -= c[i] * x[i + 1];  // O(n)
}

void front_values_into(std::span<const double> flow, double up, double down, double delta,
                       double at_zero, double at_top, std::span<double> values,
                       std::span<double> scratch) {
  const int n = static_cast<int>(flow.size()) - 1;
  values[0] = at_zero;
  values[n] = at_top;
  const int m = n - 1;  // interior cells 1..n-1
  if (m <= 0) return;
  const double stay = 1 - up - down;
  const double diag = 1 - delta * stay, off_down = -delta * down, off_up = -delta * up;
  // Thomas algorithm specialised to constant coefficients; O(N).
  double* c = scratch.data();
  double* x = values.data() + 1;
  for (int i = 0; i < m; ++i) x[i] = flow[i + 1];
  x[0] -= off_down * at_zero;
  x[m - 1] -= off_up * at_top;
  double denom = diag;
  c[0] = off_up / denom;
  x[0] /= denom;
  for (int i = 1; i < m; ++i) {
    denom = diag - off_down * c[i - 1];
    c[i] = off_up / denom;
    x[i] = (x[i] - off_down * x[i - 1]) / denom;
  }
  for (int i = m - 1; i-- > 0;) x[i] -= c[i] * x[i + 1];
}

std::vector<double> front_values(std::span<const double> flow, double up, double down, double delta,
                                 double at_zero, double at_top) {
  std::vector<double> values(flow.size()), scratch(flow.size());
  front_values_into(flow, up, down, delta, at_zero, at_top, values, scratch);
  return values;
}

int front_step(int k, int n, double up, double down, double u) {
  if (k <= 0 || k >= n) return k;
  if (u < up) return k + 1;
  if (u < up + down) return k - 1;
  return k;
}

double optimism_gap(double phat_a, double phat_b, double cost_sum) {
  return phat_a - phat_b - cost_sum;
}

double attrition_hazard(double cost_other, double prize_other) { return cost_other / prize_other; }

AbreuGul abreu_gul(double alpha1, double alpha2, double r1, double r2, double z1, double z2) {
  AbreuGul g;
  const double excess = alpha1 + alpha2 - 1;
  g.lambda1 = r2 * (1 - alpha1) / excess;
  g.lambda2 = r1 * (1 - alpha2) / excess;
  g.t1 = -std::log(z1) / g.lambda1;
  g.t2 = -std::log(z2) / g.lambda2;
  g.t_star = std::min(g.t1, g.t2);
  // The side that would hold out longer must concede at once with the mass
  // that makes both run out of rational types at T*.
  g.f1_zero = g.t1 > g.t_star ? 1 - z1 * std::exp(g.lambda1 * g.t_star) : 0;
  g.f2_zero = g.t2 > g.t_star ? 1 - z2 * std::exp(g.lambda2 * g.t_star) : 0;
  return g;
}

}  // namespace parley::war
