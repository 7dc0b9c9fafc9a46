// Degenerate and extreme inputs: defined results or clear errors, never a
// crash or a hang (docs/testing.md).
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>

#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"
#include "test_support.h"

namespace parley {
namespace {

Scenario one_issue(const std::vector<std::tuple<double, double, double>>& actors) {
  Scenario s;
  s.issues.push_back(Issue{"x", "x", 0, 100, {}, 50.0, std::nullopt, {}, {}, {}});
  for (size_t k = 0; k < actors.size(); ++k) {
    Actor a;
    a.id = "a" + std::to_string(k);
    a.capability = Uncertain(std::get<0>(actors[k]));
    a.position["x"] = Uncertain(std::get<1>(actors[k]));
    a.salience["x"] = Uncertain(std::get<2>(actors[k]));
    s.actors.push_back(a);
  }
  validate(s);
  return s;
}

// A model that may refuse a degenerate scenario, and the words its error must
// contain (a refusal names what is missing).
using Refusals = std::map<std::string, std::string>;

// The refusals every degenerate scenario here meets: the war layer needs the
// scenario's `conflict` section (docs/models/war.md), which none of them has.
const Refusals kAlwaysRefused = {{"war", "conflict"}};

// Every registered model returns, for every issue, either a finite forecast
// on the issue's scale or no forecast (NaN) under a named status other than
// "ok"; or, only where `refusals` lists it, it refuses with parley::Error
// naming the reason.  Any other error, a NaN forecast flagged "ok", an empty
// status or a forecast off the scale fails.
void every_model_copes(const Scenario& s, Refusals refusals = {}) {
  refusals.insert(kAlwaysRefused.begin(), kAlwaysRefused.end());
  const Instance in = nominal_instance(s);
  for (const auto& info : models()) {
    SCOPED_TRACE(info.name);
    RunContext context;
    context.scenario = &s;
    const auto refusal = refusals.find(info.name);
    Result r;
    try {
      r = run_model(info, in, {}, context);
    } catch (const Error& e) {
      if (refusal == refusals.end())
        ADD_FAILURE() << "refused: " << e.what();
      else
        EXPECT_NE(std::string(e.what()).find(refusal->second), std::string::npos) << e.what();
      continue;
    }
    EXPECT_EQ(refusal, refusals.end()) << "expected a refusal naming '" << refusal->second << "'";
    ASSERT_EQ(r.forecast.size(), s.issues.size());
    ASSERT_EQ(r.status.size(), s.issues.size());
    for (size_t i = 0; i < s.issues.size(); ++i) {
      const double f = r.forecast[i];
      if (std::isnan(f)) {
        EXPECT_FALSE(r.status[i].empty() || r.status[i] == "ok")
            << "issue " << i << ": no forecast under status '" << r.status[i] << "'";
        continue;
      }
      EXPECT_TRUE(std::isfinite(f)) << "issue " << i << ": " << f;
      EXPECT_FALSE(r.status[i].empty()) << "issue " << i;
      EXPECT_GE(f, s.issues[i].lo - 1e-9) << "issue " << i;
      EXPECT_LE(f, s.issues[i].hi + 1e-9) << "issue " << i;
    }
  }
}

TEST(Degenerate, OneActorIsTheForecast) {
  const Scenario s = one_issue({{5, 42, 60}});
  const Instance in = nominal_instance(s);
  for (const char* m : {"compromise", "median"})
    EXPECT_DOUBLE_EQ(run_model(find_model(m), in, {}, {}).forecast[0], 42) << m;
  every_model_copes(s, {{"smp", "at least 2 actors"}});  // smp.md section 1
}

TEST(Degenerate, AllPositionsEqual) {
  const Scenario s = one_issue({{1, 30, 50}, {2, 30, 80}, {3, 30, 10}});
  for (const char* m : {"compromise", "median"})
    EXPECT_DOUBLE_EQ(run_model(find_model(m), nominal_instance(s), {}, {}).forecast[0], 30) << m;
  every_model_copes(s);
}

TEST(Degenerate, AllSaliencesZeroFallBackAndAreFlagged) {
  const Scenario s = one_issue({{1, 10, 0}, {2, 20, 0}, {3, 90, 0}});
  const Result r = run_model(find_model("compromise"), nominal_instance(s), {}, {});
  EXPECT_EQ(r.status[0], "no_weight");
  EXPECT_DOUBLE_EQ(r.forecast[0], 40);
  const Result m = run_model(find_model("median"), nominal_instance(s), {}, {});
  EXPECT_EQ(m.status[0], "no_weight");
  EXPECT_DOUBLE_EQ(m.forecast[0], 20);
  every_model_copes(
      s, {{"smp", "no actor has a salience above 0"}});  // KTAB needs one actor with salience
}

TEST(Degenerate, ExtremeCapabilities) {
  const Scenario s = one_issue({{1e-12, 0, 50}, {1e12, 100, 50}, {1, 50, 50}});
  const Result r = run_model(find_model("compromise"), nominal_instance(s), {}, {});
  EXPECT_NEAR(r.forecast[0], 100, 1e-9);
  every_model_copes(s);
}

TEST(Degenerate, ZeroRangeScaleIsRejected) {
  Scenario s = one_issue({{1, 10, 50}, {1, 20, 50}});
  s.issues[0].lo = s.issues[0].hi = 10;
  EXPECT_THROW(validate(s), Error);
}

TEST(Degenerate, TenThousandActorsAndAThousandIssues) {
  Scenario s;
  for (int i = 0; i < 1000; ++i)
    s.issues.push_back(Issue{"i" + std::to_string(i), "", 0, 100, {}, {}, {}, {}, {}, {}});
  for (int a = 0; a < 10000; ++a) {
    Actor actor;
    actor.id = "a" + std::to_string(a);
    actor.capability = Uncertain(1 + a % 7);
    // Each actor on 10 issues: 100,000 positions in all.
    for (int k = 0; k < 10; ++k) {
      const std::string issue = "i" + std::to_string((a + 97 * k) % 1000);
      actor.position[issue] = Uncertain((a * 37 + k * 11) % 101);
      actor.salience[issue] = Uncertain(50);
    }
    s.actors.push_back(std::move(actor));
  }
  validate(s);
  const Result r = run_model(find_model("compromise"), nominal_instance(s), {}, {});
  ASSERT_EQ(r.forecast.size(), 1000u);
  for (double f : r.forecast) EXPECT_TRUE(f >= 0 && f <= 100);
}

TEST(Degenerate, CrlfBomLongAndNonAsciiNamesInCsv) {
  const std::string name(5000, 'n');
  const std::string text =
      "\xEF\xBB\xBF"
      "actor,capability,position,salience\r\n" +
      name + ",1,10,50\r\n\xE4\xB9\x8C\xE5\x85\x8B\xE5\x85\xB0,2,40,100\r\n";
  const Scenario s = parse_scenario(text, "crlf.csv");
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_EQ(s.actors[0].name, name);
  EXPECT_EQ(s.actors[1].name, "乌克兰");
  EXPECT_DOUBLE_EQ(s.actors[1].position.at("issue").nominal(), 40);
}

TEST(Degenerate, HundredMegabyteInputLoads) {
  // 200,000 actors with 530-byte names: over 100 MB of CSV.
  std::string text = "actor,capability,position,salience\n";
  text.reserve(110u << 20);
  const std::string pad(520, 'x');
  double num = 0, den = 0;
  for (int a = 0; a < 200000; ++a) {
    const double cap = 1 + a % 5, pos = a % 101, sal = 10 + a % 91;
    text += pad + std::to_string(a) + "," + std::to_string(static_cast<int>(cap)) + "," +
            std::to_string(static_cast<int>(pos)) + "," + std::to_string(static_cast<int>(sal)) +
            "\n";
    num += cap * sal * pos;
    den += cap * sal;
  }
  ASSERT_GT(text.size(), 100u << 20);
  const Scenario s = parse_scenario(text, "big.csv");
  ASSERT_EQ(s.actors.size(), 200000u);
  const Result r = run_model(find_model("compromise"), nominal_instance(s), {}, {});
  EXPECT_NEAR(r.forecast[0], num / den, 1e-9);
}

}  // namespace
}  // namespace parley
