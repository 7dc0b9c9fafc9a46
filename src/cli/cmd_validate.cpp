#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/run_support.h"

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

}  // namespace

void add_validate_command(CLI::App& app, Shared& shared) {
  auto options = std::make_shared<ScenarioOptions>();
  auto explain = std::make_shared<bool>(false);
  CLI::App* cmd =
      app.add_subcommand("validate", "Check a scenario file and report the first problem");
  cmd->add_option("scenario", options->path, "Scenario file")->required();
  cmd->add_option("--from", options->from, "Input format (default: detected)")
      ->capture_default_str();
  cmd->add_flag("--explain", *explain,
                "Also print how each column of a table was read (header -> field)");
  cmd->callback([options, explain, &shared] {
    const Scenario s = load(*options);
    print_warnings(s);
    size_t uncertain = 0;
    for (const auto& a : s.actors) {
      for (const auto& [k, v] : a.position) uncertain += !v.is_fixed();
      for (const auto& [k, v] : a.salience) uncertain += !v.is_fixed();
      if (a.capability) uncertain += !a.capability->is_fixed();
      for (const auto& [k, v] : a.capability_by_issue) uncertain += !v.is_fixed();
    }
    std::cout << options->path << ": ok: " << s.actors.size() << " actors, " << s.issues.size()
              << " issues, " << uncertain << " uncertain inputs\n";
    if (*explain) print_columns(s, options->path);
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
