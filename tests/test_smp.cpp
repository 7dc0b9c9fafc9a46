// The KTAB-compatible Spatial Model of Politics and its importers
// (docs/models/smp.md; "spec" below means that page).  Reference numbers come
// from KTAB's run summaries and 2017 logs in data/ktab/reference/ (parsed
// here at test time) and from the turn-0 oracles read from those logs
// (smp.md sections 9.3, 9.4).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/importers.h"
#include "models/smp.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/model.h"
#include "parley/scenario.h"
#include "test_support.h"

namespace parley {
namespace {

using testing::validation_file;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Scenario ktab_csv(const std::string& file) {
  const std::string path = validation_file("ktab/" + file);
  return io::import_ktab_csv(slurp(path), path);
}

Scenario ktab_xml_text(const std::string& text, const std::string& name = "test.xml") {
  return io::import_ktab_xml(text, name);
}

Result run_smp(const Scenario& s, Params params = {}, bool explain = false,
               std::uint64_t seed = 0) {
  RunContext ctx;
  ctx.explain = explain;
  ctx.scenario = &s;
  ctx.seed = seed;
  Params given = s.model ? s.model->params : Params{};
  for (auto& [k, v] : params) given[k] = v;
  return run_model(find_model("smp"), nominal_instance(s), given, ctx);
}

// KTAB's condensed run summary (spec 9.2).
struct Summary {
  int states = 0;
  std::vector<double> ratios;
  std::vector<std::vector<double>> positions;      // per actor x dimension line, per state
  std::vector<std::vector<double>> probabilities;  // per actor, per state
};

std::vector<double> numbers_after_colon(const std::string& line) {
  std::istringstream in(line.substr(line.rfind(':') + 1));
  std::vector<double> out;
  double x;
  while (in >> x) out.push_back(x);
  return out;
}

Summary read_summary(const std::string& file) {
  std::ifstream in(validation_file("ktab/reference/" + file));
  Summary s;
  std::string line;
  int section = 0;
  while (std::getline(in, line)) {
    if (line.rfind("Fractional change compared to first step:", 0) == 0) {
      std::istringstream rest(line.substr(line.find(':') + 1));
      double r;
      rest >> r;
      s.ratios.push_back(r);
    } else if (line.rfind("There were ", 0) == 0) {
      s.states = std::stoi(line.substr(11));
    } else if (line.rfind("History of actor positions", 0) == 0) {
      section = 1;
    } else if (line.rfind("History of actors' winning", 0) == 0) {
      section = 2;
    } else if (section == 1 && line.find(':') != std::string::npos) {
      s.positions.push_back(numbers_after_colon(line));
    } else if (section == 2 && line.find(", prob :") != std::string::npos) {
      s.probabilities.push_back(numbers_after_colon(line));
    } else if (section == 2) {
      section = 0;
    }
  }
  return s;
}

double win_probability(const Result& r, int state, int actor) {
  const Table* t = r.table("win_probability");
  const int n = static_cast<int>(r.actor_ids.size());
  return std::get<double>(t->rows[static_cast<size_t>(state) * n + actor][2]);
}

// Spec 9.2: same number of states, ratios to 4 decimals, positions to 0.05
// on 0-100, winning probabilities to 5e-5, turn by turn.
void expect_matches_summary(const std::string& csv, const std::string& summary_file,
                            int expected_states) {
  const Summary ref = read_summary(summary_file);
  ASSERT_EQ(ref.states, expected_states) << "reference summary not parsed";
  const Scenario s = ktab_csv(csv);
  const Result r = run_smp(s);
  const int n = static_cast<int>(s.actors.size()), d = static_cast<int>(s.issues.size());
  ASSERT_EQ(static_cast<int>(r.trajectory.size()), ref.states);
  ASSERT_EQ(ref.positions.size(), static_cast<size_t>(n * d));
  ASSERT_EQ(ref.probabilities.size(), static_cast<size_t>(n));
  const Table* turns = r.table("turns");
  ASSERT_NE(turns, nullptr);
  ASSERT_EQ(turns->rows.size(), ref.ratios.size());
  for (size_t t = 0; t < ref.ratios.size(); ++t)
    EXPECT_NEAR(std::get<double>(turns->rows[t][1]), ref.ratios[t], 5e-5 + 1e-9) << "turn " << t;
  for (int a = 0; a < n; ++a)
    for (int i = 0; i < d; ++i) {
      const auto& row = ref.positions[a * d + i];
      ASSERT_EQ(row.size(), static_cast<size_t>(ref.states));
      for (int t = 0; t < ref.states; ++t)
        EXPECT_NEAR(r.trajectory[t].positions[a * d + i], row[t], 0.05 + 1e-9)
            << s.actors[a].name << " dim " << i << " state " << t;
    }
  for (int a = 0; a < n; ++a)
    for (int t = 0; t < ref.states; ++t)
      EXPECT_NEAR(win_probability(r, t, a), ref.probabilities[a][t], 5e-5 + 1e-9)
          << s.actors[a].name << " state " << t;
  for (const auto& status : r.status) EXPECT_EQ(status, "converged");
}

TEST(SmpKtab, SoePolCompMatchesKtabTurnByTurn) {
  PARLEY_REQUIRE_VALIDATION();
  expect_matches_summary("SOE-Pol-Comp.csv", "SOE-Pol-Comp_default_summary.txt", 28);
}

TEST(SmpKtab, DummyData3DimMatchesKtabTurnByTurn) {
  PARLEY_REQUIRE_VALIDATION();
  expect_matches_summary("dummyData_3Dim.csv", "dummyData_3Dim_default_summary.txt", 11);
}

TEST(SmpKtab, DummyDataA040MatchesKtabFinalPositions) {
  PARLEY_REQUIRE_VALIDATION();
  expect_matches_summary("dummyData-a040.csv", "dummyData-a040_default_summary.txt", 21);
}

TEST(SmpKtab, ThreadCountDoesNotChangeDeterministicRuns) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s = ktab_csv("dummyData-a040.csv");
  const Result one = run_smp(s, {{"threads", 1.0}});
  const Result two = run_smp(s, {{"threads", 2.0}});
  ASSERT_EQ(one.trajectory.size(), two.trajectory.size());
  for (size_t t = 0; t < one.trajectory.size(); ++t)
    EXPECT_EQ(one.trajectory[t].positions, two.trajectory[t].positions);
}

// KTAB's turn counts for the other shipped inputs (spec section 10).
TEST(SmpKtab, TurnCountsOfOtherShippedInputs) {
  PARLEY_REQUIRE_VALIDATION();
  const std::pair<const char*, size_t> cases[] = {
      {"SOE-Policy.csv", 19}, {"dummyData_6Dim.csv", 29}, {"dummyData-a080.csv", 17}};
  for (const auto& [file, turns] : cases) {
    const Result r = run_smp(ktab_csv(file));
    EXPECT_EQ(r.trajectory.size(), turns + 1) << file;
  }
}

// soe_det.xml is SOE-Pol-Comp with explicit defaults and an identity
// IdealAdjustment: the same run as the CSV.
TEST(SmpKtab, SoeDetXmlEqualsCsv) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario xml =
      io::import_ktab_xml(slurp(validation_file("ktab/soe_det.xml")), "soe_det.xml");
  ASSERT_NE(xml.section("smp"), nullptr);
  const Result a = run_smp(xml), b = run_smp(ktab_csv("SOE-Pol-Comp.csv"));
  ASSERT_EQ(a.trajectory.size(), 28u);
  ASSERT_EQ(a.trajectory.size(), b.trajectory.size());
  for (size_t t = 0; t < a.trajectory.size(); ++t)
    EXPECT_EQ(a.trajectory[t].positions, b.trajectory[t].positions) << t;
}

