#include <memory>

#include "cli/commands.h"
#include "cli/run_support.h"

namespace parley::cli {

namespace {
struct ConvertOptions {
  ScenarioOptions scenario;
  std::string to = "yaml";
  std::string out = "-";
};
}  // namespace

void add_convert_command(CLI::App& app, Shared& shared) {
  auto o = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app.add_subcommand(
      "convert", "Write a scenario (any input format) in the native YAML or JSON form");
  cmd->add_option("scenario", o->scenario.path, "Input file")->required();
  cmd->add_option("--to", o->to, "Output form")
      ->check(CLI::IsMember({"yaml", "json"}))
      ->capture_default_str();
  cmd->add_option("--from", o->scenario.from, "Input format (default: detected)")
      ->capture_default_str();
  cmd->add_option("--out,-o", o->out, "Output file ('-' = standard output)")->capture_default_str();
  cmd->callback([o, &shared] {
    const Scenario s = load(o->scenario);
    print_warnings(s);
    write_output(o->out, o->to == "json" ? to_json(s) : to_yaml(s));
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
