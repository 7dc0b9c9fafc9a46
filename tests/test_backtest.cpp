// The DEU importer, the long format and the backtest engine, against the
// reference numbers of docs/models/compromise.md section 3 and the facts of
// data/deu/SOURCE.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "io/importers.h"
#include "io/long_csv.h"
#include "parley/error.h"
#include "parley/io.h"
#include "test_support.h"
#include "validation/backtest.h"

namespace parley {
namespace {

namespace v = validation;

Scenario load_deu() {
  std::string path = testing::validation_file("deu/deu_dev.tsv");
  return io::import_deu(read_text_file(path), path);
}

const Scenario& deu() {
  static const Scenario scenario = load_deu();
  return scenario;
}

v::BacktestReport run(const Scenario& scenario, std::vector<std::string> models,
                      int bootstrap = 0) {
  v::BacktestOptions options;
  for (const auto& m : models) options.models.push_back(v::parse_model_spec(m));
  options.bootstrap = bootstrap;
  return v::backtest(scenario, options);
}

const v::ModelReport& model(const v::BacktestReport& r, const std::string& label) {
  for (const auto& m : r.models)
    if (m.spec.label == label) return m;
  throw Error("no model " + label);
}

// --- the DEU importer: counts from the validation README, section 3 --------

TEST(DeuImport, ShapeAndCountsMatchTheReadme) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario& s = deu();
  EXPECT_EQ(s.issues.size(), 222u);
  ASSERT_EQ(s.actors.size(), 30u);  // Commission, EP and 28 states
  EXPECT_EQ(s.actors[0].id, "com");
  EXPECT_EQ(s.actors[1].id, "ep");
  EXPECT_EQ(s.actors[2].id, "at");
  int outcomes = 0, cod = 0, cns = 0, qmv = 0, unan = 0, qmv10 = 0, no_rp = 0;
  int pre_nice = 0, nice = 0, lisbon = 0;
  std::set<std::string> proposals;
  for (const auto& issue : s.issues) {
    proposals.insert(issue.tags.at("proposal"));
    if (!issue.outcome) continue;
    ++outcomes;
    cod += issue.tags.at("procedure") == "COD";
    cns += issue.tags.at("procedure") == "CNS";
    qmv += issue.tags.at("voting") == "QMV";
    unan += issue.tags.at("voting") == "Unan";
    qmv10 += issue.tags.at("voting") == "QMV(10)";
    no_rp += !issue.status_quo.has_value();
    pre_nice += issue.tags.at("regime") == "pre_nice";
    nice += issue.tags.at("regime") == "nice";
    lisbon += issue.tags.at("regime") == "lisbon";
  }
  EXPECT_EQ(outcomes, 217);
  EXPECT_EQ(proposals.size(), 85u);
  EXPECT_EQ(cod, 147);
  EXPECT_EQ(cns, 70);
  EXPECT_EQ(qmv, 177);
  EXPECT_EQ(unan, 38);
  EXPECT_EQ(qmv10, 2);
  EXPECT_EQ(no_rp, 54);
  EXPECT_EQ(pre_nice, 107);
  EXPECT_EQ(nice, 89);
  EXPECT_EQ(lisbon, 21);

  int positions = 0, at0 = 0, at100 = 0;
  for (const auto& actor : s.actors)
    for (const auto& [issue, p] : actor.position) {
      ++positions;
      at0 += p.nominal() == 0;
      at100 += p.nominal() == 100;
    }
  EXPECT_EQ(positions, 4515);
  EXPECT_EQ(at0, 1581);
  EXPECT_EQ(at100, 1505);
}

TEST(DeuImport, TreatyCapabilitiesByRegime) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario& s = deu();
  const Actor& com = s.actors[s.actor_index("com")];
  const Actor& de = s.actors[s.actor_index("de")];
  const Actor& lu = s.actors[s.actor_index("lu")];
  // d00032 (2000): pre-Nice votes; the Commission gets the strongest state's 10.
  ASSERT_NE(com.capability_on("d00032i1"), nullptr);
  EXPECT_EQ(com.capability_on("d00032i1")->nominal(), 10);
  EXPECT_EQ(de.capability_on("d00032i1")->nominal(), 10);
  EXPECT_EQ(lu.capability_on("d00032i1")->nominal(), 2);
  // Row 2 (GDP) is not DEU data: it only survives as the gdp option.
  Scenario gdp = v::with_capabilities(s, v::CapabilityOption::gdp);
  EXPECT_EQ(gdp.actors[gdp.actor_index("com")].capability_on("d00032i1")->nominal(), 4.1);
  EXPECT_EQ(gdp.actors[gdp.actor_index("at")].capability_on("d00032i1")->nominal(), 0.48);
}

