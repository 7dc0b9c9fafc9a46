// The `parley` command end to end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace parley {
namespace {

std::string parley() { return "'" + testing::parley_binary() + "'"; }
std::string fixture() { return "'" + testing::source_file("tests/data/two_issues.yaml") + "'"; }

TEST(Cli, VersionAndHelp) {
  auto v = testing::run_command(parley() + " --version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.output.find("parley "), std::string::npos);
  for (const char* cmd : {"run", "validate", "models", "convert"}) {
    auto h = testing::run_command(parley() + " " + cmd + " --help");
    EXPECT_EQ(h.exit_code, 0) << cmd;
    EXPECT_NE(h.output.find("Usage"), std::string::npos) << cmd;
  }
}

TEST(Cli, RunJsonHasTheDocumentedFields) {
  auto r = testing::run_command(parley() + " run " + fixture() + " --format json --seed 7");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["model"], "compromise");
  EXPECT_EQ(j["seed"], 7);
  EXPECT_EQ(j["params"]["weight"], "cap_sal");
  ASSERT_TRUE(j["forecast"].contains("land"));
  // land: c*s weights 30*.95, 60*.8, 20*.4 on positions 10, 90, 50.
  const double expected = (28.5 * 10 + 48 * 90 + 8 * 50) / (28.5 + 48 + 8);
  EXPECT_NEAR(j["forecast"]["land"].get<double>(), expected, 1e-9);
  ASSERT_EQ(j["trajectory"].size(), 1u);
  const auto& round = j["trajectory"][0];
  EXPECT_EQ(round["round"], 0);
  EXPECT_EQ(round["positions"]["b"]["land"], 90);
  EXPECT_TRUE(round["median"].contains("money"));
  EXPECT_TRUE(round["mean"].contains("money"));
  EXPECT_EQ(j["scenario"]["actors"][1]["name"], "俄罗斯");
}

TEST(Cli, SetOverridesTheScenarioModel) {
  auto r = testing::run_command(parley() + " run " + fixture() +
                                " --model median --set weight=none --format json");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_EQ(j["model"], "median");
  EXPECT_EQ(j["forecast"]["land"], 50);  // unweighted lower median of 10, 50, 90
  auto bad = testing::run_command(parley() + " run " + fixture() + " --set weight");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.error.find("expected name=value"), std::string::npos) << bad.error;
}

TEST(Cli, TableOutputShowsActorNamesAligned) {
  // The per-actor tables are under --explain (the default output is the brief).
  auto r = testing::run_command(parley() + " run " + fixture() + " --explain");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  EXPECT_NE(r.output.find("俄罗斯"), std::string::npos);
  EXPECT_NE(r.output.find("Україна"), std::string::npos);
  EXPECT_NE(r.output.find("forecast"), std::string::npos);
}

TEST(Cli, ConvertRoundTripsThroughYamlAndJson) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-cli-convert";
  std::filesystem::create_directories(dir);
  const std::string y = (dir / "s.yaml").string(), j = (dir / "s.json").string();
  ASSERT_EQ(
      testing::run_command(parley() + " convert " + fixture() + " --to json -o " + j).exit_code, 0);
  ASSERT_EQ(testing::run_command(parley() + " convert " + j + " --to yaml -o " + y).exit_code, 0);
  auto a = testing::run_command(parley() + " run " + fixture() + " --format json");
  auto b = testing::run_command(parley() + " run " + y + " --format json");
  auto ja = nlohmann::json::parse(a.output), jb = nlohmann::json::parse(b.output);
  EXPECT_EQ(ja["forecast"], jb["forecast"]);
  std::filesystem::remove_all(dir);
}

TEST(Cli, AFailedRunLeavesAnExistingOutputFileUntouched) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-cli-atomic";
  std::filesystem::create_directories(dir);
  const auto out = dir / "result.json";
  {
    std::ofstream f(out);
    f << "previous result";
  }
  auto r =
      testing::run_command(parley() + " run " + fixture() + " --model nope -o " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  std::ifstream f(out);
  std::string content((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(content, "previous result");
  size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary file may be left behind";
  std::filesystem::remove_all(dir);
}

TEST(Cli, ModelsListsEveryModelWithParameters) {
  auto r = testing::run_command(parley() + " models");
  ASSERT_EQ(r.exit_code, 0);
  for (const char* m : {"compromise", "median", "nbs"})
    EXPECT_NE(r.output.find(m), std::string::npos) << m;
  EXPECT_NE(r.output.find("median_tie"), std::string::npos);
}

}  // namespace
}  // namespace parley