// ---- turn-0 oracles (spec 9.3 and 9.4) -----------------------------------

struct Prepared {
  Scenario scenario;
  smp::Problem problem;
  smp::State state;
};

Prepared prepare(Scenario s) {
  Prepared p;
  std::vector<std::string> notes;
  p.problem = smp::problem_from_instance(nominal_instance(s), notes);
  p.state.position = p.problem.position;
  p.state.ideal = p.problem.position;
  p.scenario = std::move(s);
  return p;
}

smp::Config config_of(const Scenario& s) {
  // The XML parameters as the model reads them.
  smp::Config c;
  if (!s.model) return c;
  auto get = [&](const char* name) {
    auto it = s.model->params.find(name);
    return it == s.model->params.end() ? std::string() : std::get<std::string>(it->second);
  };
  if (get("PCEModel") == "MarkovIncentive") c.pce = smp::PceModel::markov_incentive;
  if (get("VotingRule") == "PropCbc") c.voting = smp::VotingRule::prop_cbc;
  if (get("StateTransitions") == "Stochastic") c.transitions = smp::StateTransitions::stochastic;
  return c;
}

const Table::Cell& cell(const Table& t, const std::vector<Table::Cell>& row,
                        const std::string& col) {
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (t.columns[c] == col) return row[c];
  ADD_FAILURE() << "no column " << col;
  return row[0];
}

