// The model's own error in run, mc and report (docs/calibration.md, "In run,
// mc and report"): an ensemble's summary describes the mixture of its
// draws' predictive distributions, the same on any thread count and for
// draws read back without their error numbers; `--calibration` is one
// option on run, mc and report, and bad calibration files exit 2; a resumed
// mc run includes the calibration it was started with.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include "ensemble/ensemble.h"
#include "ensemble/model_error.h"
#include "io/calibration_io.h"
#include "io/output.h"
#include "parley/io.h"
#include "store/store.h"
#include "test_support.h"
#include "validation/calibration.h"

namespace parley::ensemble {
namespace {

using nlohmann::json;
namespace v = parley::validation;

// Four actors on one issue [0, 100]; positions uncertain unless `certain`.
Scenario four_actors(bool certain) {
  Scenario s;
  Issue issue;
  issue.id = "tax";
  issue.lo = 0;
  issue.hi = 100;
  issue.status_quo = Uncertain(30.0);
  s.issues.push_back(issue);
  const double at[] = {10, 40, 55, 90};
  for (int k = 0; k < 4; ++k) {
    Actor a;
    a.id = a.name = "a" + std::to_string(k);
    a.capability = Uncertain(1.0 + k);
    a.salience["tax"] = Uncertain(50.0 + 10 * k);
    a.position["tax"] = certain ? Uncertain(at[k]) : Uncertain::uniform(at[k] - 8, at[k] + 8);
    s.actors.push_back(a);
  }
  return s;
}

Plan calibrated_plan(const Scenario& scenario, std::uint64_t draws, int threads,
                     const v::ErrorModel& fitted) {
  Options options;
  options.model = "compromise";
  options.seed = 77;
  options.draws = draws;
  options.threads = threads;
  options.regions = {parse_region("low=0:25"), parse_region("middle=25:60"),
                     parse_region("high=60:100")};
  Plan plan = make_plan(scenario, options);
  set_model_error(plan, fitted, "test calibration");
  return plan;
}

const v::ErrorModel kFitted{0.5, 0.3, 1.5, 0.8};

// A model that answers no draw on the issue (procedural without a procedure
// tag) gets no range probability, not 0 in every range: with the inputs
// alone and with the model's error.
TEST(ModelError, RangesHaveNoProbabilityWhenNoDrawHasAForecast) {
  Options options;
  options.model = "procedural";
  options.seed = 5;
  options.draws = 50;
  options.regions = {parse_region("low=0:50"), parse_region("high=50:100")};
  const Scenario scenario = four_actors(false);
  Plan plan = make_plan(scenario, options);
  for (const bool calibrated : {false, true}) {
    SCOPED_TRACE(calibrated);
    if (calibrated) set_model_error(plan, kFitted, "test calibration");
    const IssueSummary s = summarise(plan, run_ensemble(plan, all_draws(50), {})).issues[0];
    EXPECT_EQ(s.n, 0u);
    ASSERT_EQ(s.regions.size(), 2u);
    for (const auto& region : s.regions) EXPECT_TRUE(std::isnan(region.probability)) << region.name;
  }
  // The same plan with a model that answers: probabilities summing to 1.
  options.model = "compromise";
  Plan answered = make_plan(scenario, options);
  const IssueSummary s = summarise(answered, run_ensemble(answered, all_draws(50), {})).issues[0];
  EXPECT_DOUBLE_EQ(s.regions[0].probability + s.regions[1].probability, 1.0);
}

// With every input certain, each draw is the nominal run, so the mixture is
// one predictive distribution: the range probabilities are its masses, and
// the quantiles of one value drawn per draw estimate its quantiles.
TEST(ModelError, OneDistributionIsReproducedByTheSummary) {
  const Scenario scenario = four_actors(true);
  const Plan plan = calibrated_plan(scenario, 4000, 2, kFitted);
  const Summary summary = summarise(plan, run_ensemble(plan, all_draws(4000), {}));
  const Instance nominal = nominal_instance(scenario);
  const Result point = run_model(find_model("compromise"), nominal, {}, RunContext{});
  const auto d = v::predictive(kFitted, v::issue_evidence(nominal, 0, point.forecast[0]));
  const IssueSummary& s = summary.issues[0];
  ASSERT_EQ(s.regions.size(), 3u);
  EXPECT_NEAR(s.regions[0].probability, d.cdf_below(25), 1e-12);
  EXPECT_NEAR(s.regions[1].probability, d.cdf_below(60) - d.cdf_below(25), 1e-12);
  EXPECT_NEAR(s.regions[2].probability, d.cdf(100) - d.cdf_below(60), 1e-12);
  EXPECT_NEAR(s.mean, d.mean(), 1e-9);
  // The sample median's CDF value is 1/2 within sampling error (sd
  // 1/sqrt(4n) = 0.008; atoms widen the band to their mass).
  EXPECT_LE(d.cdf_below(s.median), 0.5 + 0.03);
  EXPECT_GE(d.cdf(s.median), 0.5 - 0.03);
  // The inputs alone: every draw at the point, one range certain.
  ASSERT_TRUE(s.inputs_only.has_value());
  EXPECT_NEAR(s.inputs_only->mean, point.forecast[0], 1e-9);
  double certain = 0;
  for (double p : s.inputs_only->region_probability) certain = std::max(certain, p);
  EXPECT_EQ(certain, 1.0);
  for (const auto& r : s.regions) {
    EXPECT_GT(r.probability, 0.0) << r.name;
    EXPECT_LT(r.probability, 1.0) << r.name;
  }
}

// Draws computed on any number of threads, or read back without their error
// numbers (a store keeps forecasts only), give the same summary bits.
TEST(ModelError, SummaryIsTheSameOnAnyThreadCountAndForStoredDraws) {
  const Scenario scenario = four_actors(false);
  const Plan one = calibrated_plan(scenario, 600, 1, kFitted);
  const Plan three = calibrated_plan(scenario, 600, 3, kFitted);
  auto draws = run_ensemble(one, all_draws(600), {});
  const std::string a = output::mc_document(one, summarise(one, draws)).dump();
  const std::string b =
      output::mc_document(three, summarise(three, run_ensemble(three, all_draws(600), {}))).dump();
  EXPECT_EQ(a, b);
  for (auto& draw : draws) draw.error_numbers.clear();
  EXPECT_EQ(a, output::mc_document(three, summarise(three, draws)).dump());
  // The mixture is wider than the inputs alone.
  const Summary summary = summarise(one, draws);
  EXPECT_GT(summary.issues[0].q95 - summary.issues[0].q05,
            summary.issues[0].inputs_only->q95 - summary.issues[0].inputs_only->q05);
  double total = 0;
  for (const auto& r : summary.issues[0].regions) total += r.probability;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

// --- the command line --------------------------------------------------------

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("parley_model_error_" + name)).string();
}

testing::CommandResult parley(const std::string& arguments) {
  return testing::run_command(testing::parley_binary() + " " + arguments);
}

std::string flagship() { return testing::source_file("scenarios/ukraine-2026.yaml"); }

size_t widest_line(const std::string& text) {
  std::istringstream in(text);
  size_t widest = 0;
  for (std::string line; std::getline(in, line);) {
    size_t width = 0;  // UTF-8 characters
    for (unsigned char c : line) width += (c & 0xC0) != 0x80 ? 1 : 0;
    widest = std::max(widest, width);
  }
  return widest;
}

TEST(ModelErrorCli, RunShowsTheIntervalAndItsDistribution) {
  auto table = parley("run " + flagship() + " --model compromise");
  ASSERT_EQ(table.exit_code, 0) << table.error;
  EXPECT_NE(table.output.find("80% interval"), std::string::npos) << table.output;
  EXPECT_NE(table.output.find("includes model error, calibrated on deu_dev.tsv"), std::string::npos)
      << table.output;
  EXPECT_LE(widest_line(table.output), 100u) << table.output;

  auto out = parley("run " + flagship() + " --model compromise --format json");
  ASSERT_EQ(out.exit_code, 0) << out.error;
  const json doc = json::parse(out.output);
  ASSERT_TRUE(doc.contains("predictive"));
  EXPECT_EQ(doc["calibration"]["data"]["file"], "deu_dev.tsv");
  EXPECT_EQ(doc["calibration"]["cv"]["reliability"].size(), 9u);
  for (const auto& id : doc["issues"]) {
    SCOPED_TRACE(id.get<std::string>());
    const json& p = doc["predictive"][id.get<std::string>()];
    double mass = p["continuous"].get<double>();
    for (const auto& atom : p["atoms"]) mass += atom["probability"].get<double>();
    EXPECT_NEAR(mass, 1.0, 1e-9);
    // The density on its grid integrates to the continuous share
    // (trapezoids; the grid has 101 points).
    const auto& x = p["density"]["x"];
    const auto& y = p["density"]["y"];
    double area = 0;
    for (size_t k = 1; k < x.size(); ++k)
      area += (x[k].get<double>() - x[k - 1].get<double>()) *
              (y[k].get<double>() + y[k - 1].get<double>()) / 2;
    EXPECT_NEAR(area, p["continuous"].get<double>(), 0.01);
    // The 80% interval is the 10% and 90% quantiles (to rounding: it asks for
    // (1 - 0.8) / 2), and the quantiles rise.
    double previous = -1;
    for (const auto& q : p["quantiles"]) {
      EXPECT_GE(q["value"].get<double>(), previous);
      previous = q["value"].get<double>();
      if (q["p"] == 0.1) {
        EXPECT_NEAR(q["value"].get<double>(), p["interval"]["lo"].get<double>(), 1e-9);
      }
      if (q["p"] == 0.9) {
        EXPECT_NEAR(q["value"].get<double>(), p["interval"]["hi"].get<double>(), 1e-9);
      }
    }
  }
  auto bare = parley("run " + flagship() + " --model compromise --format json --calibration none");
  ASSERT_EQ(bare.exit_code, 0) << bare.error;
  EXPECT_FALSE(json::parse(bare.output).contains("predictive"));
  // A model without a shipped calibration runs as before, with a note.
  auto other = parley("run " + flagship() + " --model median --set weight=sal --format json");
  ASSERT_EQ(other.exit_code, 0) << other.error;
  EXPECT_FALSE(json::parse(other.output).contains("predictive"));
  EXPECT_NE(other.output.find("no shipped calibration fits median here"), std::string::npos);
}

// Acceptance: on the flagship, an issue whose calibrated 80% interval spans
// two of its ranges gets no range probability of exactly 0 or 1 from mc.
TEST(ModelErrorCli, McRangesOfTheFlagshipAreNeverCertainWhereTheIntervalSpansTwo) {
  auto run = parley("run " + flagship() + " --model compromise --format json");
  auto mc = parley("mc " + flagship() + " --model compromise --draws 300 --no-store -q " +
                   "--format json --threads 2");
  ASSERT_EQ(run.exit_code, 0) << run.error;
  ASSERT_EQ(mc.exit_code, 0) << mc.error;
  const json predictive = json::parse(run.output)["predictive"];
  const json summary = json::parse(mc.output);
  EXPECT_EQ(summary["calibration"]["data"]["file"], "deu_dev.tsv");
  int spanning = 0;
  for (const auto& issue : summary["issues"]) {
    const json& interval = predictive[issue["issue"].get<std::string>()]["interval"];
    int touched = 0;
    for (const auto& r : issue["regions"])
      touched += interval["lo"].get<double>() < r["hi"].get<double>() &&
                 interval["hi"].get<double>() >= r["lo"].get<double>();
    if (touched < 2) continue;
    ++spanning;
    for (const auto& r : issue["regions"]) {
      SCOPED_TRACE(issue["issue"].get<std::string>() + ": " + r["name"].get<std::string>());
      EXPECT_GT(r["probability"].get<double>(), 0.0);
      EXPECT_LT(r["probability"].get<double>(), 1.0);
    }
    EXPECT_TRUE(issue.contains("inputs_only"));
  }
  EXPECT_GE(spanning, 4);  // the flagship's issues are far from certain
  // The answers to the scenario's questions come first.
  ASSERT_TRUE(summary.contains("questions"));
  const auto ordered = nlohmann::ordered_json::parse(mc.output);
  auto key = ordered.items().begin();
  for (const char* expected : {"kind", "parley_version", "model", "params", "seed", "questions"})
    EXPECT_EQ((key++).key(), expected);
  EXPECT_EQ(summary["questions"].size(), 4u);
  EXPECT_EQ(summary["questions"][0]["basis"], "nominal run");
}

TEST(ModelErrorCli, BadCalibrationFilesExitTwoOnEveryCommand) {
  const std::string good = read_text_file(testing::source_file("data/calibration/compromise.json"));
  std::string version2 = good;
  version2.replace(version2.find("\"version\": 1"), 12, "\"version\": 2");
  const std::string corrupt = temp_path("corrupt.json"), version = temp_path("version.json");
  std::ofstream(corrupt) << good.substr(0, good.size() / 2);
  std::ofstream(version) << version2;
  const std::string other = testing::source_file("data/calibration/median.json");
  struct Case {
    std::string file, message;
  };
  for (const Case& c :
       {Case{corrupt, corrupt}, Case{version, "version 2 is not supported"},
        Case{other, "for model 'median'"}, Case{temp_path("absent.json"), "no such file"}})
    for (const std::string command : {"run", "mc", "report"}) {
      SCOPED_TRACE(command + " " + c.file);
      std::string line =
          command + " " + flagship() + " --model compromise --calibration " + c.file + " -q";
      if (command == "mc") line += " --no-store --draws 5";
      if (command == "report") line += " --no-scripts -o " + temp_path("report.html");
      auto out = parley(line);
      EXPECT_EQ(out.exit_code, 2) << out.error;
      EXPECT_NE(out.error.find(c.message), std::string::npos) << out.error;
    }
  std::filesystem::remove(corrupt);
  std::filesystem::remove(version);
}

// A calibration file like the shipped one for compromise, with another
// atom share: its results differ from the shipped calibration's.
void write_calibration(const std::string& path, double atom_share) {
  json c = json::parse(read_text_file(testing::source_file("data/calibration/compromise.json")));
  c["fitted"]["atom_share"] = atom_share;
  std::ofstream(path) << c.dump(2);
}

// Run 1 of `store` as a killed session leaves it: running, with its first
// `kept` draws.
void unfinish(const std::string& store, int kept) {
  SQLite::Database db(store, SQLite::OPEN_READWRITE);
  db.exec("UPDATE runs SET status = 'running', summary = NULL, finished = NULL WHERE id = 1");
  db.exec("DELETE FROM draws WHERE run_id = 1 AND draw >= " + std::to_string(kept));
}

TEST(ModelErrorCli, ResumedMcRunKeepsTheCalibrationItStartedWith) {
  const std::string store = temp_path("resume.sqlite"), file = temp_path("resume_cal.json");
  const std::string copy = temp_path("resume_copy.json");
  for (const auto& f : {store, store + "-wal", store + "-shm"}) std::filesystem::remove(f);
  write_calibration(file, 0.21);
  write_calibration(copy, 0.21);
  const std::string resume = "mc --resume 1 -q --format json --threads 2 --store " + store;
  auto clean = parley("mc " + flagship() + " --model compromise --draws 120 --seed 5 -q " +
                      "--format json --calibration " + file + " --store " + store);
  ASSERT_EQ(clean.exit_code, 0) << clean.error;
  unfinish(store, 50);

  // Another calibration named on resuming, or none: refused, the run untouched.
  for (const std::string& other :
       {std::string("none"), testing::source_file("data/calibration/compromise.json")}) {
    auto refused = parley(resume + " --calibration " + other);
    EXPECT_EQ(refused.exit_code, 2) << other;
    EXPECT_NE(refused.error.find("is a different one"), std::string::npos) << refused.error;
    EXPECT_NE(refused.error.find(std::filesystem::path(file).filename().string()),
              std::string::npos)
        << refused.error;
  }
  // The file the run started with, changed since: refused.
  write_calibration(file, 0.35);
  auto changed = parley(resume);
  EXPECT_EQ(changed.exit_code, 2);
  EXPECT_NE(changed.error.find("has changed since"), std::string::npos) << changed.error;
  write_calibration(file, 0.21);
  EXPECT_EQ(store::Store(store, false).run(1).status, "running");

  // Without --calibration the run finishes with its own (not the shipped
  // one, the default of a new run): the results of the uninterrupted run.
  auto resumed = parley(resume);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.error;
  EXPECT_EQ(resumed.output, clean.output);
  // The same calibration under another name is the same calibration.
  unfinish(store, 70);
  auto same = parley(resume + " --calibration " + copy);
  ASSERT_EQ(same.exit_code, 0) << same.error;
  EXPECT_EQ(same.output, clean.output);
  for (const auto& f : {store, store + "-wal", store + "-shm", file, copy})
    std::filesystem::remove(f);
}

}  // namespace
}  // namespace parley::ensemble
