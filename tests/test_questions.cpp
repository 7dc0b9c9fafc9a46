// Questions a scenario answers, sources dated after the scenario, and the
// flagship's own questions: parsing, validation, the model check, answers.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/output.h"
#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/questions.h"
#include "test_support.h"

namespace parley {
namespace {

const char* kBase =
    "parley: 1\n"
    "date: 2026-01-23\n"
    "sources:\n"
    "  - {id: early, date: 2026-01}\n"
    "  - {id: late, date: 2026-02-01}\n"
    "questions:\n"
    "  - id: land_by_2027\n"
    "    text: \"Where will the land line be?\"\n"
    "    quantity: forecast.land\n"
    "    rule: \"Area held by side B, in per cent.\"\n"
    "    date: 2027-01-31\n"
    "issues:\n"
    "  - id: land\n"
    "actors:\n"
    "  - {id: a, capability: 60, position: {land: 80}, salience: {land: 50}}\n"
    "  - {id: b, capability: 40, position: {land: 20}, salience: {land: 50}}\n";

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

Error error_of(const std::string& text) {
  try {
    parse_scenario(text, "q.yaml");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return Error("none");
}

Scenario flagship() { return load_scenario(testing::source_file("scenarios/ukraine-2026.yaml")); }

TEST(Questions, ParseAndRoundTripThroughYamlAndJson) {
  const Scenario s = parse_scenario(kBase, "q.yaml");
  ASSERT_EQ(s.questions.size(), 1u);
  const Question& q = s.questions[0];
  EXPECT_EQ(q.id, "land_by_2027");
  EXPECT_EQ(q.text, "Where will the land line be?");
  EXPECT_EQ(q.quantity, "forecast.land");
  EXPECT_EQ(q.rule, "Area held by side B, in per cent.");
  EXPECT_EQ(q.date, "2027-01-31");
  for (const std::string& text : {to_yaml(s), to_json(s)}) {
    const Scenario back = parse_scenario(text, "back");
    ASSERT_EQ(back.questions.size(), 1u);
    EXPECT_EQ(back.questions[0].rule, q.rule);
    EXPECT_EQ(back.questions[0].date, q.date);
    EXPECT_EQ(to_yaml(back), to_yaml(s));
  }
}

TEST(Questions, MalformedQuestionsAreErrorsAtTheirLine) {
  const Error missing =
      error_of(with(kBase, "    rule: \"Area held by side B, in per cent.\"\n", ""));
  EXPECT_EQ(missing.location().line, 7);
  EXPECT_NE(std::string(missing.what()).find("missing required field 'rule'"), std::string::npos);
  const Error date = error_of(with(kBase, "date: 2027-01-31", "date: 2027-13-01"));
  EXPECT_EQ(date.location().line, 11);
  EXPECT_GT(date.location().column, 0);
  const Error key =
      error_of(with(kBase, "    date: 2027-01-31\n", "    date: 2027-01-31\n    when: x\n"));
  EXPECT_NE(std::string(key.what()).find("unknown key 'when'"), std::string::npos);
  const Error issue = error_of(with(kBase, "quantity: forecast.land", "quantity: forecast.lands"));
  EXPECT_EQ(issue.location().line, 9);
  EXPECT_NE(std::string(issue.what()).find("'forecast.lands' names no issue"), std::string::npos);
  const Error duplicate = error_of(with(kBase, "issues:\n",
                                        "  - {id: land_by_2027, text: t, quantity: forecast.land, "
                                        "rule: r, date: 2027-01-01}\nissues:\n"));
  EXPECT_NE(std::string(duplicate.what()).find("duplicate question id"), std::string::npos);
}

TEST(Questions, AQuantityTheModelDoesNotAnswerIsAnErrorNamingIt) {
  Scenario s = flagship();
  const ModelInfo& war = find_model("war");
  const Params defaults = resolve(war.schema, {}, "");
  EXPECT_NO_THROW(check_questions(s, war, defaults));
  // The flagship's last month is 2029-01; no war run reports 2029-12.
  s.questions[1].quantity = "p_ceasefire_by.2029-12";
  try {
    check_questions(s, war, defaults);
    FAIL() << "an unknown quantity passed";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'p_ceasefire_by.2029-12'"), std::string::npos) << what;
    EXPECT_NE(what.find("question 'ceasefire_2027'"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean p_ceasefire_by.2029-01"), std::string::npos) << what;
    EXPECT_EQ(e.location().path, "questions[1].quantity");
    EXPECT_GT(e.location().line, 0);  // the line of the quantity in the file
  }
  // The compromise model answers forecast.ISSUE only.
  EXPECT_THROW(check_questions(flagship(), find_model("compromise"),
                               resolve(find_model("compromise").schema, {}, "")),
               Error);
}

TEST(Questions, TheWarLayerAnswersEachYearEndOfItsHorizonAndItsLastMonth) {
  const Scenario s = flagship();
  const ModelInfo& war = find_model("war");
  auto names = quantity_names(war, s, resolve(war.schema, {}, ""));
  auto has = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  // conflict.start 2026-02, horizon 36: periods 2026-02 .. 2029-01.
  for (const char* name :
       {"forecast.donbas", "p_ceasefire_by.2026-12", "p_ceasefire_by.2027-12",
        "p_ceasefire_by.2028-12", "p_ceasefire_by.2029-01", "regime_share.ceasefire",
        "regime_share.talks", "p_agreed.monitoring", "terms_if_agreed.donbas"})
    EXPECT_TRUE(has(name)) << name;
  EXPECT_FALSE(has("p_ceasefire_by.2026-11"));
  EXPECT_FALSE(has("p_ceasefire_by.2029-12"));
  names = quantity_names(war, s, resolve(war.schema, {{"horizon", 12.0}}, ""));
  EXPECT_TRUE(has("p_ceasefire_by.2026-12"));
  EXPECT_TRUE(has("p_ceasefire_by.2027-01"));
  EXPECT_FALSE(has("p_ceasefire_by.2027-12"));
}

TEST(Questions, ARunOfAnotherModelNotesTheQuestionsOnlyOthersAnswer) {
  Scenario s = flagship();
  const ModelInfo& compromise = find_model("compromise");
  const Params params = resolve(compromise.schema, {}, "");
  const auto notes = check_questions_for_run(s, compromise, params);
  ASSERT_EQ(notes.size(), 4u);  // every flagship question is the war layer's
  EXPECT_NE(notes[0].find("is answered by war, not by compromise"), std::string::npos) << notes[0];
  s.questions[0].quantity = "p_ceasefire_by.2026-13";  // no model answers a misspelt name
  EXPECT_THROW(check_questions_for_run(s, compromise, params), Error);
}

TEST(Questions, AnswersComeFromTheForecastAndTheNamedQuantities) {
  Scenario s = parse_scenario(kBase, "q.yaml");
  s.questions.push_back({"p", "P?", "p_ceasefire_by.2026-12", "rule", "2027-01-30"});
  s.questions.push_back({"none", "?", "regime_share.peace", "rule", "2027-01-30"});
  Result r;
  r.issue_ids = {"land"};
  r.forecast = {62.5};
  r.quantities.push_back({"p_ceasefire_by.2026-12", "P(ceasefire by 2026-12)", 0.25});
  const auto answers = answer_questions(s, r);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0].value, 62.5);
  EXPECT_EQ(answers[1].value, 0.25);
  EXPECT_FALSE(answers[2].value.has_value());
  const auto json = output::run_document(r, &s);
  ASSERT_EQ(json["questions"].size(), 3u);
  EXPECT_EQ(json["questions"][0]["id"], "land_by_2027");
  EXPECT_EQ(json["questions"][0]["value"], 62.5);
  EXPECT_EQ(json["questions"][0]["rule"], "Area held by side B, in per cent.");
  EXPECT_EQ(json["questions"][2]["value"], nullptr);
  // The table answers first; its answer lines fit 100 columns.
  const std::string table = output::to_table(json);
  const std::string text = table.substr(0, table.find("model "));
  EXPECT_NE(text.find("land_by_2027"), std::string::npos);
  EXPECT_NE(text.find("62.5"), std::string::npos);
  EXPECT_NE(text.find("n/a"), std::string::npos);
  for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    EXPECT_LE(end - start, 100u) << text;
}

TEST(Sources, LateSourcesAreFoundAtTheirOwnPrecision) {
  Scenario s = parse_scenario(kBase, "q.yaml");
  auto late = late_sources(s);
  // The scenario is frozen at the end of its month (2026-01): 2026-01 is
  // within it, 2026-02-01 is not.
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(std::string(late[0].what()).find("source 'late' is dated 2026-02-01"),
            std::string::npos);
  EXPECT_EQ(late[0].location().line, 5);
  s.sources[0].date = "2026-01-31";  // the month's last day is still knowable
  s.sources[1].date = "2026";        // a year-only date is compared by year
  EXPECT_TRUE(late_sources(s).empty());
  s.sources[0].date = "2027";
  s.sources[1].date = "2026-02";
  EXPECT_EQ(late_sources(s).size(), 2u);
  s.sources[1].note = "Published later; cited only for the line of January, public then.";
  late = late_sources(s);  // the codebook's exemption for facts already public
  ASSERT_EQ(late.size(), 1u);
  EXPECT_NE(std::string(late[0].what()).find("'early'"), std::string::npos);
  s.date.clear();
  EXPECT_TRUE(late_sources(s).empty());  // nothing to compare with
}

TEST(Sources, EveryLibraryCaseIsFrozenAtItsClockStart) {
  const auto dir = std::filesystem::path(testing::source_file("cases/wars"));
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no case library at " << dir;
  int cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++cases;
    for (const Error& late : late_sources(load_scenario(entry.path().string())))
      ADD_FAILURE() << late.what();
  }
  EXPECT_GT(cases, 0);
}

// The command line: the guard that keeps a case frozen at its date, the
// model check, and the answers printed first.
std::string parley() { return "'" + testing::parley_binary() + "'"; }
std::string flagship_path() {
  return "'" + testing::source_file("scenarios/ukraine-2026.yaml") + "'";
}

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

TEST(QuestionsCli, TheFlagshipValidatesStrictly) {
  const auto r = testing::run_command(parley() + " validate --strict " + flagship_path());
  EXPECT_EQ(r.exit_code, 0) << r.error;
  EXPECT_NE(r.output.find("4 questions (answered by model war)"), std::string::npos) << r.output;
  EXPECT_EQ(r.error, "");
}

TEST(QuestionsCli, ASourceDatedLaterFailsStrictAtItsLine) {
  std::ifstream in(testing::source_file("scenarios/ukraine-2026.yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const std::string anchor = "    date: 2026-01-02\n";  // deepstate_2025
  const auto at = text.find(anchor);
  ASSERT_NE(at, std::string::npos);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  text.replace(at, anchor.size(), "    date: 2026-02-16\n");
  const TempDir dir("parley-late-source");
  const std::string file = dir.write("late.yaml", text);
  const auto strict = testing::run_command(parley() + " validate --strict '" + file + "'");
  EXPECT_EQ(strict.exit_code, 2);
  const std::string where = file + ":" + std::to_string(line) + ":";
  EXPECT_NE(strict.error.find(where), std::string::npos) << strict.error;
  EXPECT_NE(strict.error.find("source 'deepstate_2025' is dated 2026-02-16"), std::string::npos)
      << strict.error;
  const auto lenient = testing::run_command(parley() + " validate '" + file + "'");
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_NE(lenient.error.find("warning: " + where), std::string::npos) << lenient.error;
}

TEST(QuestionsCli, AnUnknownQuantityIsAnErrorNamingIt) {
  const TempDir dir("parley-unknown-quantity");
  const std::string file =
      dir.write("q.yaml", with(kBase, "quantity: forecast.land", "quantity: p_peace.2026-12"));
  const auto r = testing::run_command(parley() + " validate '" + file + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.error.find(file + ":9:"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("does not answer quantity 'p_peace.2026-12'"), std::string::npos)
      << r.error;
  const auto run = testing::run_command(parley() + " run '" + file + "'");
  EXPECT_EQ(run.exit_code, 2);
  // --model: the flagship's questions are the war layer's, not the median's.
  const auto median =
      testing::run_command(parley() + " validate " + flagship_path() + " --model median");
  EXPECT_EQ(median.exit_code, 2);
  EXPECT_NE(median.error.find("model median does not answer"), std::string::npos);
}

TEST(QuestionsCli, ConvertKeepsTheQuestions) {
  const TempDir dir("parley-convert-questions");
  const std::string json = (dir.path / "f.json").string(), yaml = (dir.path / "f.yaml").string();
  ASSERT_EQ(testing::run_command(parley() + " convert " + flagship_path() + " --to json -o '" +
                                 json + "'")
                .exit_code,
            0);
  ASSERT_EQ(testing::run_command(parley() + " convert '" + json + "' --to yaml -o '" + yaml + "'")
                .exit_code,
            0);
  const Scenario original = flagship(), back = load_scenario(yaml);
  ASSERT_EQ(back.questions.size(), original.questions.size());
  for (size_t k = 0; k < back.questions.size(); ++k) {
    EXPECT_EQ(back.questions[k].quantity, original.questions[k].quantity);
    EXPECT_EQ(back.questions[k].rule, original.questions[k].rule);
    EXPECT_EQ(back.questions[k].date, original.questions[k].date);
    EXPECT_EQ(back.questions[k].text, original.questions[k].text);
    EXPECT_EQ(back.questions[k].id, original.questions[k].id);
  }
}

TEST(QuestionsCli, RunPrintsTheAnswersFirst) {
  const TempDir dir("parley-run-questions");
  const std::string file = dir.write("q.yaml", kBase);
  const auto table = testing::run_command(parley() + " run '" + file + "'");
  ASSERT_EQ(table.exit_code, 0) << table.error;
  EXPECT_EQ(table.output.rfind("question", 0), 0u) << table.output;  // before the model line
  EXPECT_LT(table.output.find("land_by_2027"), table.output.find("model compromise"));
  const auto json = testing::run_command(parley() + " run '" + file + "' --format json");
  ASSERT_EQ(json.exit_code, 0) << json.error;
  const auto j = nlohmann::json::parse(json.output);
  // c*s weights 60*.5 and 40*.5 on positions 80 and 20.
  EXPECT_NEAR(j["questions"][0]["value"].get<double>(), (30 * 80 + 20 * 20) / 50.0, 1e-9);
  EXPECT_EQ(j["questions"][0]["date"], "2027-01-31");
}

}  // namespace
}  // namespace parley