TEST(SmpOracle, DummyData3DimTurnZero) {
  PARLEY_REQUIRE_VALIDATION();
  const Prepared p = prepare(ktab_csv("dummyData_3Dim.csv"));
  const smp::Config cfg;
  const smp::RiskView view = smp::risk_view(p.problem, p.state, cfg);
  const double p_ref[] = {0.0018, 0.0209, 0.0021, 0.1078, 0.7054, 0.1276, 0.0345};
  const double r_ref[] = {-0.500, -0.459, -0.499, -0.274, +1.000, -0.232, -0.430};
  for (int i = 0; i < 7; ++i) {
    EXPECT_NEAR(view.p[i], p_ref[i], 5e-5 + 1e-9) << i;
    EXPECT_NEAR(view.r[i], r_ref[i], 5e-4 + 1e-9) << i;
  }
  struct Challenge {
    int i, j;
    double deu, p;
  };
  const Challenge ch[] = {{0, 6, 0.0947, 0.7643}, {1, 0, 0.2810, 0.7964}, {2, 6, 0.4711, 0.8334},
                          {3, 0, 0.2839, 0.8056}, {4, 0, 0.0116, 0.5836}, {5, 1, 0.2986, 0.8510},
                          {6, 1, 0.0286, 0.3970}};
  for (const auto& c : ch) {
    const smp::Estimate e = smp::estimate(p.problem, view, cfg, c.i, c.i, c.i, c.j);
    EXPECT_NEAR(e.deu, c.deu, 5e-5 + 1e-9) << c.i << "->" << c.j;
    EXPECT_NEAR(e.p, c.p, 5e-5 + 1e-9) << c.i << "->" << c.j;
  }
  // Best targets and the bargain 0 -> 6, through the model's explanation.
  const Result r = run_smp(p.scenario, {}, true);
  const Table* t = r.table("challenges");
  ASSERT_NE(t, nullptr);
  int seen = 0;
  for (const auto& row : t->rows) {
    if (std::get<double>(row[0]) != 0) continue;
    const std::string who = std::get<std::string>(cell(*t, row, "challenger"));
    const int i = p.scenario.actor_index(who);
    ASSERT_GE(i, 0);
    EXPECT_EQ(std::get<std::string>(cell(*t, row, "target")), p.scenario.actors[ch[i].j].id);
    ++seen;
    if (i != 0) continue;
    const double to_i[] = {75.61, 24.78, 71.95}, to_j[] = {75.61, 24.79, 71.95};
    for (int k = 0; k < 3; ++k) {
      const std::string dim = p.scenario.issues[k].id;
      EXPECT_NEAR(std::get<double>(cell(*t, row, "to_challenger." + dim)), to_i[k], 0.005 + 1e-9);
      EXPECT_NEAR(std::get<double>(cell(*t, row, "to_target." + dim)), to_j[k], 0.005 + 1e-9);
    }
  }
  EXPECT_EQ(seen, 7);
}

TEST(SmpOracle, SoePolCompTurnZero) {
  PARLEY_REQUIRE_VALIDATION();
  const Prepared p = prepare(ktab_csv("SOE-Pol-Comp.csv"));
  const smp::Config cfg;
  const smp::RiskView view = smp::risk_view(p.problem, p.state, cfg);
  const double r_ref[] = {+1.000, -0.498, -0.452, +0.362, -0.500, -0.500, -0.497,
                          -0.499, -0.452, +0.643, -0.383, -0.196, -0.500};
  for (int i = 0; i < 13; ++i) EXPECT_NEAR(view.r[i], r_ref[i], 5e-4 + 1e-9) << i;
  const smp::Estimate e0 = smp::estimate(p.problem, view, cfg, 0, 0, 0, 10);
  EXPECT_NEAR(e0.deu, 0.0456, 5e-5 + 1e-9);
  EXPECT_NEAR(e0.p, 0.7676, 5e-5 + 1e-9);
  const smp::Bargain b0 = smp::interpolate(p.problem, p.state, cfg.interp, 0, 10, e0.p);
  EXPECT_NEAR(100 * b0.for_initiator[0], 34.830, 5e-4);
  EXPECT_NEAR(100 * b0.for_initiator[1], 22.500, 5e-4);
  EXPECT_NEAR(100 * b0.for_receiver[0], 34.830, 5e-4);
  EXPECT_NEAR(100 * b0.for_receiver[1], 22.500, 5e-4);
  const smp::Estimate e4 = smp::estimate(p.problem, view, cfg, 4, 4, 4, 5);
  EXPECT_NEAR(e4.deu, 0.4920, 5e-5 + 1e-9);
  EXPECT_NEAR(e4.p, 0.8682, 5e-5 + 1e-9);
  const smp::Bargain b4 = smp::interpolate(p.problem, p.state, cfg.interp, 4, 5, e4.p);
  EXPECT_NEAR(100 * b4.for_initiator[0], 49.590, 5e-4);
  EXPECT_NEAR(100 * b4.for_initiator[1], 64.440, 5e-4);
}

// smpExample with Alice's first coordinate at 52.8, as in KTAB's 2017 log.
Scenario smp_example_528() {
  std::string text = slurp(validation_file("ktab/smpExample_fixed.xml"));
  const std::string from = "<dCoord>50.0</dCoord>";
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) text.replace(at, from.size(), "<dCoord>52.8</dCoord>");
  return ktab_xml_text(text, "smpExample_528.xml");
}

