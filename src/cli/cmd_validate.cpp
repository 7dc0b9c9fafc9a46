#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "io/text_table.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "parley/error.h"
#include "parley/questions.h"

namespace parley::cli {

namespace {
struct ValidateOptions : CommonArgs {
  bool strict = false;
};

size_t uncertain_inputs(const Scenario& s) {
  size_t uncertain = 0;
  for (const auto& a : s.actors) {
    for (const auto& [k, v] : a.position) uncertain += !v.is_fixed();
    for (const auto& [k, v] : a.salience) uncertain += !v.is_fixed();
    if (a.capability) uncertain += !a.capability->is_fixed();
    for (const auto& [k, v] : a.capability_by_issue) uncertain += !v.is_fixed();
  }
  return uncertain;
}

// Warnings (import repairs, sources dated after the scenario) go to stderr;
// under --strict the first one is the error.
void report_warnings(const Scenario& s, bool strict) {
  print_warnings(s);
  if (strict && !s.warnings.empty())
    throw Error(SourceLocation{s.origin, 0, 0, ""}, s.warnings.front() + " (--strict)");
  for (const Error& late : late_sources(s)) {
    if (strict) throw Error(late.location(), late.detail() + " (--strict)");
    std::cerr << "parley: warning: " << late.what() << "\n";
  }
}

int validate(const ValidateOptions& o) {
  const Scenario s = load_input(o);
  report_warnings(s, o.strict);
  // Questions must be answerable by the model that would run: --model, else
  // the scenario's own, else the default.
  const ModelSelection selection = select_model(s, o.model, o.settings);
  check_questions(s, *selection.info, resolve(selection.info->schema, selection.params, "--set"));
  std::string counts = std::to_string(s.actors.size()) + " actors, " +
                       std::to_string(s.issues.size()) + " issues, " +
                       std::to_string(uncertain_inputs(s)) + " uncertain inputs";
  if (!s.questions.empty())
    counts += ", " + std::to_string(s.questions.size()) + " questions (answered by model " +
              selection.info->name + ")";
  // One line when it fits 100 columns, else the counts on a line of their own.
  const std::string line = o.input + ": ok: " + counts;
  std::cout << (io::display_width(line) <= 100 ? line : o.input + ": ok\n  " + counts) << "\n";
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
