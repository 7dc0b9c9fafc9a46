#include "cli/options.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "io/calibration_io.h"
#include "io/importer.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/node.h"
#include "scenario/suggest.h"

namespace parley::cli {

CLI::Validator one_of(std::vector<std::string> names) {
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return CLI::Validator(
      [names, list](std::string& value) -> std::string {
        for (const auto& n : names)
          if (value == n) return "";
        return "'" + value + "' is not one of: " + list + did_you_mean(value, names);
      },
      "{" + list + "}");
}

namespace {
CLI::Validator range_check(double min, double max, bool whole) {
  const std::string range = "[" + format_number(min) + ", " + format_number(max) + "]";
  const std::string what = whole ? "a whole number in " : "a number in ";
  return CLI::Validator(
      [=](std::string& value) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        const bool number = !value.empty() && end == value.c_str() + value.size();
        if (!number || !(v >= min && v <= max) || (whole && v != std::floor(v)))
          return "expected " + what + range + ", found '" + value + "'";
        return "";
      },
      range);
}
}  // namespace

// An unsigned 64-bit decimal: digits only, at most 2^64 - 1.
CLI::Validator unsigned_64() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::uint64_t v = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (value.empty() || value[0] == '-' || value[0] == '+' || ec != std::errc() ||
            end != value.data() + value.size())
          return "expected a whole number in [0, 18446744073709551615], found '" + value + "'";
        return "";
      },
      "UINT64");
}

// "none" or a file that exists; its content is checked when it is read.
CLI::Validator calibration_choice() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value == "none" || CLI::ExistingFile(value).empty()) return "";
        return "expected a calibration file or 'none', found '" + value + "' (no such file)";
      },
      "FILE|none");
}

CLI::Validator number_in(double min, double max) { return range_check(min, max, false); }
CLI::Validator whole_number(double min, double max) { return range_check(min, max, true); }

void add_common_options(CLI::App& command, CommonArgs& args, unsigned use, const Help& help) {
  if (use & (kInput | kOptionalInput)) {
    auto* input = command.add_option("input", args.input, help.input);
    if (use & kInput) input->required();
  }
  if (use & kFrom)
    command
        .add_option("--from", args.from,
                    "Input format: auto (detected) or one of the importers': " +
                        io::importer_names(io::default_importers()))
        ->check(one_of(io::format_choices(io::default_importers())))
        ->capture_default_str();
  if (use & kModel) {
    command.add_option("-m,--model", args.model,
                       "Model (see `parley models`); default: the scenario's model section, "
                       "else compromise");
    command.add_option("-s,--set", args.settings, "Model parameter name=value (repeatable)");
  }
  if (use & kSeed)
    command.add_option("--seed", args.seed, help.seed)->check(unsigned_64())->capture_default_str();
  if (use & kThreads)
    command.add_option("--threads", args.threads, "Worker threads (0 = every hardware thread)")
        ->check(whole_number(0, 1024))
        ->capture_default_str();
  if (use & kFormat)
    command.add_option("-f,--format", args.format, "Output: table, json or csv")
        ->check(one_of({"table", "json", "csv"}))
        ->capture_default_str();
  if (use & kOut) command.add_option("-o,--out", args.out, help.out)->capture_default_str();
  if (use & kQuiet)
    command.add_flag("-q,--quiet", args.quiet, "No progress bar or notes on stderr");
  if (use & kCalibration)
    command
        .add_option("--calibration", args.calibration,
                    "FILE (from `parley calibrate`) or none: the model's error around its "
                    "points (default: the shipped calibration of the model, fitted on EU "
                    "legislation; docs/calibration.md)")
        ->type_name("FILE|none")
        ->check(calibration_choice());
}

int thread_count(int requested) {
  if (requested > 0) return requested;
  const unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(hardware);
}

Scenario load_input(const CommonArgs& args) {
  return io::load(io::default_importers(), args.input, args.from);
}

ModelSelection select_model(const Scenario& scenario, const std::string& model,
                            const std::vector<std::string>& settings) {
  ModelSelection out;
  std::string name = model;
  if (name.empty()) name = scenario.model ? scenario.model->name : "compromise";
  out.info = &find_model(name);
  if (scenario.model && scenario.model->name == name) out.params = scenario.model->params;
  for (const auto& setting : settings) {
    auto [key, value] = parse_setting(setting);
    out.params[key] = value;
  }
  return out;
}

std::optional<validation::Calibration> choose_calibration(const std::string& option,
                                                          const ModelInfo& info,
                                                          const Params& params) {
  if (option == "none") return std::nullopt;
  validation::ModelSpec spec{info.name, info.name, params};
  spec.params.erase("threads");
  if (option.empty()) {
    auto shipped = io::default_calibration(info.name);
    if (shipped && validation::calibration_applies(*shipped, spec)) return shipped;
    return std::nullopt;
  }
  validation::Calibration c = io::read_calibration(option);
  if (!validation::calibration_applies(c, spec))
    throw Error(SourceLocation{option, 0, 0, "model"},
                "this calibration is for model '" + c.model +
                    "' with its parameters as fitted, not for model '" + info.name +
                    "' with the parameters of this run (fit one with `parley calibrate --model " +
                    info.name + "`)");
  return c;
}

}  // namespace parley::cli