TEST(SmpOracle, SmpExampleTurnZeroNonDefaultRules) {
  PARLEY_REQUIRE_VALIDATION();
  const Prepared p = prepare(smp_example_528());
  const smp::Config cfg = config_of(p.scenario);
  ASSERT_EQ(cfg.voting, smp::VotingRule::prop_cbc);
  ASSERT_EQ(cfg.pce, smp::PceModel::markov_incentive);
  const smp::RiskView view = smp::risk_view(p.problem, p.state, cfg);
  const double r_ref[] = {+1.000, -0.387, -0.500, -0.001, -0.298};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(view.r[i], r_ref[i], 5e-4 + 1e-9) << i;
  struct Challenge {
    int i, j;
    double deu, p;
  };
  const Challenge ch[] = {{0, 4, 0.0115, 0.5257},
                          {1, 2, 0.2315, 0.7180},
                          {2, 0, 0.0975, 0.4396},
                          {3, 2, 0.4318, 0.7837},
                          {4, 2, 0.0632, 0.5467}};
  for (const auto& c : ch) {
    const smp::Estimate e = smp::estimate(p.problem, view, cfg, c.i, c.i, c.i, c.j);
    EXPECT_NEAR(e.deu, c.deu, 5e-5 + 1e-9) << c.i << "->" << c.j;
    EXPECT_NEAR(e.p, c.p, 5e-5 + 1e-9) << c.i << "->" << c.j;
  }
  const smp::Estimate e42 = smp::estimate(p.problem, view, cfg, 4, 4, 4, 2);
  const smp::Bargain b = smp::interpolate(p.problem, p.state, cfg.interp, 4, 2, e42.p);
  const double to4[] = {70.06, 76.00, 34.98}, to2[] = {70.06, 76.01, 34.98};
  for (int k = 0; k < 3; ++k) {
    EXPECT_NEAR(100 * b.for_initiator[k], to4[k], 0.005 + 1e-9);
    EXPECT_NEAR(100 * b.for_receiver[k], to2[k], 0.005 + 1e-9);
  }
  // Actor 0's bargain election: queue [SQ, 0:4, 2:0] in parley's canonical
  // order; KTAB's log lists [SQ, 2:0, 0:4] with (0.0054, 0.7502, 0.2444).
  const Result r = run_smp(p.scenario, {{"max_iter", 1.0}, {"min_iter", 1.0}}, true);
  const Table* t = r.table("bargains");
  ASSERT_NE(t, nullptr);
  std::vector<std::pair<std::string, double>> queue;
  for (const auto& row : t->rows)
    if (std::get<double>(row[0]) == 0 && std::get<std::string>(row[1]) == p.scenario.actors[0].id)
      queue.emplace_back(std::get<std::string>(row[2]), std::get<double>(row[4]));
  ASSERT_EQ(queue.size(), 3u);
  EXPECT_EQ(queue[0].first, "(status quo)");
  EXPECT_NEAR(queue[0].second, 0.0054, 5e-5 + 1e-9);
  EXPECT_EQ(queue[1].first, p.scenario.actors[0].id);
  EXPECT_NEAR(queue[1].second, 0.2444, 5e-5 + 1e-9);
  EXPECT_EQ(queue[2].first, p.scenario.actors[2].id);
  EXPECT_NEAR(queue[2].second, 0.7502, 5e-5 + 1e-9);
}

// ---- XML features, stochastic mode, corrections --------------------------

TEST(SmpXml, SmpExampleFixedRunsWithItsParametersAndAffinity) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s = io::import_ktab_xml(slurp(validation_file("ktab/smpExample_fixed.xml")),
                                         "smpExample_fixed.xml");
  ASSERT_TRUE(s.model);
  EXPECT_EQ(s.model->name, "smp");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("StateTransitions")), "Stochastic");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("PCEModel")), "MarkovIncentive");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("VotingRule")), "PropCbc");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("prng_seed")), "3507583219545544127");
  const Node* section = s.section("smp");
  ASSERT_NE(section, nullptr);
  const Node* ia = section->find("ideal_adjustment");
  ASSERT_NE(ia, nullptr);
  ASSERT_EQ(ia->items.size(), 6u);
  EXPECT_EQ(ia->items[2].find("actor")->as_string(), s.actors[1].id);      // Bob
  EXPECT_EQ(ia->items[2].find("reference")->as_string(), s.actors[0].id);  // Alice
  EXPECT_DOUBLE_EQ(ia->items[2].find("adjust")->as_number(), 0.07);
  EXPECT_DOUBLE_EQ(s.actors[0].position.at(s.issues[0].id).nominal(), 50.0);

  const Result r = run_smp(s);
  // KTAB's names are aliases: the resolved parameters use the snake_case names.
  EXPECT_EQ(std::get<std::string>(r.params.at("state_transitions")), "Stochastic");
  ASSERT_GE(r.trajectory.size(), 3u);
  const Result again = run_smp(s);
  EXPECT_EQ(r.trajectory.back().positions, again.trajectory.back().positions);
  // The affinity matrix matters: without it (A = I) the run differs.
  Scenario identity = s;
  identity.sections.clear();
  const Result plain = run_smp(identity);
  bool differs = plain.trajectory.size() != r.trajectory.size();
  for (size_t t = 0; !differs && t < r.trajectory.size(); ++t)
    differs = plain.trajectory[t].positions != r.trajectory[t].positions;
  EXPECT_TRUE(differs);
}

