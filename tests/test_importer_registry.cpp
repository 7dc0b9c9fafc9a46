// The importer registry (src/io/importer.h): detection, --from names and help
// come from one table, and a new format is one registration row.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/importer.h"
#include "parley/error.h"
#include "parley/io.h"

namespace parley::io {
namespace {

// A toy format: "TOY" on the first line, then "actor position" lines; one
// issue on [0, 100], capability 1, salience 50.  Only its registration row
// below makes parley read it.
Scenario read_toy(std::string_view text, const std::string& file) {
  Scenario s;
  s.title = "toy";
  s.origin = file;
  Issue issue;
  issue.id = "x";
  issue.name = "x";
  s.issues.push_back(issue);
  std::istringstream in{std::string(text)};
  std::string line;
  std::getline(in, line);  // TOY
  std::string id;
  double position = 0;
  while (in >> id >> position) {
    Actor a;
    a.id = id;
    a.name = id;
    a.capability = Uncertain(1.0);
    a.position["x"] = Uncertain(position);
    a.salience["x"] = Uncertain(50.0);
    s.actors.push_back(a);
  }
  validate(s);
  return s;
}

Importer toy_importer() {
  return {"toy", "a toy format for the registry's test",
          [](std::string_view text, std::string_view) {
            return text.substr(0, 3) == "TOY" ? Confidence::content : Confidence::none;
          },
          read_toy};
}

TEST(ImporterRegistry, AToyImporterIsOneRegistrationRow) {
  const ImporterRegistry registry = default_importers().with(toy_importer());
  const auto path = std::filesystem::temp_directory_path() / "parley-registry-test.txt";
  std::ofstream(path) << "TOY\nalpha 20\nbeta 60\n";
  // Detected by its content, although .txt also hints at an actor table.
  const Scenario s = load(registry, path.string());
  ASSERT_EQ(s.actors.size(), 2u);
  EXPECT_EQ(s.actors[1].id, "beta");
  EXPECT_EQ(s.actors[1].position.at("x").nominal(), 60);
  // Named explicitly, and listed with the others.
  EXPECT_EQ(load(registry, path.string(), "toy").actors.size(), 2u);
  EXPECT_NE(importer_names(registry).find("toy"), std::string::npos);
  EXPECT_EQ(format_choices(registry).back(), "toy");
  // The default registry is untouched: it does not know the toy.
  EXPECT_EQ(importer_names(default_importers()).find("toy"), std::string::npos);
  EXPECT_THROW(load(default_importers(), path.string(), "toy"), Error);
  std::filesystem::remove(path);
}

TEST(ImporterRegistry, DetectionFollowsTheTable) {
  const ImporterRegistry& r = default_importers();
  EXPECT_EQ(r.detect("actor,capability,position,salience\n", "a.yaml").name, "yaml");
  EXPECT_EQ(r.detect("{}", "a.json").name, "json");
  EXPECT_EQ(r.detect("anything", "a.xml").name, "ktab-xml");
  EXPECT_EQ(r.detect("parley: 1\n", "scenario").name, "yaml");
  EXPECT_EQ(r.detect("# comment\nparley: 1\n", "a.csv").name, "bdm") << "the extension wins";
  EXPECT_EQ(r.detect("a,1,2,3\n", "table").name, "bdm") << "last resort";
  // The public detect_format() agrees with the registry.
  EXPECT_EQ(detect_format("parley: 1\n", "scenario"), Format::yaml);
  EXPECT_EQ(detect_format("a,1,2,3\n", "a.tsv"), Format::bdm_csv);
}

TEST(ImporterRegistry, UnknownNamesAreErrorsWithASuggestion) {
  try {
    default_importers().find("ktab-cvs");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'ktab-csv'?"), std::string::npos);
  }
  EXPECT_THROW(parse_format("nonsense"), Error);
  EXPECT_EQ(format_name(parse_format("ktab-xml")), "ktab-xml");
}

}  // namespace
}  // namespace parley::io