TEST(DeuImport, WithoutTheProxiesFileCapabilityIsEqualAndWarned) {
  PARLEY_REQUIRE_VALIDATION();
  std::string text = read_text_file(testing::validation_file("deu/deu_dev.tsv"));
  Scenario s = io::import_deu(text, "no-such-folder/deu_dev.tsv");
  bool warned = std::any_of(s.warnings.begin(), s.warnings.end(), [](const std::string& w) {
    return w.find("eu_council_capability_proxies.csv") != std::string::npos;
  });
  EXPECT_TRUE(warned);
  // Equal capability makes the c*s mean the salience-weighted mean: 23.05 (1.3).
  auto r = run(s, {"compromise"});
  EXPECT_EQ(model(r, "compromise").all.n, 217);
  EXPECT_NEAR(model(r, "compromise").all.mae, 23.05, 0.005);
}

// Before: one actor without salience on an issue (a state before its
// accession) failed smp on every issue.
TEST(DeuBacktest, SmpScoresEveryIssue) {
  PARLEY_REQUIRE_VALIDATION();
  auto r = run(deu(), {"smp"});
  EXPECT_EQ(model(r, "smp").all.n, r.scored);
  EXPECT_TRUE(model(r, "smp").missing.empty());
}

// Treaty capabilities need the Council weights table; without it the run
// used to score equal weights with no message.
TEST(DeuBacktest, TreatyCapabilitiesWithoutTheirTableAreAnError) {
  PARLEY_REQUIRE_VALIDATION();
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "parley-treaty-test";
  fs::create_directories(dir);
  const std::string copy = (dir / "deu_dev.tsv").string();
  fs::copy_file(testing::validation_file("deu/deu_dev.tsv"), copy,
                fs::copy_options::overwrite_existing);
  const std::string parley = "'" + testing::parley_binary() + "' backtest ";
  const std::string fast = " --models compromise --bootstrap 0 --format json";
  auto alone = testing::run_command(parley + copy + fast);
  EXPECT_EQ(alone.exit_code, 2);
  EXPECT_NE(alone.error.find("--capability-table"), std::string::npos) << alone.error;
  EXPECT_NE(alone.error.find("warning"), std::string::npos) << "the importer's warning is shown";
  // Named: the same scores as with the table beside the data.
  const std::string table = testing::validation_file("deu/eu_council_capability_proxies.csv");
  auto named = testing::run_command(parley + copy + fast + " --capability-table " + table);
  auto beside = testing::run_command(parley + testing::validation_file("deu/deu_dev.tsv") + fast);
  ASSERT_EQ(named.exit_code, 0) << named.error;
  ASSERT_EQ(beside.exit_code, 0) << beside.error;
  const auto a = nlohmann::json::parse(named.output), b = nlohmann::json::parse(beside.output);
  EXPECT_EQ(a["models"][0]["all"], b["models"][0]["all"]);
  // Other capabilities need no table.
  EXPECT_EQ(testing::run_command(parley + copy + fast + " --capabilities equal -q").exit_code, 0);
  fs::remove_all(dir);
}

TEST(DeuImport, SniffsItsHeader) {
  PARLEY_REQUIRE_VALIDATION();
  std::string text = read_text_file(testing::validation_file("deu/deu_dev.tsv"));
  EXPECT_TRUE(io::looks_like_deu(text));
  EXPECT_FALSE(io::looks_like_long_csv(text));
  EXPECT_FALSE(io::looks_like_deu("actor,capability,position,salience\nA,1,2,3\n"));
}

TEST(DeuImport, BadCellsAreReportedWithTheirPlace) {
  std::string header =
      "\"prnr\"\t\"isnr\"\t\"proc\"\t\"pcom\"\t\"pat\"\t\"scom\"\t\"sat\"\t\"rp\"\t\"out\"\n";
  try {
    io::import_deu(header + "\"d00001\"\t\"d00001i1\"\t\"COD\"\t50\tabc\t10\t10\t0\t100\n",
                   "x/t.tsv");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.location().line, 2);
    EXPECT_EQ(e.location().column, 5);
  }
  EXPECT_THROW(
      io::import_deu(header + "\"d00001\"\t\"d00001i1\"\t\"COD\"\t50\t120\t10\t10\t0\t100\n",
                     "x/t.tsv"),
      Error);
}

// --- reference numbers: compromise.md section 3 ------------------------------

