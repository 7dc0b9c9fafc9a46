#include "cli/mpi_shards.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "parley/error.h"

#ifdef PARLEY_HAVE_MPI
#include <mpi.h>
#endif

namespace parley::cli {

namespace {

template <class T>
void put(std::string& out, const T& value) {
  const char* p = reinterpret_cast<const char*>(&value);
  out.append(p, sizeof(T));
}
void put_string(std::string& out, const std::string& text) {
  put<std::uint64_t>(out, text.size());
  out.append(text);
}
void put_doubles(std::string& out, const std::vector<double>& values) {
  put<std::uint64_t>(out, values.size());
  for (double v : values) put(out, v);
}

struct Reader {
  const std::string& bytes;
  size_t at = 0;
  template <class T>
  T get() {
    if (at + sizeof(T) > bytes.size()) throw Error("mpi: truncated message");
    T value;
    std::memcpy(&value, bytes.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
  }
  std::string get_string() {
    auto n = get<std::uint64_t>();
    if (at + n > bytes.size()) throw Error("mpi: truncated message");
    std::string text(bytes.data() + at, n);
    at += n;
    return text;
  }
  std::vector<double> get_doubles() {
    auto n = get<std::uint64_t>();
    std::vector<double> values(n);
    for (auto& v : values) v = get<double>();
    return values;
  }
};

#ifdef PARLEY_HAVE_MPI
int launched_ranks() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"})
    if (const char* value = std::getenv(name)) return std::atoi(value);
  return 1;
}
#endif

}  // namespace

std::string pack_draws(const std::vector<ensemble::DrawResult>& draws) {
  // O(total size of the draws).
  std::string out;
  put<std::uint64_t>(out, draws.size());
  for (const auto& d : draws) {
    put(out, d.draw);
    put(out, d.rounds);
    put_doubles(out, d.forecast);
    put<std::uint64_t>(out, d.status.size());
    for (const auto& s : d.status) put_string(out, s);
    put_doubles(out, d.median_path);
    put_doubles(out, d.mean_path);
    put(out, d.seconds);
    put_string(out, d.error);
  }
  return out;
}

std::vector<ensemble::DrawResult> unpack_draws(const std::string& bytes) {
  Reader in{bytes};
  std::vector<ensemble::DrawResult> draws(in.get<std::uint64_t>());
  for (auto& d : draws) {
    d.draw = in.get<std::uint64_t>();
    d.rounds = in.get<int>();
    d.forecast = in.get_doubles();
    d.status.resize(in.get<std::uint64_t>());
    for (auto& s : d.status) s = in.get_string();
    d.median_path = in.get_doubles();
    d.mean_path = in.get_doubles();
    d.seconds = in.get<double>();
    d.error = in.get_string();
  }
  return draws;
}

#ifdef PARLEY_HAVE_MPI

MpiWorld mpi_start() {
  MpiWorld world;
  if (launched_ranks() <= 1) return world;
  int provided = 0;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &world.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &world.size);
  world.active = world.size > 1;
  return world;
}

void mpi_finish(const MpiWorld& world) {
  int initialised = 0, finalised = 0;
  MPI_Initialized(&initialised);
  MPI_Finalized(&finalised);
  if (world.size > 1 && initialised && !finalised) MPI_Finalize();
}

std::vector<ensemble::DrawResult> mpi_gather(const MpiWorld& world,
                                             std::vector<ensemble::DrawResult> local) {
  if (!world.active) return local;
  std::string bytes = pack_draws(local);
  // Sizes first, then the bytes (the message of one rank stays below 2 GiB
  // for any realistic shard: about 100 bytes per draw and issue).
  int size = static_cast<int>(bytes.size());
  std::vector<int> sizes(world.rank == 0 ? world.size : 0);
  MPI_Gather(&size, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::vector<int> offsets(sizes.size(), 0);
  std::string all;
  if (world.rank == 0) {
    long long total = 0;
    for (size_t r = 0; r < sizes.size(); ++r) {
      offsets[r] = static_cast<int>(total);
      total += sizes[r];
    }
    all.resize(static_cast<size_t>(total));
  }
  MPI_Gatherv(const_cast<char*>(bytes.data()), size, MPI_CHAR, all.data(), sizes.data(),
              offsets.data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (world.rank != 0) return {};
  std::vector<ensemble::DrawResult> draws;
  for (size_t r = 0; r < sizes.size(); ++r) {
    std::string part = all.substr(static_cast<size_t>(offsets[r]), static_cast<size_t>(sizes[r]));
    for (auto& d : unpack_draws(part)) draws.push_back(std::move(d));
  }
  std::sort(draws.begin(), draws.end(),
            [](const auto& a, const auto& b) { return a.draw < b.draw; });
  return draws;
}

#else

MpiWorld mpi_start() { return {}; }
void mpi_finish(const MpiWorld&) {}
std::vector<ensemble::DrawResult> mpi_gather(const MpiWorld&,
                                             std::vector<ensemble::DrawResult> local) {
  return local;
}

#endif

}  // namespace parley::cli
