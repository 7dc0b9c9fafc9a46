#include "io/output.h"

#include <array>
#include <cmath>
#include <limits>

#include "io/digest.h"
#include "io/document.h"
#include "io/output_writers.h"
#include "io/text_table.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/version.h"
#include "scenario/suggest.h"

namespace parley::output {

namespace {

struct Writer {
  std::string_view kind;
  std::string (*table)(const Json&, const TableOptions&);
  std::string (*csv)(const Json&);
};

// Every kind of document and its writers.  New kinds: one row.
constexpr std::array kWriters = {
    Writer{"run", detail::run_table, detail::run_csv},
    Writer{"mc", detail::mc_table, detail::mc_csv},
    Writer{"sensitivity", detail::sensitivity_table, detail::sensitivity_csv},
    Writer{"whatif", detail::whatif_table, detail::whatif_csv},
    Writer{"advice", detail::advice_table, detail::advice_csv},
    Writer{"backtest", detail::backtest_table, detail::backtest_csv},
    Writer{"calibration", detail::calibration_table, detail::calibration_csv},
    Writer{"runs", detail::runs_table, detail::runs_csv},
    Writer{"war_backtest", detail::war_backtest_table, detail::war_backtest_csv},
    Writer{"war_calibration", detail::war_calibration_table, detail::war_calibration_csv},
    Writer{"compare", detail::compare_table, detail::compare_csv},
};

const Writer& writer_for(const Json& document) {
  const std::string kind = document.is_object() ? detail::str(document, "kind") : std::string();
  for (const auto& w : kWriters)
    if (w.kind == kind) return w;
  throw InternalError("no writer for result documents of kind '" + kind + "'");
}

constexpr std::array<std::string_view, 3> kFormatNames = {"table", "json", "csv"};

}  // namespace

Format parse_format(std::string_view name, std::string_view option) {
  for (size_t k = 0; k < kFormatNames.size(); ++k)
    if (name == kFormatNames[k]) return static_cast<Format>(k);
  std::vector<std::string> known(kFormatNames.begin(), kFormatNames.end());
  throw Error(std::string(option) + ": unknown format '" + std::string(name) +
              "'; known: table, json, csv" + did_you_mean(name, known));
}

std::string_view format_name(Format format) { return kFormatNames[static_cast<size_t>(format)]; }

std::string to_json_text(const Json& document, int indent) { return document.dump(indent) + "\n"; }

std::string to_table(const Json& document, const TableOptions& options) {
  return writer_for(document).table(document, options);
}

std::string to_csv(const Json& document) { return writer_for(document).csv(document); }

std::string format(const Json& document, Format format, const TableOptions& options) {
  switch (format) {
    case Format::table:
      return to_table(document, options);
    case Format::json:
      return to_json_text(document);
    case Format::csv:
      return to_csv(document);
  }
  throw InternalError("output::format: unknown format");
}

Json envelope(std::string_view kind) {
  Json out = Json::object();
  out["kind"] = kind;
  out["parley_version"] = PARLEY_VERSION;
  return out;
}

Json number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

Json quantiles_json(std::initializer_list<std::pair<double, double>> quantiles) {
  Json out = Json::array();
  for (const auto& [p, value] : quantiles) out.push_back({{"p", p}, {"value", number(value)}});
  return out;
}

Json scenario_json(const Scenario& scenario) {
  return io::json_of(io::scenario_to_document(scenario));
}

std::string scenario_fingerprint(const Scenario& scenario) {
  return io::scenario_fingerprint(scenario);
}

namespace detail {

double num(const Json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::numeric_limits<double>::quiet_NaN();
  return it->get<double>();
}

std::string str(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Notes, each wrapped to 100 columns.
std::string wrapped_notes(const Json& notes) {
  std::string out;
  for (const auto& note : notes) out += io::wrapped_text("note:", note.get<std::string>(), 100, 6);
  return out;
}

Json params_json(const Params& params) {
  Json out = Json::object();
  for (const auto& [key, value] : params) {
    if (const auto* d = std::get_if<double>(&value))
      out[key] = *d;
    else
      out[key] = std::get<std::string>(value);
  }
  return out;
}

double quantile_at(const Json& quantiles, double p) {
  if (quantiles.is_array())
    for (const auto& q : quantiles)
      if (q.is_object() && num(q, "p") == p) return num(q, "value");
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace detail

}  // namespace parley::output