TEST(DeuBacktest, CompromiseWithTreatyCapabilitiesIs2281) {
  PARLEY_REQUIRE_VALIDATION();
  auto r = run(deu(), {"compromise"});
  const auto& m = model(r, "compromise").all;
  EXPECT_EQ(m.n, 217);
  EXPECT_NEAR(m.mae, 22.81, 0.005);
  EXPECT_NEAR(m.median_ae, 17.10, 0.005);
  EXPECT_NEAR(m.rmse, 29.59, 0.005);
  EXPECT_NEAR(m.hit5, 0.175, 0.0005);
  EXPECT_NEAR(m.hit10, 0.318, 0.0005);
  EXPECT_EQ(r.scored, 217);
  EXPECT_EQ(r.skipped.at("no outcome"), 5);
}

TEST(DeuBacktest, SecondaryBaselines) {
  PARLEY_REQUIRE_VALIDATION();
  auto r = run(deu(), {"compromise:weight=sal", "compromise:weight=none", "median",
                       "median:weight=sal", "median:weight=none"});
  struct Row {
    const char* label;
    double mae, med, h5, h10;
  };
  for (Row row : {Row{"compromise:weight=sal", 23.05, 18.33, 0.115, 0.350},
                  Row{"compromise:weight=none", 23.95, 18.62, 0.129, 0.309},
                  Row{"median", 29.32, 20.00, 0.318, 0.406},
                  Row{"median:weight=sal", 26.37, 20.00, 0.332, 0.429},
                  Row{"median:weight=none", 27.23, 20.00, 0.350, 0.447}}) {
    SCOPED_TRACE(row.label);
    const auto& m = model(r, row.label).all;
    EXPECT_EQ(m.n, 217);
    EXPECT_NEAR(m.mae, row.mae, 0.005);
    EXPECT_NEAR(m.median_ae, row.med, 0.005);
    EXPECT_NEAR(m.hit5, row.h5, 0.0005);
    EXPECT_NEAR(m.hit10, row.h10, 0.0005);
  }
}

TEST(DeuBacktest, SplitsByProcedureAndVotingRuleCoverEveryIssue) {
  PARLEY_REQUIRE_VALIDATION();
  auto r = run(deu(), {"compromise"});
  const auto& m = model(r, "compromise");
  EXPECT_EQ(m.by_procedure.at("COD").n, 147);
  EXPECT_EQ(m.by_procedure.at("CNS").n, 70);
  EXPECT_EQ(m.by_voting.at("QMV").n, 179);  // QMV and QMV(10)
  EXPECT_EQ(m.by_voting.at("unanimity").n, 38);
}

TEST(DeuBacktest, MissingForecastsAreCountedWithTheirReason) {
  PARLEY_REQUIRE_VALIDATION();
  auto r = run(deu(), {"procedural"});
  const auto& m = model(r, "procedural");
  // rp is blank on 54 of the 217 issues: the procedural model needs it.
  EXPECT_EQ(m.missing.at("no_reference_point"), 54);
  int missing = 0;
  for (const auto& [reason, count] : m.missing) missing += count;
  EXPECT_EQ(m.all.n + missing, 217);
}

// --- the bootstrap --------------------------------------------------------

TEST(Bootstrap, ModelAgainstItselfIsExactlyZero) {
  PARLEY_REQUIRE_VALIDATION();
  auto r = run(deu(), {"compromise", "compromise:weight=none"}, 500);
  const auto& self = model(r, "compromise").vs_baseline;
  ASSERT_TRUE(self.has_value());
  EXPECT_EQ(self->mean, 0.0);
  EXPECT_EQ(self->lo, 0.0);
  EXPECT_EQ(self->hi, 0.0);
  // Resampled by proposal: as many groups as proposals with a scored issue.
  std::set<std::string> proposals;
  for (const auto& issue : deu().issues)
    if (issue.outcome) proposals.insert(issue.tags.at("proposal"));
  EXPECT_EQ(self->groups, static_cast<int>(proposals.size()));
  EXPECT_LT(self->groups, 217);
  const auto& other = model(r, "compromise:weight=none").vs_baseline;
  ASSERT_TRUE(other.has_value());
  // 23.95 - 22.81 on the same 217 issues.
  EXPECT_NEAR(other->mean, 23.95 - 22.81, 0.01);
  EXPECT_LT(other->lo, other->mean);
  EXPECT_GT(other->hi, other->mean);
}

