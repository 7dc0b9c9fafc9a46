#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"

namespace parley::cli {

namespace {
struct ValidateOptions : CommonArgs {
  bool strict = false;
};

int validate(const ValidateOptions& o) {
  const Scenario s = load_input(o);
  const Checked checked = check_scenario(s, o.model, o.settings, o.strict);
  for (const auto& warning : checked.warnings) std::cerr << "parley: warning: " << warning << "\n";
  std::cout << o.input << ": ok: " << checked.summary << "\n";
  return 0;
}
}  // namespace

void add_validate_command(CLI::App& app, Shared& shared) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check a scenario file and report the first problem");
  // --model and --set: the model the questions are checked against.
  add_common_options(*cmd, *options, kInput | kFrom | kModel);
  cmd->add_flag("--strict", options->strict,
                "Treat warnings as errors: a source dated after the scenario's month, an import "
                "repair");
  cmd->callback([options, &shared] { shared.exit_code = validate(*options); });
}

}  // namespace parley::cli
