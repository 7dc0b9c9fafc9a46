#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "cli/run_support.h"
#include "io/text_table.h"

namespace parley::cli {
namespace {

// At most `width` characters (UTF-8 aware), cut with "..."; `pad` fills up
// to `width` with blanks.
std::string clip(const std::string& text, std::size_t width, bool pad = true) {
  std::vector<std::size_t> starts;  // byte offset of each character
  for (std::size_t k = 0; k < text.size(); ++k)
    if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) starts.push_back(k);
  if (starts.size() > width) return text.substr(0, starts[width - 3]) + "...";
  return pad ? text + std::string(width - starts.size(), ' ') : text;
}

// The column mapping of a table import, one line per column; fits 100
// columns.
void print_columns(const Scenario& s, const std::string& path) {
  if (s.columns.empty()) {
    std::cout << "fields are named by their keys (a YAML or JSON document): no columns to map\n";
    return;
  }
  std::cout << "how each column of " << path << " was read:\n";
  std::cout << "  column  " << clip("header", 30) << "  read as\n";
  for (const ColumnUse& c : s.columns) {
    std::string column = std::to_string(c.column);
    column.resize(std::max<std::size_t>(column.size(), 6), ' ');
    std::cout << "  " << column << "  " << clip(c.header, 30) << "  "
              << (c.use.empty() ? std::string("not read (unknown column)") : clip(c.use, 56, false))
              << "\n";
  }
}

struct ValidateOptions : CommonArgs {
  bool strict = false;
  bool explain = false;
};

int validate(const ValidateOptions& o) {
  const Scenario s = load_input(o);
  const Checked checked = check_scenario(s, o.model, o.settings, o.strict);
  for (const auto& warning : checked.warnings) std::cerr << "parley: warning: " << warning << "\n";
  // One line when it fits 100 columns, else the counts on a line of their own.
  const std::string line = o.input + ": ok: " + checked.summary;
  std::cout << (io::display_width(line) <= 100 ? line : o.input + ": ok\n  " + checked.summary)
            << "\n";
  if (o.explain) print_columns(s, o.input);
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
  cmd->add_flag("--explain", options->explain,
                "Also print how each column of a table was read (header -> field)");
  cmd->callback([options, &shared] { shared.exit_code = validate(*options); });
}

}  // namespace parley::cli
