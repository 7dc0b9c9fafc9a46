// Distributed ensembles with MPI (built with -DPARLEY_MPI=ON).
//
// Under `mpirun -np K parley mc ...` every rank runs shard rank/K of the
// draws (ensemble::shard_draws) and rank 0 gathers the per-draw results,
// summarises them in draw order, stores and prints them: the result is the
// one a single process gives.  Without MPI support, or when the program was
// not started by mpirun with more than one rank, the world is one inactive
// rank and nothing here touches MPI.
//
// Thread-safety: MPI is called from the main thread only (MPI_THREAD_FUNNELED).
#pragma once

#include <string>
#include <vector>

#include "ensemble/ensemble.h"

namespace parley::cli {

struct MpiWorld {
  int rank = 0;
  int size = 1;
  bool active = false;  // MPI initialised with more than one rank
};

// Initialises MPI when launched by mpirun with more than one rank.
MpiWorld mpi_start();
// Finalises MPI if mpi_start() initialised it.
void mpi_finish(const MpiWorld& world);
// Rank 0 receives every rank's draws (in draw order); other ranks get an
// empty vector.  Collective: every rank must call it.
std::vector<ensemble::DrawResult> mpi_gather(const MpiWorld& world,
                                             std::vector<ensemble::DrawResult> local);

// Byte form of draws (exposed for tests; exact for every double).
std::string pack_draws(const std::vector<ensemble::DrawResult>& draws);
std::vector<ensemble::DrawResult> unpack_draws(const std::string& bytes);

}  // namespace parley::cli