TEST(Bootstrap, ResamplesWholeGroups) {
  // One group: every resample draws the same group, so the interval is the
  // mean itself; resampling single issues would spread it.
  std::vector<double> diff = {1, 2, 3, 4};
  auto one = v::paired_bootstrap(diff, {0, 0, 0, 0}, 200, 0.95, 7);
  EXPECT_EQ(one.groups, 1);
  EXPECT_DOUBLE_EQ(one.lo, 2.5);
  EXPECT_DOUBLE_EQ(one.hi, 2.5);
  auto four = v::paired_bootstrap(diff, {0, 1, 2, 3}, 200, 0.95, 7);
  EXPECT_EQ(four.groups, 4);
  EXPECT_LT(four.lo, 2.5);
  EXPECT_GT(four.hi, 2.5);
  // Reproducible: same seed, same interval.
  auto again = v::paired_bootstrap(diff, {0, 1, 2, 3}, 200, 0.95, 7);
  EXPECT_EQ(again.lo, four.lo);
  EXPECT_EQ(again.hi, four.hi);
}

TEST(CrossValidation, IdenticalCandidatesGiveTheCandidatesError) {
  PARLEY_REQUIRE_VALIDATION();
  v::BacktestOptions options;
  options.models = {v::parse_model_spec("compromise")};
  options.tuned = {v::parse_tuned_spec("compromise|compromise:weight=cap_sal")};
  options.bootstrap = 0;
  auto r = v::backtest(deu(), options);
  const auto& cv = model(r, "cv[compromise|compromise:weight=cap_sal]").all;
  EXPECT_EQ(cv.n, 217);
  EXPECT_NEAR(cv.mae, 22.81, 0.005);
  EXPECT_THROW(v::parse_tuned_spec("compromise"), Error);
}

TEST(Metrics, HandComputed) {
  auto m = v::metrics_of({0, 5, 10, 30});
  EXPECT_EQ(m.n, 4);
  EXPECT_DOUBLE_EQ(m.mae, 11.25);
  EXPECT_DOUBLE_EQ(m.median_ae, 7.5);
  EXPECT_DOUBLE_EQ(m.rmse, std::sqrt((0 + 25 + 100 + 900) / 4.0));
  EXPECT_DOUBLE_EQ(m.hit5, 0.5);
  EXPECT_DOUBLE_EQ(m.hit10, 0.75);
  EXPECT_DOUBLE_EQ(m.hit20, 0.75);
}

// --- the long format ------------------------------------------------------

TEST(LongFormat, DeuRoundTripsWithTheSameMetrics) {
  PARLEY_REQUIRE_VALIDATION();
  std::string text = io::to_long_csv(deu());
  EXPECT_TRUE(io::looks_like_long_csv(text));
  Scenario back = io::import_long_csv(text, "deu_long.csv");
  EXPECT_EQ(back.issues.size(), 222u);
  std::vector<std::string> models = {"compromise", "compromise:weight=sal", "median", "procedural"};
  auto a = run(deu(), models, 200), b = run(back, models, 200);
  for (std::size_t k = 0; k < a.models.size(); ++k) {
    SCOPED_TRACE(a.models[k].spec.label);
    // Actor order may differ (the long format lists actors in order of first
    // appearance), so sums can differ in the last bits: compare to 1e-9.
    EXPECT_EQ(a.models[k].all.n, b.models[k].all.n);
    EXPECT_NEAR(a.models[k].all.mae, b.models[k].all.mae, 1e-9);
    EXPECT_NEAR(a.models[k].all.median_ae, b.models[k].all.median_ae, 1e-9);
    EXPECT_NEAR(a.models[k].all.rmse, b.models[k].all.rmse, 1e-9);
    EXPECT_EQ(a.models[k].all.hit10, b.models[k].all.hit10);
    EXPECT_EQ(a.models[k].missing, b.models[k].missing);
    for (const auto& [key, m] : a.models[k].by_procedure)
      EXPECT_NEAR(m.mae, b.models[k].by_procedure.at(key).mae, 1e-9) << key;
    for (const auto& [key, m] : a.models[k].by_voting)
      EXPECT_NEAR(m.mae, b.models[k].by_voting.at(key).mae, 1e-9) << key;
    EXPECT_EQ(a.models[k].vs_baseline->groups, b.models[k].vs_baseline->groups);
    EXPECT_NEAR(a.models[k].vs_baseline->lo, b.models[k].vs_baseline->lo, 1e-9);
    EXPECT_NEAR(a.models[k].vs_baseline->hi, b.models[k].vs_baseline->hi, 1e-9);
  }
  EXPECT_NEAR(model(b, "compromise").all.mae, 22.81, 0.005);
}

