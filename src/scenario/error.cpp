#include "parley/error.h"

namespace parley {

std::string SourceLocation::where() const {
  std::string out = file;
  if (line > 0) {
    out += (out.empty() ? "" : ":") + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  return out;
}

namespace {
std::string compose(const SourceLocation& loc, const std::string& message) {
  std::string out = loc.where();
  if (!out.empty()) out += ": ";
  if (!loc.path.empty()) out += loc.path + ": ";
  return out + message;
}
}  // namespace

Error::Error(SourceLocation location, const std::string& message)
    : std::runtime_error(compose(location, message)),
      location_(std::move(location)),
      detail_(message) {}

}  // namespace parley
