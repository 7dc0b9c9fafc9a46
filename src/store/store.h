// store/store.h - the run store: every ensemble and sensitivity run in one
// SQLite database (default parley-runs.sqlite).
//
// A run records what is needed to reproduce it and what it produced: the
// scenario's canonical text and its SHA-256, the model, the resolved
// parameters, the seed, the ensemble options, the parley version, every
// draw's result (doubles stored bit-exactly as little-endian IEEE-754 blobs),
// the summary (JSON) and timings.  The database runs in WAL mode and each
// batch of draws is one transaction, so a process killed at any moment
// leaves whole batches behind; `--resume` re-runs only the missing draws
// and, because every draw is a pure function of its index, ends with the
// same results as an uninterrupted run.  Schema: docs/ensembles.md.
//
// Errors: a file that is not SQLite, a truncated database, a foreign SQLite
// database or a newer schema give a parley::Error naming the file.  A main
// file shorter than its header says is not truncation while a WAL or
// journal lies beside it: a checkpoint interrupted by a kill leaves that,
// and SQLite completes the file from the WAL.
//
// Concurrency: several processes may use one store at once: new runs,
// resumes, merges and readers such as `parley runs`.  Writes take
// the write lock when their transaction begins and wait up to 10 s for it;
// the schema is created under that lock, so processes creating one new file
// at once share it.  Readers see whole transactions only and do not block
// writers.  The store must be on a local file system (WAL shares memory
// between the processes).  Resume a run only once the process that ran it
// has gone.
//
// Thread-safety: a Store is one connection; use it from one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ensemble/ensemble.h"
#include "ensemble/sensitivity.h"

namespace parley::store {

inline constexpr const char* kDefaultStore = "parley-runs.sqlite";

struct RunRecord {
  std::int64_t id = 0;
  std::string kind = "mc";         // "mc" or "sensitivity"
  std::string status = "running";  // "running" or "done"
  std::string created, finished;   // ISO 8601 UTC
  std::string scenario_text;       // canonical (to_yaml) text
  std::string scenario_sha256;     // hex digest of scenario_text
  std::string scenario_origin;     // the file the scenario was read from
  std::string model;
  std::string params;  // JSON object: resolved parameters
  std::uint64_t seed = 0;
  std::uint64_t draws = 0;    // draws of the whole run (every shard)
  int shard = 0, shards = 1;  // this run holds shard `shard` of `shards`
  std::string options;        // JSON object: noise, bins, regions, method...
  std::string version;        // PARLEY_VERSION that made the run
  double seconds = 0;         // wall time, summed over sessions
  std::uint64_t stored = 0;   // draws stored (filled by run()/runs())
};

class Store {
 public:
  // Opens `path`, creating an empty store when `create` and the file does
  // not exist.  Throws parley::Error.
  explicit Store(const std::string& path, bool create = true);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }

  // Inserts a run; fills record.id and created.
  std::int64_t create_run(RunRecord& record);
  // One transaction.
  void add_draws(std::int64_t run, std::span<const ensemble::DrawResult> draws);
  std::vector<ensemble::DrawResult> draws(std::int64_t run);
  void add_seconds(std::int64_t run, double seconds);
  // Stores the result (a result document of docs/result-format.md, JSON
  // text) and marks the run done.
  void finish_run(std::int64_t run, const std::string& summary_json);

  std::vector<RunRecord> runs();
  RunRecord run(std::int64_t id);        // throws parley::Error when absent
  std::string summary(std::int64_t id);  // "" while running

 private:
  struct Impl;
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

// Lower-case hex SHA-256 (io/digest.h).
std::string sha256_hex(std::string_view data);

// JSON forms (nlohmann stays inside src/store).
std::string params_to_json(const Params& params);
Params params_from_json(const std::string& json);
// Options without model, params, seed, draws and threads (those have columns).
std::string options_to_json(const ensemble::Options& options);
void options_from_json(const std::string& json, ensemble::Options& options);
// The calibration an mc run includes (docs/calibration.md, "In mc"), kept in
// its options under "calibration" so that a resumed run includes the same.
struct CalibrationIdentity {
  std::string option;  // --calibration: "" (the shipped one), "none" or an absolute path
  std::string sha256;  // of the calibration's content; "" when none is included
  std::string label;   // how outputs name it ("" when none)
};
std::string with_calibration(const std::string& options_json, const CalibrationIdentity& identity);
// None for runs stored before the calibration was recorded.
std::optional<CalibrationIdentity> calibration_of(const std::string& options_json);
// The options of a sensitivity run.
std::string sensitivity_options_to_json(const std::string& method, std::uint64_t samples,
                                        std::uint64_t bootstrap, double confidence, double noise);

}  // namespace parley::store
