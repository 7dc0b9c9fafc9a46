#include "parley/section_inputs.h"

#include <functional>

#include "parley/scenario.h"

namespace parley {

bool read_section_uncertain(const Node& node, Uncertain& out) {
  if (!node.is_map() || node.members.size() != 1) return false;
  const auto& [kind, args] = node.members.front();
  const std::size_t want = kind == "tri" ? 3 : (kind == "normal" || kind == "uniform") ? 2 : 0;
  if (want == 0 || !args.is_list() || args.items.size() != want) return false;
  double v[3] = {0, 0, 0};
  for (std::size_t k = 0; k < want; ++k) {
    const Node& item = args.items[k];
    if (!item.is_scalar() || item.quoted) return false;
    v[k] = item.as_number();
  }
  if (kind == "tri") {
    if (!(v[0] <= v[1] && v[1] <= v[2])) return false;
    out = Uncertain::triangular(v[0], v[1], v[2]);
  } else if (kind == "normal") {
    if (!(v[1] >= 0)) return false;
    out = Uncertain::normal(v[0], v[1]);
  } else {
    if (!(v[0] <= v[1])) return false;
    out = Uncertain::uniform(v[0], v[1]);
  }
  return true;
}

std::vector<SectionInput> section_inputs(const Scenario& scenario) {
  // Indices follow realise()'s layout: 4 fields per actor x issue, then the
  // status quo and global-capability rows; section inputs come after them.
  const auto n = static_cast<std::uint64_t>(scenario.actors.size());
  const auto m = static_cast<std::uint64_t>(scenario.issues.size());
  const std::uint64_t base = (n * m + m + n) * 4;
  std::vector<SectionInput> out;
  std::function<void(const Node&, const std::string&)> walk = [&](const Node& node,
                                                                  const std::string& path) {
    Uncertain value;
    if (read_section_uncertain(node, value)) {
      out.push_back({&node, path, value, base + out.size()});
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
