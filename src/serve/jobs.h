// serve/jobs.h - the runs a workbench server holds in memory.
//
// Every model run, ensemble and analysis the API starts is a Job: an id
// (1, 2, ... for the server's lifetime), a kind ("run", "mc", "compare",
// "whatif", "advise"), a status ("running", "done", "failed", "cancelled",
// "timed_out"), progress (draws or model runs done of the total), and at the
// end either the result document or the error.  The
// table keeps the most recent finished jobs only (`kept`), so a long session
// holds bounded memory; an ensemble's draws live in the run store, not here.
//
// Jobs::start() hands out at most `max_running` slots at once: the cap on
// concurrent runs.  A Slot gives its place back when destroyed.
//
// Every job has a time limit from its start.  The work calls check() between
// its steps (batches of draws, model runs, rounds: the progress hooks of
// the core); check() throws Stopped once the job was cancelled or ran past
// its limit, the work unwinds, and the job ends "cancelled" or "timed_out".
// Nothing is killed: a step under way finishes first.
//
// Thread-safety: Job and Jobs are safe to use from any thread (one mutex
// each; progress is lock-free).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::serve {

using Json = nlohmann::ordered_json;

// What Job::check() throws: why the job stops ("cancelled" or "timed_out")
// and a sentence for people.  Not a parley::Error, so that code which turns
// a model's errors into notes (compare) lets it through.
class Stopped : public std::exception {
 public:
  Stopped(std::string status, std::string message)
      : status_(std::move(status)), message_(std::move(message)) {}
  const std::string& status() const { return status_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  std::string status_, message_;
};

class Job {
 public:
  // `time_limit`: seconds from now.
  Job(std::int64_t id, std::string kind, double time_limit);

  std::int64_t id() const { return id_; }
  const std::string& kind() const { return kind_; }

  void progress(std::uint64_t done, std::uint64_t total);
  void set_store_run(std::int64_t run);
  // The scenario (native JSON) a report of the job shows when its result
  // does not embed one (an ensemble's).
  void set_scenario(Json scenario);
  Json scenario() const;
  void finish(Json result);
  // `error`: {message, file, line, column, path} as the API reports errors;
  // `status`: failed, cancelled or timed_out.
  void fail(Json error, const std::string& status = "failed");
  // Asks a running job to stop at its next check().
  void cancel() { cancel_requested_ = true; }
  bool cancel_requested() const { return cancel_requested_; }
  // Throws Stopped when the job was cancelled or has run past its limit.
  void check() const;
  bool finished() const;

  // {id, kind, status, done, total, store_run?, error?, result? (with_result)}.
  Json view(bool with_result) const;
  // The result document; null unless done.
  Json result() const;

 private:
  const std::int64_t id_;
  const std::string kind_;
  const double time_limit_;
  const std::chrono::steady_clock::time_point deadline_;
  std::atomic<std::uint64_t> done_{0}, total_{0};
  std::atomic<bool> cancel_requested_{false};
  mutable std::mutex mutex_;
  std::string status_ = "running";
  std::int64_t store_run_ = 0;
  Json result_, error_, scenario_;
};

class Jobs;

// A place among the running jobs; returns it when destroyed.
class Slot {
 public:
  explicit Slot(Jobs& jobs) : jobs_(&jobs) {}
  ~Slot();
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  Jobs* jobs_;
};

class Jobs {
 public:
  Jobs(int max_running, std::size_t kept) : max_running_(max_running), kept_(kept) {}

  // A new job and its slot; both null when max_running jobs already run.
  // `time_limit`: seconds the job may run (Job::check).
  struct Started {
    std::shared_ptr<Job> job;
    std::unique_ptr<Slot> slot;
  };
  Started start(const std::string& kind, double time_limit);
  std::shared_ptr<Job> find(std::int64_t id) const;
  // Newest first.
  std::vector<std::shared_ptr<Job>> list() const;
  void cancel_all();
  int running() const;

 private:
  friend class Slot;
  void release();
  void forget_old();  // caller holds mutex_

  const int max_running_;
  const std::size_t kept_;
  mutable std::mutex mutex_;
  int running_ = 0;
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, std::shared_ptr<Job>> jobs_;
};

}  // namespace parley::serve
