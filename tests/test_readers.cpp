// What the readers say about data they do not read, or read differently
// from how it is written: unknown table columns are named in a warning,
// `parley validate --explain` prints how each column was read, and
// saliences follow one scale convention in every format
// (docs/scenario-format.md, "Salience scale").
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "parley/error.h"
#include "parley/io.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

// Writes `content` to a fresh temporary file named `name`; returns its path.
std::string temp_file(const std::string& name, const std::string& content) {
  const fs::path dir = fs::temp_directory_path() / "parley-readers";
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << content;
  return (dir / name).string();
}

testing::CommandResult validate(const std::string& args) {
  return testing::run_command("'" + testing::parley_binary() + "' validate " + args);
}

bool has_warning(const Scenario& s, const std::string& part) {
  return std::any_of(s.warnings.begin(), s.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

// ---- unknown columns and the column mapping -----------------------------------

TEST(Readers, UnknownTableColumnsAreNamedInAWarning) {
  // Before: the region column was dropped without a word.
  const std::string path =
      temp_file("region.csv", "name,clout,x,s,region\nA,1,10,50,north\nB,2,40,80,south\n");
  const auto r = validate("'" + path + "'");
  EXPECT_EQ(r.exit_code, 0) << r.error;
  EXPECT_NE(r.error.find("parley: warning: " + path + ": column 5 'region' not read (unknown"),
            std::string::npos)
      << r.error;
  EXPECT_NE(r.output.find("ok: 2 actors"), std::string::npos) << r.output;
}

TEST(Readers, EveryFormatWarnsAboutColumnsItDoesNotRead) {
  const std::string long_csv = "case,actor,position,colour\nc1,a,50,red\nc1,b,60,blue\n";
  EXPECT_TRUE(has_warning(parse_scenario(long_csv, "l.csv"), "column 4 'colour' not read"));
  const std::string deu = "prnr\tisnr\tout\tpcom\tscom\tnotes\nd00001\td00001i1\t50\t40\t50\tx\n";
  EXPECT_TRUE(has_warning(parse_scenario(deu, "d.tsv"), "column 6 'notes' not read"));
  // Columns a format reads, under any of their spellings, give no warning.
  const Scenario s =
      parse_scenario("Stakeholder,Resources,Position,Salience\nA,1,10,50\n", "a.csv");
  EXPECT_FALSE(has_warning(s, "not read"));
}

TEST(Readers, ValidateExplainPrintsTheColumnMapping) {
  // Before: --explain was not an option of validate.
  const std::string path =
      temp_file("explain.csv", "name,clout,x,s,region\nA,1,10,50,north\nB,2,40,80,south\n");
  const auto r = validate("--explain '" + path + "'");
  EXPECT_EQ(r.exit_code, 0) << r.error;
  for (const char* line : {"  1       name                            actor\n",
                           "  2       clout                           capability\n",
                           "  3       x                               position\n",
                           "  4       s                               salience\n",
                           "  5       region                          not read (unknown column)\n"})
    EXPECT_NE(r.output.find(line), std::string::npos) << line << "in:\n" << r.output;
  const auto yaml =
      validate("--explain '" + testing::source_file("scenarios/ukraine-2026.yaml") + "'");
  EXPECT_EQ(yaml.exit_code, 0) << yaml.error;
  EXPECT_NE(yaml.output.find("no columns to map"), std::string::npos) << yaml.output;
}

TEST(Readers, ColumnsRecordWhatEachHeaderWasReadAs) {
  const Scenario s = parse_scenario(
      "case_id,actor_id,position_0_100,influence_0_100,tag:year\nc,a,10,1,2001\n", "l.csv");
  ASSERT_EQ(s.columns.size(), 5u);
  EXPECT_EQ(s.columns[0].header, "case_id");
  EXPECT_EQ(s.columns[0].use, "case");
  EXPECT_EQ(s.columns[2].use, "position");
  EXPECT_EQ(s.columns[3].use, "capability");
  EXPECT_EQ(s.columns[4].use, "tag year");
  EXPECT_EQ(s.columns[4].column, 5);
}

TEST(Readers, ShippedTablesReadEveryColumn) {
  PARLEY_REQUIRE_VALIDATION();
  for (const char* file : {"deu/deu_dev.tsv", "ktab/dummyData-a160.csv",
                           "ktab_china_2014/actors.csv", "emission_standards_bdm1994/actors.csv"}) {
    const Scenario s = load_scenario(testing::validation_file(file));
    EXPECT_FALSE(has_warning(s, "not read")) << file;
    EXPECT_FALSE(s.columns.empty()) << file;
  }
}

// ---- one salience convention ---------------------------------------------------

const char* const kFractionWarning = "every salience lies within 0..1: read as fractions";

TEST(Readers, FractionalSaliencesAreReadAlikeInYamlJsonAndTables) {
  // Before: YAML kept 0.5 as 0.5 (on 0-100) without a word, while the CSV
  // importer multiplied by 100 and warned.
  const std::string yaml =
      "parley: 1\nissues: [{id: x}]\nactors:\n"
      "  - {id: a, capability: 1, position: {x: 10}, salience: {x: 0.5}}\n"
      "  - {id: b, capability: 1, position: {x: 90}, salience: {x: {tri: [0.2, 0.3, 1]}}}\n";
  const std::string json =
      "{\"parley\": 1, \"issues\": [{\"id\": \"x\"}], \"actors\": [{\"id\": \"a\", "
      "\"capability\": 1, \"position\": {\"x\": 10}, \"salience\": {\"x\": 0.5}}, {\"id\": \"b\", "
      "\"capability\": 1, \"position\": {\"x\": 90}, \"salience\": {\"x\": 1}}]}";
  const std::string csv = "actor,capability,position,salience\na,1,10,0.5\nb,1,90,1\n";
  const std::string long_csv = "case,actor,position,salience\nx,a,10,0.5\nx,b,90,1\n";
  for (const auto& [text, name] : {std::pair{yaml, "a.yaml"}, std::pair{json, "a.json"},
                                   std::pair{csv, "a.csv"}, std::pair{long_csv, "l.csv"}}) {
    SCOPED_TRACE(name);
    const Scenario s = parse_scenario(text, name);
    EXPECT_TRUE(has_warning(s, kFractionWarning));
    const std::string issue = s.issues[0].id;
    EXPECT_DOUBLE_EQ(s.actors[0].salience.at(issue).nominal(), 50);
  }
  const Scenario tri = parse_scenario(yaml, "a.yaml");
  EXPECT_DOUBLE_EQ(tri.actors[1].salience.at("x").a(), 20);
  EXPECT_DOUBLE_EQ(tri.actors[1].salience.at("x").c(), 100);
}

TEST(Readers, SaliencesOnTheHundredScaleAreKept) {
  // One salience above 1 decides: the file is on 0-100.
  const Scenario s = parse_scenario(
      "parley: 1\nissues: [{id: x}]\nactors:\n"
      "  - {id: a, capability: 1, position: {x: 10}, salience: {x: 0.5}}\n"
      "  - {id: b, capability: 1, position: {x: 90}, salience: {x: 2}}\n",
      "a.yaml");
  EXPECT_FALSE(has_warning(s, kFractionWarning));
  EXPECT_DOUBLE_EQ(s.actors[0].salience.at("x").nominal(), 0.5);
  // All zero is not a fraction either.
  EXPECT_FALSE(has_warning(
      parse_scenario("actor,capability,position,salience\na,1,10,0\n", "a.csv"), kFractionWarning));
}

TEST(Readers, TheFlagshipAndTheTestScenariosLoadUnchanged) {
  // Every salience of the flagship as written in the file (spot checks) and no
  // rescaling warning; likewise the scenarios the tests and fuzzers use.
  const Scenario s = load_scenario(testing::source_file("scenarios/ukraine-2026.yaml"));
  EXPECT_TRUE(s.warnings.empty());
  const Actor& ukraine = s.actors[static_cast<std::size_t>(s.actor_index("ukraine"))];
  EXPECT_DOUBLE_EQ(ukraine.salience.at("donbas").nominal(), 95);
  EXPECT_DOUBLE_EQ(ukraine.salience.at("crimea").c(), 75);
  for (const char* file : {"tests/data/two_issues.yaml", "fuzz/corpus/yaml/small.yaml",
                           "fuzz/corpus/json/small.json", "tests/data/report/scenario.json"})
    EXPECT_FALSE(has_warning(load_scenario(testing::source_file(file)), kFractionWarning)) << file;
}

}  // namespace
}  // namespace parley
