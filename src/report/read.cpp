#include "report/read.h"

#include <cmath>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

namespace parley::report {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double item(const json& list, std::size_t i) {
  if (!list.is_array() || i >= list.size() || !list[i].is_number()) return kNaN;
  return list[i].get<double>();
}
}  // namespace

const json* member(const json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

const json* member_of(const json& object, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (const json* found = member(object, key)) return found;
  }
  return nullptr;
}

double number(const json* value) {
  if (value == nullptr) return kNaN;
  if (value->is_number()) return value->get<double>();
  // Nominal values as parley/uncertain.h defines them: the mode, the mean,
  // the midpoint.
  if (const json* tri = member(*value, "tri")) return item(*tri, 1);
  if (const json* normal = member(*value, "normal")) return item(*normal, 0);
  if (const json* uniform = member(*value, "uniform")) {
    return (item(*uniform, 0) + item(*uniform, 1)) / 2;
  }
  if (const json* fixed = member(*value, "value")) return number(fixed);
  return kNaN;
}

double number(const json& object, const std::string& key) { return number(member(object, key)); }

bool is_uncertain(const json* value) {
  return value != nullptr && value->is_object() &&
         (value->contains("tri") || value->contains("normal") || value->contains("uniform"));
}

std::string text(const json* value) {
  if (value == nullptr) return {};
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number()) return format_value(value->get<double>(), 6);
  if (value->is_boolean()) return value->get<bool>() ? "true" : "false";
  return {};
}

std::string text(const json& object, const std::string& key) { return text(member(object, key)); }

std::string format_value(double value, int digits) {
  if (!std::isfinite(value)) return "n/a";
  std::string out = fmt::format("{:.{}f}", value, digits);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

std::string format_percent(double share, int digits) {
  if (!std::isfinite(share)) return "n/a";
  return format_value(share * 100, digits) + "%";
}

std::string cell_text(const json& cell) {
  if (cell.is_null()) return "";
  return text(&cell);
}

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace parley::report