TEST(SmpStochastic, BitIdenticalAcrossThreadCounts) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s =
      io::import_ktab_xml(slurp(validation_file("ktab/soe_stoch.xml")), "soe_stoch.xml");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("StateTransitions")), "Stochastic");
  const Result one = run_smp(s, {{"threads", 1.0}});
  const Result two = run_smp(s, {{"threads", 2.0}});
  const Result four = run_smp(s, {{"threads", 4.0}});
  ASSERT_EQ(one.trajectory.size(), two.trajectory.size());
  ASSERT_EQ(one.trajectory.size(), four.trajectory.size());
  for (size_t t = 0; t < one.trajectory.size(); ++t) {
    EXPECT_EQ(one.trajectory[t].positions, two.trajectory[t].positions) << t;
    EXPECT_EQ(one.trajectory[t].positions, four.trajectory[t].positions) << t;
  }
  // 40 actors, stochastic, a few turns: larger queues and more threads.
  Scenario big = ktab_csv("dummyData-a040.csv");
  const Params stoch{{"StateTransitions", std::string("Stochastic")},
                     {"prng_seed", std::string("7")},
                     {"max_iter", 6.0}};
  Params p1 = stoch, p4 = stoch;
  p1["threads"] = 1.0;
  p4["threads"] = 4.0;
  const Result a = run_smp(big, p1), b = run_smp(big, p4);
  ASSERT_EQ(a.trajectory.size(), b.trajectory.size());
  for (size_t t = 0; t < a.trajectory.size(); ++t)
    EXPECT_EQ(a.trajectory[t].positions, b.trajectory[t].positions) << t;
  // The seed matters (otherwise the sampler would not be used at all).
  Params other = p1;
  other["prng_seed"] = std::string("8");
  const Result c = run_smp(big, other);
  bool differs = c.trajectory.size() != a.trajectory.size();
  for (size_t t = 0; !differs && t < a.trajectory.size(); ++t)
    differs = c.trajectory[t].positions != a.trajectory[t].positions;
  EXPECT_TRUE(differs);
}

TEST(SmpCorrections, ThirdPartiesVoteUnderEveryCommitmentWithCorrection) {
  PARLEY_REQUIRE_VALIDATION();
  const Prepared p = prepare(ktab_csv("SOE-Pol-Comp.csv"));
  smp::Config cfg;
  const smp::RiskView view = smp::risk_view(p.problem, p.state, cfg);
  for (auto commit : {smp::ThirdPartyCommit::no_commit, smp::ThirdPartyCommit::full_commit}) {
    cfg.commit = commit;
    cfg.third_party_separate = false;
    EXPECT_EQ(smp::estimate(p.problem, view, cfg, 0, 0, 0, 10).third_party_votes, 0.0)
        << "KTAB's defect (spec 4.1)";
    cfg.third_party_separate = true;
    EXPECT_GT(smp::estimate(p.problem, view, cfg, 0, 0, 0, 10).third_party_votes, 1e-6);
  }
  cfg.commit = smp::ThirdPartyCommit::semi_commit;
  cfg.third_party_separate = true;
  EXPECT_GT(smp::estimate(p.problem, view, cfg, 0, 0, 0, 10).third_party_votes, 1e-6);
}

TEST(SmpPrimitives, UtilityVotesAndVictory) {
  // Spec 2.2: R = +1, 0, -1 at d = 0.5.
  EXPECT_DOUBLE_EQ(smp::utility(0.5, 1), 0.75);
  EXPECT_DOUBLE_EQ(smp::utility(0.5, 0), 0.5);
  EXPECT_DOUBLE_EQ(smp::utility(0.5, -1), 0.25);
  // Spec 2.5: a 2:1 ratio gives 2/3, 4/5, 16/17, 256/257.
  EXPECT_NEAR(smp::victory(smp::VictoryProbModel::linear, 2, 1).first, 2.0 / 3, 1e-15);
  EXPECT_NEAR(smp::victory(smp::VictoryProbModel::square, 2, 1).first, 4.0 / 5, 1e-15);
  EXPECT_NEAR(smp::victory(smp::VictoryProbModel::quartic, 2, 1).first, 16.0 / 17, 1e-15);
  EXPECT_NEAR(smp::victory(smp::VictoryProbModel::octic, 2, 1).first, 256.0 / 257, 1e-15);
  EXPECT_DOUBLE_EQ(smp::vote(smp::VotingRule::asym_prosp, 3, 0.5, 0.25), 0.5);
  EXPECT_DOUBLE_EQ(smp::vote(smp::VotingRule::asym_prosp, 3, 0.25, 0.5), -0.75);
}

TEST(SmpDegenerate, AllActorsAtOnePointStopConverged) {
  smp::Problem pb;
  pb.n = 3;
  pb.d = 1;
  pb.capability = {1, 2, 3};
  pb.salience = {0.5, 0.5, 0.5};
  pb.position = {0.4, 0.4, 0.4};
  const smp::Run r = smp::run(pb, smp::Config{});
  EXPECT_EQ(r.stop, "degenerate");
  EXPECT_EQ(r.states.size(), 1u);
}

