// Calibration (docs/calibration.md): the cross-validation keeps each test
// fold out of its fit, `calibrate` is deterministic, the shipped default
// calibrations reproduce from their command, calibration files (the
// `calibration` result document) round-trip and bad ones are refused with
// exit code 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "io/calibration_io.h"
#include "io/output.h"
#include "parley/io.h"
#include "parley/random.h"
#include "store/store.h"
#include "test_support.h"
#include "validation/backtest.h"
#include "validation/calibration.h"

namespace parley::validation {
namespace {

// A long-format file of 12 proposals x 3 issues, 5 actors each; the
// outcomes of the proposals dealt to fold 0 (p0, p3, p6, p9 with 3 folds) are
// shifted by `shift_fold0`.
std::string synthetic_file(double shift_fold0) {
  std::string out = "case,issue,actor,position,salience,capability,outcome,status_quo\n";
  for (int p = 0; p < 12; ++p)
    for (int i = 0; i < 3; ++i) {
      Stream s(11, {static_cast<std::uint64_t>(p), static_cast<std::uint64_t>(i)});
      std::vector<double> pos;
      for (int a = 0; a < 5; ++a) pos.push_back(std::round(100 * s.uniform()));
      double outcome = pos[s.below(5)];                                // mostly at a position...
      if (s.uniform() < 0.4) outcome = std::round(100 * s.uniform());  // ...else anywhere
      if (p % 3 == 0) outcome = std::clamp(outcome + shift_fold0, 0.0, 100.0);
      for (int a = 0; a < 5; ++a)
        out += "p" + std::to_string(p) + ",p" + std::to_string(p) + "i" + std::to_string(i) + ",a" +
               std::to_string(a) + "," + format_number(pos[a]) + "," + std::to_string(20 + 15 * a) +
               "," + std::to_string(1 + a % 3) + "," + format_number(outcome) + ",0\n";
    }
  return out;
}

Calibration calibrate_text(const std::string& text, int folds = 3, int threads = 1) {
  Scenario s = parse_scenario(text, "synthetic.csv", Format::long_csv);
  return calibrate(s, parse_model_spec("compromise"), folds, 1, threads);
}

// The calibration file: the `calibration` result document as JSON text.
std::string file_text(const Calibration& c, const std::vector<std::string>& notes = {}) {
  return output::to_json_text(output::calibration_document(c, notes));
}

// `text` without its "parley_version" line: which version wrote a file is not
// part of the fit.
std::string without_version(std::string text) {
  auto at = text.find("  \"parley_version\": ");
  if (at != std::string::npos) text.erase(at, text.find('\n', at) + 1 - at);
  return text;
}

bool same(const ErrorModel& a, const ErrorModel& b) {
  return a.atom_share == b.atom_share && a.evenness == b.evenness && a.proximity == b.proximity &&
         a.dispersion == b.dispersion;
}

TEST(Calibration, CrossValidationKeepsEachTestFoldOutOfItsFit) {
  Calibration base = calibrate_text(synthetic_file(0));
  Calibration moved = calibrate_text(synthetic_file(35));
  ASSERT_EQ(base.fold_models.size(), 3u);
  // Fold 0's model never saw fold 0's outcomes: it is bit for bit the same.
  EXPECT_TRUE(same(base.fold_models[0], moved.fold_models[0]));
  // The other folds' fits (which did see them) and the full fit do change,
  // so the file is one where a leak would show.
  EXPECT_FALSE(same(base.fold_models[1], moved.fold_models[1]));
  EXPECT_FALSE(same(base.fold_models[2], moved.fold_models[2]));
  EXPECT_FALSE(same(base.fitted, moved.fitted));
}

TEST(Calibration, FoldsDealWholeGroupsRoundRobin) {
  EXPECT_EQ(group_folds({"a", "a", "b", "c", "b", "d"}, 3), (std::vector<int>{0, 0, 1, 2, 1, 0}));
  EXPECT_THROW(group_folds({"a", "b"}, 3), Error);
}

TEST(Calibration, IsDeterministicOnAnyThreadCountAndRoundTripsThroughItsFile) {
  std::string text = synthetic_file(0);
  Calibration a = calibrate_text(text), b = calibrate_text(text, 3, 3);
  a.data.file = b.data.file = "synthetic.csv";
  a.data.sha256 = b.data.sha256 = store::sha256_hex(text);
  a.capabilities = b.capabilities = "treaty";
  std::string json = file_text(a);
  EXPECT_EQ(json, file_text(b));
  EXPECT_EQ(file_text(io::calibration_from_json(json, "x.json")), json);
}

TEST(Calibration, FittedDistributionBeatsThePointOnItsOwnData) {
  // Out-of-fold CRPS below the bare point's MAE, and atoms used: most
  // synthetic outcomes sit at a position.
  Calibration c = calibrate_text(synthetic_file(0));
  EXPECT_LT(c.cv.crps, c.cv.mae);
  EXPECT_GT(c.fitted.atom_share, 0.2);
}

// The shipped files equal what scripts/calibrate-defaults.sh writes, for the
// static models (the script's --check covers the dynamic ones too).
TEST(Calibration, ShippedDefaultsReproduceFromTheirCommand) {
  PARLEY_REQUIRE_VALIDATION();
  const std::string path = testing::validation_file("deu/deu_dev.tsv");
  const Scenario loaded = load_scenario(path);
  Scenario s = with_capabilities(loaded, CapabilityOption::treaty);
  for (const char* model : {"compromise", "median", "nbs", "procedural"}) {
    SCOPED_TRACE(model);
    Calibration c = calibrate(s, parse_model_spec(model), 5, 20260101);
    c.capabilities = "treaty";
    c.data.file = "deu_dev.tsv";
    c.data.sha256 = store::sha256_hex(read_text_file(path));
    EXPECT_EQ(without_version(file_text(c, loaded.warnings)),
              without_version(read_text_file(
                  testing::source_file(std::string("data/calibration/") + model + ".json"))));
  }
}

TEST(Calibration, ShippedDefaultsAreBuiltIn) {
  auto defaults = io::default_calibrations();
  std::vector<std::string> names;
  for (const auto& c : defaults) names.push_back(c.model);
  for (const char* model : {"compromise", "median", "nbs", "procedural", "exchange", "bdm", "smp"})
    EXPECT_NE(std::find(names.begin(), names.end(), model), names.end()) << model;
  // Each file is named after its model: commands read the one they need by name.
  for (const auto& c : defaults) {
    const auto one = io::default_calibration(c.model);
    ASSERT_TRUE(one.has_value()) << c.model;
    EXPECT_EQ(one->model, c.model);
    EXPECT_EQ(one->fitted.atom_share, c.fitted.atom_share);
  }
  EXPECT_FALSE(io::default_calibration("no-such-model").has_value());
}

// ---- the command line ----

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("parley_calibration_" + name)).string();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string shipped(const std::string& model) {
  return read_text_file(testing::source_file("data/calibration/" + model + ".json"));
}

testing::CommandResult backtest_with(const std::string& calibration, const std::string& models) {
  return testing::run_command(testing::parley_binary() + " backtest " +
                              testing::validation_file("deu/deu_dev.tsv") + " --models " + models +
                              " --bootstrap 0 --format json --calibration " + calibration);
}

// What `calibrate --format json -o FILE` writes is the calibration that
// `backtest --calibration FILE` reads: one document.
TEST(CalibrationCli, TheCalibrationDocumentIsTheCalibrationFile) {
  const std::string data = temp_path("cases.csv"), file = temp_path("fitted.json");
  write_file(data, synthetic_file(0));
  auto fitted = testing::run_command(testing::parley_binary() + " calibrate " + data +
                                     " --folds 3 --seed 1 --format json -q -o " + file);
  ASSERT_EQ(fitted.exit_code, 0) << fitted.error;
  const std::string text = read_text_file(file);
  auto document = nlohmann::json::parse(text);
  EXPECT_EQ(document["kind"], "calibration");
  Calibration c = io::calibration_from_json(text, file);
  Calibration direct = calibrate_text(synthetic_file(0));
  EXPECT_TRUE(same(c.fitted, direct.fitted));
  EXPECT_EQ(c.cv.crps, direct.cv.crps);

  auto scored = testing::run_command(testing::parley_binary() + " backtest " + data +
                                     " --models compromise --bootstrap 0 --format json "
                                     "--calibration " +
                                     file);
  ASSERT_EQ(scored.exit_code, 0) << scored.error;
  auto model = nlohmann::json::parse(scored.output)["models"][0];
  EXPECT_NE(model["distribution"], "point");
  EXPECT_LT(model["all"]["crps"].get<double>(), model["all"]["mae"].get<double>());

  auto table = testing::run_command(testing::parley_binary() + " calibrate " + data +
                                    " --folds 3 --seed 1 --format table");
  ASSERT_EQ(table.exit_code, 0) << table.error;
  EXPECT_NE(table.output.find("3-fold cross-validation"), std::string::npos) << table.output;
  std::filesystem::remove(data);
  std::filesystem::remove(file);
}

TEST(CalibrationCli, BadCalibrationFilesExitTwoWithTheFieldNamed) {
  PARLEY_REQUIRE_VALIDATION();
  std::string good = shipped("compromise");
  struct Case {
    std::string name, text, message;
  };
  std::string version2 = good, missing = good, model = good, kind = good;
  const std::string calibration_kind = "\"kind\": \"calibration\"";
  kind.replace(kind.find(calibration_kind), calibration_kind.size(), "\"kind\": \"run\"");
  version2.replace(version2.find("\"version\": 1"), 12, "\"version\": 2");
  auto at = missing.find("  \"fitted\"");
  missing.erase(at, missing.find("\"folds\"") - at);
  model.replace(model.find("\"atom_share\": "), 14, "\"atom_share\": 7");
  const std::vector<Case> cases = {
      {"corrupt.json", good.substr(0, good.size() / 2), "corrupt.json"},
      {"version.json", version2, "version 2 is not supported"},
      {"kind.json", kind, "not a calibration (a result document of kind 'run'"},
      {"missing.json", missing, "missing field 'fitted'"},
      {"range.json", model, "expected a share in [0, 1]"},
      {"scenario.json", "{\"title\": \"not a calibration\"}", "unknown field 'title'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string path = temp_path(c.name);
    write_file(path, c.text);
    auto out = backtest_with(path, "compromise");
    EXPECT_EQ(out.exit_code, 2) << out.error;
    EXPECT_NE(out.error.find(c.message), std::string::npos) << out.error;
    EXPECT_NE(out.error.find(path), std::string::npos) << out.error;
    std::filesystem::remove(path);
  }
  // A calibration of another model is refused, not ignored (without a
  // baseline, which would bring `compromise` in).
  auto other = backtest_with(testing::source_file("data/calibration/compromise.json"),
                             "median --baseline none");
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.error.find("for model 'compromise'"), std::string::npos) << other.error;
}

TEST(CalibrationCli, BacktestScoresDistributionsBesideTheKeysItHad) {
  PARLEY_REQUIRE_VALIDATION();
  auto calibrated =
      backtest_with(testing::source_file("data/calibration/compromise.json"), "compromise");
  auto points = backtest_with("none", "compromise");
  ASSERT_EQ(calibrated.exit_code, 0) << calibrated.error;
  ASSERT_EQ(points.exit_code, 0) << points.error;
  auto calibrated_all = nlohmann::json::parse(calibrated.output)["models"][0]["all"];
  auto point_all = nlohmann::json::parse(points.output)["models"][0]["all"];
  // The existing keys are unchanged...
  for (const char* key : {"n", "mae", "median_ae", "rmse", "hit5", "hit10", "hit20"})
    EXPECT_EQ(calibrated_all[key], point_all[key]) << key;
  EXPECT_NEAR(point_all["mae"].get<double>(), 22.81, 0.005);  // baseline-models 1.3
  // ...a bare point scores its MAE, the calibrated distribution much less.
  EXPECT_NEAR(point_all["crps"].get<double>(), point_all["mae"].get<double>(), 1e-9);
  EXPECT_LT(calibrated_all["crps"].get<double>(), 0.8 * calibrated_all["mae"].get<double>());
  for (const char* key : {"coverage_50", "coverage_80", "coverage_90"})
    EXPECT_TRUE(calibrated_all[key].is_number()) << key;
  EXPECT_EQ(calibrated_all["pit"].size(), 10u);
}

}  // namespace
}  // namespace parley::validation
