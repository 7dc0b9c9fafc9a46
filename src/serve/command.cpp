// `parley serve`: the command that starts the workbench (docs/serve.md). It lives with the
// server, so that the command line never includes the server's headers: main.cpp only
// calls add_serve_command (cli/commands.h).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "serve/server.h"

namespace parley::cli {

namespace {

struct ServeArgs {
  serve::ServeOptions options;
  double max_body_mb = 16;
  bool no_store = false;
};

// Serves until the process is stopped (Ctrl-C).  A server killed mid-run
// leaves its ensembles in the store as whole batches of draws, resumable
// with `parley mc --resume ID`, as a killed `parley mc` does.
int serve(ServeArgs& args) {
  serve::ServeOptions& o = args.options;
  o.max_body = static_cast<std::size_t>(args.max_body_mb * 1024 * 1024);
  if (args.no_store) o.store.clear();
  serve::Server server(o);
  server.bind();
  if (!serve::is_loopback(o.host))
    std::cerr << "parley: warning: serving on " << o.host
              << ", not only this machine: anyone who can reach it can run models"
              << (o.root.empty() ? "" : " and read and write scenarios under --root") << "\n";
  std::cout << "parley serve: open " << server.url() << " (Ctrl-C stops)" << std::endl;
  server.run();
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, Shared& shared) {
  auto args = std::make_shared<ServeArgs>();
  serve::ServeOptions& o = args->options;
  CLI::App* cmd = app.add_subcommand(
      "serve", "A local workbench in the browser: edit scenarios, run models and ensembles");
  cmd->add_option("--port", o.port, "Port to listen on (0 = any free port)")
      ->check(whole_number(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", o.host,
                  "Address to listen on; anything but loopback is reachable from other machines "
                  "(a warning is printed)")
      ->capture_default_str();
  cmd->add_option("--root", o.root,
                  "Folder whose scenarios the workbench may open and save (default: none, "
                  "uploads only)");
  cmd->add_option("--store", o.store, "Run store (SQLite) for ensembles")->capture_default_str();
  cmd->add_flag("--no-store", args->no_store, "Do not record ensembles");
  cmd->add_option("--max-body", args->max_body_mb, "Largest request body (MB)")
      ->check(number_in(0.001, 4096))
      ->capture_default_str();
  cmd->add_option("--max-jobs", o.max_jobs, "Runs and ensembles at once")
      ->check(whole_number(1, 64))
      ->capture_default_str();
  cmd->add_option("--time-limit", o.time_limit,
                  "Seconds a run, ensemble, compare, whatif or advise may run")
      ->check(number_in(1, 1e7))
      ->capture_default_str();
  cmd->add_option("--max-draws", o.max_draws, "Most draws of one ensemble")
      ->check(whole_number(1, 1e9))
      ->capture_default_str();
  cmd->add_option("--threads", o.threads, "Worker threads per ensemble (0 = every hardware thread)")
      ->check(whole_number(0, 1024))
      ->capture_default_str();
  add_limit_options(*cmd, o.limits);
  cmd->callback([args, &shared] { shared.exit_code = serve(*args); });
}

}  // namespace parley::cli
