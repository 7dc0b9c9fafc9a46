// `parley report RUN_ID`: a report from a finished run of the run store.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_support.h"

namespace parley {
namespace {

TEST(ReportFromStore, ReadsAFinishedRunAndItsScenario) {
  const auto dir = std::filesystem::temp_directory_path() / "parley-report-store";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string store = (dir / "runs.sqlite").string();
  const std::string html = (dir / "r.html").string();
  const std::string bin = "'" + testing::parley_binary() + "'";
  const std::string scenario = "'" + testing::source_file("tests/data/two_issues.yaml") + "'";
  auto mc = testing::run_command(bin + " mc " + scenario +
                                 " --model compromise --draws 100 --quiet --store '" + store + "'");
  ASSERT_EQ(mc.exit_code, 0) << mc.error;
  auto report = testing::run_command("cd '" + dir.string() + "' && " + bin +
                                     " report 1 --store runs.sqlite -o r.html");
  ASSERT_EQ(report.exit_code, 0) << report.error;
  std::ifstream in(html);
  const std::string page((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(page.find("Two issues, three actors"), std::string::npos)
      << "the stored scenario is shown";
  auto missing = testing::run_command("cd '" + dir.string() + "' && " + bin +
                                      " report 9 --store runs.sqlite -o x.html");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.error.find("no run 9"), std::string::npos) << missing.error;
  EXPECT_FALSE(std::filesystem::exists(dir / "x.html"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley
