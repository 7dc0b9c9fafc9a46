// A status word that means "add something to the scenario" comes with a note
// naming what to add (docs/result-format.md, "status"): the nbs and
// procedural models, through the command a user runs and in process.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "parley/io.h"
#include "parley/model.h"
#include "test_support.h"

namespace parley {
namespace {

// The note of `r` that starts with `status`, or "".
std::string note_for(const Result& r, const std::string& status) {
  for (const auto& n : r.notes)
    if (n.rfind(status + " (", 0) == 0) return n;
  return "";
}

Result run(const std::string& yaml, const std::string& model) {
  const Scenario s = parse_scenario(yaml, "s.yaml");
  RunContext context;
  context.scenario = &s;
  return run_model(find_model(model), nominal_instance(s), {}, context);
}

const std::string kTwoIssues =
    "parley: 1\n"
    "issues:\n"
    "  - {id: tax, status_quo: 50}\n"
    "  - {id: term}\n"
    "actors:\n"
    "  - {id: a, capability: 1, position: {tax: 20, term: 10}, salience: {tax: 50, term: 50}}\n"
    "  - {id: b, capability: 1, position: {tax: 80, term: 90}, salience: {tax: 50, term: 50}}\n";

TEST(StatusNotes, NbsSaysWhatEachIssueNeeds) {
  // Before: the statuses came without a note.
  const Result r = run(kTwoIssues, "nbs");
  ASSERT_EQ(r.status.size(), 2u);
  EXPECT_EQ(r.status[0], "empty_feasible_set");  // a at 20 and b at 80 straddle q = 50
  EXPECT_EQ(r.status[1], "no_reference_point");
  EXPECT_EQ(note_for(r, "no_reference_point"),
            "no_reference_point (1 issue: term): add issues[].status_quo (the disagreement "
            "point), or --set missing_q=weighted_mean");
  const std::string empty = note_for(r, "empty_feasible_set");
  EXPECT_EQ(empty.rfind("empty_feasible_set (1 issue: tax): ", 0), 0u) << empty;
  EXPECT_NE(empty.find("issues[].status_quo"), std::string::npos) << empty;
  EXPECT_NE(empty.find("actors[].salience.ISSUE"), std::string::npos) << empty;
}

TEST(StatusNotes, ProceduralNamesTheTagsAndActorsToAdd) {
  const Result r = run(kTwoIssues, "procedural");
  // No procedure tags on either issue: configuration=auto cannot choose.
  EXPECT_EQ(r.status[0], "no_procedure");
  EXPECT_EQ(r.status[1], "no_procedure");
  const std::string note = note_for(r, "no_procedure");
  EXPECT_EQ(note.rfind("no_procedure (2 issues: tax, term): ", 0), 0u) << note;
  EXPECT_NE(note.find("issues[].tags.procedure (COD or CNS)"), std::string::npos) << note;
  EXPECT_NE(note.find("issues[].tags.voting (QMV or Unan)"), std::string::npos) << note;

  // Tagged CNS/QMV, with a reference point on one issue: the other lacks it,
  // and neither has the agenda setter 'com'.
  std::string tagged = kTwoIssues;
  for (const char* id : {"tax, status_quo: 50", "term"}) {
    const std::string from = std::string("{id: ") + id + "}";
    tagged.replace(tagged.find(from), from.size(),
                   std::string("{id: ") + id + ", tags: {procedure: CNS, voting: QMV}}");
  }
  const Result t = run(tagged, "procedural");
  EXPECT_EQ(t.status[0], "no_setter");
  EXPECT_EQ(t.status[1], "no_reference_point");
  EXPECT_EQ(note_for(t, "no_reference_point"),
            "no_reference_point (1 issue: term): add issues[].status_quo (the reference point)");
  EXPECT_EQ(note_for(t, "no_setter"),
            "no_setter (1 issue: tax): add a position for the agenda setter 'com' "
            "(actors[].position.ISSUE), or --set setter=ID");
}

TEST(StatusNotes, ManyIssuesAreCountedAndThreeNamed) {
  std::string yaml = "parley: 1\nissues:\n";
  std::string positions;
  for (int k = 0; k < 5; ++k) {
    yaml += "  - {id: i" + std::to_string(k) + "}\n";
    positions += std::string(k ? ", " : "") + "i" + std::to_string(k) + ": 10";
  }
  yaml += "actors:\n  - {id: a, capability: 1, position: {" + positions + "}}\n";
  const Result r = run(yaml, "nbs");
  EXPECT_EQ(note_for(r, "no_reference_point")
                .rfind("no_reference_point (5 issues: i0, i1, i2, ...): ", 0),
            0u)
      << note_for(r, "no_reference_point");
}

TEST(StatusNotes, AnOkRunHasNoNote) {
  const std::string yaml =
      "parley: 1\nissues: [{id: x, status_quo: 0}]\nactors:\n"
      "  - {id: a, capability: 1, position: {x: 20}, salience: {x: 50}}\n"
      "  - {id: b, capability: 1, position: {x: 80}, salience: {x: 50}}\n";
  const Result r = run(yaml, "nbs");
  EXPECT_EQ(r.status[0], "ok");
  EXPECT_TRUE(r.notes.empty());
}

TEST(StatusNotes, TheCommandPrintsTheNote) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-status-notes";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "s.yaml") << kTwoIssues;
  const auto r = testing::run_command("'" + testing::parley_binary() + "' run '" +
                                      (dir / "s.yaml").string() + "' --model nbs");
  EXPECT_EQ(r.exit_code, 0) << r.error;
  EXPECT_NE(r.output.find("note: no_reference_point (1 issue: term): add issues[].status_quo"),
            std::string::npos)
      << r.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley
