// The war backtest (src/validation/war_backtest.h) and the outcomes reader
// (src/io/war_outcomes.h): scores against hand-computed survival
// likelihoods, leave-one-case-out baselines that never see the held-out case,
// malformed outcomes files, and the case library end to end.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/output.h"
#include "io/war_outcomes.h"
#include "parley/error.h"
#include "test_support.h"
#include "validation/war_backtest.h"
#include "validation/war_calibration.h"

namespace parley {
namespace {

namespace v = validation;

const int kJan2000 = 2000 * 12;

// A case whose clock starts in January 2000, period 1 the month after.
v::WarCase make_case(const std::string& name, v::WarEnd end, int months_after_start,
                     int horizon = 12) {
  v::WarCase c;
  c.name = name;
  c.clock_start = kJan2000;
  c.period1 = kJan2000 + 1;
  c.horizon = horizon;
  c.end = end;
  c.last_month = kJan2000 + months_after_start;
  if (end == v::WarEnd::ceasefire) c.ceasefire = c.last_month;
  return c;
}

// F(t) = 1 - 0.8^t: a model with a known monthly hazard of 0.2.
std::vector<double> hazard_02(int periods) {
  std::vector<double> f;
  for (int t = 1; t <= periods; ++t) f.push_back(1 - std::pow(0.8, t));
  return f;
}

TEST(WarBacktest, MonthsAndPeriods) {
  EXPECT_EQ(v::parse_month("1951-06"), 1951 * 12 + 5);
  EXPECT_EQ(v::month_label(1951 * 12 + 5), "1951-06");
  for (const char* bad : {"1951-13", "1951-00", "51-06", "1951-6", "1951/06", "1951-06-01", ""})
    EXPECT_FALSE(v::parse_month(bad)) << bad;
  // A ceasefire 3 months after the clock start is the event of period 3 when
  // period 1 is the month after the clock start, of period 4 when it is the
  // clock-start month.
  v::WarCase c = make_case("a", v::WarEnd::ceasefire, 3);
  EXPECT_EQ(v::observe(c).period, 3);
  c.period1 = c.clock_start;
  EXPECT_EQ(v::observe(c).period, 4);
  EXPECT_EQ(v::observe(c).within, (std::vector<int>{7, 12, 12}));  // clamped to the horizon
}

TEST(WarBacktest, OutcomeBeyondTheHorizonIsCensoredThere) {
  const v::WarObservation o = v::observe(make_case("late", v::WarEnd::ceasefire, 20));
  EXPECT_TRUE(o.at_horizon);
  EXPECT_FALSE(o.ceasefire);
  EXPECT_EQ(o.period, 12);
  EXPECT_EQ(o.within_y, (std::vector<int>{0, 0, 1}));
  // A censored war observed for 8 months: within 6 known (0), 12 and 24 unknown.
  const v::WarObservation s = v::observe(make_case("open", v::WarEnd::censored, 8));
  EXPECT_EQ(s.within_y, (std::vector<int>{0, -1, -1}));
  EXPECT_FALSE(s.ceasefire);
  EXPECT_EQ(s.period, 8);
}

// Two cases: a ceasefire in period 3, and a victory (no ceasefire) through
// period 4.  The model's hazard is 0.2 a month; the constant-hazard baseline
// of each case is fitted on the other case alone.
TEST(WarBacktest, ScoresMatchHandComputedSurvivalLikelihoods) {
  const std::vector<v::WarObservation> obs = {v::observe(make_case("a", v::WarEnd::ceasefire, 3)),
                                              v::observe(make_case("b", v::WarEnd::victory_a, 4))};
  v::WarBacktestOptions options;
  options.bootstrap = 0;
  const int draws = 100;  // floor 1/(2 x 100) = 0.005
  const auto r =
      v::score_war_cases(obs, {"a", "b"}, {hazard_02(12), hazard_02(12)}, "fake", options, draws);
  ASSERT_EQ(r.models.size(), 3u);
  EXPECT_DOUBLE_EQ(r.eps, 0.005);
  const auto& m = r.models[0];
  EXPECT_EQ(m.label, "fake");
  // a: P(first ceasefire in period 3) = 0.8^2 x 0.2 = 0.128;  b: 0.8^4 = 0.4096.
  EXPECT_NEAR(m.cases[0].log_lik, std::log(0.128), 1e-12);
  EXPECT_NEAR(m.cases[1].log_lik, std::log(0.4096), 1e-12);
  EXPECT_NEAR(m.cases[0].p_by_actual, 1 - 0.512, 1e-12);
  EXPECT_NEAR(m.cases[1].p_by_actual, 1 - 0.4096, 1e-12);
  for (double h : m.cases[0].hazard) EXPECT_NEAR(h, 0.2, 1e-12);
  EXPECT_NEAR(m.nll, -(std::log(0.128) + std::log(0.4096)) / 2, 1e-12);
  // Brier: within 6 months (period 6) and 12 (period 12); 24 months lies
  // beyond the horizon and takes F(12).  a had a ceasefire, b none.
  const double f6 = 1 - std::pow(0.8, 6), f12 = 1 - std::pow(0.8, 12);
  EXPECT_NEAR(m.brier[0], ((f6 - 1) * (f6 - 1) + f6 * f6) / 2, 1e-12);
  EXPECT_NEAR(m.brier[1], ((f12 - 1) * (f12 - 1) + f12 * f12) / 2, 1e-12);
  EXPECT_NEAR(m.brier[2], ((f12 - 1) * (f12 - 1) + f12 * f12) / 2, 1e-12);

  // Constant hazard, closed form: a is predicted from b (no event in 4
  // months: h = 0, probability 0, floored at 0.005); b from a (1 event in 3
  // months: h = 1/3, survival through 4 months (2/3)^4).
  const auto& c = r.models[1];
  EXPECT_EQ(c.label, "constant_hazard");
  EXPECT_TRUE(c.cases[0].floored);
  EXPECT_NEAR(c.cases[0].log_lik, std::log(0.005), 1e-12);
  EXPECT_NEAR(c.cases[1].log_lik, 4 * std::log(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(c.nll, -(std::log(0.005) + 4 * std::log(2.0 / 3.0)) / 2, 1e-12);
  EXPECT_NEAR(c.cases[1].p_within[0], 1 - std::pow(2.0 / 3.0, 6), 1e-12);
  // The fake model's difference to the baseline, case by case.
  ASSERT_TRUE(m.nll_vs_baseline);
  EXPECT_NEAR(m.nll_vs_baseline->mean, m.nll - c.nll, 1e-12);
}

// The pooled entry mixes the model's curve with each case's leave-one-case-out
// constant hazard: for case b (h = 1/3 from a) at w = 0.25, survival through
// period 4 is 0.75 x 0.8^4 + 0.25 x (2/3)^4.
TEST(WarBacktest, PooledEntryMixesWithTheLeaveOneCaseOutHazard) {
  const std::vector<v::WarObservation> obs = {v::observe(make_case("a", v::WarEnd::ceasefire, 3)),
                                              v::observe(make_case("b", v::WarEnd::victory_a, 4))};
  v::WarBacktestOptions options;
  options.bootstrap = 0;
  options.pool_weights = {0.25, 0.25};
  const auto r =
      v::score_war_cases(obs, {"a", "b"}, {hazard_02(12), hazard_02(12)}, "fake", options, 100);
  ASSERT_EQ(r.models.size(), 4u);
  const auto& p = r.models[1];
  EXPECT_EQ(p.label, "fake_pooled");
  EXPECT_NEAR(p.cases[1].log_lik, std::log(0.75 * 0.4096 + 0.25 * std::pow(2.0 / 3.0, 4)), 1e-12);
  // a: the constant part (h = 0 from b) gives nothing, so 0.75 x 0.128.
  EXPECT_NEAR(p.cases[0].log_lik, std::log(0.75 * 0.128), 1e-12);
  EXPECT_EQ(v::pooled_curve(hazard_02(5), 0.0, 0.4), hazard_02(5));
  EXPECT_EQ(v::pooled_curve(hazard_02(5), 1.0, 0.2)[4], v::constant_hazard_curve(0.2, 5)[4]);
}

// The pooling weight follows the evidence: a war curve that puts every
// ceasefire in month 1 when the cases' ceasefires came in months 4 to 6 gets
// pooled, one that puts each case's ceasefire in its own month does not.
TEST(WarBacktest, PoolWeightFollowsTheCases) {
  std::vector<v::WarObservation> obs;
  std::vector<std::vector<double>> month_one, exact;
  for (int m : {4, 5, 6, 5}) {
    obs.push_back(v::observe(make_case("c" + std::to_string(m), v::WarEnd::ceasefire, m)));
    month_one.push_back(std::vector<double>(12, 1.0));
    std::vector<double> f(12, 0.0);
    for (int t = m; t <= 12; ++t) f[t - 1] = 1.0;
    exact.push_back(f);
  }
  const double eps = 1.0 / 400;
  EXPECT_GT(v::fit_pool_weight(obs, month_one, eps), 0.5);
  EXPECT_EQ(v::fit_pool_weight(obs, exact, eps), 0.0);
}

TEST(WarBacktest, ConstantHazardClosedForm) {
  EXPECT_DOUBLE_EQ(v::fit_constant_hazard({{25, true}, {3, true}, {10, false}}), 2.0 / 38.0);
  EXPECT_DOUBLE_EQ(v::fit_constant_hazard({{10, false}}), 0.0);
  const auto f = v::constant_hazard_curve(0.25, 3);
  EXPECT_NEAR(f[2], 1 - 0.75 * 0.75 * 0.75, 1e-15);
}

double total_log_lik(const std::vector<v::Exposure>& data, const std::vector<double>& f) {
  double sum = 0;
  for (const auto& e : data) {
    const double before = e.periods > 1 ? f[e.periods - 2] : 0;
    sum += std::log(e.event ? f[e.periods - 1] - before : 1 - f[e.periods - 1]);
  }
  return sum;
}

// The Weibull contains the constant hazard (k = 1), so its maximum likelihood
// is at least the constant hazard's, and no small step improves on it.
TEST(WarBacktest, WeibullFitIsAMaximumAtLeastAsGoodAsTheConstantHazard) {
  const std::vector<v::Exposure> data = {{2, true},  {3, true},  {5, true},  {8, true},
                                         {14, true}, {25, true}, {30, false}};
  const v::Weibull w = v::fit_weibull(data);
  const double best = total_log_lik(data, v::weibull_curve(w, 30));
  const double h = v::fit_constant_hazard(data);
  EXPECT_GT(best, total_log_lik(data, v::constant_hazard_curve(h, 30)) + 1e-3);
  EXPECT_LT(w.k, 1.0);  // hazards falling with time fit these data better
  for (double da : {-1e-3, 1e-3})
    for (double dk : {-1e-3, 0.0, 1e-3})
      EXPECT_LE(total_log_lik(data, v::weibull_curve({w.a + da, w.k * (1 + dk)}, 30)), best + 1e-9);
}

// Changing the held-out case's own outcome must not change its baseline
// prediction, and must change the others' (so the test can fail).
TEST(WarBacktest, LeaveOneCaseOutBaselinesNeverSeeTheHeldOutCase) {
  v::WarBacktestOptions options;
  options.bootstrap = 0;
  auto run = [&](int first_months, v::WarEnd first_end) {
    const std::vector<v::WarObservation> obs = {
        v::observe(make_case("x", first_end, first_months, 24)),
        v::observe(make_case("y", v::WarEnd::ceasefire, 4, 24)),
        v::observe(make_case("z", v::WarEnd::ceasefire, 9, 24))};
    return v::score_war_cases(obs, {"x", "y", "z"}, {}, "", options, 1000);
  };
  const auto a = run(2, v::WarEnd::ceasefire);
  const auto b = run(20, v::WarEnd::victory_b);
  for (std::size_t m = 0; m < 2; ++m) {
    EXPECT_EQ(a.models[m].cases[0].cumulative, b.models[m].cases[0].cumulative)
        << a.models[m].label;
    EXPECT_NE(a.models[m].cases[1].cumulative, b.models[m].cases[1].cumulative)
        << a.models[m].label;
    EXPECT_NE(a.models[m].cases[2].cumulative, b.models[m].cases[2].cumulative)
        << a.models[m].label;
  }
}

TEST(WarCalibration, FoldFitsIgnoreTheHeldOutCase) {
  // Three grid points x three cases: case 0 alone prefers point 2, the others
  // point 0.  Without case 0 the fit is point 0; with every case, point 2.
  const std::vector<std::vector<double>> ll = {{-9, -1, -1}, {-5, -2, -2}, {-1, -2.5, -2.5}};
  EXPECT_EQ(v::best_grid_point(ll, {false, true, true}), 0u);
  EXPECT_EQ(v::best_grid_point(ll, {true, true, true}), 2u);
  const std::vector<v::FitParameter> grid = {{"p", {1, 2, 3}}, {"q", {10, 20}}};
  EXPECT_EQ(v::grid_values(grid, 0), (std::vector<double>{1, 10}));
  EXPECT_EQ(v::grid_values(grid, 3), (std::vector<double>{2, 20}));
  EXPECT_EQ(v::grid_values(grid, 4), (std::vector<double>{3, 10}));
}

// End to end on three library cases: the held-out case's fitted values do not
// move when its own outcome does; the leave-one-case-out report scores every
// case once, with the baselines.
TEST(WarCalibration, HeldOutOutcomeDoesNotMoveItsFold) {
  auto cases = io::load_war_cases(testing::source_file("cases/wars/outcomes.csv"));
  std::vector<v::WarCase> three;
  for (auto& c : cases)
    if (c.name == "winter-war" || c.name == "donbas" || c.name == "kosovo")
      three.push_back(std::move(c));
  ASSERT_EQ(three.size(), 3u);
  v::WarCalibrationOptions o;
  o.parameters = {{"accommodation", {0.0, 0.1}}};
  o.draws = 16;
  o.score_draws = 16;
  o.bootstrap = 0;
  const auto a = v::calibrate_war(three, o);
  three[0].end = v::WarEnd::victory_a;
  three[0].ceasefire.reset();
  three[0].last_month += 5;
  const auto b = v::calibrate_war(three, o);
  EXPECT_EQ(a.folds[0], b.folds[0]);
  EXPECT_EQ(a.pool_folds[0], b.pool_folds[0]);
  EXPECT_EQ(a.grid_points, 2);
  ASSERT_EQ(a.loo.models.size(), 4u);
  EXPECT_EQ(a.loo.models[1].label, "war_pooled");
  EXPECT_EQ(a.loo.models[0].label, "war");
  EXPECT_EQ(a.loo.models[0].cases.size(), 3u);
  EXPECT_NE(a.loo.models[0].cases[0].log_lik, b.loo.models[0].cases[0].log_lik);
}

// --- the outcomes file ----------------------------------------------------------------------

const std::string kHeader = "case,scenario,clock_start,ceasefire,end,censored\n";

void expect_error(const std::string& text, int line, const std::string& words) {
  try {
    io::parse_war_outcomes(text, "outcomes.csv");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const Error& e) {
    EXPECT_EQ(e.location().line, line) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("outcomes.csv:" + std::to_string(line)), std::string::npos)
        << e.what();
  }
}

TEST(WarOutcomes, MalformedFilesGiveTheLineAndWhatWasExpected) {
  expect_error("case,scenario,clock_start,ceasefire,end,censored,notes\n", 1, "unknown column");
  expect_error("case,scenario,clock_start,end,censored\n", 1, "must be 'ceasefire'");
  expect_error(kHeader + "a,a.yaml,1951-13,1953-07,ceasefire,\n", 2, "expected a month");
  expect_error(
      kHeader + "a,a.yaml,1951-06,1953-07,ceasefire,\nb,b.yaml,1951-06,1950-01,ceasefire,\n", 3,
      "before the clock start");
  expect_error(kHeader + "a,a.yaml,1951-06,1953-07,ceasefire,1953-08\n", 2, "must be empty");
  expect_error(kHeader + "a,a.yaml,1951-06,,victory_a,\n", 2, "last month observed");
  expect_error(kHeader + "a,a.yaml,1951-06,1952-01,censored,1953-01\n", 2, "must be empty");
  expect_error(kHeader + "a,a.yaml,1951-06,,truce,\n", 2, "expected ceasefire, victory_a");
  expect_error(kHeader + "a,a.yaml,1951-06,,censored,1950-12\n", 2, "before the clock start");
  expect_error(kHeader +
                   "a,a.yaml,1951-06,1953-07,ceasefire,\na,b.yaml,1951-06,1953-07,"
                   "ceasefire,\n",
               3, "appears twice");
  expect_error(kHeader + "a,a.yaml,1951-06,1953-07\n", 2, "expected 6 fields");
  expect_error(kHeader, 1, "no case");
}

TEST(WarOutcomes, ReadsEveryEnd) {
  const auto rows = io::parse_war_outcomes(kHeader +
                                               "a,a.yaml,1951-06,1953-07,ceasefire,\r\n"
                                               "b,b.yaml,1951-06,,victory_b,1952-02\n"
                                               "c,c.yaml,1951-06,,censored,1951-06\n",
                                           "outcomes.csv");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].end, v::WarEnd::ceasefire);
  EXPECT_EQ(rows[0].last_month, 1953 * 12 + 6);
  EXPECT_EQ(rows[1].end, v::WarEnd::victory_b);
  EXPECT_EQ(rows[1].last_month, 1952 * 12 + 1);
  EXPECT_EQ(rows[2].line, 4);
  EXPECT_TRUE(io::is_war_outcomes("\xEF\xBB\xBF" + kHeader));
  EXPECT_FALSE(io::is_war_outcomes("case,issue,outcome\n"));
}

// A scratch folder with an outcomes file and one case scenario.
struct Library {
  std::filesystem::path dir;
  explicit Library(const std::string& name)
      : dir(std::filesystem::temp_directory_path() / ("parley-war-outcomes-" + name)) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
  }
  ~Library() { std::filesystem::remove_all(dir); }
  std::string write(const std::string& file, const std::string& text) const {
    std::ofstream(dir / file) << text;
    return (dir / file).string();
  }
};

