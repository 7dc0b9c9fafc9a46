#include "parley/random.h"

#include <cmath>

namespace parley {

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

namespace {
pcg32 keyed_engine(std::uint64_t seed, std::initializer_list<std::uint64_t> key) {
  // Two independent chains of the key give the PCG state and stream selector;
  // the length is mixed in so that (1, 2) and (1, 2, 0) differ.
  std::uint64_t state = mix64(seed ^ 0x5851f42d4c957f2dULL);
  std::uint64_t stream = mix64(seed + 0x14057b7ef767814fULL);
  for (std::uint64_t k : key) {
    state = mix64(state ^ k);
    stream = mix64(stream + mix64(k));
  }
  state = mix64(state ^ key.size());
  return pcg32(state, stream);
}
}  // namespace

Stream::Stream(std::uint64_t seed, std::initializer_list<std::uint64_t> key)
    : engine_(keyed_engine(seed, key)) {}

std::uint64_t Stream::next_u64() {
  const std::uint64_t hi = engine_();
  return (hi << 32) | engine_();
}

double Stream::uniform() {
  // 53 random bits, shifted by half a step: strictly inside (0, 1).
  return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
}

double Stream::normal() { return normal_quantile(uniform()); }

std::uint64_t Stream::below(std::uint64_t n) {
  if (n <= 1) return 0;
  // Lemire-style rejection keeps the result unbiased.
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
  std::uint64_t x = 0;
  do {
    x = next_u64();
  } while (x >= limit);
  return x % n;
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile(double p) {
  // Acklam's algorithm; coefficients from his published description.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p <= 0) return -INFINITY;
  if (p >= 1) return INFINITY;
  const double plow = 0.02425;
  double x = 0;
  if (p < plow) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - plow) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step against the exact CDF.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

}  // namespace parley
