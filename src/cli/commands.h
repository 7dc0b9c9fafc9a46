// The subcommands of the `parley` executable.  Each lives in its own
// cmd_NAME.cpp and adds itself to the CLI11 app; main.cpp calls the adders.
// A command's callback returns the process exit code through `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace parley::cli {

struct Shared {
  int exit_code = 0;
  bool quiet = false;
};

void add_run_command(CLI::App& app, Shared& shared);
void add_validate_command(CLI::App& app, Shared& shared);
void add_models_command(CLI::App& app, Shared& shared);
void add_convert_command(CLI::App& app, Shared& shared);
void add_mc_command(CLI::App& app, Shared& shared);
void add_sensitivity_command(CLI::App& app, Shared& shared);
void add_runs_command(CLI::App& app, Shared& shared);
void add_show_command(CLI::App& app, Shared& shared);
void add_merge_command(CLI::App& app, Shared& shared);
void add_report_command(CLI::App& app, Shared& shared);
void add_backtest_command(CLI::App& app, Shared& shared);
void add_calibrate_command(CLI::App& app, Shared& shared);
void add_whatif_command(CLI::App& app, Shared& shared);
void add_advise_command(CLI::App& app, Shared& shared);
void add_compare_command(CLI::App& app, Shared& shared);
void add_serve_command(CLI::App& app, Shared& shared);
// New commands: declare `void add_NAME_command(CLI::App&, Shared&);` here and
// add one line to main.cpp.

}  // namespace parley::cli
