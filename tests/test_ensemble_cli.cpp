// The ensemble commands end to end: the parley binary is run as a user
// would run it (thread counts, shards + merge, kill -9 + resume, run store).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/store.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::run_command;

class EnsembleCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parley-mc-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  // `actors` actors on two issues with uncertain positions and saliences.
  std::string scenario(int actors) const {
    std::string path = file("scenario.yaml");
    std::ofstream out(path);
    out << "parley: 1\ntitle: ensemble test\n"
        << "issues:\n"
        << "  - id: tax\n    name: Tax rate\n    scale: [0, 100]\n"
        << "    anchors: {0: none, 50: half, 100: all}\n"
        << "  - id: term\n    name: Term\n    scale: [0, 10]\n"
        << "actors:\n";
    for (int a = 0; a < actors; ++a) {
      double x = 10 + (a * 37) % 80, t = 1 + (a * 3) % 8;
      out << "  - id: a" << a << "\n    name: Actor " << a << "\n"
          << "    capability: {normal: [" << 10 + a % 7 << ", 2]}\n"
          << "    position:\n"
          << "      tax: {tri: [" << x - 10 << ", " << x << ", " << x + 10 << "]}\n"
          << "      term: {uniform: [" << t - 1 << ", " << t + 1 << "]}\n"
          << "    salience:\n      tax: {uniform: [40, 90]}\n      term: 50\n";
    }
    return path;
  }

  std::string parley(const std::string& arguments) const {
    return testing::parley_binary() + " " + arguments;
  }
  fs::path dir_;
};

TEST_F(EnsembleCliTest, SameSummaryForAnyThreadCountAndForMergedShards) {
  std::string s = scenario(6);
  std::string common =
      "mc " + s + " --model compromise --draws 1500 --seed 11 --quiet --format json";
  auto one = run_command(parley(common + " --threads 1 --store " + file("one.sqlite")));
  ASSERT_EQ(one.exit_code, 0) << one.error;
  auto two = run_command(parley(common + " --threads 2 --store " + file("two.sqlite")));
  auto four = run_command(parley(common + " --threads 4 --no-store"));
  EXPECT_EQ(one.output, two.output);
  EXPECT_EQ(one.output, four.output);
  EXPECT_NE(one.output.find("\"median\""), std::string::npos);

  auto a = run_command(parley(common + " --shard 0/2 --store " + file("s0.sqlite")));
  auto b = run_command(parley(common + " --shard 1/2 --threads 2 --store " + file("s1.sqlite")));
  ASSERT_EQ(a.exit_code, 0) << a.error;
  ASSERT_EQ(b.exit_code, 0) << b.error;
  EXPECT_NE(a.output, one.output);  // a shard alone summarises half of the draws
  auto merged = run_command(parley("merge " + file("s0.sqlite") + " " + file("s1.sqlite") +
                                   " --store " + file("merged.sqlite") + " --quiet --format json"));
  ASSERT_EQ(merged.exit_code, 0) << merged.error;
  EXPECT_EQ(merged.output, one.output);

  // A shard missing: merge refuses.
  auto partial = run_command(
      parley("merge " + file("s0.sqlite") + " --store " + file("partial.sqlite") + " --quiet"));
  EXPECT_EQ(partial.exit_code, 2);
  EXPECT_NE(partial.error.find("missing"), std::string::npos) << partial.error;
}

TEST_F(EnsembleCliTest, MpirunGivesTheSingleProcessResult) {
  // Runs where parley was built with -DPARLEY_MPI=ON and mpirun exists
  // (`make test-mpi`, CI's MPI stage).
  if (run_command("command -v mpirun").exit_code != 0) GTEST_SKIP() << "no mpirun";
  if (run_command("ldd " + testing::parley_binary() + " | grep -q libmpi").exit_code != 0)
    GTEST_SKIP() << "parley built without -DPARLEY_MPI=ON";
  std::string s = scenario(6);
  std::string common =
      "mc " + s + " --model compromise --draws 1001 --seed 5 --quiet --format json";
  auto single = run_command(parley(common + " --threads 1 --no-store"));
  ASSERT_EQ(single.exit_code, 0) << single.error;
  auto mpi = run_command("mpirun -np 2 --allow-run-as-root --oversubscribe " +
                         parley(common + " --threads 1 --store " + file("mpi.sqlite")));
  ASSERT_EQ(mpi.exit_code, 0) << mpi.error;
  EXPECT_EQ(mpi.output, single.output);  // rank 0 prints; the other rank is silent
  store::Store db(file("mpi.sqlite"), false);
  auto runs = db.runs();
  ASSERT_EQ(runs.size(), 1u);
  EXPECT_EQ(runs[0].stored, 1001u);
  EXPECT_EQ(runs[0].status, "done");
}

