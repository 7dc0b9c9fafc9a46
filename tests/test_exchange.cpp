// The Decide reader and the exchange model
// (docs/models/exchange.md).  Reference numbers are the counts of
// data/exchange_model_climate/SOURCE.md and the hand-derived oracles of
// exchange.md section 5, plus one more hand derivation where the outcome cap
// binds.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "io/importers.h"
#include "models/exchange.h"
#include "models/model_infos.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/scenario.h"
#include "test_support.h"

namespace parley {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Scenario climate(const std::string& file) {
  const std::string path = testing::validation_file("exchange_model_climate/" + file);
  return io::import_decide(slurp(path), path);
}

int data_records(const Scenario& scenario) {
  int count = 0;
  for (const auto& actor : scenario.actors) count += static_cast<int>(actor.position.size());
  return count;
}

// The error that `text` raises, or a failed expectation.
Error import_error(const std::string& text) {
  try {
    io::import_decide(text, "test.tsv");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error("none");
}

// ---------------------------------------------------------------- reader

TEST(DecideImport, Cop21Counts) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s = climate("cop21_decide.tsv");
  EXPECT_EQ(s.actors.size(), 15u);
  EXPECT_EQ(s.issues.size(), 13u);
  EXPECT_EQ(data_records(s), 181);
  EXPECT_TRUE(s.warnings.empty());
}

TEST(DecideImport, CopenhagenCounts) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s = climate("copenhagen_decide.tsv");
  EXPECT_EQ(s.actors.size(), 11u);
  EXPECT_EQ(s.issues.size(), 7u);
  EXPECT_EQ(data_records(s), 75);
}

TEST(DecideImport, Cop21FirstRecordFields) {
  PARLEY_REQUIRE_VALIDATION();
  // Line 55 of the file: 'African_grp' 'differentiation' 70.0 0.75 0.25.
  const Scenario s = climate("cop21_decide.tsv");
  const Actor& african = s.actors.at(s.actor_index("African_grp"));
  EXPECT_DOUBLE_EQ(african.position.at("differentiation").nominal(), 70.0);
  EXPECT_DOUBLE_EQ(african.salience.at("differentiation").nominal(), 75.0);  // 0.75 -> 0..100
  EXPECT_DOUBLE_EQ(african.capability_by_issue.at("differentiation").nominal(), 0.25);
  EXPECT_EQ(s.issues.at(0).id, "differentiation");
  EXPECT_DOUBLE_EQ(s.issues.at(0).lo, 0.0);
  EXPECT_DOUBLE_EQ(s.issues.at(0).hi, 100.0);
  // Decide ids may contain blanks (Copenhagen file): the id becomes a slug,
  // the original text stays the name.
  const Scenario c = climate("copenhagen_decide.tsv");
  ASSERT_GE(c.actor_index("eu_incl_norway"), 0);
  EXPECT_EQ(c.actors.at(c.actor_index("eu_incl_norway")).name, "EU (incl Norway)");
}

TEST(DecideImport, DetectedByLoadScenario) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario s =
      load_scenario(testing::validation_file("exchange_model_climate/copenhagen_decide.tsv"));
  EXPECT_EQ(s.actors.size(), 11u);
  EXPECT_EQ(s.issues.size(), 7u);
  EXPECT_EQ(data_records(s), 75);
}

TEST(DecideImport, CommandLineReportsLineAndWarning) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-decide-cli";
  std::filesystem::create_directories(dir);
  const std::string bad = (dir / "bad.tsv").string(), flat = (dir / "flat.tsv").string();
  std::ofstream(bad) << "'#A'\t'x'\t'X'\t''\n'#P'\t'i'\t'I'\t''\n'#M'\t'i'\t0\n"
                        "'#M'\t'i'\t100\n'#D'\t'y'\t'i'\t50\t0.5\t1\n";
  std::ofstream(flat) << "'#A'\t'x'\t'X'\t''\n'#P'\t'i'\t'I'\t''\n'#M'\t'i'\t5\n"
                         "'#D'\t'x'\t'i'\t50\t0.5\t1\n";
  const auto failed = testing::run_command(testing::parley_binary() + " validate " + bad);
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_NE(failed.error.find("bad.tsv:5:2"), std::string::npos) << failed.error;
  const auto warned = testing::run_command(testing::parley_binary() + " validate " + flat);
  EXPECT_EQ(warned.exit_code, 0) << warned.error;
  EXPECT_NE(warned.error.find("lower = upper"), std::string::npos) << warned.error;
  std::filesystem::remove_all(dir);
}

