// The `calibration` document: a model's predictive distribution fitted to
// known outcomes (docs/calibration.md).  The same document is the calibration
// file: `parley calibrate --format json` writes it, `backtest --calibration`
// reads it back (io/calibration_io.cpp, which checks every field).
#include <string>
#include <variant>

#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"

namespace parley::output {

namespace v = parley::validation;

namespace {

Json error_model_json(const v::ErrorModel& m) {
  return {{"atom_share", m.atom_share},
          {"evenness", m.evenness},
          {"proximity", m.proximity},
          {"dispersion", m.dispersion}};
}

}  // namespace

Json calibration_document(const v::Calibration& c, const std::vector<std::string>& notes) {
  Json j = envelope("calibration");
  j["version"] = v::Calibration::kVersion;
  j["model"] = c.model;
  j["params"] = Json::object();
  for (const auto& [key, value] : c.params) {
    if (const double* x = std::get_if<double>(&value))
      j["params"][key] = *x;
    else
      j["params"][key] = std::get<std::string>(value);
  }
  j["capabilities"] = c.capabilities;
  j["data"] = {{"file", c.data.file},
               {"sha256", c.data.sha256},
               {"issues", c.data.issues},
               {"scored", c.data.scored}};
  j["family"] = c.family;
  j["fitted"] = error_model_json(c.fitted);
  j["folds"] = c.folds;
  j["seed"] = c.seed;
  Json cv = {{"n", c.cv.n}, {"mae", number(c.cv.mae)}};
  detail::add_distribution_scores(cv, c.cv);
  j["cv"] = cv;
  j["fold_models"] = Json::array();
  for (const auto& m : c.fold_models) j["fold_models"].push_back(error_model_json(m));
  j["notes"] = notes;
  return j;
}

namespace detail {

void add_distribution_scores(Json& out, const v::DistributionScores& s) {
  out["crps"] = number(s.crps);
  out["coverage_50"] = number(s.coverage_50);
  out["coverage_80"] = number(s.coverage_80);
  out["coverage_90"] = number(s.coverage_90);
  out["interval_coverage_50"] = number(s.interval_coverage_50);
  out["interval_coverage_80"] = number(s.interval_coverage_80);
  out["interval_coverage_90"] = number(s.interval_coverage_90);
  out["pit"] = s.pit;
  out["reliability"] = Json::array();
  for (const auto& r : s.reliability)
    out["reliability"].push_back(
        {{"level", r.level}, {"coverage", r.coverage}, {"interval_coverage", r.interval_coverage}});
}

// A few lines for people; fits 100 columns.
std::string calibration_table(const Json& c, const TableOptions&) {
  using io::fixed;
  const Json& data = c["data"];
  const Json& fitted = c["fitted"];
  const Json& cv = c["cv"];
  std::string out =
      fmt::format("calibration of {} on {} ({} issues scored, capabilities {})\n", str(c, "model"),
                  str(data, "file"), data["scored"].get<int>(), str(c, "capabilities"));
  out += fmt::format("fitted: atom share {}, evenness {}, proximity {}, dispersion {}\n",
                     fixed(num(fitted, "atom_share"), 3), fixed(num(fitted, "evenness"), 3),
                     fixed(num(fitted, "proximity"), 3), fixed(num(fitted, "dispersion"), 3));
  out += fmt::format("{}-fold cross-validation grouped by proposal/case (out of fold):\n",
                     c["folds"].get<int>());
  out += fmt::format("  CRPS {}  (bare point: MAE {})\n", fixed(num(cv, "crps")),
                     fixed(num(cv, "mae")));
  out += fmt::format("  coverage 50/80/90: {} / {} / {}   closed intervals: {} / {} / {}\n",
                     fixed(num(cv, "coverage_50"), 3), fixed(num(cv, "coverage_80"), 3),
                     fixed(num(cv, "coverage_90"), 3), fixed(num(cv, "interval_coverage_50"), 3),
                     fixed(num(cv, "interval_coverage_80"), 3),
                     fixed(num(cv, "interval_coverage_90"), 3));
  std::string pit;
  for (const auto& p : cv["pit"]) pit += " " + fixed(p.get<double>(), 3);
  out += "  PIT histogram (" + std::to_string(cv["pit"].size()) + " bins):" + pit + "\n";
  if (!c["notes"].empty()) {
    out += "\nimport warnings:\n";
    for (const auto& w : c["notes"]) out += "  " + w.get<std::string>() + "\n";
  }
  return out;
}

// One row: the out-of-fold scores and the error model fitted on all issues.
std::string calibration_csv(const Json& c) {
  static constexpr const char* kScores[] = {"mae",
                                            "crps",
                                            "coverage_50",
                                            "coverage_80",
                                            "coverage_90",
                                            "interval_coverage_50",
                                            "interval_coverage_80",
                                            "interval_coverage_90"};
  static constexpr const char* kFitted[] = {"atom_share", "evenness", "proximity", "dispersion"};
  std::string out = "model,n";
  for (const char* key : kScores) out += std::string(",") + key;
  for (const char* key : kFitted) out += std::string(",") + key;
  out += "\n" + io::csv_field(str(c, "model")) + "," + std::to_string(c["cv"]["n"].get<int>());
  for (const char* key : kScores) out += "," + io::csv_number(num(c["cv"], key));
  for (const char* key : kFitted) out += "," + io::csv_number(num(c["fitted"], key));
  return out + "\n";
}

}  // namespace detail

}  // namespace parley::output
