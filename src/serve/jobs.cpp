#include "serve/jobs.h"

#include "parley/node.h"

namespace parley::serve {

Job::Job(std::int64_t id, std::string kind, double time_limit)
    : id_(id),
      kind_(std::move(kind)),
      time_limit_(time_limit),
      deadline_(std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(time_limit))) {}

void Job::check() const {
  if (cancel_requested_) throw Stopped("cancelled", "the " + kind_ + " was cancelled");
  if (std::chrono::steady_clock::now() > deadline_)
    throw Stopped("timed_out", "the " + kind_ + " ran past the time limit of " +
                                   format_number(time_limit_) + " s (--time-limit)");
}

void Job::progress(std::uint64_t done, std::uint64_t total) {
  total_ = total;
  done_ = done;
}

void Job::set_store_run(std::int64_t run) {
  std::lock_guard lock(mutex_);
  store_run_ = run;
}

void Job::set_scenario(Json scenario) {
  std::lock_guard lock(mutex_);
  scenario_ = std::move(scenario);
}

Json Job::scenario() const {
  std::lock_guard lock(mutex_);
  return scenario_;
}

void Job::finish(Json result) {
  std::lock_guard lock(mutex_);
  result_ = std::move(result);
  status_ = "done";
}

void Job::fail(Json error, const std::string& status) {
  std::lock_guard lock(mutex_);
  error_ = std::move(error);
  status_ = status;
}

bool Job::finished() const {
  std::lock_guard lock(mutex_);
  return status_ != "running";
}

Json Job::view(bool with_result) const {
  std::lock_guard lock(mutex_);
  Json out = {{"id", id_},
              {"kind", kind_},
              {"status", status_},
              {"done", done_.load()},
              {"total", total_.load()}};
  if (store_run_ > 0) out["store_run"] = store_run_;
  if (!error_.is_null()) out["error"] = error_;
  if (with_result && !result_.is_null()) out["result"] = result_;
  return out;
}

Json Job::result() const {
  std::lock_guard lock(mutex_);
  return result_;
}

Slot::~Slot() { jobs_->release(); }

Jobs::Started Jobs::start(const std::string& kind, double time_limit) {
  std::lock_guard lock(mutex_);
  if (running_ >= max_running_) return {};
  ++running_;
  auto job = std::make_shared<Job>(next_id_++, kind, time_limit);
  jobs_[job->id()] = job;
  forget_old();
  return {job, std::make_unique<Slot>(*this)};
}

void Jobs::release() {
  std::lock_guard lock(mutex_);
  --running_;
}

// Drops the oldest finished jobs beyond `kept_`.  O(jobs) per start; the
// table never holds more than kept_ + max_running_ jobs.
void Jobs::forget_old() {
  std::size_t finished = 0;
  for (const auto& [id, job] : jobs_) finished += job->finished();
  for (auto it = jobs_.begin(); it != jobs_.end() && finished > kept_;) {
    if (it->second->finished()) {
      it = jobs_.erase(it);
      --finished;
    } else {
      ++it;
    }
  }
}

std::shared_ptr<Job> Jobs::find(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Job>> Jobs::list() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Job>> out;
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) out.push_back(it->second);
  return out;
}

void Jobs::cancel_all() {
  std::lock_guard lock(mutex_);
  for (auto& [id, job] : jobs_) job->cancel();
}

int Jobs::running() const {
  std::lock_guard lock(mutex_);
  return running_;
}

}  // namespace parley::serve
