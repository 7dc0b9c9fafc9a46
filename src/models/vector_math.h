// Batched elementary functions for the models' hot loops.
//
// With SLEEF (Debian's libsleef-dev) on an x86-64 CPU with AVX2 and FMA they
// evaluate four lanes at a time with SLEEF's 1-ulp functions; otherwise they
// call the C library one value at a time.  The choice is made once per
// process from the CPU, and every element goes through the same code
// whatever its place in the batch, so results are identical across runs,
// batch boundaries and thread counts on one machine; between machines with
// and without AVX2 they may differ in the last bit, as the C library's own
// exp and log do.
//
// Thread-safety: pure functions.
#pragma once

namespace parley::vmath {

// out[k] = log(in[k]) for 0 <= k < count.  O(count).  `in` may equal `out`.
void log(const double* in, double* out, int count);
// out[k] = exp(in[k]) for 0 <= k < count.  O(count).  `in` may equal `out`.
void exp(const double* in, double* out, int count);
// out[k] = log(1 + in[k]).  O(count).  `in` may equal `out`.
void log1p(const double* in, double* out, int count);
// out[k] = exp(in[k]) - 1 with a relative error below 1e-14 (the AVX2
// kernel takes exp(x) - 1 where |x| >= 1/32 and SLEEF's expm1 below; the C
// library's expm1 otherwise).  O(count).  `in` may equal `out`.
void expm1(const double* in, double* out, int count);

}  // namespace parley::vmath
