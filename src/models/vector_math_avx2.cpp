// SLEEF's AVX2 kernels behind vector_math.h, built with -mavx2 -mfma and
// called only on CPUs that have both.  A partial last batch is padded, so
// that every element goes through the same kernel.  O(count).
#if PARLEY_SLEEF_AVX2
#include <immintrin.h>
#include <sleef.h>

namespace parley::vmath {
namespace {

template <typename Kernel>
void apply(const double* in, double* out, int count, Kernel kernel) {
  int k = 0;
  for (; k + 4 <= count; k += 4) _mm256_storeu_pd(out + k, kernel(_mm256_loadu_pd(in + k)));
  if (k == count) return;
  double tail[4] = {1.0, 1.0, 1.0, 1.0};
  for (int t = 0; k + t < count; ++t) tail[t] = in[k + t];
  _mm256_storeu_pd(tail, kernel(_mm256_loadu_pd(tail)));
  for (int t = 0; k + t < count; ++t) out[k + t] = tail[t];
}

}  // namespace

void log_avx2(const double* in, double* out, int count) {
  apply(in, out, count, [](__m256d v) { return Sleef_logd4_u10avx2(v); });
}

void exp_avx2(const double* in, double* out, int count) {
  apply(in, out, count, [](__m256d v) { return Sleef_expd4_u10avx2(v); });
}

}  // namespace parley::vmath
#endif