TEST(DecideImport, SniffsItsRecords) {
  EXPECT_TRUE(io::looks_like_decide("'#A'\t'x'\t'X'\t''\n"));
  EXPECT_TRUE(io::looks_like_decide("\n#P;issue;Issue;\n"));
  EXPECT_TRUE(io::looks_like_decide("\xEF\xBB\xBF'#D','a','i',1,0.5,1\n"));
  EXPECT_FALSE(io::looks_like_decide("actor,capability,position,salience\n"));
  EXPECT_FALSE(io::looks_like_decide("#X\tfoo\n"));
  EXPECT_FALSE(io::looks_like_decide(""));
}

const char* kSmall =
    "'#A'\t'north'\t'North'\t'a comment'\n"
    "'#A'\t'south'\t'South'\t''\n"
    "'#P'\t'tax'\t'Tax rate'\t'percent'\n"
    "'#M'\t'tax'\t10\t'low'\n"
    "'#M'\t'tax'\t30\n"
    "'#M'\t'tax'\t50\t'high'\n"
    "'#D'\t'north'\t'tax'\t20\t0.5\t0.3\n"
    "'#D'\t'south'\t'tax'\t50\t1\t0.7\n";

TEST(DecideImport, NormalisesToPercentAndKeepsAnchors) {
  const Scenario s = io::import_decide(kSmall, "small.tsv");
  ASSERT_EQ(s.issues.size(), 1u);
  const Issue& tax = s.issues[0];
  EXPECT_DOUBLE_EQ(tax.lo, 0.0);
  EXPECT_DOUBLE_EQ(tax.hi, 100.0);
  // (20 - 10) * 100 / (50 - 10) = 25; (50 - 10) * 100 / 40 = 100.
  EXPECT_DOUBLE_EQ(s.actors[0].position.at("tax").nominal(), 25.0);
  EXPECT_DOUBLE_EQ(s.actors[1].position.at("tax").nominal(), 100.0);
  EXPECT_DOUBLE_EQ(s.actors[0].salience.at("tax").nominal(), 50.0);
  EXPECT_DOUBLE_EQ(s.actors[1].capability_by_issue.at("tax").nominal(), 0.7);
  ASSERT_EQ(tax.anchors.count(0.0), 1u);
  EXPECT_EQ(tax.anchors.at(0.0), "low");
  EXPECT_EQ(tax.anchors.at(100.0), "high");
  EXPECT_EQ(tax.anchors.at(50.0), "30");  // unlabelled point of a rescaled issue
  EXPECT_EQ(s.actors[0].name, "North");
  EXPECT_EQ(s.actors[0].note, "a comment");
}

std::string with_delimiter(std::string text, char delimiter) {
  for (char& ch : text)
    if (ch == '\t') ch = delimiter;
  return text;
}

TEST(DecideImport, SemicolonAndCommaForms) {
  const Scenario tab = io::import_decide(kSmall, "small.tsv");
  for (char delimiter : {';', ','}) {
    const Scenario other = io::import_decide(with_delimiter(kSmall, delimiter), "small.csv");
    ASSERT_EQ(other.actors.size(), 2u) << delimiter;
    EXPECT_DOUBLE_EQ(other.actors[0].position.at("tax").nominal(),
                     tab.actors[0].position.at("tax").nominal());
    EXPECT_DOUBLE_EQ(other.actors[1].salience.at("tax").nominal(), 100.0);
  }
}

TEST(DecideImport, UndeclaredActorNamesTheLine) {
  const Error e = import_error(
      "'#A'\t'x'\t'X'\t''\n"
      "'#P'\t'i'\t'I'\t''\n"
      "'#M'\t'i'\t0\n"
      "'#M'\t'i'\t100\n"
      "'#D'\t'y'\t'i'\t50\t0.5\t1\n");
  EXPECT_EQ(e.location().line, 5);
  EXPECT_EQ(e.location().file, "test.tsv");
  EXPECT_NE(e.detail().find("'y'"), std::string::npos) << e.what();
}

