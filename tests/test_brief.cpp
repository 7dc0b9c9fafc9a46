// The run's brief with other results on the same scenario (docs/result-format.md,
// "The brief: what other results add"): `parley run --with` a compare document
// shows its agreement, an advice document its top-ranked move; a result made
// from another scenario is refused (exit 2).  Expected lines are made from the
// documents `parley compare` and `parley advise` print, not written here.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include "io/output.h"
#include "io/text_table.h"
#include "test_support.h"

namespace parley {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string parley_cmd() { return "'" + testing::parley_binary() + "'"; }
std::string flagship() { return "'" + testing::source_file("scenarios/ukraine-2026.yaml") + "'"; }

// A directory of this test's files, removed at the end.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

json read_json(const std::string& path) {
  std::ifstream in(path);
  return json::parse(in);
}

// The static models compared on the flagship (cheap; the war layer is not needed).
constexpr const char* kModels = "compromise,median,exchange,bdm,nbs";

// The flagship's compare and advice documents, made once for the suite.
struct Results {
  TempDir dir{"parley-brief"};
  std::string compare = dir.file("compare.json"), advice = dir.file("advice.json");
  Results() {
    const auto c = testing::run_command(parley_cmd() + " compare " + flagship() + " --models " +
                                        kModels + " --format json -o '" + compare + "'");
    EXPECT_EQ(c.exit_code, 0) << c.error;
    const auto a = testing::run_command(parley_cmd() + " advise " + flagship() +
                                        " --model compromise --actor ukraine --draws 4 "
                                        "--format json -o '" +
                                        advice + "'");
    EXPECT_EQ(a.exit_code, 0) << a.error;
  }
};

const Results& results() {
  static const Results* shared = new Results();  // made once: two command runs
  return *shared;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(text.substr(start, end - start));
  return out;
}

// The brief: the first 25 lines of the output (it has at most that many).
std::string brief_of(const std::string& output) {
  size_t end = 0;
  for (int line = 0; line < 25 && end != std::string::npos; ++line)
    end = output.find('\n', end + 1);
  return output.substr(0, end);
}

// The models of a compare document that forecast some issue (those the
// spread is over).
size_t forecasting(const json& compare) {
  size_t n = 0;
  for (const json& model : compare["models"]) {
    bool any = false;
    for (const auto& [issue, value] : model["forecast"].items()) any = any || !value.is_null();
    n += any ? 1 : 0;
  }
  return n;
}

TEST(BriefCli, AgreementLineIsTheCompareDocumentsSpread) {
  const json compare = read_json(results().compare);
  const auto r = testing::run_command(parley_cmd() + " run " + flagship() +
                                      " --model compromise --with '" + results().compare + "'");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  // The numbers, from the compare document.
  size_t agree = 0;
  double widest = 0;
  std::vector<std::string> disagree;
  for (const json& issue : compare["issues"]) {
    const double width = issue["hi"].get<double>() - issue["lo"].get<double>();
    const double spread = issue["spread"].get<double>();
    if (issue["disagree"].get<bool>()) {
      disagree.push_back(fmt::format("{} by {:.1f}", issue["issue"].get<std::string>(), spread));
    } else {
      ++agree;
      widest = std::max(widest, 100 * spread / width);
    }
  }
  ASSERT_FALSE(disagree.empty()) << "the flagship's models should disagree somewhere";
  ASSERT_GT(agree, 0u);
  const std::string brief = brief_of(r.output);
  const std::string lead =
      fmt::format("{} models agree within {:.0f}% of the scale on {} of {} issues; disagree on",
                  forecasting(compare), widest, agree, compare["issues"].size());
  EXPECT_NE(brief.find(lead), std::string::npos) << brief;
  for (const std::string& issue : disagree)
    EXPECT_NE(brief.find(issue), std::string::npos) << brief;
  // Within 25 lines and 100 columns.
  const auto lines = lines_of(r.output);
  ASSERT_GE(lines.size(), 25u);
  EXPECT_LE(std::count(brief.begin(), brief.end(), '\n'), 25) << brief;
  for (const auto& line : lines) EXPECT_LE(io::display_width(line), 100u) << line;
}

TEST(BriefCli, LeverLineIsAdvisesTopRankedMove) {
  const json advice = read_json(results().advice);
  ASSERT_FALSE(advice["moves"].empty());
  const json& top = advice["moves"][0];
  const auto r = testing::run_command(parley_cmd() + " run " + flagship() +
                                      " --model compromise --with '" + results().advice + "'");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  // advise's own table ranks the same move first.
  const auto table = testing::run_command(parley_cmd() + " advise " + flagship() +
                                          " --model compromise --actor ukraine --draws 4");
  ASSERT_EQ(table.exit_code, 0) << table.error;
  const std::string first_row = fmt::format("   1  {:<10}  {}", top["lever"].get<std::string>(),
                                            top["move"].get<std::string>().substr(0, 20));
  EXPECT_NE(table.output.find(first_row), std::string::npos) << table.output;
  // The brief's lines joined: wrapping may break the line anywhere between words.
  std::string joined;
  for (const auto& line : lines_of(brief_of(r.output) + "\n")) {
    size_t from = line.find_first_not_of(' ');
    joined += (joined.empty() ? "" : " ") + line.substr(from == std::string::npos ? 0 : from);
  }
  const std::string expected = fmt::format(
      "Strongest lever for ukraine (advise under compromise): {}; {} {:+.4f} [{:+.4f}, {:+.4f}] "
      "(90%), first of {} moves",
      top["move"].get<std::string>(), advice["goal"]["text"].get<std::string>(),
      top["effect"].get<double>(), top["interval"][0].get<double>(),
      top["interval"][1].get<double>(), advice["moves"].size());
  EXPECT_NE(joined.find(expected), std::string::npos) << joined;
}

TEST(BriefCli, BothResultsInTheJsonAndTheBriefWithin25LinesAnd100Columns) {
  const auto r = testing::run_command(parley_cmd() + " run " + flagship() +
                                      " --model compromise --format json --with '" +
                                      results().compare + "' --with '" + results().advice + "'");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const json run = json::parse(r.output);
  const json compare = read_json(results().compare);
  EXPECT_EQ(run["scenario_fingerprint"], compare["scenario_fingerprint"]);
  ASSERT_EQ(run["agreement"]["issues"].size(), compare["issues"].size());
  for (size_t i = 0; i < compare["issues"].size(); ++i)
    EXPECT_EQ(run["agreement"]["issues"][i]["spread"], compare["issues"][i]["spread"]);
  EXPECT_EQ(run["lever"]["move"], read_json(results().advice)["moves"][0]["move"]);
  // The same document as a table: the brief holds both lines and every issue.
  const std::string brief = output::run_brief(output::Json(run));
  const auto lines = lines_of(brief);
  EXPECT_LE(lines.size(), 25u) << brief;
  for (const auto& line : lines) EXPECT_LE(io::display_width(line), 100u) << line;
  EXPECT_NE(brief.find("models agree within"), std::string::npos) << brief;
  EXPECT_NE(brief.find("Strongest lever for ukraine"), std::string::npos) << brief;
  for (const json& issue : run["issues"])
    EXPECT_NE(brief.find("\n" + issue.get<std::string>() + " "), std::string::npos) << brief;
}

// `run --compare` compares every model first, as `parley compare` does with
// the same seed and --set: the same spreads.
TEST(BriefCli, CompareOnTheFlyGivesTheCompareCommandsSpreads) {
  const auto r = testing::run_command(parley_cmd() + " run " + flagship() +
                                      " --set draws=40 --compare --format json");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  const auto c = testing::run_command(parley_cmd() + " compare " + flagship() +
                                      " --set draws=40 --format json");
  ASSERT_EQ(c.exit_code, 0) << c.error;
  const json run = json::parse(r.output), compare = json::parse(c.output);
  ASSERT_EQ(run["agreement"]["issues"].size(), compare["issues"].size());
  // procedural forecasts no issue of the flagship: it is not counted.
  ASSERT_EQ(run["agreement"]["models"].size(), forecasting(compare));
  EXPECT_LT(forecasting(compare), compare["models"].size());
  for (size_t i = 0; i < compare["issues"].size(); ++i) {
    EXPECT_EQ(run["agreement"]["issues"][i]["spread"], compare["issues"][i]["spread"]);
    EXPECT_EQ(run["agreement"]["issues"][i]["disagree"], compare["issues"][i]["disagree"]);
  }
}

TEST(BriefCli, AResultOfAnotherScenarioIsRefused) {
  TempDir dir("parley-brief-other");
  const std::string other = dir.file("other.json");
  const auto c = testing::run_command(
      parley_cmd() + " compare '" + testing::source_file("examples/two-issues/coalition.yaml") +
      "' --models compromise,median --format json -o '" + other + "'");
  ASSERT_EQ(c.exit_code, 0) << c.error;
  const auto r = testing::run_command(parley_cmd() + " run " + flagship() +
                                      " --model compromise --with '" + other + "'");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.error.find(other), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("another scenario"), std::string::npos) << r.error;
  EXPECT_TRUE(r.output.empty()) << r.output;
  // A fingerprint edited by hand does not match either.
  json edited = read_json(results().compare);
  std::string sha = edited["scenario_fingerprint"].get<std::string>();
  sha[0] = sha[0] == '0' ? '1' : '0';
  edited["scenario_fingerprint"] = sha;
  const std::string tampered = dir.file("tampered.json");
  std::ofstream(tampered) << edited.dump(2);
  const auto t = testing::run_command(parley_cmd() + " run " + flagship() +
                                      " --model compromise --with '" + tampered + "'");
  EXPECT_EQ(t.exit_code, 2) << t.output;
  EXPECT_NE(t.error.find("scenario_fingerprint"), std::string::npos) << t.error;
}