TEST(LongFormat, LoadsTheKtabChinaTableAsTwoIssues) {
  PARLEY_REQUIRE_VALIDATION();
  std::string path = testing::validation_file("ktab_china_2014/actors.csv");
  std::string text = read_text_file(path);
  EXPECT_TRUE(io::looks_like_long_csv(text));
  Scenario s = io::import_long_csv(text, path);
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(s.issues[0].id, "KTAB-CHINA-2014-POLICY");
  EXPECT_EQ(s.issues[1].id, "KTAB-CHINA-2014-CNPC");
  int positions = 0;
  for (const auto& actor : s.actors) positions += static_cast<int>(actor.position.size());
  EXPECT_EQ(positions, 26 + 34);  // Tables 2 and 3 of Efird, Lester and Wise (2016)
  const Actor& xi = s.actors[s.actor_index("xi_jinping")];
  EXPECT_EQ(xi.name, "Xi Jinping (PBSC)");
  EXPECT_EQ(xi.position.at("KTAB-CHINA-2014-POLICY").nominal(), 30);
  EXPECT_EQ(xi.salience.at("KTAB-CHINA-2014-POLICY").nominal(), 30);
  EXPECT_EQ(xi.capability_on("KTAB-CHINA-2014-POLICY")->nominal(), 100);
}

TEST(LongFormat, HeaderSynonymsAndPerCaseOutcome) {
  Scenario s = io::import_long_csv(
      "Case ID;Stakeholder;Pos;Influence;Salience;Outcome;RP\n"
      "c1;A;20;1;100;30;0\nc1;B;80;3;50;;\nc2;A;10;2;100;;\n",
      "t.csv");
  ASSERT_EQ(s.issues.size(), 2u);
  EXPECT_EQ(*s.issues[0].outcome, 30);
  EXPECT_EQ(s.issues[0].status_quo->nominal(), 0);
  EXPECT_FALSE(s.issues[1].outcome.has_value());
  // c*s mean of c1: (20*1*1 + 80*3*0.5) / (1 + 1.5) = 56.
  auto r = run(s, {"compromise"});
  EXPECT_EQ(r.scored, 1);
  EXPECT_EQ(r.skipped.at("no outcome"), 1);
  EXPECT_NEAR(model(r, "compromise").all.mae, 26, 1e-12);
}

TEST(LongFormat, RejectsContradictionsWithTheirRow) {
  EXPECT_THROW(io::import_long_csv("case,actor,position,outcome\nc,A,1,10\nc,B,2,20\n", "t.csv"),
               Error);
  EXPECT_THROW(io::import_long_csv("case,actor,position\nc,A,1\nc,A,2\n", "t.csv"), Error);
  EXPECT_THROW(io::import_long_csv("case,actor,position,capability\nc,A,1,\n", "t.csv"), Error);
  EXPECT_THROW(io::import_long_csv("case,actor,position,capability\nc,A,1,-3\n", "t.csv"), Error);
  EXPECT_THROW(io::import_long_csv("case,actor\nc,A\n", "t.csv"), Error);
  try {
    io::import_long_csv("case,actor,position\nc,A,1\nc,B,x\n", "t.csv");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.location().line, 3);
  }
}

// --- the command ------------------------------------------------------------

TEST(BacktestCommand, JsonReportOnDeu) {
  PARLEY_REQUIRE_VALIDATION();
  auto out = testing::run_command(testing::parley_binary() + " backtest " +
                                  testing::validation_file("deu/deu_dev.tsv") +
                                  " --models compromise,procedural --format json --bootstrap 100");
  ASSERT_EQ(out.exit_code, 0) << out.error;
  auto j = nlohmann::json::parse(out.output);
  EXPECT_EQ(j["scored"], 217);
  EXPECT_NEAR(j["models"][0]["all"]["mae"].get<double>(), 22.81, 0.005);
  EXPECT_EQ(j["models"][1]["missing"]["no_reference_point"], 54);
}

TEST(Backtest, BadModelParametersAreErrors) {
  EXPECT_THROW(v::parse_model_spec("compromise:weight=bad"), Error);
  EXPECT_THROW(v::parse_model_spec("compromise:no_such_parameter=1"), Error);
  EXPECT_THROW(v::parse_model_spec("no_such_model"), Error);
  EXPECT_EQ(v::parse_model_list("compromise,median:weight=sal").size(), 2u);
}

TEST(BacktestCommand, UnknownModelIsAnError) {
  PARLEY_REQUIRE_VALIDATION();
  auto out =
      testing::run_command(testing::parley_binary() + " backtest " +
                           testing::validation_file("deu/deu_dev.tsv") + " --models no_such_model");
  EXPECT_EQ(out.exit_code, 2);
}

}  // namespace
}  // namespace parley
