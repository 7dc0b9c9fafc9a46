// serve/server.h - `parley serve`: a local workbench in the browser.
//
// A Server answers HTTP on one address: the workbench page at `/` and the
// JSON API under `/api/` (docs/serve.md).  It binds to loopback unless told
// otherwise, reads and writes files only under `root`, refuses bodies over
// `max_body` bytes (413), runs at most `max_jobs` models or ensembles at once
// (429 beyond), stops any run, ensemble or analysis after `time_limit`
// seconds (cooperatively, between rounds, draws or model runs), and answers
// every bad request with a JSON error without stopping.  Results are the
// result documents of `--format json` (docs/result-format.md), made by the
// same code as the command line's.
//
// Lifetime: bind() (the port, 0 = any free one), then run() blocks until
// stop() is called from another thread (or a signal handler's thread).
// The destructor stops the server, cancels running ensembles and waits for
// them.
//
// Thread-safety: stop() and url() may be called from any thread; bind() and
// run() from one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "cli/run_support.h"
#include "store/store.h"

namespace parley::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8765;                           // 0 = any free port
  std::string root;                          // "" = no file access
  std::string store = store::kDefaultStore;  // "" = ensembles are not stored
  std::size_t max_body = 16u << 20;          // bytes per request body (and file read)
  int max_jobs = 2;                          // runs and ensembles at once
  double time_limit = 300;                   // seconds per job (run, mc, analysis)
  std::uint64_t max_draws = 1000000;         // draws per ensemble
  int threads = 0;                           // per ensemble; 0 = every hardware thread
  std::size_t kept_jobs = 32;                // finished jobs kept for /api/runs/ID
  cli::Limits limits;                        // actors and memory, as `parley run`
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback(std::string_view host);

class Server {
 public:
  // Throws parley::Error for a bad option (a --root that is no directory).
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address; returns the port.  Throws parley::Error when it
  // cannot (the port is taken, the host unknown).
  int bind();
  // Serves until stop().
  void run();
  void stop();
  // "http://HOST:PORT/" once bound.
  std::string url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace parley::serve