TEST(BriefCli, OtherKindsUnfingerprintedAndSecondResultsAreRefused) {
  TempDir dir("parley-brief-kinds");
  const std::string run_json = dir.file("run.json");
  ASSERT_EQ(testing::run_command(parley_cmd() + " run " + flagship() +
                                 " --model compromise --format json -o '" + run_json + "'")
                .exit_code,
            0);
  const auto kind = testing::run_command(parley_cmd() + " run " + flagship() +
                                         " --model compromise --with '" + run_json + "'");
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_NE(kind.error.find("kind 'run'"), std::string::npos) << kind.error;
  json old = read_json(results().compare);
  old.erase("scenario_fingerprint");
  const std::string unmarked = dir.file("old.json");
  std::ofstream(unmarked) << old.dump(2);
  const auto missing = testing::run_command(parley_cmd() + " run " + flagship() +
                                            " --model compromise --with '" + unmarked + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.error.find("no scenario_fingerprint"), std::string::npos) << missing.error;
  const auto twice =
      testing::run_command(parley_cmd() + " run " + flagship() + " --model compromise --with '" +
                           results().compare + "' --with '" + results().compare + "'");
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.error.find("one of each kind"), std::string::npos) << twice.error;
  const auto broken_path = dir.file("broken.json");
  std::ofstream(broken_path) << "{\"kind\": \"compare\",";
  const auto broken = testing::run_command(parley_cmd() + " run " + flagship() +
                                           " --model compromise --with '" + broken_path + "'");
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.error.find(broken_path + ":1:"), std::string::npos) << broken.error;
}

