#include "parley/section_inputs.h"

#include <functional>

#include "parley/scenario.h"

namespace parley {

std::vector<SectionInput> section_inputs(const Scenario& scenario) {
  // Indices follow realise()'s layout: 4 fields per actor x issue, then the
  // status quo and global-capability rows; section inputs come after them.
  const auto n = static_cast<std::uint64_t>(scenario.actors.size());
  const auto m = static_cast<std::uint64_t>(scenario.issues.size());
  const std::uint64_t base = (n * m + m + n) * 4;
  std::vector<SectionInput> out;
  std::function<void(const Node&, const std::string&)> walk = [&](const Node& node,
                                                                  const std::string& path) {
    if (is_distribution(node)) {
      out.push_back({&node, path, read_distribution(node), base + out.size()});
      return;
    }
    if (node.is_map())
      for (const auto& member : node.members) walk(member.second, path + "." + member.first);
    else if (node.is_list())
      for (std::size_t k = 0; k < node.items.size(); ++k)
        walk(node.items[k], path + "." + std::to_string(k));
  };
  for (const char* name : uncertain_sections)
    if (const Node* section = scenario.section(name)) walk(*section, name);
  return out;
}

}  // namespace parley
