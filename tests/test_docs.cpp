// The commands quoted in README.md and examples/README.md run as written.
// They are read from the markdown itself, so the documentation cannot drift
// from the program: in a fenced code block, a line starting with "$ " is a
// command, and the lines after it (up to the next command or the end of the
// block) are output it must print, in that order; a line "..." stands for
// lines left out.  Commands of the built `parley` ("parley ..." or
// "./build/parley ...") run from a scratch folder that links the
// repository's data/, examples/ and scenarios/, so any file a command writes
// lands there.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

struct Quoted {
  int line = 0;                    // 1-based line of the command in the file
  std::string args;                // the command without "parley" and comment
  std::vector<std::string> shown;  // output lines as quoted, "..." excluded
};

std::string rtrim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// Every parley command of the fenced blocks of `markdown`.  O(lines).
std::vector<Quoted> quoted_commands(const std::string& markdown) {
  std::vector<Quoted> out;
  std::istringstream in(markdown);
  std::string line;
  bool fenced = false, collecting = false;
  for (int number = 1; std::getline(in, line); ++number) {
    line = rtrim(line);
    if (line.rfind("```", 0) == 0) {
      fenced = !fenced;
      collecting = false;
      continue;
    }
    if (!fenced) continue;
    if (line.rfind("$ ", 0) == 0) {
      std::string command = line.substr(2);
      if (const auto hash = command.find("  #"); hash != std::string::npos)
        command = rtrim(command.substr(0, hash));
      collecting = false;
      for (const char* program : {"./build/parley ", "parley "})
        if (command.rfind(program, 0) == 0) {
          out.push_back({number, command.substr(std::string(program).size()), {}});
          collecting = true;
        }
      continue;
    }
    if (collecting && line != "...") out.back().shown.push_back(line);
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A scratch folder beside the build with links to the repository's folders.
std::string scratch_folder() {
  const fs::path dir = fs::temp_directory_path() / ("parley-docs-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* name : {"data", "examples", "scenarios"}) {
    const fs::path link = dir / name;
    if (!fs::exists(link)) fs::create_directory_symlink(testing::source_file(name), link);
  }
  return dir.string();
}

// Runs one quoted command; checks its exit code and the lines it shows.
testing::CommandResult run_quoted(const std::string& file, const Quoted& q,
                                  const std::string& folder) {
  SCOPED_TRACE(file + ":" + std::to_string(q.line) + ": parley " + q.args);
  const auto r =
      testing::run_command("cd '" + folder + "' && '" + testing::parley_binary() + "' " + q.args);
  EXPECT_EQ(r.exit_code, 0) << r.error;
  std::istringstream printed(r.output);
  std::string line;
  size_t next = 0;
  while (next < q.shown.size() && std::getline(printed, line))
    if (rtrim(line) == q.shown[next]) ++next;
  EXPECT_EQ(next, q.shown.size()) << "quoted line not printed (in this order): "
                                  << (next < q.shown.size() ? q.shown[next] : "") << "\n"
                                  << r.output;
  return r;
}

void expect_quoted_commands_run(const std::string& relative, size_t at_least) {
  const std::string file = testing::source_file(relative);
  const auto commands = quoted_commands(read_file(file));
  EXPECT_GE(commands.size(), at_least) << relative << ": fewer commands than expected";
  const std::string folder = scratch_folder();
  for (const auto& q : commands) run_quoted(relative, q, folder);
  fs::remove_all(folder);
}

TEST(Docs, ReadmeCommandsRunAsQuoted) { expect_quoted_commands_run("README.md", 3); }

TEST(Docs, ExamplesCommandsRunAsQuoted) { expect_quoted_commands_run("examples/README.md", 14); }

// The worked example's numbers: the README quotes 7.39 (compromise) and 7.0
// (median) for the emission case, the values Scholz, Calbert and Smith (2011)
// print for round 0 (data/emission_standards_bdm1994/published_results.csv
// notes the 7.39); the program must print them.
TEST(Docs, ReadmeWorkedExamplePrintsThePublishedNumbers) {
  const std::string readme = read_file(testing::source_file("README.md"));
  const auto commands = quoted_commands(readme);
  // The forecast, then (with a calibration) its 80% interval "lo - hi", then the status.
  const std::regex forecast(R"(^issue\s+(\S+)\s+(?:\S+ - \S+\s+)?ok\b)");
  std::string compromise, median;
  for (const auto& q : commands) {
    if (q.args.rfind("run examples/emission/actors.csv", 0) != 0) continue;
    const bool is_median = q.args.find("--model median") != std::string::npos;
    if (q.args.find("--model") != std::string::npos && !is_median) continue;
    const auto r = testing::run_command("cd '" + testing::source_file("") + "' && '" +
                                        testing::parley_binary() + "' " + q.args);
    ASSERT_EQ(r.exit_code, 0) << r.error;
    std::istringstream printed(r.output);
    std::string line;
    std::smatch m;
    while (std::getline(printed, line))
      if (std::regex_search(line, m, forecast)) (is_median ? median : compromise) = m[1];
  }
  EXPECT_EQ(compromise, "7.39");
  EXPECT_EQ(median, "7.00");
  const std::string notes =
      read_file(testing::validation_file("emission_standards_bdm1994/published_results.csv"));
  EXPECT_NE(notes.find("initial (round 0) value is 7.39"), std::string::npos);
  // The prose quotes the same numbers.
  EXPECT_NE(readme.find("7.39 years is the capability x salience weighted mean"),
            std::string::npos);
  EXPECT_NE(readme.find("and 7.0 the weighted median"), std::string::npos);
}

}  // namespace
}  // namespace parley
