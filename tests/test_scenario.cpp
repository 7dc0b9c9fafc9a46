// Loading, validating and writing the native scenario format.
#include <gtest/gtest.h>

#include "parley/error.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "test_support.h"

namespace parley {
namespace {

Scenario two_issues() { return load_scenario(testing::source_file("tests/data/two_issues.yaml")); }

TEST(Scenario, LoadsTheNativeFormat) {
  const Scenario s = two_issues();
  ASSERT_EQ(s.issues.size(), 2u);
  ASSERT_EQ(s.actors.size(), 3u);
  EXPECT_EQ(s.title, "Two issues, three actors");
  EXPECT_EQ(s.date, "2026-01-23");
  EXPECT_EQ(s.issues[1].lo, -10);
  EXPECT_EQ(s.issues[0].anchors.at(100), "all kept");
  EXPECT_DOUBLE_EQ(s.issues[0].status_quo->nominal(), 70);
  EXPECT_EQ(s.actors[0].name, "Україна");
  EXPECT_EQ(s.actors[1].name, "俄罗斯");
  EXPECT_EQ(s.actors[2].role, "mediator");
  EXPECT_EQ(s.model->name, "compromise");
}

TEST(Scenario, UncertainValuesUseModeOrMeanWhenDeterministic) {
  const Scenario s = two_issues();
  const Uncertain& money = s.actors[0].position.at("money");
  EXPECT_EQ(money.kind(), Uncertain::Kind::tri);
  EXPECT_DOUBLE_EQ(money.nominal(), -8);
  EXPECT_DOUBLE_EQ(s.actors[1].salience.at("money").nominal(), 40);  // uniform midpoint
  EXPECT_DOUBLE_EQ(s.actors[2].capability->nominal(), 20);           // normal mean
  const Instance in = nominal_instance(s);
  EXPECT_DOUBLE_EQ(in.position(0, 1), -8);
  EXPECT_DOUBLE_EQ(in.salience(1, 1), 0.40);
  EXPECT_DOUBLE_EQ(in.capability(1, 0), 60);  // per-issue capability
  EXPECT_DOUBLE_EQ(in.capability(1, 1), 40);
  EXPECT_FALSE(in.has(2, 1));  // the mediator takes no part in `money`
}

TEST(Scenario, YamlRoundTripKeepsEverything) {
  const Scenario s = two_issues();
  const Scenario back = parse_scenario(to_yaml(s), "roundtrip.yaml");
  EXPECT_EQ(to_yaml(back), to_yaml(s));
  const Scenario from_json = parse_scenario(to_json(s), "roundtrip.json");
  EXPECT_EQ(to_yaml(from_json), to_yaml(s));
  EXPECT_EQ(from_json.actors[1].name, "俄罗斯");
  EXPECT_EQ(from_json.actors[0].position.at("money").describe(), "tri(-10, -8, -2)");
  EXPECT_EQ(from_json.issues[0].source, "test");
  EXPECT_EQ(from_json.issues[0].note, "Donbas: 顿巴斯");
}

TEST(Scenario, SourcesKeepTheirDateAndUrl) {
  const std::string text =
      "parley: 1\nsources:\n  - {id: a, date: 2025-03, url: \"https://example.org/a\"}\n"
      "  - {id: b, date: 2024}\nissues:\n  - id: x\nactors:\n  - id: p\n    capability: 1\n"
      "    position: {x: 40}\n";
  const Scenario s = parse_scenario(text, "sources.yaml");
  ASSERT_EQ(s.sources.size(), 2u);
  EXPECT_EQ(s.sources[0].date, "2025-03");
  EXPECT_EQ(s.sources[0].url, "https://example.org/a");
  EXPECT_EQ(s.sources[1].date, "2024");
  const Scenario back = parse_scenario(to_yaml(s), "back.yaml");
  EXPECT_EQ(back.sources[0].date, "2025-03");
  EXPECT_EQ(back.sources[0].url, "https://example.org/a");
  std::string bad = text;
  bad.replace(bad.find("2025-03"), 7, "2025-13");
  try {
    parse_scenario(bad, "bad.yaml");
    FAIL() << "a month 13 was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.location().line, 3);
    EXPECT_NE(std::string(e.what()).find("YYYY-MM"), std::string::npos) << e.what();
  }
}

TEST(Scenario, JsonUsesTheSameSchema) {
  const std::string text = R"({"parley": 1, "title": "j", "issues": [{"id": "x"}],
    "actors": [{"id": "p", "capability": 2, "position": {"x": 40}, "salience": {"x": 50}},
               {"id": "q", "capability": 1, "position": {"x": 70}, "salience": {"x": 100}}]})";
  const Scenario s = parse_scenario(text, "inline.json");
  EXPECT_EQ(s.actors.size(), 2u);
  EXPECT_EQ(s.issues[0].hi, 100);  // default scale
}

TEST(Scenario, ErrorsCarryLineColumnAndPath) {
  const std::string text =
      "parley: 1\nissues:\n  - id: x\nactors:\n  - id: p\n    capability: 1\n"
      "    position: {x: 140}\n";
  try {
    parse_scenario(text, "bad.yaml");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.location().file, "bad.yaml");
    EXPECT_EQ(e.location().line, 7);
    EXPECT_EQ(e.location().path, "actors[0].position.x");
    EXPECT_NE(std::string(e.what()).find("outside [0, 100]"), std::string::npos) << e.what();
  }
}

TEST(Scenario, RealiseVisitsInputsWithStableIndices) {
  const Scenario s = two_issues();
  std::vector<std::uint64_t> seen;
  realise(s, [&](const Uncertain& u, double, double, std::uint64_t index) {
    seen.push_back(index);
    return u.nominal();
  });
  std::vector<std::uint64_t> sorted = seen;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end()) << "indices must be unique";
}

}  // namespace
}  // namespace parley
