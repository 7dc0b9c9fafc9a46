// parley/random.h - counter-based random streams.
//
// Every random number in parley comes from a Stream keyed by the master seed
// and a tuple of integers that names its purpose, e.g. (draw, subsystem,
// period, actor).  Two Streams with the same key produce the same sequence,
// whatever thread creates them and in whatever order: results therefore never
// depend on the thread count or on scheduling (the reproducibility rule of
// docs/models/conventions.md section 3).  There is no shared generator anywhere.
//
// The engine is PCG (pcg32 from pcg-cpp); the key is hashed into the PCG state
// and stream selector with SplitMix64.
//
// Thread-safety: a Stream is a value owned by one thread at a time.
#pragma once

#include <cstdint>
#include <initializer_list>

#include <pcg_random.hpp>

namespace parley {

// Subsystem tags used as the second key element.  New subsystems append.
enum class Subsystem : std::uint64_t {
  sampling = 1,  // scenario inputs of an ensemble draw
  model = 2,     // a model's own randomness (e.g. SMP stochastic transitions)
  events = 3,    // war layer: exogenous events
  battle = 4,
  observe = 5,
  rollout = 6,
  mediator = 7,
  bargain = 8,
  accept = 9,
  regime = 10,
  hazard = 11,
  bootstrap = 12,  // validation resampling
  sensitivity = 13,
  model_error = 14,  // a draw's value from its predictive distribution (ensemble/model_error.h)
};

class Stream {
 public:
  Stream(std::uint64_t seed, std::initializer_list<std::uint64_t> key);

  std::uint32_t next_u32() { return engine_(); }
  std::uint64_t next_u64();
  // Uniform on the open interval (0, 1); never returns 0 or 1.
  double uniform();
  // Standard normal (inverse CDF of one uniform, so one draw = one uniform).
  double normal();
  // Uniform integer in [0, n).
  std::uint64_t below(std::uint64_t n);

 private:
  pcg32 engine_;
};

// SplitMix64 finaliser: a bijective 64-bit mix.
std::uint64_t mix64(std::uint64_t x);

// Inverse of the standard normal CDF (Acklam's rational approximation refined
// by one Halley step; relative error < 1e-15).
double normal_quantile(double p);
double normal_cdf(double x);

}  // namespace parley
