#include "io/csv_write.h"

#include <cmath>

#include "parley/node.h"

namespace parley::io {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_number(double value) {
  return std::isfinite(value) ? format_number(value) : std::string();
}

}  // namespace parley::io