TEST(BriefCli, TheFingerprintIsTheSameWhateverTheFileFormat) {
  // The same scenario read from YAML and from its JSON form has one fingerprint.
  TempDir dir("parley-brief-format");
  const std::string as_json = dir.file("flagship.json");
  ASSERT_EQ(testing::run_command(parley_cmd() + " convert " + flagship() + " --to json -o '" +
                                 as_json + "'")
                .exit_code,
            0);
  const auto yaml = testing::run_command(parley_cmd() + " run " + flagship() +
                                         " --model compromise --format json");
  const auto from_json = testing::run_command(parley_cmd() + " run '" + as_json +
                                              "' --model compromise --format json");
  ASSERT_EQ(yaml.exit_code, 0) << yaml.error;
  ASSERT_EQ(from_json.exit_code, 0) << from_json.error;
  const std::string sha = json::parse(yaml.output)["scenario_fingerprint"].get<std::string>();
  EXPECT_EQ(sha.size(), 64u);
  EXPECT_EQ(sha, json::parse(from_json.output)["scenario_fingerprint"].get<std::string>());
  // One position moved: another scenario, another fingerprint.
  json edited = read_json(as_json);
  edited["actors"][0]["position"]["donbas"] = 1;
  std::ofstream(as_json) << edited.dump(2);
  const auto moved = testing::run_command(parley_cmd() + " run '" + as_json +
                                          "' --model compromise --format json");
  ASSERT_EQ(moved.exit_code, 0) << moved.error;
  EXPECT_NE(sha, json::parse(moved.output)["scenario_fingerprint"].get<std::string>());
}

// advise's table keeps every label whole within 100 columns: a label longer
// than its 40 columns goes on over the next lines of that column.
TEST(AdviceTable, LongLabelsWrapWithinTheirColumn) {
  output::Json doc = {{"kind", "advice"},
                      {"parley_version", "x"},
                      {"model", "war"},
                      {"params", output::Json::object()},
                      {"seed", 1},
                      {"actor", "ukraine"},
                      {"goal", {{"kind", "utility"}, {"text", "expected utility"}}},
                      {"replicates", 4},
                      {"runs", 10},
                      {"baseline", 0.5}};
  const std::string long_label =
      "switch on security_guarantees_with_a_monitoring_force_of_forty_thousand and more words "
      "after it";
  doc["moves"] = {{{"lever", "events"},
                   {"move", long_label},
                   {"score", 0.6},
                   {"effect", 0.1},
                   {"interval", {0.05, 0.15}}},
                  {{"lever", "position"},
                   {"move", "position donbas 40 -> 45"},
                   {"score", 0.55},
                   {"effect", 0.05},
                   {"interval", {0.01, 0.09}}}};
  doc["best"] = {
      {"moves", {long_label}}, {"score", 0.6}, {"effect", 0.1}, {"interval", {0.05, 0.15}}};
  doc["notes"] = output::Json::array();
  const std::string table = output::to_table(doc);
  std::string column;  // the move column's text, read back from the rows
  bool in_moves = false;
  for (const auto& line : lines_of(table)) {
    EXPECT_LE(io::display_width(line), 100u) << line;
    if (line.rfind("rank", 0) == 0) in_moves = true;
    if (!in_moves || line.empty()) continue;
    if (line.rfind("best", 0) == 0) break;
    if (line.size() > 18) column += line.substr(18, 40);
  }
  // Every piece of the label is in the move column, in order.
  std::string squeezed;
  for (char c : column)
    if (c != ' ') squeezed += c;
  std::string label_squeezed;
  for (char c : long_label)
    if (c != ' ') label_squeezed += c;
  EXPECT_NE(squeezed.find(label_squeezed), std::string::npos) << table;
}

}  // namespace
}  // namespace parley