TEST(DecideImport, UndeclaredIssueNamesTheLine) {
  const Error e = import_error(
      "'#A'\t'x'\t'X'\t''\n"
      "'#P'\t'i'\t'I'\t''\n"
      "'#M'\t'i'\t0\n"
      "'#M'\t'i'\t100\n"
      "'#D'\t'x'\t'i'\t50\t0.5\t1\n"
      "\n"
      "'#D'\t'x'\t'j'\t50\t0.5\t1\n");
  EXPECT_EQ(e.location().line, 7);
  EXPECT_NE(e.detail().find("'j'"), std::string::npos) << e.what();
}

TEST(DecideImport, ScalePointOfUndeclaredIssue) {
  const Error e = import_error("'#P'\t'i'\t'I'\t''\n'#M'\t'k'\t0\n");
  EXPECT_EQ(e.location().line, 2);
}

TEST(DecideImport, BadRecordsNameLineAndColumn) {
  const std::string head = "'#A'\t'x'\t'X'\t''\n'#P'\t'i'\t'I'\t''\n'#M'\t'i'\t0\n'#M'\t'i'\t100\n";
  {
    const Error e = import_error(head + "'#D'\t'x'\t'i'\t50\t1.5\t1\n");  // salience > 1
    EXPECT_EQ(e.location().line, 5);
    EXPECT_EQ(e.location().column, 5);
  }
  {
    const Error e = import_error(head + "'#D'\t'x'\t'i'\t150\t0.5\t1\n");  // off the scale
    EXPECT_EQ(e.location().line, 5);
    EXPECT_EQ(e.location().column, 4);
  }
  {
    const Error e = import_error(head + "'#D'\t'x'\t'i'\t50\t0.5\t0\n");  // power 0
    EXPECT_EQ(e.location().line, 5);
    EXPECT_EQ(e.location().column, 6);
  }
  {
    const Error e = import_error(head + "'#D'\t'x'\t'i'\t50\t0.5\n");  // too few fields
    EXPECT_EQ(e.location().line, 5);
  }
  {
    const Error e = import_error(head + "'#D'\t'x'\t'i'\tabc\t0.5\t1\n");  // not a number
    EXPECT_EQ(e.location().line, 5);
  }
  {
    const Error e = import_error(head + "'#Q'\t'x'\n");  // unknown record
    EXPECT_EQ(e.location().line, 5);
  }
  {
    const Error e = import_error(head + "'#D'\t'x'\t'i'\t50\t0.5\t1\n'#D'\t'x'\t'i'\t60\t0.5\t1\n");
    EXPECT_EQ(e.location().line, 6);  // second record for the same actor and issue
  }
  {
    const Error e = import_error(head + "'#A'\t'x'\t'X again'\t''\n");
    EXPECT_EQ(e.location().line, 5);  // actor declared twice
  }
}

TEST(DecideImport, EqualBoundsWarn) {
  const Scenario s = io::import_decide(
      "'#A'\t'x'\t'X'\t''\n"
      "'#P'\t'i'\t'I'\t''\n"
      "'#M'\t'i'\t5\n"
      "'#M'\t'i'\t5\n"
      "'#D'\t'x'\t'i'\t40\t0.5\t1\n",
      "equal.tsv");
  ASSERT_EQ(s.warnings.size(), 1u);
  EXPECT_NE(s.warnings[0].find("lower = upper"), std::string::npos) << s.warnings[0];
  EXPECT_DOUBLE_EQ(s.actors[0].position.at("i").nominal(), 40.0);  // read as 0-100
}

// ---------------------------------------------------------------- one round

// Two actors, two issues, capability 1 (exchange.md section 5): actor 0 = "A", actor 1 = "B".
exchange::Board two_by_two(double b_salience_p, double b_salience_q) {
  exchange::Board board;
  board.actors = 2;
  board.issues = 2;
  board.position = {100, 0, 0, 100};  // A: p, q; B: p, q
  board.salience = {0.8, 0.2, b_salience_p, b_salience_q};
  board.capability = {1, 1, 1, 1};
  return board;
}

