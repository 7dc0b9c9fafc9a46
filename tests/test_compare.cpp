// `parley compare` and its arithmetic (docs/compare.md): the consensus
// weights, the pooled interval, the spread and the disagreement flag.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/calibration_io.h"
#include "parley/instance.h"
#include "test_support.h"
#include "validation/comparison.h"

namespace parley {
namespace {

namespace v = validation;

std::string parley_cmd() { return "'" + testing::parley_binary() + "'"; }

// Every actor at 40 on land (0-100) and at -3 on money (-10..10), the
// status quo there too (nbs needs one), a procedure and the agenda setter
// `com` (procedural needs them): every model's forecast is the common
// position (docs/testing.md, "identical positions are the forecast").
constexpr const char* kAgreed = R"(parley: 1
title: "Everyone agrees"
issues:
  - {id: land, scale: [0, 100], status_quo: 40, tags: {procedure: CNS, voting: QMV}}
  - {id: money, scale: [-10, 10], status_quo: -3, tags: {procedure: CNS, voting: QMV}}
actors:
  - {id: a, capability: 30, position: {land: 40, money: -3}, salience: {land: 90, money: 50}}
  - {id: b, capability: 60, position: {land: 40, money: -3}, salience: {land: 20, money: 70}}
  - {id: com, capability: 10, position: {land: 40, money: -3}, salience: {land: 60, money: 30}}
)";

struct TempFile {
  std::filesystem::path path;
  TempFile(const std::string& name, const std::string& text)
      : path(std::filesystem::temp_directory_path() / name) {
    std::ofstream(path) << text;
  }
  ~TempFile() { std::filesystem::remove(path); }
};

TEST(Compare, SkillWeightsSumToOneAndFollowTheSkillOrdering) {
  // The shipped calibrations' out-of-sample CRPS (data/calibration/*.json).
  std::vector<double> crps;
  for (const auto& c : io::default_calibrations()) crps.push_back(c.cv.crps);
  ASSERT_GE(crps.size(), 3u);
  const std::vector<double> w = v::skill_weights(crps);
  double total = 0;
  for (double x : w) total += x;
  EXPECT_NEAR(total, 1.0, 1e-12);
  for (size_t i = 0; i < crps.size(); ++i)
    for (size_t j = 0; j < crps.size(); ++j)
      if (crps[i] < crps[j]) {
        EXPECT_GT(w[i], w[j]) << i << " vs " << j;
      }
  // The rule by hand: CRPS 1 and 2 weigh 1 : 1/4, i.e. 0.8 and 0.2.
  const std::vector<double> two = v::skill_weights({1.0, 2.0});
  EXPECT_NEAR(two[0], 0.8, 1e-15);
  EXPECT_NEAR(two[1], 0.2, 1e-15);
  EXPECT_THROW(v::skill_weights({}), std::invalid_argument);
  EXPECT_THROW(v::skill_weights({1.0, 0.0}), std::invalid_argument);
  EXPECT_THROW(v::skill_weights({NAN}), std::invalid_argument);
}

TEST(Compare, PooledIntervalOfTwoPointsSpansBoth) {
  // Points at 20 and 80 with weights 1/2: P(X <= x) is 0 below 20, 1/2 on
  // [20, 80), 1 from 80; the 10% quantile is 20 and the 90% one 80.
  const auto a = v::PredictiveDistribution::point(20, 0, 100);
  const auto b = v::PredictiveDistribution::point(80, 0, 100);
  const auto even = v::pooled_interval({a, b}, {1, 1}, 0.8);
  EXPECT_NEAR(even.first, 20, 1e-9);
  EXPECT_NEAR(even.second, 80, 1e-9);
  // Weight 0.95 on 20: both ends at 20 (P(X <= 20) = 0.95 >= 0.9).
  const auto lopsided = v::pooled_interval({a, b}, {0.95, 0.05}, 0.8);
  EXPECT_NEAR(lopsided.first, 20, 1e-9);
  EXPECT_NEAR(lopsided.second, 20, 1e-9);
  // One distribution: its own interval.
  const v::PredictiveDistribution n(0, 100, {}, 1, 50, 10);
  const auto own = n.interval(0.8);
  const auto pooled = v::pooled_interval({n}, {3}, 0.8);
  EXPECT_NEAR(pooled.first, own.first, 1e-6);
  EXPECT_NEAR(pooled.second, own.second, 1e-6);
}

TEST(Compare, SpreadAndDisagreementFlagAtAQuarterOfTheScale) {
  Instance instance(2, 2);
  instance.frames = {{"x", "x", 0, 100, {}}, {"y", "y", -10, 10, {}}};
  instance.set(0, 0, 10, 0.5, 1);
  instance.set(1, 0, 60, 0.5, 1);
  instance.set(0, 1, -5, 0.5, 1);
  instance.set(1, 1, 5, 0.5, 1);
  const auto calibrations = io::default_calibrations();
  const v::Calibration* c = &calibrations.front();
  // x: 10, 40 and 36 -> spread 30 > 25, flagged; y: -4, 0.9 and 0 -> 4.9 < 5.
  const v::Comparison out = v::compare_models(
      instance, {{"one", {10, -4}, c}, {"two", {40, 0.9}, c}, {"three", {36, 0}, nullptr}});
  ASSERT_EQ(out.issues.size(), 2u);
  EXPECT_DOUBLE_EQ(out.issues[0].spread, 30);
  EXPECT_TRUE(out.issues[0].disagree);
  EXPECT_NEAR(out.issues[1].spread, 4.9, 1e-12);
  EXPECT_FALSE(out.issues[1].disagree);
  // Equal skill: equal weights; the uncalibrated model gets none.
  EXPECT_DOUBLE_EQ(out.models[0].weight, 0.5);
  EXPECT_DOUBLE_EQ(out.models[2].weight, 0);
  EXPECT_FALSE(std::isfinite(out.models[2].interval[0].first));
  EXPECT_DOUBLE_EQ(out.issues[0].consensus, 25);
  EXPECT_LE(out.issues[0].interval.first, out.issues[0].consensus);
  EXPECT_GE(out.issues[0].interval.second, out.issues[0].consensus);
}

TEST(CompareCli, ModelsThatMustAgreeGiveIdenticalForecastsAndNoSpread) {
  const TempFile file("parley-compare-agreed.yaml", kAgreed);
  const auto r = testing::run_command(parley_cmd() + " compare '" + file.path.string() +
                                      "' --models all --format json");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const auto doc = nlohmann::json::parse(r.output);
  ASSERT_EQ(doc["kind"], "compare");
  size_t ran = 0;
  for (const auto& m : doc["models"]) {
    ++ran;
    EXPECT_DOUBLE_EQ(m["forecast"]["land"].get<double>(), 40) << m["label"];
    EXPECT_DOUBLE_EQ(m["forecast"]["money"].get<double>(), -3) << m["label"];
  }
  EXPECT_EQ(ran, 7u);  // every model but the war layer, which needs a conflict section
  for (const auto& issue : doc["issues"]) {
    EXPECT_EQ(issue["spread"], 0.0) << issue["issue"];
    EXPECT_FALSE(issue["disagree"].get<bool>());
  }
  EXPECT_NEAR(doc["issues"][0]["consensus"].get<double>(), 40, 1e-9);
  EXPECT_NEAR(doc["issues"][1]["consensus"].get<double>(), -3, 1e-9);
  bool war_noted = false;
  for (const auto& note : doc["notes"])
    war_noted = war_noted || note.get<std::string>().rfind("war: not run", 0) == 0;
  EXPECT_TRUE(war_noted) << doc["notes"];
}

TEST(CompareCli, WeightsSumToOneFollowSkillAndTheTableFits100Columns) {
  const std::string input = testing::source_file("tests/data/two_issues.yaml");
  const auto r = testing::run_command(parley_cmd() + " compare '" + input + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const auto doc = nlohmann::json::parse(r.output);
  double total = 0;
  std::vector<std::pair<double, double>> crps_weight;
  for (const auto& m : doc["models"]) {
    total += m["weight"].get<double>();
    if (m["calibration"].is_null()) {
      EXPECT_EQ(m["weight"], 0.0);
      for (const auto& [issue, interval] : m["interval"].items()) EXPECT_TRUE(interval.is_null());
    } else {
      crps_weight.emplace_back(m["crps"].get<double>(), m["weight"].get<double>());
    }
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  ASSERT_GE(crps_weight.size(), 3u);
  std::sort(crps_weight.begin(), crps_weight.end());
  for (size_t k = 1; k < crps_weight.size(); ++k)
    EXPECT_GE(crps_weight[k - 1].second, crps_weight[k].second);
  // The table: every line within 100 columns, the models and the consensus.
  const auto table = testing::run_command(parley_cmd() + " compare '" + input + "'");
  ASSERT_EQ(table.exit_code, 0) << table.error;
  for (const char* word : {"compromise", "smp", "consensus", "spread", "CRPS"})
    EXPECT_NE(table.output.find(word), std::string::npos) << word;
  size_t start = 0;
  for (size_t end; (end = table.output.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_LE(end - start, 100u) << table.output.substr(start, end - start);
}

TEST(CompareCli, WithoutCalibrationsThereIsNoConsensus) {
  const std::string input = testing::source_file("tests/data/two_issues.yaml");
  const auto r = testing::run_command(parley_cmd() + " compare '" + input +
                                      "' --models compromise,median --calibration none "
                                      "--format json");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const auto doc = nlohmann::json::parse(r.output);
  for (const auto& issue : doc["issues"]) EXPECT_TRUE(issue["consensus"].is_null());
  const auto bad =
      testing::run_command(parley_cmd() + " compare '" + input + "' --models compromise,oracle");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.error.find("oracle"), std::string::npos) << bad.error;
}

}  // namespace
}  // namespace parley
