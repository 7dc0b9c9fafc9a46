// parley: forecasts of multi-party negotiations.  See `parley --help`.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/exit_code.h"
#include "parley/error.h"
#include "parley/version.h"
#include "scenario/suggest.h"

int main(int argc, char** argv) {
  CLI::App app{"parley " PARLEY_VERSION
               ": forecasts of multi-party negotiations from scenario files"};
  app.set_version_flag("--version", "parley " PARLEY_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  parley::cli::Shared shared;
  parley::cli::add_run_command(app, shared);
  parley::cli::add_validate_command(app, shared);
  parley::cli::add_models_command(app, shared);
  parley::cli::add_convert_command(app, shared);
  parley::cli::add_mc_command(app, shared);
  parley::cli::add_sensitivity_command(app, shared);
  parley::cli::add_runs_command(app, shared);
  parley::cli::add_show_command(app, shared);
  parley::cli::add_merge_command(app, shared);
  parley::cli::add_report_command(app, shared);
  parley::cli::add_backtest_command(app, shared);
  parley::cli::add_calibrate_command(app, shared);
  parley::cli::add_whatif_command(app, shared);
  parley::cli::add_advise_command(app, shared);
  parley::cli::add_compare_command(app, shared);
  parley::cli::add_serve_command(app, shared);
  // An unknown command: suggest the nearest (CLI11 would only say that a
  // command is required).
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands({})) names.push_back(command->get_name());
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    std::cerr << "parley: error: unknown command '" << argv[1] << "'"
              << parley::did_you_mean(argv[1], names) << "; see `parley --help`\n";
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  } catch (...) {
    return parley::cli::report_failure(std::current_exception(), std::cerr);
  }
  return shared.exit_code;
}
