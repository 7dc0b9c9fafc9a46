#include "parley/result.h"

namespace parley {

Table* Result::table(const std::string& name) {
  for (auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

const Table* Result::table(const std::string& name) const {
  for (const auto& t : tables)
    if (t.name == name) return &t;
  return nullptr;
}

const Quantity* Result::quantity(const std::string& name) const {
  for (const auto& q : quantities)
    if (q.name == name) return &q;
  return nullptr;
}

}  // namespace parley
