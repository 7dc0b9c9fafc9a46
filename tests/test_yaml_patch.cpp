// Saving an edited scenario into the YAML it was opened from keeps the
// file's comments and layout, changing only the values that changed
// (io/yaml_patch.h, docs/serve.md "Saving").
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "io/yaml_patch.h"
#include "parley/io.h"
#include "test_support.h"

namespace parley::io {
namespace {

std::string flagship_text() {
  return read_text_file(testing::source_file("scenarios/ukraine-2026.yaml"));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

Actor& actor(Scenario& scenario, const std::string& id) {
  return scenario.actors[static_cast<size_t>(scenario.actor_index(id))];
}

// The lines where two texts of the same line count differ.
std::vector<size_t> differing_lines(const std::string& a, const std::string& b) {
  const auto x = lines_of(a), y = lines_of(b);
  EXPECT_EQ(x.size(), y.size());
  std::vector<size_t> out;
  for (size_t k = 0; k < std::min(x.size(), y.size()); ++k)
    if (x[k] != y[k]) out.push_back(k);
  return out;
}

// Patches `edited` into `original` and expects one value replaced on one
// line: returns that line before and after.
std::pair<std::string, std::string> one_line_changed(const std::string& original,
                                                     const Scenario& edited, PatchedYaml& patched) {
  patched = patch_yaml(original, "ukraine-2026.yaml", edited);
  EXPECT_TRUE(patched.kept) << patched.reason;
  EXPECT_EQ(patched.replaced, 1);
  const auto differ = differing_lines(original, patched.text);
  EXPECT_EQ(differ.size(), 1u);
  if (differ.size() != 1) return {};
  return {lines_of(original)[differ[0]], lines_of(patched.text)[differ[0]]};
}

TEST(YamlPatch, TheFlagshipWithOnePositionChangedKeepsEveryOtherByte) {
  const std::string original = flagship_text();
  Scenario edited = parse_scenario(original, "ukraine-2026.yaml", Format::yaml);
  ASSERT_EQ(actor(edited, "ukraine").position.at("guarantees").nominal(), 90);
  actor(edited, "ukraine").position["guarantees"] = 80;
  // Exactly one line differs, and in it exactly the scalar: "90" -> "80".
  PatchedYaml patched;
  const auto [before, after] = one_line_changed(original, edited, patched);
  const size_t at = before.find("guarantees: 90");
  ASSERT_NE(at, std::string::npos) << before;
  EXPECT_EQ(after, before.substr(0, at) + "guarantees: 80" + before.substr(at + 14));
  EXPECT_EQ(patched.text.size(), original.size());
  // Every comment line is still there (they are all on unchanged lines).
  int comments = 0;
  for (const auto& line : lines_of(original))
    if (line.find('#') != std::string::npos) {
      ++comments;
      EXPECT_NE(patched.text.find(line.substr(line.find('#'))), std::string::npos) << line;
    }
  EXPECT_GT(comments, 100);
  // The patched file reads back to the edited scenario.
  const Scenario back = parse_scenario(patched.text, "ukraine-2026.yaml", Format::yaml);
  EXPECT_EQ(to_yaml(back), to_yaml(edited));
  EXPECT_NE(to_yaml(back), to_yaml(parse_scenario(original, "u.yaml", Format::yaml)));
}

// The workbench sends the scenario back as JSON, where sections kept as
// written (`conflict`) come back with 36 as 36.0: the same values, so still
// one line changed.
TEST(YamlPatch, AScenarioBackFromJsonChangesOnlyTheEditedValue) {
  const std::string original = flagship_text();
  const Scenario read = parse_scenario(original, "ukraine-2026.yaml", Format::yaml);
  Scenario edited = parse_scenario(to_json(read), "ukraine-2026.json", Format::json);
  actor(edited, "russia").salience["crimea"] = 75;
  PatchedYaml patched;
  const auto [before, after] = one_line_changed(original, edited, patched);
  EXPECT_NE(before.find("crimea: 80 "), std::string::npos) << before;
  EXPECT_NE(after.find("crimea: 75 "), std::string::npos) << after;
}

TEST(YamlPatch, ValuesInsideFlowRangesAndQuotedNamesArePatchedInPlace) {
  const std::string original = flagship_text();
  Scenario edited = parse_scenario(original, "ukraine-2026.yaml", Format::yaml);
  actor(edited, "ukraine").capability = Uncertain::triangular(35, 50, 60);
  actor(edited, "russia").name = "Russia \"RF\"";
  const PatchedYaml patched = patch_yaml(original, "ukraine-2026.yaml", edited);
  ASSERT_TRUE(patched.kept) << patched.reason;
  EXPECT_EQ(patched.replaced, 2);
  const auto differ = differing_lines(original, patched.text);
  ASSERT_EQ(differ.size(), 2u);
  const auto lines = lines_of(patched.text);
  EXPECT_NE(lines[differ[0]].find("capability: {tri: [35, 50, 60]}   # para 17-18"),
            std::string::npos)
      << lines[differ[0]];
  EXPECT_EQ(lines[differ[1]], "    name: \"Russia \\\"RF\\\"\"");
  EXPECT_EQ(to_yaml(parse_scenario(patched.text, "u.yaml", Format::yaml)), to_yaml(edited));
}

TEST(YamlPatch, AnUnchangedScenarioSavesTheOriginalBytes) {
  const std::string original = flagship_text();
  const Scenario same = parse_scenario(original, "ukraine-2026.yaml", Format::yaml);
  const PatchedYaml patched = patch_yaml(original, "ukraine-2026.yaml", same);
  ASSERT_TRUE(patched.kept);
  EXPECT_EQ(patched.replaced, 0);
  EXPECT_EQ(patched.text, original);
}

TEST(YamlPatch, ARemovedActorFallsBackToTheCanonicalWriterAndSaysSo) {
  const std::string original = flagship_text();
  Scenario edited = parse_scenario(original, "ukraine-2026.yaml", Format::yaml);
  edited.actors.pop_back();
  const PatchedYaml patched = patch_yaml(original, "ukraine-2026.yaml", edited);
  EXPECT_FALSE(patched.kept);
  EXPECT_NE(patched.reason.find("added or removed"), std::string::npos) << patched.reason;
  EXPECT_EQ(patched.text, to_yaml(edited));
}

TEST(YamlPatch, AnOriginalThatDoesNotReadFallsBackWithItsError) {
  const Scenario edited = parse_scenario(flagship_text(), "u.yaml", Format::yaml);
  const PatchedYaml patched = patch_yaml("parley: 1\nactors: [\n", "broken.yaml", edited);
  EXPECT_FALSE(patched.kept);
  EXPECT_NE(patched.reason.find("broken.yaml"), std::string::npos) << patched.reason;
  EXPECT_EQ(patched.text, to_yaml(edited));
}

}  // namespace
}  // namespace parley::io