// An actor with no salience on the issues at hand (a state before its
// accession, in a table of many cases) sits out instead of failing the run:
// the others bargain exactly as they would without it, and it keeps its
// position.
TEST(SmpAdapter, AnActorWithoutSalienceSitsOut) {
  auto instance = [](bool with_idle) {
    Instance in(with_idle ? 4 : 3, 1);
    in.frames = {{"x", "x", 0, 100, std::nullopt}};
    const std::vector<std::string> ids = {"a", "b", "c", "idle"};
    const double position[] = {10, 60, 90, 40}, salience[] = {0.8, 0.5, 0.9, 0};
    for (int a = 0; a < in.actors(); ++a) {
      in.actor_ids[a] = in.actor_names[a] = ids[a];
      in.set(a, 0, position[a], salience[a], 1.0 + a);
    }
    return in;
  };
  const Result with = run_model(find_model("smp"), instance(true), {}, {});
  const Result without = run_model(find_model("smp"), instance(false), {}, {});
  ASSERT_EQ(with.trajectory.size(), without.trajectory.size());
  EXPECT_EQ(with.forecast, without.forecast);
  for (size_t t = 0; t < with.trajectory.size(); ++t) {
    for (int a = 0; a < 3; ++a)
      EXPECT_EQ(with.trajectory[t].positions[a], without.trajectory[t].positions[a]) << t;
    EXPECT_EQ(with.trajectory[t].positions[3], 40);  // idle keeps its position
  }
  EXPECT_EQ(with.actor_ids[3], "idle");
  EXPECT_TRUE(std::any_of(with.notes.begin(), with.notes.end(), [](const std::string& n) {
    return n.find("'idle' has no salience") != std::string::npos;
  }));
}

// ---- importer errors -----------------------------------------------------

template <class F>
Error expect_error(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no parley::Error thrown";
  return Error("none");
}

TEST(SmpImport, ShippedSmpExampleNamesAliceAndTheElement) {
  PARLEY_REQUIRE_VALIDATION();
  const Error e = expect_error(
      [] { io::import_ktab_xml(slurp(validation_file("ktab/smpExample.xml")), "smpExample.xml"); });
  EXPECT_NE(std::string(e.what()).find("Alice"), std::string::npos) << e.what();
  EXPECT_EQ(e.location().path, "/Scenario/Actors/Actor[1]/Position/dCoord[1]");
  EXPECT_GT(e.location().line, 20);
  EXPECT_EQ(e.location().file, "smpExample.xml");
}

const char* kGoodCsv =
    "Demo,\"A demo\",3,2,\n"
    "Actor,Description,Influence,P1,S1,P2,S2,\n"
    "A,first, 10,20,30,40,50,\n"
    "B,second,20,60,40,10,20,\n"
    "C,third, 30,80,10,90,10,\n";

TEST(SmpImport, CsvReadsKtabFormat) {
  EXPECT_TRUE(io::looks_like_ktab_csv(kGoodCsv));
  EXPECT_FALSE(io::looks_like_ktab_csv("actor,capability,position,salience\nA,1,2,3\n"));
  const Scenario s = io::import_ktab_csv(kGoodCsv, "demo.csv");
  ASSERT_EQ(s.issues.size(), 2u);
  ASSERT_EQ(s.actors.size(), 3u);
  EXPECT_EQ(s.issues[0].name, "P1");
  EXPECT_EQ(s.issues[1].hi, 100);
  EXPECT_DOUBLE_EQ(s.actors[1].capability->nominal(), 20);
  EXPECT_DOUBLE_EQ(s.actors[2].position.at(s.issues[1].id).nominal(), 90);
  EXPECT_DOUBLE_EQ(s.actors[0].salience.at(s.issues[1].id).nominal(), 50);
  ASSERT_TRUE(s.model);
  EXPECT_EQ(s.model->name, "smp");
}

TEST(SmpImport, CsvErrorsCarryLineNumbers) {
  auto with = [](const std::string& line3) {
    return std::string("Demo,d,3,2,\nActor,Description,Influence,P1,S1,P2,S2,\n") + line3 +
           "\nB,second,20,60,40,10,20,\nC,third,30,80,10,90,10,\n";
  };
  struct Case {
    std::string text, needle;
  };
  const Case cases[] = {
      {with("A,first,10,20,60,40,50,"), "sum to 110"},
      {with("A,first,10,120,30,40,50,"), "position"},
      {with("A,first,0,20,30,40,50,"), "capability"},
      {with("A,first,ten,20,30,40,50,"), "capability"},
      {with("A,first,10,20,30,40,"), "field 7"},
      {with("A,first,10,20,0,40,0,"), "sum to 0"},
  };
  for (const auto& c : cases) {
    const Error e = expect_error([&] { io::import_ktab_csv(c.text, "bad.csv"); });
    EXPECT_EQ(e.location().line, 3) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.needle), std::string::npos) << e.what();
  }
  const Error count = expect_error([] {
    io::import_ktab_csv(
        "Demo,d,4,1,\nActor,Description,Influence,P,S\nA,a,1,2,3\nB,b,1,2,3\nC,c,1,2,3\n",
        "count.csv");
  });
  EXPECT_NE(std::string(count.what()).find("announces 4 actors"), std::string::npos)
      << count.what();
  const Error few = expect_error([] {
    io::import_ktab_csv("Demo,d,2,1,\nActor,Description,Influence,P,S\nA,a,1,2,3\nB,b,1,2,3\n",
                        "few.csv");
  });
  EXPECT_EQ(few.location().line, 1);
}

