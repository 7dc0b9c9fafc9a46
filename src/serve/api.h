// serve/api.h - the JSON API of `parley serve` (docs/serve.md), without the
// HTTP plumbing (server.cpp routes requests here).
//
// Handlers read a request (its body, Content-Type and query parameters) and
// return a Reply or throw (reply.h maps exceptions to JSON errors).  The
// scenario of a request is its body, in any format parley reads: JSON or
// YAML by Content-Type, else `?from=FORMAT` or detection, named `?name=`.
// Model runs and ensembles go through the command line's own code
// (cli/run_support.h, cli/ensemble_common.h), so their documents are the
// ones `parley run` and `parley mc` print with `--format json`.
//
// Ensembles and analyses (compare, whatif, advise: cli/analyses.h) run as
// jobs on a pool of `max_jobs` workers owned by the Api (cpp-httplib's
// thread pool; each fans out through parallel_for as the command line
// does); the destructor cancels them and waits.  A single run answers
// synchronously.  Every job, runs included, ends at the server's time limit
// (jobs.h, Job::check).
//
// Thread-safety: every handler may be called from any thread at once.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

#include "serve/files.h"
#include "serve/jobs.h"
#include "serve/reply.h"
#include "serve/server.h"

namespace parley::serve {

class Api {
 public:
  explicit Api(const ServeOptions& options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  Reply models() const;
  Reply validate(const httplib::Request& request) const;
  Reply open(const httplib::Request& request) const;
  Reply files() const;
  Reply save(const httplib::Request& request) const;
  Reply convert(const httplib::Request& request) const;
  Reply run(const httplib::Request& request);
  Reply mc(const httplib::Request& request);
  Reply job(std::int64_t id) const;
  Reply cancel(std::int64_t id);
  Reply jobs() const;
  Reply report(const httplib::Request& request, std::int64_t id) const;
  // `kind`: compare, whatif or advise (cli/analyses.h).  Checks the options
  // (400 for a bad one), then runs the analysis as a job: 202.
  Reply analysis(const std::string& kind, const httplib::Request& request);

  // The job `id`; HttpError 404 when the server holds none.
  std::shared_ptr<Job> find(std::int64_t id) const;
  const ServeOptions& options() const { return options_; }

 private:
  std::optional<std::string> original_of(const httplib::Request& request) const;
  // Runs `work` on the pool as a new job of `kind` (429 when --max-jobs run);
  // the 202 answer is the job's view.
  Reply start(const std::string& kind, const Json& scenario, std::uint64_t total,
              std::function<Json(Job&)> work);

  ServeOptions options_;
  Root root_;
  Jobs jobs_;
  std::unique_ptr<httplib::ThreadPool> pool_;
};

}  // namespace parley::serve