TEST(ExchangeOracle, FullMovesBothWays) {
  const exchange::Board board = two_by_two(0.2, 0.8);
  const exchange::RoundResult round = exchange::run_round(board, {}, 1);
  EXPECT_NEAR(round.outcome_start[0], 80.0, 1e-9);
  EXPECT_NEAR(round.outcome_start[1], 80.0, 1e-9);
  ASSERT_EQ(round.exchanges.size(), 1u);
  const exchange::Exchange& e = round.exchanges[0];
  EXPECT_EQ(e.supplier_p, 1);  // B supplies p
  EXPECT_EQ(e.supplier_q, 0);  // A supplies q
  EXPECT_NEAR(e.shift_p, 100.0, 1e-9);
  EXPECT_NEAR(e.shift_q, 100.0, 1e-9);
  EXPECT_NEAR(e.outcome_shift_p, 20.0, 1e-9);
  EXPECT_NEAR(e.outcome_shift_q, 20.0, 1e-9);
  EXPECT_NEAR(e.gain, 12.0, 1e-9);
  EXPECT_NEAR(round.voting[board.at(0, 1)], 100.0, 1e-9);  // A_q
  EXPECT_NEAR(round.voting[board.at(1, 0)], 100.0, 1e-9);  // B_p
  EXPECT_NEAR(round.outcome[0], 100.0, 1e-9);
  EXPECT_NEAR(round.outcome[1], 100.0, 1e-9);
  // Step 5 with s = 0.2 for both suppliers: a = 0.8 * 0.4 + 0.1 = 0.42.
  EXPECT_NEAR(round.next[board.at(0, 1)], 42.0, 1e-9);
  EXPECT_NEAR(round.next[board.at(1, 0)], 42.0, 1e-9);
  EXPECT_DOUBLE_EQ(round.next[board.at(0, 0)], 100.0);  // demand side does not move
  EXPECT_DOUBLE_EQ(round.next[board.at(1, 1)], 100.0);
}

TEST(ExchangeOracle, SecondSizingWhenTheFirstOvershoots) {
  const exchange::Board board = two_by_two(0.4, 0.6);
  const exchange::RoundResult round = exchange::run_round(board, {}, 1);
  EXPECT_NEAR(round.outcome_start[0], 66.6666666667, 1e-9);
  EXPECT_NEAR(round.outcome_start[1], 75.0, 1e-9);
  ASSERT_EQ(round.exchanges.size(), 1u);
  const exchange::Exchange& e = round.exchanges[0];
  EXPECT_EQ(e.supplier_p, 1);
  EXPECT_EQ(e.supplier_q, 0);
  EXPECT_NEAR(e.shift_q, 100.0, 1e-9);  // A moves fully on q
  EXPECT_NEAR(e.shift_p, 50.0, 1e-9);   // B shifts 50 on p
  EXPECT_NEAR(e.outcome_shift_q, 25.0, 1e-9);
  EXPECT_NEAR(e.outcome_shift_p, 16.6666666667, 1e-9);
  EXPECT_NEAR(e.gain, 8.3333333333, 1e-9);
  EXPECT_NEAR(round.outcome[0], 83.3333333333, 1e-9);
  EXPECT_NEAR(round.outcome[1], 100.0, 1e-9);
  EXPECT_NEAR(round.next[board.at(0, 1)], 42.0, 1e-9);  // 0.58 * 0 + 0.42 * 100
  EXPECT_NEAR(round.next[board.at(1, 0)], 17.0, 1e-9);  // 0.66 * 0 + 0.34 * 50
}

// Hand derivation (rules of exchange.md section 3) where the outcome cap binds: a third actor C
// on p only.  A: p 60 (s .8), q 0 (s .2); B: p 0 (s .2), q 100 (s .8);
// C: p 100 (s .1).  D_p = 1.1, O_p = 58/1.1 = 52.727; O_q = 80.  B's full move
// would carry O_p to 63.6, past A at 60, so dp = 60 - 580/11 = 80/11; B's
// shift = dp * 1.1 / 0.2 = 40; dq = dp (0.8 + 0.2) / (0.2 + 0.8) = 80/11;
// A's shift = dq / 0.2 = 400/11; gain = dp (0.64 - 0.04) / 1 = 48/11.
TEST(ExchangeOracle, OutcomeCapStopsAtTheDemander) {
  exchange::Board board;
  board.actors = 3;
  board.issues = 2;
  board.position = {60, 0, 0, 100, 100, kNaN};
  board.salience = {0.8, 0.2, 0.2, 0.8, 0.1, 0};
  board.capability = {1, 1, 1, 1, 1, 0};
  const exchange::RoundResult round = exchange::run_round(board, {}, 1);
  EXPECT_NEAR(round.outcome_start[0], 580.0 / 11, 1e-9);
  ASSERT_EQ(round.exchanges.size(), 1u);
  const exchange::Exchange& e = round.exchanges[0];
  EXPECT_EQ(e.supplier_p, 1);
  EXPECT_EQ(e.supplier_q, 0);
  EXPECT_NEAR(e.shift_p, 40.0, 1e-9);
  EXPECT_NEAR(e.shift_q, 400.0 / 11, 1e-9);
  EXPECT_NEAR(e.gain, 48.0 / 11, 1e-9);
  EXPECT_NEAR(round.outcome[0], 60.0, 1e-9);  // exactly on A's position
  EXPECT_NEAR(round.outcome[1], 80.0 + 80.0 / 11, 1e-9);
}

