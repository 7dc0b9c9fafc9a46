// `parley backtest OUTCOMES.csv` and `parley calibrate OUTCOMES.csv --model
// war` (war_validation.h; docs/validation.md, "War layer").
#include "cli/war_validation.h"

#include <memory>
#include <sstream>

#include "cli/options.h"
#include "io/war_outcomes.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"
#include "validation/war_calibration.h"

namespace parley::cli {
namespace {

namespace v = parley::validation;

Params settings_of(const std::vector<std::string>& settings) {
  Params p;
  for (const auto& s : settings) {
    auto [key, value] = parse_setting(s);
    p[key] = value;
  }
  resolve(find_model("war").schema, p, "--set");  // unknown names fail here, before any run
  return p;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, sep);)
    if (!item.empty()) out.push_back(item);
  return out;
}

// --fit NAME=LO:HI:N (N evenly spaced points) or NAME=A,B,C (listed points).
v::FitParameter parse_fit(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("--fit " + text + ": expected NAME=LO:HI:POINTS or NAME=A,B,C");
  v::FitParameter p;
  p.name = text.substr(0, eq);
  const std::string spec = text.substr(eq + 1);
  try {
    const auto range = split(spec, ':');
    if (range.size() == 3) {
      const double lo = std::stod(range[0]), hi = std::stod(range[1]);
      const int n = std::stoi(range[2]);
      if (n < 1 || n > 1000 || !(lo <= hi)) throw std::invalid_argument(spec);
      for (int k = 0; k < n; ++k) p.points.push_back(n == 1 ? lo : lo + (hi - lo) * k / (n - 1));
    } else {
      for (const auto& x : split(spec, ',')) p.points.push_back(std::stod(x));
    }
  } catch (const std::exception&) {
    throw Error("--fit " + text + ": expected NAME=LO:HI:POINTS or NAME=A,B,C");
  }
  if (p.points.empty() || !std::is_sorted(p.points.begin(), p.points.end()))
    throw Error("--fit " + text + ": the points must be increasing");
  if (!find_model("war").schema.find(p.name))
    throw Error("--fit " + text + ": the war model has no parameter '" + p.name + "'");
  return p;
}

// The free parameters fitted by default and their grids (docs/validation.md,
// "War layer: calibration"), chosen from the model's structure before any
// case was scored with them: the spread and learning rate of the veto
// players' private resolve (`resolve_sd`, `resolve_learning`) and the pace at
// which positions converge (`accommodation`, on four points around its
// earlier fit; `a_b` stays at its earlier fit, -5.5).  Eight cases identify
// about two or three parameters; the others stay at stated values.
std::vector<std::string> default_fit() {
  return {"resolve_sd=0,0.01,0.02,0.05,0.1,0.2", "resolve_learning=0.03,0.1,0.3,1",
          "accommodation=0.08,0.16,0.32,0.64"};
}

}  // namespace

bool is_war_outcomes_file(const std::string& path) {
  if (path.size() < 4 || path.substr(path.size() - 4) != ".csv") return false;
  return io::is_war_outcomes(read_text_file(path));
}

int run_war_backtest(const WarBacktestArgs& a) {
  v::WarBacktestOptions o;
  o.war_params = settings_of(a.settings);
  o.include_war = a.models.empty();
  for (const auto& m : split(a.models, ',')) {
    if (m == "war")
      o.include_war = true;
    else if (m != "constant_hazard" && m != "weibull")
      throw Error("--models " + a.models +
                  ": a war outcomes file scores war, constant_hazard and weibull only");
  }
  o.seed = a.seed;
  o.bootstrap = a.bootstrap;
  const auto cases = io::load_war_cases(a.file);
  const output::Format format = output::parse_format(a.format);
  const output::Json document = output::war_backtest_document(v::war_backtest(cases, o), a.file);
  write_output(a.output, output::format(document, format));
  return 0;
}

output::Json war_calibration(const std::string& file, const std::string& model,
                             const std::vector<std::string>& settings, std::uint64_t seed,
                             const WarCalibrateArgs& a) {
  if (!model.empty() && model != "war")
    throw Error("calibrate: a war outcomes file calibrates the war model only (--model war)");
  const auto cases = io::load_war_cases(file);
  v::WarCalibrationOptions o;
  for (const auto& f : a.fit.empty() ? default_fit() : a.fit) o.parameters.push_back(parse_fit(f));
  o.fixed = settings_of(settings);
  o.draws = a.draws;
  o.score_draws = a.score_draws;
  o.refine = a.refine;
  o.seed = seed;
  o.bootstrap = a.bootstrap;
  return output::war_calibration_document(v::calibrate_war(cases, o), file);
}

void add_war_calibrate_options(CLI::App& cmd, WarCalibrateArgs& a) {
  cmd.add_option("--fit", a.fit,
                 "war outcomes: NAME=LO:HI:POINTS or NAME=A,B,C; repeatable (default: "
                 "resolve_sd, resolve_learning, accommodation)");
  cmd.add_option("--draws", a.draws, "war outcomes file: wars per case while fitting (400)")
      ->check(whole_number(10, 1000000));
  cmd.add_option("--score-draws", a.score_draws,
                 "war outcomes file: wars per held-out case when scoring (2000)")
      ->check(whole_number(10, 1000000));
  cmd.add_option("--refine", a.refine,
                 "war outcomes file: Nelder-Mead evaluations refining each grid fit (0)")
      ->check(whole_number(0, 10000));
  cmd.add_option("--bootstrap", a.bootstrap,
                 "war outcomes file: case-bootstrap resamples of the scores (2000)")
      ->check(whole_number(0, 1000000));
}

}  // namespace parley::cli
