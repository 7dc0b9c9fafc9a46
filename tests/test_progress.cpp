// The progress bar of long runs (docs/cli.md, "Progress"): drawn on stderr
// when stderr is a terminal, never into a pipe, never under -q.  The same
// command runs once on a pseudo-terminal and once on a pipe.
#include <gtest/gtest.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <string>
#include <vector>

#include "test_support.h"

namespace parley {
namespace {

struct PtyRun {
  int exit_code = -1;
  std::string terminal;  // what the child wrote to its terminal (stderr; stdout goes to a file)
};

// Runs parley with `args`, stderr on a new pseudo-terminal and stdout
// discarded, and returns what reached the terminal.
PtyRun run_on_terminal(const std::vector<std::string>& args) {
  PtyRun out;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return out;
  if (pid == 0) {
    // The child: the terminal is stdin, stdout and stderr; send stdout away.
    if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(126);
    std::vector<char*> argv;
    std::string binary = testing::parley_binary();
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& arg : copies) argv.push_back(arg.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(master, buffer, sizeof buffer);
    if (n > 0) {
      out.terminal.append(buffer, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO once the child has closed the terminal
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

const std::string kWar = "cases/wars/winter-war-1940.yaml";

std::vector<std::string> war_run(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {
      "run", testing::source_file(kWar), "--model", "war", "--set", "draws=300"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(Progress, WarRunDrawsABarOnATerminal) {
  const PtyRun run = run_on_terminal(war_run());
  ASSERT_EQ(run.exit_code, 0) << run.terminal;
  EXPECT_NE(run.terminal.find("ETA"), std::string::npos) << run.terminal;
  EXPECT_NE(run.terminal.find("300/300 simulated wars"), std::string::npos) << run.terminal;
}

TEST(Progress, QuietOnATerminalUnderQ) {
  const PtyRun run = run_on_terminal(war_run({"-q"}));
  ASSERT_EQ(run.exit_code, 0) << run.terminal;
  EXPECT_EQ(run.terminal.find("ETA"), std::string::npos) << run.terminal;
}

TEST(Progress, NothingIntoAPipe) {
  std::string command = "\"" + testing::parley_binary() + "\"";
  for (const std::string& arg : war_run()) command += " \"" + arg + "\"";
  const testing::CommandResult run = testing::run_command(command);
  ASSERT_EQ(run.exit_code, 0) << run.error;
  EXPECT_EQ(run.error.find("ETA"), std::string::npos) << run.error;
  EXPECT_EQ(run.error.find('\r'), std::string::npos) << run.error;
}

TEST(Progress, BacktestDrawsABarOnATerminal) {
  const PtyRun run =
      run_on_terminal({"backtest", testing::source_file("tests/data/report/scenario.json"),
                       "--models", "median", "--bootstrap", "0", "--outcome", "border=50"});
  // The scenario may lack outcomes for some issues; the bar is what matters.
  EXPECT_NE(run.terminal.find("model runs"), std::string::npos) << run.terminal;
}

}  // namespace
}  // namespace parley
