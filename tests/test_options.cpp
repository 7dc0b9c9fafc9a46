// The options every command shares (src/cli/options.h): one set of names and
// defaults, numeric options checked before a command runs, suggestions for
// mistyped names.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "parley/model.h"
#include "parley/params.h"
#include "scenario/suggest.h"
#include "test_support.h"

namespace parley {
namespace {

std::string parley() { return "'" + testing::parley_binary() + "'"; }
std::string two() { return testing::source_file("tests/data/two_issues.yaml"); }

testing::CommandResult cli(const std::string& args) {
  return testing::run_command(parley() + " " + args);
}

TEST(Options, NegativeOrAbsurdNumbersAreRefusedNamingTheOption) {
  // Before: "error: out of memory", exit 3.
  auto draws = cli("mc " + two() + " --draws -5 --no-store");
  EXPECT_EQ(draws.exit_code, 2);
  EXPECT_NE(draws.error.find("--draws"), std::string::npos) << draws.error;
  // Before: silently 18446744073709551615.
  auto seed = cli("run " + two() + " --seed -1");
  EXPECT_EQ(seed.exit_code, 2);
  EXPECT_NE(seed.error.find("--seed"), std::string::npos) << seed.error;
  EXPECT_EQ(seed.output, "");
  for (const char* bad :
       {"mc FILE --draws 0", "mc FILE --draws 1e12", "mc FILE --bins 0", "mc FILE --threads -2",
        "mc FILE --noise -1", "sensitivity FILE --confidence 1.5", "run FILE --max-memory 0",
        "mc FILE --draws 2.5", "run FILE --seed 18446744073709551616"}) {
    std::string args = bad;
    args.replace(args.find("FILE"), 4, two());
    const std::string option =
        args.substr(args.find("--"), args.find(' ', args.find("--")) - args.find("--"));
    auto direct = cli(args);
    EXPECT_EQ(direct.exit_code, 2) << bad;
    EXPECT_NE(direct.error.find(option), std::string::npos) << bad << ": " << direct.error;
  }
  // The largest seed is fine.
  EXPECT_EQ(cli("run " + two() + " --seed 18446744073709551615 --quiet").exit_code, 0);
}

// The test scenario without its `model:` line, and with `model_line` instead.
std::string scenario_with(const std::filesystem::path& dir, const std::string& name,
                          const std::string& model_line) {
  std::ifstream in(two());
  const std::string path = (dir / name).string();
  std::ofstream out(path);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("model:", 0) != 0) out << line << "\n";
  out << model_line;
  return path;
}

TEST(Options, EveryCommandDefaultsToTheScenariosModelElseCompromise) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-options-test";
  std::filesystem::create_directories(dir);
  const std::string none = scenario_with(dir, "none.yaml", "");
  const std::string median = scenario_with(dir, "median.yaml", "model: {name: median}\n");
  for (const auto& [file, model] : {std::pair{none, "compromise"}, std::pair{median, "median"}}) {
    // mc used to fail without --model.
    for (const std::string& args : {"run " + file, "mc " + file + " --draws 10 --no-store",
                                    "sensitivity " + file + " --no-store"}) {
      auto r = cli(args + " --format json --quiet");
      ASSERT_EQ(r.exit_code, 0) << args << r.error;
      EXPECT_EQ(nlohmann::json::parse(r.output)["model"], model) << args;
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(Options, OutputGoesWhereOutSays) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-options-out";
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "mc.csv").string();
  auto r = cli("mc " + two() + " --draws 10 --no-store -q --format csv -o " + out);
  ASSERT_EQ(r.exit_code, 0) << r.error;
  EXPECT_EQ(r.output, "");
  std::ifstream in(out);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "issue,n,mean,sd,min,q05,q25,median,q75,q95,max");
  std::filesystem::remove_all(dir);
}

TEST(Options, MistypedNamesGetASuggestion) {
  auto model = cli("run " + two() + " --model bmd");
  EXPECT_EQ(model.exit_code, 2);
  EXPECT_NE(model.error.find("did you mean 'bdm'?"), std::string::npos) << model.error;
  auto param = cli("run " + two() + " --set wieght=sal");
  EXPECT_EQ(param.exit_code, 2);
  EXPECT_NE(param.error.find("did you mean 'weight'?"), std::string::npos) << param.error;
  auto format = cli("run " + two() + " --format jsno");
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_NE(format.error.find("did you mean 'json'?"), std::string::npos) << format.error;
  auto from = cli("run " + two() + " --from ymal");
  EXPECT_EQ(from.exit_code, 2);
  EXPECT_NE(from.error.find("did you mean 'yaml'?"), std::string::npos) << from.error;
  auto command = cli("rnu " + two());
  EXPECT_EQ(command.exit_code, 2);
  EXPECT_NE(command.error.find("did you mean 'run'?"), std::string::npos) << command.error;
  // Far from every name: no guess.
  EXPECT_EQ(did_you_mean("zzzzzz", {"run", "mc"}), "");
  EXPECT_EQ(edit_distance("bmd", "bdm"), 1);  // one swap
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3);
}

TEST(Options, KtabNamesAreAliasesOfSmpsSnakeCaseParameters) {
  const ModelInfo& smp = find_model("smp");
  for (const auto& spec : smp.schema.specs)
    for (char c : spec.name) EXPECT_FALSE(c >= 'A' && c <= 'Z') << spec.name;
  const ParamSpec* spec = smp.schema.find("VictoryProbModel");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->name, "victory_prob_model");
  const Params resolved = resolve(smp.schema, {{"VotingRule", std::string("Binary")}}, "--set");
  EXPECT_EQ(std::get<std::string>(resolved.at("voting_rule")), "Binary");
  EXPECT_EQ(resolved.count("VotingRule"), 0u);
  auto listing = cli("models smp");
  EXPECT_NE(listing.output.find("(also VictoryProbModel)"), std::string::npos);
}

}  // namespace
}  // namespace parley