// Actors 0 and 1 are identical, so their exchanges with actor 2 tie exactly.
exchange::Board tied_board() {
  exchange::Board board;
  board.actors = 3;
  board.issues = 2;
  board.position = {100, 0, 100, 0, 0, 100};
  board.salience = {0.8, 0.2, 0.8, 0.2, 0.2, 0.8};
  board.capability = {1, 1, 1, 1, 1, 1};
  return board;
}

TEST(ExchangeTie, FirstTakesTheLowestIndex) {
  const exchange::RoundResult round = exchange::run_round(tied_board(), {}, 1);
  ASSERT_FALSE(round.exchanges.empty());
  EXPECT_EQ(round.exchanges[0].supplier_q, 0);
  EXPECT_EQ(round.exchanges[0].supplier_p, 2);
}

TEST(ExchangeTie, RandomDependsOnTheSeedOnly) {
  std::set<int> first_partners;
  for (std::uint64_t seed = 1; seed <= 32; ++seed) {
    exchange::Settings settings;
    settings.random_tie = true;
    settings.seed = seed;
    const exchange::RoundResult a = exchange::run_round(tied_board(), settings, 1);
    const exchange::RoundResult b = exchange::run_round(tied_board(), settings, 1);
    ASSERT_FALSE(a.exchanges.empty());
    EXPECT_EQ(a.exchanges[0].supplier_q, b.exchanges[0].supplier_q);
    EXPECT_EQ(a.outcome, b.outcome);
    first_partners.insert(a.exchanges[0].supplier_q);
  }
  // 32 fair draws between two candidates all alike: probability 2^-31.
  EXPECT_EQ(first_partners, (std::set<int>{0, 1}));
}

TEST(ExchangeOracle, NoExchangeOnOneSide) {
  // Both actors at O_q = 0 on q (ties count as left): nobody can trade.
  exchange::Board board = two_by_two(0.2, 0.8);
  board.position = {100, 0, 0, 0};
  const exchange::RoundResult round = exchange::run_round(board, {}, 1);
  EXPECT_TRUE(round.exchanges.empty());
  EXPECT_EQ(round.next, board.position);
}

// ---------------------------------------------------------------- full model

Instance two_by_two_instance(double b_salience_p, double b_salience_q) {
  Instance instance(2, 2);
  instance.actor_ids = {"A", "B"};
  instance.actor_names = {"A", "B"};
  instance.frames.resize(2);
  instance.frames[0].id = "p";
  instance.frames[1].id = "q";
  instance.set(0, 0, 100, 0.8, 1);
  instance.set(0, 1, 0, 0.2, 1);
  instance.set(1, 0, 0, b_salience_p, 1);
  instance.set(1, 1, 100, b_salience_q, 1);
  return instance;
}

Result run_exchange(const Instance& instance, Params params = {}, std::uint64_t seed = 1) {
  RunContext context;
  context.seed = seed;
  context.explain = true;
  return run_model(find_model("exchange"), instance, params, context);
}

// Result::table() without relying on its definition in the library.
const Table* find_table(const Result& result, const std::string& name) {
  for (const auto& table : result.tables)
    if (table.name == name) return &table;
  return nullptr;
}

double cell_number(const Table& table, std::size_t row, const std::string& column) {
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c] == column) return std::get<double>(table.rows.at(row).at(c));
  ADD_FAILURE() << "no column " << column;
  return kNaN;
}

std::string cell_text(const Table& table, std::size_t row, const std::string& column) {
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c] == column) return std::get<std::string>(table.rows.at(row).at(c));
  ADD_FAILURE() << "no column " << column;
  return {};
}

