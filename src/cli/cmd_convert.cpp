#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"

namespace parley::cli {

namespace {
struct ConvertOptions : CommonArgs {
  std::string to = "yaml";
};
}  // namespace

void add_convert_command(CLI::App& app, Shared& shared) {
  auto o = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Write a scenario (any input format) in the native YAML or JSON form");
  add_common_options(*cmd, *o, kInput | kFrom | kOut);
  cmd->add_option("--to", o->to, "Output form")
      ->check(one_of({"yaml", "json"}))
      ->capture_default_str();
  cmd->callback([o, &shared] {
    const Scenario s = load_input(*o);
    print_warnings(s);
    write_output(o->out, o->to == "json" ? to_json(s) : to_yaml(s));
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
