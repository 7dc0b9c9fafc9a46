// Every file of the vendored reference data (data/) that holds actor data
// loads, through format detection, into a valid scenario; files that hold
// something else are listed here by name (besides each folder's README.md,
// SOURCE.md and licence texts), so a new data file cannot be skipped silently.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "parley/error.h"
#include "parley/io.h"
#include "test_support.h"

namespace parley {
namespace {

// Files without actor data (reference results, proxies, logs).
const std::set<std::string> kNotActorData = {
    "emission_standards_bdm1994/published_results.csv",
    "emission_standards_bdm1994/reference_runs_computed.csv",
    "emission_standards_bdm1994/reference_round1_risk_exponents.csv",
    "emission_standards_bdm1994/reference_round1_eu_masad.csv",
    "emission_standards_bdm1994/jmckib_variant_example_log.txt",
    "deu/eu_council_capability_proxies.csv",
    "deu/schelling_deu_paired_differences.csv",
    "ktab_china_2014/cases_and_outcomes.csv",
};

// Shipped broken by KTAB (docs/models/smp.md section 8.2): must fail cleanly.
const std::set<std::string> kMustFail = {"ktab/smpExample.xml"};

std::vector<std::string> data_files() {
  std::vector<std::string> out;
  const std::filesystem::path root = testing::validation_dir();
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = std::filesystem::relative(e.path(), root).string();
    if (rel.rfind("ktab/reference/", 0) == 0) continue;  // KTAB output logs
    if (rel.rfind("calibration/", 0) == 0) continue;     // parley's calibrations, not actor data
    const std::string name = e.path().filename().string();
    if (name == "README.md" || name == "SOURCE.md" || name.rfind("LICENSE", 0) == 0) continue;
    if (!kNotActorData.count(rel)) out.push_back(rel);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(ValidationFiles, EveryActorDataFileLoads) {
  PARLEY_REQUIRE_VALIDATION();
  for (const auto& rel : kNotActorData)
    EXPECT_TRUE(std::filesystem::is_regular_file(testing::validation_file(rel))) << rel;
  const auto files = data_files();
  EXPECT_GE(files.size(), 20u);
  for (const auto& rel : files) {
    SCOPED_TRACE(rel);
    const std::string path = testing::validation_file(rel);
    if (kMustFail.count(rel)) {
      try {
        load_scenario(path);
        ADD_FAILURE() << rel << " should not load";
      } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("Alice"), std::string::npos) << e.what();
      }
      continue;
    }
    try {
      const Scenario s = load_scenario(path);
      EXPECT_GE(s.actors.size(), 2u);
      EXPECT_GE(s.issues.size(), 1u);
      // The native form reads back to the same scenario.
      EXPECT_EQ(to_yaml(parse_scenario(to_yaml(s), "back.yaml")), to_yaml(s));
    } catch (const Error& e) {
      ADD_FAILURE() << rel << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace parley