TEST(ExchangeModel, OneRoundMatchesTheOracle) {
  const Result r = run_exchange(two_by_two_instance(0.4, 0.6), {{"rounds", 1.0}});
  ASSERT_EQ(r.forecast.size(), 2u);
  EXPECT_NEAR(r.forecast[0], 83.3333333333, 1e-9);
  EXPECT_NEAR(r.forecast[1], 100.0, 1e-9);
  EXPECT_EQ(r.status[0], "ok");
  ASSERT_EQ(r.trajectory.size(), 2u);  // round 0 and round 1
  EXPECT_NEAR(r.trajectory[0].mean[0], 66.6666666667, 1e-9);
  EXPECT_NEAR(r.trajectory[1].mean[1], 100.0, 1e-9);
  EXPECT_NEAR(r.trajectory[1].positions[1 * 2 + 0], 50.0, 1e-9);  // B's voting position on p

  const Table* exchanges = find_table(r, "exchanges");
  ASSERT_NE(exchanges, nullptr);
  ASSERT_EQ(exchanges->rows.size(), 1u);
  EXPECT_EQ(cell_text(*exchanges, 0, "actor_a"), "B");
  EXPECT_EQ(cell_text(*exchanges, 0, "issue_a"), "p");
  EXPECT_NEAR(cell_number(*exchanges, 0, "shift_a"), 50.0, 1e-9);
  EXPECT_EQ(cell_text(*exchanges, 0, "actor_b"), "A");
  EXPECT_NEAR(cell_number(*exchanges, 0, "shift_b"), 100.0, 1e-9);
  EXPECT_NEAR(cell_number(*exchanges, 0, "gain"), 8.3333333333, 1e-9);

  const Table* adjustments = find_table(r, "adjustments");
  ASSERT_NE(adjustments, nullptr);
  ASSERT_EQ(adjustments->rows.size(), 2u);  // A on q, B on p (actor order)
  EXPECT_EQ(cell_text(*adjustments, 0, "actor"), "A");
  EXPECT_NEAR(cell_number(*adjustments, 0, "next"), 42.0, 1e-9);
  EXPECT_EQ(cell_text(*adjustments, 1, "actor"), "B");
  EXPECT_NEAR(cell_number(*adjustments, 1, "next"), 17.0, 1e-9);
}

TEST(ExchangeModel, SecondRoundStartsFromAdjustedPositions) {
  // Round 2 starts from A_q = 42, B_p = 17 (exchange.md section 5, case 2), so its starting
  // outcomes are O_p = (0.8 * 100 + 0.4 * 17) / 1.2 = 72.333 and
  // O_q = (0.2 * 42 + 0.6 * 100) / 0.8 = 85.5.
  exchange::Board board;
  board.actors = 2;
  board.issues = 2;
  board.position = {100, 42, 17, 100};
  board.salience = {0.8, 0.2, 0.4, 0.6};
  board.capability = {1, 1, 1, 1};
  const exchange::RoundResult second = exchange::run_round(board, {}, 2);
  EXPECT_NEAR(second.outcome_start[0], 86.8 / 1.2, 1e-9);
  EXPECT_NEAR(second.outcome_start[1], 85.5, 1e-9);

  const Result r = run_exchange(two_by_two_instance(0.4, 0.6),
                                {{"rounds", 2.0}, {"stop", std::string("fixed_rounds")}});
  const Table* adjustments = find_table(r, "adjustments");
  ASSERT_NE(adjustments, nullptr);
  int second_round_rows = 0;
  for (std::size_t row = 0; row < adjustments->rows.size(); ++row) {
    if (cell_number(*adjustments, row, "round") != 2.0) continue;
    ++second_round_rows;
    const double expected = cell_text(*adjustments, row, "actor") == "A" ? 42.0 : 17.0;
    EXPECT_NEAR(cell_number(*adjustments, row, "start"), expected, 1e-9);
  }
  EXPECT_EQ(second_round_rows, 2);
  EXPECT_NEAR(r.trajectory.at(2).mean[0], second.outcome[0], 1e-12);
  EXPECT_NEAR(r.trajectory.at(2).mean[1], second.outcome[1], 1e-12);
}