std::string xml_with(const std::string& parameters, const std::string& alice_coord = "50",
                     const std::string& extra = "") {
  return "<?xml version=\"1.0\"?>\n<Scenario><name>T</name><desc>d</desc><prngSeed>42</prngSeed>" +
         parameters +
         "<Dimensions><dName>One</dName></Dimensions><Actors>"
         "<Actor><name>Alice</name><description>a</description><capability>10</capability>"
         "<Position><dCoord>" +
         alice_coord +
         "</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>"
         "<Actor><name>Bob</name><description>b</description><capability>20</capability>"
         "<Position><dCoord>20</dCoord></Position><Salience><dSal>40</dSal></Salience></Actor>"
         "<Actor><name>Carol</name><description>c</description><capability>30</capability>"
         "<Position><dCoord>80</dCoord></Position><Salience><dSal>30</dSal></Salience></Actor>"
         "</Actors>" +
         extra + "</Scenario>\n";
}

const char* kXsdSpellings =
    "<ModelParameters><VictoryProbModel>Square</VictoryProbModel><PCEModel>Conditional</PCEModel>"
    "<StateTransitions>Deterministic</StateTransitions><VotingRule>Proportional</VotingRule>"
    "<BigRAdjust>No</BigRAdjust><BigRRange>Max</BigRRange><ThirdPartyCommit>SemiCommit</"
    "ThirdPartyCommit><InterVecBrgn>S1P1</InterVecBrgn><BargnModel>PWCompInterp</BargnModel>"
    "</ModelParameters>";

TEST(SmpImport, XmlAcceptsBothEnumSpellingsAndOptionalIdealAdjustment) {
  const std::string text = xml_with(kXsdSpellings);
  EXPECT_TRUE(io::looks_like_ktab_xml(text));
  const Scenario s = ktab_xml_text(text);
  EXPECT_EQ(std::get<std::string>(s.model->params.at("VotingRule")), "Prop");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("BigRAdjust")), "None");
  EXPECT_EQ(std::get<std::string>(s.model->params.at("VictoryProbModel")), "Square");
  EXPECT_EQ(s.section("smp"), nullptr);
  const Result r = run_smp(s);
  EXPECT_GE(r.trajectory.size(), 2u);
}

TEST(SmpImport, XmlErrorsNameTheElement) {
  std::string bad_enum = kXsdSpellings;
  bad_enum.replace(bad_enum.find("Square"), 6, "Cubed");
  const Error e1 = expect_error([&] { ktab_xml_text(xml_with(bad_enum)); });
  EXPECT_EQ(e1.location().path, "/Scenario/ModelParameters/VictoryProbModel");
  EXPECT_NE(std::string(e1.what()).find("Cubed"), std::string::npos);

  const Error e2 = expect_error([] { ktab_xml_text(xml_with("", "")); });
  EXPECT_EQ(e2.location().path, "/Scenario/Actors/Actor[1]/Position/dCoord[1]");
  EXPECT_NE(std::string(e2.what()).find("Alice"), std::string::npos);

  const Error e3 = expect_error([] { ktab_xml_text(xml_with("", "150")); });
  EXPECT_NE(std::string(e3.what()).find("position"), std::string::npos) << e3.what();

  const Error e4 = expect_error([] {
    ktab_xml_text(xml_with("", "50",
                           "<IdealAdjustment><iaPair><adjustingIdeal>Alice</adjustingIdeal>"
                           "<referencePos>Dave</referencePos><adjust>0.5</adjust></iaPair>"
                           "</IdealAdjustment>"));
  });
  EXPECT_EQ(e4.location().path, "/Scenario/IdealAdjustment/iaPair[1]/referencePos");
  EXPECT_NE(std::string(e4.what()).find("Dave"), std::string::npos);

  const Error e5 = expect_error([] {
    ktab_xml_text(xml_with("", "50",
                           "<IdealAdjustment><iaPair><adjustingIdeal>Alice</adjustingIdeal>"
                           "<referencePos>Bob</referencePos><adjust>0.5</adjust></iaPair>"
                           "</IdealAdjustment>"));
  });
  EXPECT_NE(std::string(e5.what()).find("sum to 1.5"), std::string::npos) << e5.what();

  const Error e6 = expect_error([] { ktab_xml_text("<Scenario><name>x</name>"); });
  EXPECT_GE(e6.location().line, 1);

  const Error e7 = expect_error(
      [] { ktab_xml_text("<?xml version=\"1.0\"?><Workbook><Worksheet/></Workbook>"); });
  EXPECT_NE(std::string(e7.what()).find("Spreadsheet"), std::string::npos);
}

