#include <gtest/gtest.h>

#include <cmath>

#include "parley/random.h"
#include "parley/uncertain.h"

namespace parley {
namespace {

TEST(Stream, SameKeySameSequenceDifferentKeyDifferentSequence) {
  Stream a(42, {1, 2, 3}), b(42, {1, 2, 3}), c(42, {1, 2, 4}), d(43, {1, 2, 3}),
      e(42, {1, 2, 3, 0});
  for (int k = 0; k < 100; ++k) {
    const auto x = a.next_u64();
    EXPECT_EQ(x, b.next_u64());
    EXPECT_NE(x, c.next_u64());
    EXPECT_NE(x, d.next_u64());
    EXPECT_NE(x, e.next_u64());
  }
}

TEST(Stream, UniformIsInsideTheOpenIntervalWithTheRightMean) {
  Stream s(1, {7});
  double sum = 0;
  const int n = 200000;
  for (int k = 0; k < n; ++k) {
    const double u = s.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / n, 0.5, 4 * std::sqrt(1.0 / 12 / n));
}

TEST(NormalQuantile, MatchesKnownValues) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232306167813, 1e-11);
  EXPECT_NEAR(normal_cdf(normal_quantile(0.3)), 0.3, 1e-14);
}

TEST(Uncertain, QuantilesOfEachKind) {
  EXPECT_DOUBLE_EQ(Uncertain::uniform(10, 20).quantile(0.25, -INFINITY, INFINITY), 12.5);
  const Uncertain tri = Uncertain::triangular(0, 2, 10);
  EXPECT_NEAR(tri.quantile(0.2, 0, 10), 2.0, 1e-12);  // CDF at the mode = 2/10
  EXPECT_NEAR(tri.quantile(0.1, 0, 10), std::sqrt(0.1 * 10 * 2), 1e-12);
  const Uncertain n = Uncertain::normal(50, 10);
  EXPECT_NEAR(n.quantile(0.975, -INFINITY, INFINITY), 50 + 19.59963984540054, 1e-9);
  // Truncated to [50, 100]: u = 0.5 maps to about the median of the upper
  // half, 50 + 10 * 0.6744897501960817; the cut at 5 sd moves it by ~4.5e-6.
  EXPECT_NEAR(n.quantile(0.5, 50, 100), 50 + 6.744897501960817, 1e-5);
  EXPECT_GE(n.quantile(1e-9, 50, 100), 50);
}

}  // namespace
}  // namespace parley
