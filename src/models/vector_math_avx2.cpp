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

void log1p_avx2(const double* in, double* out, int count) {
  apply(in, out, count, [](__m256d v) { return Sleef_log1pd4_u10avx2(v); });
}

// exp(x) - 1 loses about log2(1 / |x|) bits to the subtraction, i.e. stays
// within 1e-14 relative for |x| >= 1/32, and costs half of SLEEF's expm1,
// which is used for the lanes below (each lane's result depends on its own
// value only).
void expm1_avx2(const double* in, double* out, int count) {
  apply(in, out, count, [](__m256d v) {
    const __m256d sign_bit = _mm256_set1_pd(-0.0);
    const __m256d small =
        _mm256_cmp_pd(_mm256_andnot_pd(sign_bit, v), _mm256_set1_pd(1.0 / 32), _CMP_LT_OQ);
    const __m256d large = _mm256_sub_pd(Sleef_expd4_u10avx2(v), _mm256_set1_pd(1.0));
    if (_mm256_movemask_pd(small) == 0) return large;
    return _mm256_blendv_pd(large, Sleef_expm1d4_u10avx2(v), small);
  });
}

}  // namespace parley::vmath
#endif
