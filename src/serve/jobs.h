// serve/jobs.h - the runs a workbench server holds in memory.
//
// Every model run and Monte Carlo ensemble the API starts is a Job: an id
// (1, 2, ... for the server's lifetime), a kind ("run" or "mc"), a status
// ("running", "done", "failed", "cancelled"), progress (draws done of the
// total), and at the end either the result document or the error.  The
// table keeps the most recent finished jobs only (`kept`), so a long session
// holds bounded memory; an ensemble's draws live in the run store, not here.
//
// Jobs::start() hands out at most `max_running` slots at once: the cap on
// concurrent runs.  A Slot gives its place back when destroyed.
//
// Thread-safety: Job and Jobs are safe to use from any thread (one mutex
// each; progress is lock-free).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::serve {

using Json = nlohmann::ordered_json;

class Job {
 public:
  Job(std::int64_t id, std::string kind) : id_(id), kind_(std::move(kind)) {}

  std::int64_t id() const { return id_; }
  const std::string& kind() const { return kind_; }

  void progress(std::uint64_t done, std::uint64_t total);
  void set_store_run(std::int64_t run);
  // The scenario (native JSON) a report of the job shows when its result
  // does not embed one (an ensemble's).
  void set_scenario(Json scenario);
  Json scenario() const;
  void finish(Json result);
  // `error`: {message, file, line, column, path} as the API reports errors.
  void fail(Json error, bool cancelled = false);
  // Asks a running job to stop at its next batch of draws.
  void cancel() { cancel_requested_ = true; }
  bool cancel_requested() const { return cancel_requested_; }
  bool finished() const;

  // {id, kind, status, done, total, store_run?, error?, result? (with_result)}.
  Json view(bool with_result) const;
  // The result document; null unless done.
  Json result() const;

 private:
  const std::int64_t id_;
  const std::string kind_;
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
  struct Started {
    std::shared_ptr<Job> job;
    std::unique_ptr<Slot> slot;
  };
  Started start(const std::string& kind);
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
