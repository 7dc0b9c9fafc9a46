// Malformed input: every case must give exit code 2 and one message naming the
// file, the line (and column where the format has one) or CSV row, and what
// was expected.  Runs the real `parley validate` command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "resource_limits.h"
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
const std::string kCsv = "actor,capability,position,salience\n";
const std::string kKtabXml = [] {
  std::string actors;
  for (const char* name : {"A", "B", "A"})
    actors += std::string("<Actor><name>") + name +
              "</name><capability>1</capability><Position><dCoord>10</dCoord></Position>"
              "<Salience><dSal>10</dSal></Salience></Actor>";
  return "<Scenario><Dimensions><dName>d</dName></Dimensions><Actors>" + actors +
         "</Actors></Scenario>\n";
}();
// Billion laughs: each level repeats the one before four times (4^20 values).
const std::string kAliasBomb = [] {
  std::string text = "parley: 1\na0: &a0 [lol, lol, lol, lol]\n";
  for (int k = 1; k <= 20; ++k) {
    const std::string prev = "*a" + std::to_string(k - 1);
    text += "a" + std::to_string(k) + ": &a" + std::to_string(k) + " [" + prev + ", " + prev +
            ", " + prev + ", " + prev + "]\n";
  }
  return text;
}();

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
      // Tables are as strict as documents: duplicate ids, ragged rows, cells
      // that do not parse (with the column's name), ambiguous headers.
      {"csv_duplicate_actor", "a.csv", kCsv + "A,1,2,50\nB,1,3,40\nA,2,3,40\n", "a.csv:4:1",
       "actor 'A' appears twice (first at line 2)"},
      {"csv_row_with_extra_field", "a.csv", kCsv + "A,1,2,50\nB,1,3,40,north\n", "a.csv:3:5",
       "line 3 has a value in field 5 ('north') but the header (line 1) has 4 columns"},
      {"csv_short_row", "a.csv", kCsv + "A,1,2,50\nB,1,3\n", "a.csv:3",
       "line 3 has 3 fields but the header (line 1) has 4 columns; the first missing is "
       "'salience'"},
      {"csv_cell_names_its_column", "a.csv", "name,clout,x,s\nA,lots,2,50\n", "a.csv:2:2",
       "line 2, column 2 ('clout'): expected a finite number, found 'lots'"},
      {"csv_two_columns_for_one_field", "a.csv",
       "actor,capability,position,x,salience\nA,1,2,3,4\n", "a.csv:1:4",
       "columns 3 ('position') and 4 ('x') both give the position"},
      {"csv_text_after_closing_quote", "a.csv", kCsv + "\"A\" B,1,2,50\n", "a.csv:2:1",
       "text after the closing quote"},
      {"csv_cr_line_ends", "a.csv", "actor,capability,position,salience\rA,1,2,50\rB,x,3,40\r",
       "a.csv:3:2", "expected a finite number, found 'x'"},
      {"ktab_csv_duplicate_actor", "k.csv",
       "S,D,3,1\nActor,Description,Power,P,S\nA,a,1,10,10\nB,b,1,20,10\nA,c,1,30,10\n", "k.csv:5:1",
       "actor 'A' appears twice (first at line 3)"},
      {"ktab_csv_extra_field", "k.csv",
       "S,D,3,1\nActor,Description,Power,P,S\nA,a,1,10,10\nB,b,1,20,10,99\nC,c,1,30,10\n",
       "k.csv:4:6", "has a value in field 6 ('99') after the 5 fields of an actor"},
      {"ktab_xml_duplicate_actor", "k.xml", kKtabXml, "k.xml:1:", "actor 'A' appears twice"},
      {"deu_duplicate_column", "d.tsv",
       "prnr\tisnr\tout\tpcom\tscom\tout\nd00001\td00001i1\t50\t40\t50\t60\n", "d.tsv:1:6",
       "two columns are named 'out' (columns 3 and 6)"},
      {"deu_row_with_extra_field", "d.tsv",
       "prnr\tisnr\tout\tpcom\tscom\nd00001\td00001i1\t50\t40\t50\t7\n", "d.tsv:2:6",
       "line 2 has a value in field 6"},
      {"decide_extra_field", "c.tsv", "'#A'\t'a'\t'A'\t''\t'x'\n", "c.tsv:1:5",
       "record #A has at most 3 fields"},
      {"long_row_with_extra_field", "l.csv", "case,actor,position\nc1,a,50\nc1,b,60,9\n",
       "l.csv:3:4", "line 3 has a value in field 4"},
      // Documents.
      {"yaml_alias_bomb", "a.yaml", kAliasBomb, "a.yaml:8:10",
       "aliases repeat more than 10,000 values (limit: 10,000 values repeated by aliases"},
      {"yaml_deep_nesting", "a.yaml", std::string(10000, '[') + std::string(10000, ']'),
       "a.yaml:1:66", "nesting deeper than 64 levels (limit: 64 levels"},
      {"json_deep_nesting", "a.json", std::string(10000, '[') + std::string(10000, ']'),
       "a.json:1:66", "nesting deeper than 64 levels (limit: 64 levels"},
      {"json_duplicate_key", "a.json", "{\"parley\": 1, \"parley\": 1}", "a.json:1:15",
       "duplicate key 'parley'"},
      {"yaml_second_document", "a.yaml", kHead + kActor + "    position: {x: 1}\n---\nx: 1\n",
       "a.yaml:10:1", "a second YAML document"},
      {"yaml_empty", "a.yaml", "\n\n", "a.yaml:1:1", "the file is empty"},
      {"json_empty", "a.json", "", "a.json:1:1", "the file is empty"},
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
  // Under a 4 GB address space and 30 s of CPU: a reader that runs away
  // fails the case instead of the machine.
  const auto result = testing::run_command(
      "cd '" + dir.string() + "' && " +
      testing::limited("'" + testing::parley_binary() + "' validate " + c.file, 4194304, 30));
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