std::string korea_with(const std::string& from, const std::string& to) {
  std::ifstream in(testing::source_file("cases/wars/korea-1951.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto at = text.find(from);
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

void expect_load_error(const Library& lib, const std::string& csv, int line,
                       const std::string& words) {
  const std::string path = lib.write("outcomes.csv", csv);
  try {
    io::load_war_cases(path);
    ADD_FAILURE() << "accepted: " << csv;
  } catch (const Error& e) {
    if (line > 0) {
      EXPECT_EQ(e.location().line, line) << e.what();
    }
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(WarOutcomes, ScenariosAreCheckedAgainstTheirRow) {
  Library lib("scenarios");
  lib.write("korea.yaml", korea_with("", ""));
  lib.write("early.yaml", korea_with("start: \"1951-07\"", "start: \"1951-09\""));
  {
    std::ifstream in(testing::source_file("tests/data/two_issues.yaml"));
    lib.write("noconflict.yaml",
              std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
  }
  expect_load_error(lib,
                    kHeader +
                        "korea,korea.yaml,1951-06,1953-07,ceasefire,\nk,missing.yaml,"
                        "1951-06,1953-07,ceasefire,\n",
                    3, "no case file");
  expect_load_error(lib, kHeader + "k,noconflict.yaml,1951-06,1953-07,ceasefire,\n", 2,
                    "no 'conflict' section");
  expect_load_error(lib, kHeader + "k,early.yaml,1951-06,1953-07,ceasefire,\n", 0,
                    "must be the clock-start month");
  expect_load_error(lib, kHeader + "k,korea.yaml,1951-05,1951-06,ceasefire,\n", 0,
                    "must be the clock-start month");
  const auto cases = io::load_war_cases(
      lib.write("outcomes.csv", kHeader + "korea,korea.yaml,1951-06,1953-07,ceasefire,\n"));
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].period1, 1951 * 12 + 6);
  EXPECT_EQ(cases[0].horizon, 36);
  EXPECT_EQ(v::observe(cases[0]).period, 25);
}

TEST(WarOutcomes, CliRejectsAMalformedFileWithExitTwo) {
  Library lib("cli");
  const std::string path =
      lib.write("outcomes.csv", kHeader +
                                    "korea,korea.yaml,1951-06,1953-07,ceasefire,\n"
                                    "vietnam,v.yaml,1968-03,1973-1,ceasefire,\n");
  for (const char* command : {"backtest --models war", "calibrate --model war"}) {
    const auto r =
        testing::run_command(testing::parley_binary() + " " + command + " '" + path + "'");
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.error.find("outcomes.csv:3"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("expected a month YYYY-MM, found '1973-1'"), std::string::npos)
        << r.error;
  }
}

// --- the library ----------------------------------------------------------------------------

TEST(WarBacktest, EveryLibraryCaseLoadsWithItsPeriods) {
  const auto cases = io::load_war_cases(testing::source_file("cases/wars/outcomes.csv"));
  ASSERT_EQ(cases.size(), 8u);
  for (const auto& c : cases) {
    const v::WarObservation o = v::observe(c);
    EXPECT_EQ(c.period1, c.clock_start + 1) << c.name;
    EXPECT_TRUE(o.ceasefire) << c.name;
    EXPECT_FALSE(o.at_horizon) << c.name;
    EXPECT_EQ(o.period, *c.ceasefire - c.clock_start) << c.name;
  }
}

TEST(WarBacktest, LibraryBacktestIsDeterministicAndThreadIndependent) {
  const auto cases = io::load_war_cases(testing::source_file("cases/wars/outcomes.csv"));
  auto run = [&](int threads) {
    v::WarBacktestOptions o;
    o.war_params = {{"draws", 24.0}, {"threads", static_cast<double>(threads)}};
    o.bootstrap = 200;
    return output::to_json_text(
        output::war_backtest_document(v::war_backtest(cases, o), "library"));
  };
  const std::string one = run(1);
  EXPECT_EQ(one, run(2));
  EXPECT_EQ(one, run(1));
  EXPECT_NE(one.find("\"label\": \"war\""), std::string::npos);
}

}  // namespace
}  // namespace parley
