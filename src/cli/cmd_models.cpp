#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "parley/model.h"

namespace parley::cli {

namespace {
void describe(const ModelInfo& info) {
  std::cout << info.name << ": " << info.summary << "\n  spec: " << info.spec
            << (info.dynamic ? "  (dynamic: rounds)" : "  (static)") << "\n";
  for (const auto& p : info.schema.specs) {
    std::cout << "  " << p.name << " = " << to_string(p.fallback);
    if (!p.choices.empty()) {
      std::cout << "  {";
      for (size_t k = 0; k < p.choices.size(); ++k) std::cout << (k ? "|" : "") << p.choices[k];
      std::cout << "}";
    }
    for (size_t k = 0; k < p.aliases.size(); ++k)
      std::cout << (k ? ", " : "  (also ") << p.aliases[k]
                << (k + 1 == p.aliases.size() ? ")" : "");
    std::cout << "\n      " << p.doc << "\n";
  }
  for (const auto& preset : info.schema.presets) {
    std::cout << "  preset " << preset.name << ": " << preset.doc << "\n     ";
    for (const auto& [k, v] : preset.values) std::cout << " " << k << "=" << to_string(v);
    std::cout << "\n";
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
