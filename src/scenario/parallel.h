// scenario/parallel.h - the one thread fan-out of the core.
//
// parallel_for(n, threads, fn) calls fn(k) for every k in [0, n) on up to
// `threads` threads; a shared atomic counter hands out indices.  It is the
// only place in the core that starts threads, so every fan-out (ensemble
// draws, SMP's per-actor steps, the war layer's blocks of simulated wars)
// has the same guarantees:
//
// - Determinism: fn must write only to slot k of its output.  Then the result
//   does not depend on the thread count or on scheduling.
// - Errors: an exception thrown by fn(k) on any thread stops the handing out
//   of further indices and is rethrown to the caller, after every thread has
//   finished; of several, the one with the lowest index wins.  No exception
//   ever reaches std::terminate.
// - Progress: `progress(done)` is called from the calling thread about five
//   times a second and once at the end.  An exception it throws (a caller
//   stopping a long fan-out) stops the handing out of indices and is
//   rethrown once every thread has finished its current index.
//
// parallel_for_slots(n, threads, fn) is the same fan-out with fn(k, slot):
// `slot` in [0, parallel_slots(n, threads)) names the thread running fn, and
// no two calls in one slot overlap, so scratch space owned per slot (made by
// the caller, one per slot) needs no lock and no thread_local.  Which slot
// runs which index depends on scheduling: results must not depend on it.
//
// Thread-safety: fn is called concurrently; it must be safe for that.
#pragma once

#include <cstdint>
#include <functional>

namespace parley {

void parallel_for(std::uint64_t n, int threads, const std::function<void(std::uint64_t)>& fn,
                  const std::function<void(std::uint64_t)>& progress = {});

// The number of slots (threads) parallel_for_slots uses: min(threads, n), at least 1.
int parallel_slots(std::uint64_t n, int threads);
void parallel_for_slots(std::uint64_t n, int threads,
                        const std::function<void(std::uint64_t, int)>& fn,
                        const std::function<void(std::uint64_t)>& progress = {});

}  // namespace parley
