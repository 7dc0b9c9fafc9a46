#include "harness.h"

#include <cstdlib>
#include <string_view>

#include "io/calibration_io.h"
#include "io/output.h"
#include "io/war_outcomes.h"

#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"

namespace parley::fuzz {

const std::vector<std::string>& targets() {
  static const std::vector<std::string> names = {"yaml",     "json", "bdm",         "ktab_csv",
                                                 "ktab_xml", "deu",  "decide",      "long",
                                                 "auto",     "set",  "calibration", "war_outcomes"};
  return names;
}

namespace {
Format format_of(const std::string& target) {
  if (target == "yaml") return Format::yaml;
  if (target == "json") return Format::json;
  if (target == "bdm") return Format::bdm_csv;
  if (target == "ktab_csv") return Format::ktab_csv;
  if (target == "ktab_xml") return Format::ktab_xml;
  if (target == "deu") return Format::deu;
  if (target == "decide") return Format::decide;
  if (target == "long") return Format::long_csv;
  return Format::automatic;
}

// `--set` expressions, one per line, resolved against every model's schema.
void run_settings(std::string_view text) {
  Params params;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    try {
      auto [key, value] = parse_setting(std::string(text.substr(start, end - start)));
      params[key] = value;
    } catch (const Error&) {
    }
    start = end + 1;
  }
  for (const auto& info : models()) {
    try {
      resolve(info.schema, params, "--set");
    } catch (const Error&) {
    }
  }
}
}  // namespace

void run_one(const std::string& target, const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (target == "set") {
    run_settings(text);
    return;
  }
  if (target == "calibration") {  // calibration files (src/io/calibration_io.h)
    try {
      auto c = io::calibration_from_json(text, "fuzz-input");
      // What loads must write and read back to the same file.
      auto write = [](const validation::Calibration& calibration) {
        return output::to_json_text(output::calibration_document(calibration, {}));
      };
      auto json = write(c);
      if (write(io::calibration_from_json(json, "fuzz-roundtrip")) != json) __builtin_trap();
    } catch (const Error&) {
    }
    return;
  }
  if (target == "war_outcomes") {  // the outcomes file of a war-case library
    try {
      (void)io::is_war_outcomes(text);
      for (const auto& row : io::parse_war_outcomes(text, "fuzz-input.csv"))
        if (row.last_month < row.clock_start) std::abort();  // the reader's own invariant
    } catch (const Error&) {
    }
    return;
  }
  try {
    const Scenario s = parse_scenario(text, "fuzz-input", format_of(target));
    // Whatever loads must also write and read back, and run the cheap models.
    const Scenario back = parse_scenario(to_yaml(s), "fuzz-roundtrip.yaml");
    const Instance in = nominal_instance(back);
    for (const char* model : {"compromise", "median", "nbs"})
      run_model(find_model(model), in, {}, {});
  } catch (const Error&) {
  }
}

}  // namespace parley::fuzz
