// parley: forecasts of multi-party negotiations.  See `parley --help`.
#include <iostream>

#include "cli/commands.h"
#include "parley/error.h"
#include "parley/version.h"

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
  } catch (const parley::Error& e) {
    std::cerr << "parley: error: " << e.what() << "\n";
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "parley: error: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "parley: internal error: " << e.what() << "\n";
    return 4;
  }
  return shared.exit_code;
}
