// Dispatch of the batched functions (vector_math.h): SLEEF's AVX2 kernels
// (vector_math_avx2.cpp, built with -mavx2 -mfma) when the build found SLEEF
// and the CPU has AVX2 and FMA, the C library otherwise.
#include "models/vector_math.h"

#include <cmath>

namespace parley::vmath {

#if PARLEY_SLEEF_AVX2
void log_avx2(const double* in, double* out, int count);
void exp_avx2(const double* in, double* out, int count);
void log1p_avx2(const double* in, double* out, int count);
void expm1_avx2(const double* in, double* out, int count);

namespace {
bool has_avx2() {
  static const bool available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return available;
}
}  // namespace
#endif

void log(const double* in, double* out, int count) {
#if PARLEY_SLEEF_AVX2
  if (has_avx2()) return log_avx2(in, out, count);
#endif
  for (int k = 0; k < count; ++k) out[k] = std::log(in[k]);
}

void exp(const double* in, double* out, int count) {
#if PARLEY_SLEEF_AVX2
  if (has_avx2()) return exp_avx2(in, out, count);
#endif
  for (int k = 0; k < count; ++k) out[k] = std::exp(in[k]);
}

void log1p(const double* in, double* out, int count) {
#if PARLEY_SLEEF_AVX2
  if (has_avx2()) return log1p_avx2(in, out, count);
#endif
  for (int k = 0; k < count; ++k) out[k] = std::log1p(in[k]);
}

void expm1(const double* in, double* out, int count) {
#if PARLEY_SLEEF_AVX2
  if (has_avx2()) return expm1_avx2(in, out, count);
#endif
  for (int k = 0; k < count; ++k) out[k] = std::expm1(in[k]);
}

}  // namespace parley::vmath