TEST(ExchangeModel, IssueScaleIsMappedBothWays) {
  // The same oracle on a 0-10 scale for p and -50..50 for q.
  Instance instance(2, 2);
  instance.actor_ids = {"A", "B"};
  instance.actor_names = {"A", "B"};
  instance.frames.resize(2);
  instance.frames[0] = {"p", "p", 0, 10, std::nullopt};
  instance.frames[1] = {"q", "q", -50, 50, std::nullopt};
  instance.set(0, 0, 10, 0.8, 1);
  instance.set(0, 1, -50, 0.2, 1);
  instance.set(1, 0, 0, 0.4, 1);
  instance.set(1, 1, 50, 0.6, 1);
  const Result r = run_exchange(instance, {{"rounds", 1.0}});
  EXPECT_NEAR(r.forecast[0], 8.33333333333, 1e-9);
  EXPECT_NEAR(r.forecast[1], 50.0, 1e-9);
}

TEST(ExchangeModel, SingleIssueIsTheWeightedMean) {
  Instance instance(3, 1);
  instance.actor_ids = {"a", "b", "c"};
  instance.actor_names = instance.actor_ids;
  instance.frames.resize(1);
  instance.frames[0].id = "only";
  instance.set(0, 0, 0, 0.5, 2);
  instance.set(1, 0, 50, 1.0, 1);
  instance.set(2, 0, 100, 0.25, 4);
  // (0 * 1 + 50 * 1 + 100 * 1) / 3 = 50.
  const Result r = run_exchange(instance);
  EXPECT_NEAR(r.forecast[0], 50.0, 1e-12);
  EXPECT_EQ(r.trajectory.size(), 2u);  // round 0 and the quiet round 1
  EXPECT_EQ(find_table(r, "exchanges")->rows.size(), 0u);
  const Result fixed = run_exchange(instance, {{"stop", std::string("fixed_rounds")}});
  EXPECT_EQ(fixed.trajectory.size(), 11u);
  EXPECT_NEAR(fixed.forecast[0], 50.0, 1e-12);
}

TEST(ExchangeModel, RejectsAdjustmentShareAboveOne) {
  EXPECT_THROW(run_exchange(two_by_two_instance(0.2, 0.8), {{"w_sal", 0.8}, {"w_fix", 0.5}}),
               Error);
}

// ---------------------------------------------------------------- invariants

exchange::Board board_of(const Instance& instance) {
  exchange::Board board;
  board.actors = instance.actors();
  board.issues = instance.issues();
  for (int a = 0; a < board.actors; ++a)
    for (int d = 0; d < board.issues; ++d) {
      board.position.push_back(instance.has(a, d) ? instance.position(a, d) : kNaN);
      board.salience.push_back(instance.has(a, d) ? instance.salience(a, d) : 0.0);
      board.capability.push_back(instance.has(a, d) ? instance.capability(a, d) : 0.0);
    }
  return board;
}

// Replays every round of the model on a 0-100 instance and checks, for each
// realised exchange: equal gains recomputed from the outcome shifts and the
// saliences, outcomes within [0, 100], no outcome carried past the demander,
// supply moves in one direction per actor-issue with total <= 100.
void check_invariants(const Instance& instance, bool random_tie) {
  exchange::Board board = board_of(instance);
  exchange::Settings settings;
  settings.random_tie = random_tie;
  settings.seed = 7;
  int total = 0;
  for (int r = 1; r <= 10; ++r) {
    const exchange::RoundResult round = exchange::run_round(board, settings, r);
    std::vector<double> y = board.position;
    std::vector<double> moved(y.size(), 0.0);
    std::vector<int> direction(y.size(), 0);
    for (const auto& e : round.exchanges) {
      ++total;
      const int bp = board.at(e.supplier_p, e.p), bq = board.at(e.supplier_p, e.q);
      const int ap = board.at(e.supplier_q, e.p), aq = board.at(e.supplier_q, e.q);
      const double before_p = exchange::outcome(board, y, e.p);
      const double before_q = exchange::outcome(board, y, e.q);
      y[bp] += e.shift_p;
      y[aq] += e.shift_q;
      const double after_p = exchange::outcome(board, y, e.p);
      const double after_q = exchange::outcome(board, y, e.q);
      EXPECT_NEAR(after_p - before_p, e.outcome_shift_p, 1e-9);
      EXPECT_NEAR(after_q - before_q, e.outcome_shift_q, 1e-9);
      // Equal gains: A (supplier on q) gains on p, B on q.
      const double dp = std::abs(e.outcome_shift_p), dq = std::abs(e.outcome_shift_q);
      const double gain_a = dp * board.salience[ap] - dq * board.salience[aq];
      const double gain_b = dq * board.salience[bq] - dp * board.salience[bp];
      EXPECT_NEAR(gain_a, gain_b, 1e-9);
      EXPECT_NEAR(gain_a, e.gain, 1e-9);
      EXPECT_GT(e.gain, 0.0);
      for (double o : {after_p, after_q}) {
        EXPECT_GE(o, -1e-9);
        EXPECT_LE(o, 100 + 1e-9);
      }
      // The outcome moves towards the demander and does not pass it.
      EXPECT_GE((board.position[ap] - after_p) * (e.outcome_shift_p > 0 ? 1 : -1), -1e-9);
      EXPECT_GE((board.position[bq] - after_q) * (e.outcome_shift_q > 0 ? 1 : -1), -1e-9);
      for (auto [k, shift] : {std::pair{bp, e.shift_p}, std::pair{aq, e.shift_q}}) {
        const int dir = shift > 0 ? 1 : -1;
        EXPECT_TRUE(direction[k] == 0 || direction[k] == dir);
        direction[k] = dir;
        moved[k] += std::abs(shift);
        EXPECT_LE(moved[k], 100 + 1e-9);
        EXPECT_GE(y[k], -1e-9);
        EXPECT_LE(y[k], 100 + 1e-9);
      }
    }
    for (std::size_t k = 0; k < y.size(); ++k)
      if (!std::isnan(y[k])) {
        EXPECT_NEAR(y[k], round.voting[k], 1e-9);
      }
    board.position = round.next;
  }
  EXPECT_GT(total, 0);
}

