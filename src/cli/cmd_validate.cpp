#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"

namespace parley::cli {

void add_validate_command(CLI::App& app, Shared& shared) {
  auto options = std::make_shared<CommonArgs>();
  CLI::App* cmd =
      app.add_subcommand("validate", "Check a scenario file and report the first problem");
  add_common_options(*cmd, *options, kInput | kFrom);
  cmd->callback([options, &shared] {
    const Scenario s = load_input(*options);
    print_warnings(s);
    size_t uncertain = 0;
    for (const auto& a : s.actors) {
      for (const auto& [k, v] : a.position) uncertain += !v.is_fixed();
      for (const auto& [k, v] : a.salience) uncertain += !v.is_fixed();
      if (a.capability) uncertain += !a.capability->is_fixed();
      for (const auto& [k, v] : a.capability_by_issue) uncertain += !v.is_fixed();
    }
    std::cout << options->input << ": ok: " << s.actors.size() << " actors, " << s.issues.size()
              << " issues, " << uncertain << " uncertain inputs\n";
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