// ---- turn 0 of KTAB's own 2017 logs (docs/models/smp.md section 9.3) -----

// Turn 0 of a shipped KTAB log: the inferred risk attitudes, each
// challenger's chosen target, and the four estimates KTAB prints per
// challenge ("Est by h of prob P that [i>j], with expected gain to k of dEU").
struct LoggedTurnZero {
  std::vector<double> risk;
  std::vector<std::pair<int, int>> targets;  // (challenger, target)
  struct Estimate {
    int h, i, j, k;
    double p, deu;
  };
  std::vector<Estimate> estimates;
};

LoggedTurnZero read_turn_zero(const std::string& file) {
  std::ifstream in(validation_file("ktab/reference/" + file));
  EXPECT_TRUE(in.good()) << file;
  LoggedTurnZero log;
  std::string line;
  bool in_risk = false;
  while (std::getline(in, line) && line.rfind("Bargains to be resolved", 0) != 0) {
    double value = 0;
    int h = 0, i = 0, j = 0, k = 0;
    double p = 0, deu = 0;
    if (line.rfind("Inferred risk attitudes", 0) == 0) {
      in_risk = log.risk.empty();
    } else if (in_risk && std::sscanf(line.c_str(), " %lf", &value) == 1) {
      log.risk.push_back(value);
    } else if (std::sscanf(line.c_str(), "In turn 0 actor %d has most advantageous target %d", &i,
                           &j) == 2) {
      in_risk = false;
      log.targets.emplace_back(i, j);
    } else if (std::sscanf(line.c_str(),
                           "Est by %d of prob %lf that [%d>%d], with expected gain to %d of %lf",
                           &h, &p, &i, &j, &k, &deu) == 6) {
      log.estimates.push_back({h, i, j, k, p, deu});
    } else {
      in_risk = false;
    }
  }
  return log;
}

// Every turn-0 number KTAB logged: risk attitudes to the 3 printed decimals,
// every challenger's target, and the probability and expected gain of each
// challenge as estimated by both principals for both, to the 4 printed
// decimals.
void expect_turn_zero_as_logged(const Scenario& scenario, const smp::Config& cfg,
                                const std::string& log_file) {
  const LoggedTurnZero log = read_turn_zero(log_file);
  const Prepared p = prepare(scenario);
  const int n = p.problem.n;
  ASSERT_EQ(static_cast<int>(log.risk.size()), n) << log_file;
  ASSERT_EQ(static_cast<int>(log.targets.size()), n) << log_file;
  ASSERT_EQ(log.estimates.size(), 4 * log.targets.size()) << log_file;
  const smp::RiskView view = smp::risk_view(p.problem, p.state, cfg);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(view.r[i], log.risk[i], 5e-4 + 1e-9) << "R of " << i;
  for (const auto& [i, logged] : log.targets) {
    int best = -1;
    double best_gain = 1e-5;
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      const double gain = smp::estimate(p.problem, view, cfg, i, i, i, j).deu;
      if (gain > best_gain) best = j, best_gain = gain;
    }
    EXPECT_EQ(best, logged) << "target of " << i;
  }
  for (const auto& e : log.estimates) {
    const smp::Estimate ours = smp::estimate(p.problem, view, cfg, e.h, e.k, e.i, e.j);
    EXPECT_NEAR(ours.p, e.p, 5e-5 + 1e-9) << "by " << e.h << " " << e.i << ">" << e.j;
    EXPECT_NEAR(ours.deu, e.deu, 5e-5 + 1e-9)
        << "by " << e.h << " " << e.i << ">" << e.j << " gain to " << e.k;
  }
}

TEST(SmpKtabLog, DummyData3DimTurnZeroAsLogged) {
  PARLEY_REQUIRE_DATA();
  expect_turn_zero_as_logged(ktab_csv("dummyData_3Dim.csv"), smp::Config{},
                             "20170530_ref-dummyData_3Dim.txt");
}

TEST(SmpKtabLog, SoePolCompTurnZeroAsLogged) {
  PARLEY_REQUIRE_DATA();
  expect_turn_zero_as_logged(ktab_csv("SOE-Pol-Comp.csv"), smp::Config{},
                             "20170530_ref-SOE-Pol-Comp.txt");
}

// The stochastic example: turn 0 is drawn before any random number is used.
TEST(SmpKtabLog, SmpExampleTurnZeroAsLogged) {
  PARLEY_REQUIRE_DATA();
  const Scenario s = smp_example_528();
  expect_turn_zero_as_logged(s, config_of(s), "20170530_ref-smpExample.txt");
}

}  // namespace
}  // namespace parley