TEST_F(EnsembleCliTest, KilledRunResumesToTheSameResult) {
  std::string s = scenario(100);
  std::string common = "mc " + s + " --model compromise --draws 20000 --seed 3 --quiet";
  auto clean =
      run_command(parley(common + " --threads 2 --format json --store " + file("clean.sqlite")));
  ASSERT_EQ(clean.exit_code, 0) << clean.error;

  std::string store = file("killed.sqlite");
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string command =
        parley(common + " --threads 1 --batch 250 --store " + store) + " >/dev/null 2>&1";
    execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until some batches are stored, then kill -9 in the middle.
  std::uint64_t stored = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (!fs::exists(store)) continue;
    try {
      store::Store db(store, false);
      auto runs = db.runs();
      if (!runs.empty() && runs[0].stored >= 500) {
        stored = runs[0].stored;
        break;
      }
    } catch (const std::exception&) {
      // the writer may be creating the schema
    }
  }
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it could be killed";
  ASSERT_GE(stored, 500u);
  {
    store::Store db(store, false);
    auto run = db.run(1);
    EXPECT_EQ(run.status, "running");
    EXPECT_LT(run.stored, 20000u);
    EXPECT_EQ(run.stored % 250, 0u);  // whole batches only
  }

  auto resumed =
      run_command(parley("mc --resume 1 --threads 2 --quiet --format json --store " + store));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.error;
  EXPECT_EQ(resumed.output, clean.output);

  auto runs = run_command(parley("runs --store " + store));
  EXPECT_EQ(runs.exit_code, 0) << runs.error;
  EXPECT_NE(runs.output.find("20000/20000"), std::string::npos) << runs.output;
  auto show = run_command(parley("show 1 --store " + store));
  EXPECT_EQ(show.exit_code, 0) << show.error;
  EXPECT_NE(show.output.find("compromise"), std::string::npos) << show.output;
}

TEST_F(EnsembleCliTest, OneDrawCanBeInspected) {
  std::string s = scenario(4);
  auto one = run_command(parley("mc " + s + " --model compromise --draws 50 --draw 7 --seed 2"));
  ASSERT_EQ(one.exit_code, 0) << one.error;
  EXPECT_NE(one.output.find("draw 7"), std::string::npos) << one.output;
  auto out_of_range =
      run_command(parley("mc " + s + " --model compromise --draws 50 --draw 50 --no-store"));
  EXPECT_EQ(out_of_range.exit_code, 2);
}

TEST_F(EnsembleCliTest, SensitivityRanksTheInputs) {
  std::string s = scenario(3);
  auto oat = run_command(
      parley("sensitivity " + s + " --model compromise --quiet --store " + file("runs.sqlite")));
  ASSERT_EQ(oat.exit_code, 0) << oat.error;
  EXPECT_NE(oat.output.find("swing"), std::string::npos) << oat.output;
  auto sobol = run_command(parley("sensitivity " + s +
                                  " --model compromise --method sobol --samples 300 --quiet "
                                  "--format json --store " +
                                  file("runs.sqlite")));
  ASSERT_EQ(sobol.exit_code, 0) << sobol.error;
  EXPECT_NE(sobol.output.find("\"total_ci\""), std::string::npos);
  auto runs = run_command(parley("runs --store " + file("runs.sqlite")));
  EXPECT_NE(runs.output.find("sensitivity"), std::string::npos) << runs.output;
}

TEST_F(EnsembleCliTest, StoreErrorsAreReported) {
  std::ofstream(file("junk.sqlite")) << std::string(4096, 'j');
  auto junk = run_command(parley("runs --store " + file("junk.sqlite")));
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.error.find("junk.sqlite"), std::string::npos) << junk.error;
  auto absent = run_command(parley("show 3 --store " + file("absent.sqlite")));
  EXPECT_EQ(absent.exit_code, 2);
}

}  // namespace
}  // namespace parley