TEST(ExchangeInvariants, Cop21) {
  PARLEY_REQUIRE_VALIDATION();
  const Instance instance = nominal_instance(climate("cop21_decide.tsv"));
  check_invariants(instance, false);
  check_invariants(instance, true);
}

TEST(ExchangeInvariants, Copenhagen) {
  PARLEY_REQUIRE_VALIDATION();
  check_invariants(nominal_instance(climate("copenhagen_decide.tsv")), false);
}

TEST(ExchangeSmoke, SameForecastAfterYamlRoundTrip) {
  PARLEY_REQUIRE_VALIDATION();
  const Scenario imported = climate("cop21_decide.tsv");
  const Scenario reread = parse_scenario(to_yaml(imported), "cop21.yaml");
  const Result a = run_exchange(nominal_instance(imported));
  const Result b = run_exchange(nominal_instance(reread));
  ASSERT_EQ(a.forecast.size(), b.forecast.size());
  for (std::size_t d = 0; d < a.forecast.size(); ++d) EXPECT_EQ(a.forecast[d], b.forecast[d]);
}

TEST(ExchangeSmoke, ClimateFilesRunAndAreDeterministic) {
  PARLEY_REQUIRE_VALIDATION();
  for (const char* file : {"cop21_decide.tsv", "copenhagen_decide.tsv"}) {
    const Instance instance = nominal_instance(climate(file));
    for (const std::string tie : {"first", "random"}) {
      const Params params{{"exchange_tie", tie}, {"stop", std::string("fixed_rounds")}};
      const Result a = run_exchange(instance, params, 42);
      const Result b = run_exchange(instance, params, 42);
      ASSERT_EQ(a.forecast.size(), static_cast<std::size_t>(instance.issues())) << file;
      EXPECT_EQ(a.trajectory.size(), 11u) << file;
      for (std::size_t d = 0; d < a.forecast.size(); ++d) {
        EXPECT_EQ(a.status[d], "ok");
        EXPECT_GE(a.forecast[d], 0.0);
        EXPECT_LE(a.forecast[d], 100.0);
        EXPECT_EQ(a.forecast[d], b.forecast[d]) << file << " issue " << d;
      }
      EXPECT_FALSE(find_table(a, "exchanges")->rows.empty()) << file;
      EXPECT_EQ(find_table(a, "exchanges")->rows, find_table(b, "exchanges")->rows) << file;
      for (std::size_t r = 0; r < a.trajectory.size(); ++r)
        for (std::size_t d = 0; d < a.forecast.size(); ++d) {
          EXPECT_GE(a.trajectory[r].mean[d], -1e-9);
          EXPECT_LE(a.trajectory[r].mean[d], 100 + 1e-9);
        }
    }
  }
}

}  // namespace
}  // namespace parley
