// Published numbers, asserted to the precision they were printed with.
//
// Each test names its source; the numbers are the sources' own (blog posts,
// papers, notebooks and another implementation's output, vendored under
// data/), never parley's.  Where a preset or a model page claims to
// reproduce a published number only in part, the test asserts the part it
// claims and docs/testing.md says what is not reproduced and why.  Scholz
// et al.'s Table 2 is asserted in test_bdm.cpp
// (BdmReference.Table2PresetAgreesWithThePublishedTable).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parley/io.h"
#include "parley/model.h"
#include "test_support.h"

namespace parley {
namespace {

Result run(const std::string& model, const Scenario& s, const Params& params = {}) {
  RunContext context;
  context.scenario = &s;
  return run_model(find_model(model), nominal_instance(s), params, context);
}

// The tolerance of a number printed with `decimals` decimals: half a unit of
// its last digit (plus rounding of the comparison itself).
double printed(int decimals) { return 0.5 * std::pow(10.0, -decimals) + 1e-12; }

// --- Greece and its creditors, 2015 (data/bdm_examples/SOURCE.md) ---------
// The blog post prints a weighted mean of 82 and a weighted median of 100
// (clout x salience weights).

TEST(Published, GreeceWeightedMeanIs82AndMedianIs100) {
  PARLEY_REQUIRE_DATA();
  const Scenario s = load_scenario(testing::validation_file("bdm_examples/greece_eu_2015.csv"));
  EXPECT_NEAR(run("compromise", s).forecast[0], 82, printed(0));
  EXPECT_NEAR(run("median", s).forecast[0], 100, printed(0));
}

// --- Honduras-Nicaragua crisis (Masad's notebook; data/bdm_examples) --------
// Masad's run of the model on this table prints, for round 1, that Nicaragua
// and Honduras lose confrontations to Costa Rica, and ends with every actor
// at 0.5 (the run then stops: all security levels are equal).  The defaults
// and the `literal` preset reproduce both; his third move (the United States
// losing to Nicaragua, then to Costa Rica) is not reproduced (docs/testing.md).

TEST(Published, HondurasEndsWithEveryoneAtOneHalf) {
  PARLEY_REQUIRE_DATA();
  const Scenario s =
      load_scenario(testing::validation_file("bdm_examples/honduras_crisis_masad.csv"));
  for (const Params& params : {Params{}, Params{{"preset", std::string("literal")}}}) {
    const Result r = run("bdm", s, params);
    SCOPED_TRACE(params.empty() ? "defaults" : "literal");
    EXPECT_NEAR(r.forecast[0], 0.5, printed(1));
    for (double x : r.trajectory.back().positions) EXPECT_NEAR(x, 0.5, printed(1));
    const Table* offers = r.table("offers");
    ASSERT_NE(offers, nullptr);
    std::set<std::string> lost_to_costa_rica;
    for (const auto& row : offers->rows)
      if (std::get<double>(row[0]) == 1 && std::get<std::string>(row[3]) == "costa_rica" &&
          std::get<std::string>(row[4]) == "conflict")
        lost_to_costa_rica.insert(std::get<std::string>(row[2]));
    EXPECT_EQ(lost_to_costa_rica, (std::set<std::string>{"nicaragua", "honduras"}));
  }
}

// --- The emission case under hamzagul07/schelling's default ----------------
// bdm.md section 11.2: `literal` with conflict_rule = no_move is that
// implementation's default, whose published converged median is 9.530.

TEST(Published, SchellingConvergedMedianOnTheEmissionCase) {
  PARLEY_REQUIRE_DATA();
  const Scenario s =
      load_scenario(testing::validation_file("emission_standards_bdm1994/actors.csv"));
  const Result r = run(
      "bdm", s, {{"preset", std::string("literal")}, {"conflict_rule", std::string("no_move")}});
  EXPECT_NEAR(r.forecast[0], 9.530, printed(3));
}

// --- KTAB's China 2014 forecasts (Efird, Lester and Wise 2016) ------------
// Each case was its own KTAB run (the paper's Tables 2 and 3).  The paper
// forecasts convergence "around 30" on the policy issue and a position
// "between 20 and 40" on the competitive (CNPC) issue.  "Around 30" has no
// printed precision: it is read as within one step of the input's 5-point
// grid (25 to 35), and checked under KTAB's defaults, which smp reproduces
// (smp.md section 0).  The risk settings the paper describes (`efird2016`,
// not verified against its runs) put the policy issue at 35.8, outside that
// reading (docs/testing.md); both settings give the competitive issue
// inside 20-40.

Scenario only_issue(Scenario s, const std::string& issue) {
  std::erase_if(s.issues, [&](const Issue& i) { return i.id != issue; });
  std::erase_if(s.actors, [&](const Actor& a) { return !a.position.count(issue); });
  for (Actor& a : s.actors) {
    std::erase_if(a.position, [&](const auto& kv) { return kv.first != issue; });
    std::erase_if(a.salience, [&](const auto& kv) { return kv.first != issue; });
    std::erase_if(a.capability_by_issue, [&](const auto& kv) { return kv.first != issue; });
  }
  validate(s);
  return s;
}

TEST(Published, KtabChinaForecastsOfEfirdLesterAndWise) {
  PARLEY_REQUIRE_DATA();
  const Scenario both = load_scenario(testing::validation_file("ktab_china_2014/actors.csv"));
  const Scenario policy = only_issue(both, "KTAB-CHINA-2014-POLICY");
  const Scenario cnpc = only_issue(both, "KTAB-CHINA-2014-CNPC");
  ASSERT_EQ(policy.actors.size(), 26u);  // the paper's Table 2
  ASSERT_EQ(cnpc.actors.size(), 34u);    // Table 3
  const double p = run("smp", policy).forecast[0];
  EXPECT_GE(p, 25);
  EXPECT_LE(p, 35);
  for (const Params& params : {Params{}, Params{{"preset", std::string("efird2016")}}}) {
    SCOPED_TRACE(params.empty() ? "KTAB defaults" : "efird2016");
    const double c = run("smp", cnpc, params).forecast[0];
    EXPECT_GE(c, 20);
    EXPECT_LE(c, 40);
  }
}

// --- hamzagul07/schelling's per-issue compromise forecasts on DEU ---------
// data/deu/schelling_deu_paired_differences.csv prints that implementation's
// capability x salience weighted mean for 216 development issues to 3
// decimals.  parley's compromise model on the same issues must print the
// same numbers, except:
//  * where the Commission and the Parliament get another capability: parley
//    gives them the largest Council capability of the treaty regime
//    (compromise.md section 3), schelling the largest among the members
//    that take part in the issue with a positive salience (its n_actors
//    counts only those).  With schelling's rule these issues agree
//    too (checked below);
//  * nine issues of four proposals of 1998-2000, which differ by 0.13 to
//    2.8 for a reason not identified (docs/testing.md).

struct SchellingRow {
  std::string issue;
  double compromise = 0;
};

std::vector<SchellingRow> schelling_rows() {
  std::ifstream in(testing::validation_file("deu/schelling_deu_paired_differences.csv"));
  std::vector<SchellingRow> rows;
  std::string line;
  std::getline(in, line);  // header: issue_id, ..., compromise_forecast (8th), ...
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    if (cells.size() < 8) ADD_FAILURE() << "short row: " << line;
    if (cells.size() < 8) continue;
    rows.push_back({cells[0], std::stod(cells[7])});
  }
  return rows;
}

// The Commission and Parliament with the largest capability among the
// Council members taking part in each issue with a positive salience
// (schelling's rule).
Scenario with_participant_maximum(Scenario s) {
  for (const Issue& issue : s.issues) {
    double top = 0;
    for (const Actor& a : s.actors)
      if (a.id != "com" && a.id != "ep" && a.position.count(issue.id) &&
          a.salience.count(issue.id) && a.salience.at(issue.id).nominal() > 0)
        top = std::max(top, a.capability_on(issue.id)->nominal());
    for (Actor& a : s.actors)
      if ((a.id == "com" || a.id == "ep") && a.position.count(issue.id) && top > 0)
        a.capability_by_issue[issue.id] = Uncertain(top);
  }
  return s;
}

TEST(Published, SchellingPerIssueCompromiseForecastsOnDeu) {
  PARLEY_REQUIRE_DATA();
  const Scenario deu = load_scenario(testing::validation_file("deu/deu_dev.tsv"));
  const auto rows = schelling_rows();
  ASSERT_EQ(rows.size(), 216u);
  const std::set<std::string> unexplained = {"d00060i1", "d00060i2", "d00067i1",
                                             "d00067i2", "d99238i1", "d99238i2",
                                             "d99238i3", "n98087i1", "n98087i2"};
  const std::set<std::string> capability_rule = {"d06130i1", "d06206i1", "n99255i2"};
  const Result ours = run("compromise", deu);
  const Result theirs_rule = run("compromise", with_participant_maximum(deu));
  int agree = 0;
  for (const auto& row : rows) {
    const int i = deu.issue_index(row.issue);
    ASSERT_GE(i, 0) << row.issue;
    if (unexplained.count(row.issue)) continue;
    if (capability_rule.count(row.issue)) {
      EXPECT_GT(std::fabs(ours.forecast[i] - row.compromise), printed(3)) << row.issue;
      EXPECT_NEAR(theirs_rule.forecast[i], row.compromise, printed(3)) << row.issue;
      continue;
    }
    EXPECT_NEAR(ours.forecast[i], row.compromise, printed(3)) << row.issue;
    ++agree;
  }
  EXPECT_EQ(agree, 204);
}

}  // namespace
}  // namespace parley
