// Every command's default text output on the flagship scenario and the
// shipped examples fits 100 columns, and `run` opens with a brief of at most
// 25 lines (README, "Commands"; docs/testing.md).  The war layer runs with
// few draws (--set draws=...) to keep the test fast.
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "io/text_table.h"
#include "test_support.h"

namespace parley {
namespace {

// Paths as a user types them, from the top of the sources (commands run
// there).
std::string flagship() { return "scenarios/ukraine-2026.yaml"; }

// The flagship and the examples/ inputs, the scenarios every command runs on.
std::vector<std::string> inputs() {
  return {flagship(), "examples/emission/actors.csv", "examples/emission/emission.yaml",
          "examples/two-issues/coalition.yaml"};
}

testing::CommandResult parley_in_sources(const std::string& arguments) {
  return testing::run_command("cd '" + testing::source_file("") + "' && '" +
                              testing::parley_binary() + "' " + arguments);
}

struct Wide {
  size_t width = 0;
  std::string line;
};

Wide widest(const std::string& text) {
  Wide out;
  size_t start = 0;
  for (size_t end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (io::display_width(line) > out.width) out = {io::display_width(line), line};
  }
  return out;
}

void expect_fits(const std::string& arguments) {
  const auto r = parley_in_sources(arguments);
  ASSERT_EQ(r.exit_code, 0) << arguments << "\n" << r.error;
  const Wide w = widest(r.output);
  EXPECT_LE(w.width, 100u) << arguments << "\n" << w.line;
}

TEST(TextWidth, EveryModelRunFitsAndOpensWithABrief) {
  for (const std::string& input : inputs()) {
    for (const char* model :
         {"compromise", "median", "nbs", "procedural", "exchange", "bdm", "smp"}) {
      expect_fits("run '" + input + "' --model " + model);
    }
  }
  // The war layer: the brief names the key probability within its 25 lines.
  const auto r = parley_in_sources("run " + flagship() + " --model war --set draws=40");
  ASSERT_EQ(r.exit_code, 0) << r.error;
  EXPECT_LE(widest(r.output).width, 100u) << widest(r.output).line;
  size_t line = 0, at = 0;
  for (size_t k = 0; k < r.output.find("P(ceasefire") && k < r.output.size(); ++k)
    line += r.output[k] == '\n';
  ASSERT_NE(r.output.find("P(ceasefire"), std::string::npos) << r.output;
  EXPECT_LT(line, 25u);
  // Every issue's forecast row is in the first 25 lines.
  std::string brief;
  for (size_t n = 0; n < 25 && at != std::string::npos; ++n) at = r.output.find('\n', at + 1);
  brief = r.output.substr(0, at);
  for (const char* issue : {"donbas", "crimea", "corridor"})
    EXPECT_NE(brief.find(std::string("\n") + issue + " "), std::string::npos) << brief;
  EXPECT_EQ(brief.find("trajectory\n"), std::string::npos);  // under --explain
}

TEST(TextWidth, EveryOtherCommandFits) {
  const std::string f = "'" + flagship() + "'";
  expect_fits("models");
  expect_fits("models bdm");
  expect_fits("validate " + f);
  expect_fits("compare " + f + " --set draws=40");
  expect_fits("mc " + f + " --model compromise --draws 40 --no-store -q");
  expect_fits("sensitivity " + f + " --model compromise --no-store -q");
  expect_fits("sensitivity " + f +
              " --model compromise --method sobol --samples 16 "
              "--bootstrap 10 --no-store -q");
  for (const std::string& input : inputs()) {
    expect_fits("validate '" + input + "'");
    expect_fits("compare '" + input + "' --models compromise,median,bdm,smp");
  }
  const std::string emission = "examples/emission/emission.yaml";
  expect_fits("backtest " + emission + " --models compromise,median,bdm --bootstrap 50");
  // advise: every label whole (wrapped in its column), under the war layer's events too.
  expect_fits("advise " + f + " --model compromise --actor ukraine --draws 2");
  expect_fits("advise " + f + " --actor ukraine --levers events --draws 1 --set ensemble_draws=8");
}

// The brief with compare and advise results at hand (`run --with`): its
// agreement and lever lines keep it within 25 lines and 100 columns, on the
// flagship under the war layer too.
TEST(TextWidth, TheBriefWithOtherResultsFits) {
  const std::string f = "'" + flagship() + "'";
  const std::string dir = (std::filesystem::temp_directory_path() /
                           ("parley-brief-width-" + std::to_string(::getpid())))
                              .string();
  std::filesystem::create_directories(dir);
  const std::string compare = dir + "/compare.json", advice = dir + "/advice.json";
  ASSERT_EQ(parley_in_sources("compare " + f + " --models compromise,median,bdm,nbs,exchange " +
                              "--format json -o '" + compare + "'")
                .exit_code,
            0);
  ASSERT_EQ(parley_in_sources("advise " + f + " --model compromise --actor russia --draws 2 " +
                              "--format json -o '" + advice + "'")
                .exit_code,
            0);
  for (const char* model : {"compromise", "war --set draws=40"}) {
    const auto r = parley_in_sources("run " + f + " --model " + model + " --with '" + compare +
                                     "' --with '" + advice + "'");
    ASSERT_EQ(r.exit_code, 0) << r.error;
    EXPECT_LE(widest(r.output).width, 100u) << widest(r.output).line;
    const size_t lever = r.output.find("Strongest lever for russia");
    ASSERT_NE(lever, std::string::npos) << r.output;
    // The forecast table's last issue row is still within the first 25 lines.
    size_t line = 0;
    const size_t last = r.output.find("\ncorridor ");
    ASSERT_NE(last, std::string::npos) << r.output;
    for (size_t k = 0; k < last; ++k) line += r.output[k] == '\n';
    EXPECT_LT(line + 1, 25u) << r.output;
    EXPECT_NE(r.output.find("models "), std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace parley
