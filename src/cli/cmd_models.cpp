#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "io/text_table.h"
#include "parley/model.h"

namespace parley::cli {

namespace {
// One model with its parameters and presets; descriptions wrapped to 100
// columns.
void describe(const ModelInfo& info) {
  std::cout << io::wrapped_text(info.name + ":", info.summary, 100, 2) << "  spec: " << info.spec
            << (info.dynamic ? "  (dynamic: rounds)" : "  (static)") << "\n";
  for (const auto& p : info.schema.specs) {
    std::vector<std::string> words = {"=", to_string(p.fallback)};
    if (!p.choices.empty()) {
      std::string choices = " {";
      for (size_t k = 0; k < p.choices.size(); ++k) choices += (k ? "|" : "") + p.choices[k];
      words.push_back(choices + "}");
    }
    for (size_t k = 0; k < p.aliases.size(); ++k)
      words.push_back((k ? "" : " (also ") + p.aliases[k] +
                      (k + 1 == p.aliases.size() ? ")" : ","));
    std::cout << io::wrapped("  " + p.name, words, 100, 4)
              << io::wrapped_text("     ", p.doc, 100, 5);
  }
  for (const auto& preset : info.schema.presets) {
    std::vector<std::string> values;
    for (const auto& [k, v] : preset.values) values.push_back(k + "=" + to_string(v));
    std::cout << io::wrapped_text("  preset " + preset.name + ":", preset.doc, 100, 4)
              << io::wrapped("     ", values, 100, 5);
  }
}
}  // namespace

void add_models_command(CLI::App& app, Shared& shared) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("models", "List the models and their parameters");
  cmd->add_option("name", *name, "Show one model only");
  cmd->callback([name, &shared] {
    if (!name->empty()) {
      describe(find_model(*name));
    } else {
      for (const auto& info : models()) {
        describe(info);
        std::cout << "\n";
      }
    }
    shared.exit_code = 0;
  });
}

}  // namespace parley::cli
