// Malformed input: every case must give exit code 2 and one message naming the
// file, the line (and column where the format has one) or CSV row, and what
// was expected.  Runs the real `parley validate` command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace parley {
namespace {

struct Case {
  const char* name;
  const char* file;  // file name (extension drives detection)
  std::string content;
  const char* where;     // expected "file:line" or "file:line:column" fragment
  const char* expected;  // expected fragment of the explanation
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const std::string kHead = "parley: 1\ntitle: t\nissues:\n  - id: x\n";
const std::string kActor = "actors:\n  - id: p\n    capability: 1\n";

std::vector<Case> cases() {
  return {
      {"unknown_top_key", "a.yaml", kHead + kActor + "    position: {x: 1}\ncolour: red\n",
       "a.yaml:9:9", "unknown key 'colour'"},
      {"unknown_actor_key", "a.yaml", kHead + kActor + "    positon: {x: 1}\n", "a.yaml:8:14",
       "unknown key 'positon'"},
      {"missing_issues", "a.yaml", "parley: 1\n" + kActor + "    position: {x: 1}\n", "a.yaml:1:1",
       "missing required field 'issues'"},
      {"missing_actor_id", "a.yaml", kHead + "actors:\n  - capability: 1\n", "a.yaml:6:5",
       "missing required field 'id'"},
      {"missing_version", "a.yaml", "issues: []\nactors: []\n", "a.yaml:1:1",
       "missing required field 'parley'"},
      {"wrong_version", "a.yaml", "parley: 2\nissues: []\nactors: []\n", "a.yaml:1:9",
       "unsupported format version"},
      {"position_not_number", "a.yaml", kHead + kActor + "    position: {x: high}\n", "a.yaml:8:19",
       "expected a number"},
      {"quoted_number", "a.yaml", kHead + kActor + "    position: {x: \"40\"}\n", "a.yaml:8:19",
       "expected a number"},
      {"nan_position", "a.yaml", kHead + kActor + "    position: {x: .nan}\n", "a.yaml:8:19",
       "finite"},
      {"inf_capability", "a.yaml",
       kHead + "actors:\n  - id: p\n    capability: .inf\n    position: {x: 1}\n", "a.yaml:7:17",
       "finite"},
      {"zero_capability", "a.yaml",
       kHead + "actors:\n  - id: p\n    capability: 0\n    position: {x: 1}\n", "a.yaml:7:17",
       "capability 0 is outside (0, inf)"},
      {"negative_capability", "a.yaml",
       kHead + "actors:\n  - id: p\n    capability: -3\n    position: {x: 1}\n", "a.yaml:7:17",
       "outside (0, inf)"},
      {"salience_above_100", "a.yaml",
       kHead + kActor + "    position: {x: 1}\n    salience: {x: 140}\n", "a.yaml:9:19",
       "salience 140 is outside [0, 100]"},
      {"salience_negative", "a.yaml",
       kHead + kActor + "    position: {x: 1}\n    salience: {x: -1}\n", "a.yaml:9:19",
       "outside [0, 100]"},
      {"position_outside_scale", "a.yaml", kHead + kActor + "    position: {x: 101}\n",
       "a.yaml:8:19", "position 101 is outside [0, 100]"},
      {"unknown_issue_reference", "a.yaml", kHead + kActor + "    position: {y: 1}\n",
       "a.yaml:8:19", "unknown issue 'y'"},
      {"salience_without_position", "a.yaml",
       kHead + kActor + "    position: {x: 1}\n    salience: {z: 1}\n", "a.yaml:9:19",
       "unknown issue 'z'"},
      {"duplicate_actor_id", "a.yaml",
       kHead + kActor +
           "    position: {x: 1}\n  - id: p\n    capability: 1\n    position: {x: 2}\n",
       "a.yaml:9:9", "duplicate actor id 'p'"},
      {"duplicate_issue_id", "a.yaml", kHead + "  - id: x\n" + kActor + "    position: {x: 1}\n",
       "a.yaml:5:9", "duplicate issue id 'x'"},
      {"duplicate_key", "a.yaml", kHead + kActor + "    position: {x: 1}\n    position: {x: 2}\n",
       "a.yaml:9:5", "duplicate key 'position'"},
      {"empty_actor_list", "a.yaml", kHead + "actors: []\n", "a.yaml:5:9", "at least one actor"},
      {"empty_issue_list", "a.yaml", "parley: 1\nissues: []\n" + kActor + "    position: {}\n",
       "a.yaml:2:9", "at least one issue"},
      {"bad_scale", "a.yaml", "parley: 1\nissues:\n  - id: x\n    scale: [10, 0]\n" + kActor,
       "a.yaml:4:12", "low < high"},
      {"scale_not_list", "a.yaml", "parley: 1\nissues:\n  - id: x\n    scale: 100\n" + kActor,
       "a.yaml:4:12", "expected [low, high]"},
      {"tri_out_of_order", "a.yaml", kHead + kActor + "    position: {x: {tri: [5, 1, 9]}}\n",
       "a.yaml:8:25", "low <= mode <= high"},
      {"unknown_distribution", "a.yaml", kHead + kActor + "    position: {x: {beta: [1, 2]}}\n",
       "a.yaml:8:26", "unknown distribution 'beta'"},
      {"normal_negative_sd", "a.yaml", kHead + kActor + "    position: {x: {normal: [5, -1]}}\n",
       "a.yaml:8:28", "sd >= 0"},
      {"uniform_reaches_outside", "a.yaml",
       kHead + kActor + "    position: {x: {uniform: [50, 120]}}\n", "a.yaml:8:19",
       "reaches outside [0, 100]"},
      {"bad_date", "a.yaml", "parley: 1\ndate: 2026-13-01\n" + kHead.substr(10) + kActor,
       "a.yaml:2:7", "expected a date"},
      {"unknown_model", "a.yaml", kHead + kActor + "    position: {x: 1}\nmodel: {name: oracle}\n",
       "a.yaml:9:15", "unknown model 'oracle'"},
      {"unknown_model_parameter", "a.yaml",
       kHead + kActor + "    position: {x: 1}\nmodel: {name: compromise, params: {wieght: sal}}\n",
       "a.yaml:9:44", "unknown parameter 'wieght'"},
      {"bad_choice_value", "a.yaml",
       kHead + kActor +
           "    position: {x: 1}\nmodel: {name: compromise, params: {weight: votes}}\n",
       "a.yaml:9:44", "'votes' is not one of"},
      {"id_with_space", "a.yaml", "parley: 1\nissues:\n  - id: my issue\n" + kActor, "a.yaml:3:9",
       "must not contain spaces"},
      {"position_without_capability", "a.yaml",
       kHead + "actors:\n  - id: p\n    position: {x: 1}\n", "a.yaml:6:5", "no capability"},
      {"syntax_error", "a.yaml", "parley: 1\nissues: [\n", "a.yaml:3", "not valid YAML/JSON"},
      {"json_syntax_error", "a.json", "{\"parley\": 1, \"issues\": [}\n", "a.json:1:26",
       "not valid JSON"},
      {"json_wrong_type", "a.json",
       "{\"parley\": 1, \"issues\": {\"id\": \"x\"}, \"actors\": []}\n", "a.json:1:25",
       "expected a list"},
      {"scenario_not_map", "a.yaml", "- 1\n- 2\n", "a.yaml:1:1", "must be a map"},
      {"binary_file", "a.yaml", std::string("parley: 1\n\0\x01\x02", 13), "a.yaml:2",
       "not a text file"},
      {"invalid_utf8", "a.yaml", "parley: 1\ntitle: \"\xff\xfe\"\n", "a.yaml:2", "not valid UTF-8"},
      {"csv_missing_column", "a.csv", "actor,capability,position\nA,1,2\n", "a.csv:1",
       "missing a column for salience"},
      {"csv_not_number", "a.csv", "actor,capability,position,salience\nA,1,2,50\nB,lots,3,40\n",
       "a.csv:3:2", "expected a finite number, found 'lots'"},
      {"csv_zero_capability", "a.csv", "actor,capability,position,salience\nA,0,2,50\n",
       "a.csv:2:2", "capability must be > 0"},
      {"csv_missing_value", "a.csv", "actor,capability,position,salience\nA,1,,50\n", "a.csv:2:3",
       "missing value for position"},
      {"csv_unterminated_quote", "a.csv", "actor,capability,position,salience\n\"A,1,2,50\n",
       "a.csv:2", "unterminated quoted field"},
      {"csv_salience_out_of_range", "a.tsv", "name\tx\tc\ts\nA\t1\t1\t300\n", "a.tsv:2:4",
       "salience must lie"},
  };
}

class Malformed : public ::testing::TestWithParam<Case> {};

TEST_P(Malformed, ExitsWithCode2AndNamesTheLocation) {
  const Case& c = GetParam();
  const auto dir =
      std::filesystem::temp_directory_path() / ("parley-malformed-" + std::string(c.name));
  std::filesystem::create_directories(dir);
  const auto path = dir / c.file;
  {
    std::ofstream out(path, std::ios::binary);
    out << c.content;
  }
  const auto result = testing::run_command("cd '" + dir.string() + "' && '" +
                                           testing::parley_binary() + "' validate " + c.file);
  EXPECT_EQ(result.exit_code, 2) << result.error;
  EXPECT_NE(result.error.find(c.where), std::string::npos)
      << "expected location '" << c.where << "' in: " << result.error;
  EXPECT_NE(result.error.find(c.expected), std::string::npos)
      << "expected '" << c.expected << "' in: " << result.error;
  EXPECT_EQ(std::count(result.error.begin(), result.error.end(), '\n'), 1)
      << "one message: " << result.error;
  EXPECT_TRUE(result.output.empty()) << result.output;
  std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Cases, Malformed, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Malformed, HasAtLeastThirtyCases) { EXPECT_GE(cases().size(), 30u); }

}  // namespace
}  // namespace parley
