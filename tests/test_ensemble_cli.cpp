// The ensemble commands end to end: the parley binary is run as a user
// would run it (thread counts, shards + merge, kill -9 + resume, run store,
// several processes sharing one store).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "parley/error.h"
#include "store/store.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using testing::run_command;

// Starts `command` through the shell with stdout and stderr sent to files
// and returns at once; `exec` makes the signals sent to the pid reach parley.
pid_t spawn(const std::string& command, const std::string& out = "/dev/null",
            const std::string& err = "/dev/null") {
  std::string line = "exec " + command + " >" + out + " 2>" + err;
  pid_t child = fork();
  if (child == 0) {
    execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return child;
}

// Exit code of `child`, or 128 + signal as a shell reports it.
int exit_code(pid_t child) {
  int status = 0;
  if (waitpid(child, &status, 0) != child) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// SQLite's own verdict on a database file: "ok" or the first problem.
std::string integrity(const std::string& path) {
  try {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    return db.execAndGet("PRAGMA integrity_check").getString();
  } catch (const SQLite::Exception& e) {
    return e.what();
  }
}

bool same_draws(const std::vector<ensemble::DrawResult>& a,
                const std::vector<ensemble::DrawResult>& b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k)
    if (!a[k].same_as(b[k])) return false;
  return true;
}

struct Seen {
  bool file = false, run = false, done = false;
  std::int64_t stored = 0;
};

// Run 1 of a store as `parley runs` sees it while another process writes
// it: any error but "no schema yet" is a failure.
Seen seen_in(const std::string& path) {
  Seen seen;
  seen.file = fs::exists(path);
  if (!seen.file) return seen;
  try {
    store::Store db(path, false);
    auto runs = db.runs();
    if (!runs.empty()) {
      seen.run = true;
      seen.done = runs[0].status == "done";
      seen.stored = static_cast<std::int64_t>(runs[0].stored);
    }
  } catch (const Error& e) {
    if (std::string(e.what()).find("empty run store") == std::string::npos)
      ADD_FAILURE() << "reading while another process writes: " << e.what();
  }
  return seen;
}

// When a SIGKILL is sent: a fixed time after the process started, or as
// soon as the store shows a state (file created, run row written, at least
// `value` draws committed, run marked done).
struct KillPoint {
  enum Kind { kAfterMicroseconds, kOnceFileExists, kOnceRunExists, kOnceStored, kOnceDone };
  Kind kind;
  std::int64_t value = 0;
  std::int64_t resumed_at = -1;  // >= 0: kill the resumed run too, at this many draws

  bool reached(const Seen& seen) const {
    switch (kind) {
      case kOnceFileExists:
        return seen.file;
      case kOnceRunExists:
        return seen.run;
      case kOnceStored:
        return seen.stored >= value;
      case kOnceDone:
        return seen.done;
      default:
        return true;
    }
  }
  std::string describe() const {
    std::string text = kind == kAfterMicroseconds ? std::to_string(value) + " us after the start"
                       : kind == kOnceFileExists  ? "once the file exists"
                       : kind == kOnceRunExists   ? "once the run exists"
                       : kind == kOnceStored ? "once " + std::to_string(value) + " draws are stored"
                                             : "once the run is done";
    text = "kill " + text;
    if (resumed_at >= 0)
      text += ", and the resumed run once stored >= " + std::to_string(resumed_at);
    return text;
  }
};

// Sends SIGKILL to `child` at `point` (polling the store at `path`) and
// reaps it.  False when the child had already exited by itself.
bool kill_at(pid_t child, const std::string& path, const KillPoint& point) {
  if (point.kind == KillPoint::kAfterMicroseconds) {
    std::this_thread::sleep_for(std::chrono::microseconds(point.value));
  } else {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!point.reached(seen_in(path)) && std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(child, &status, WNOHANG) == child) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

// What a killed `parley mc` left in its store, checked on the way: the
// store opens (the first opener after the kill meets the files exactly as
// left), SQLite finds it intact, and run 1, if there, is running with the
// first whole batches of draws, bit-identical to `expected`, or is done.
struct Left {
  bool run = false;
  std::string status;
  std::uint64_t stored = 0;
};

Left check_killed_store(const std::string& path, const std::vector<ensemble::DrawResult>& expected,
                        std::uint64_t batch) {
  Left left;
  if (!fs::exists(path)) return left;  // killed before the store was created
  std::unique_ptr<store::Store> db;
  try {
    db = std::make_unique<store::Store>(path, false);
  } catch (const Error& e) {
    // Killed before the schema was committed.
    EXPECT_NE(std::string(e.what()).find("empty run store"), std::string::npos) << e.what();
  }
  EXPECT_EQ(integrity(path), "ok");
  if (!db) return left;
  auto runs = db->runs();
  EXPECT_LE(runs.size(), 1u);
  if (runs.empty()) return left;
  left.run = true;
  left.status = runs[0].status;
  left.stored = runs[0].stored;
  auto draws = db->draws(runs[0].id);
  EXPECT_EQ(draws.size(), left.stored);
  EXPECT_TRUE(draws.size() % batch == 0 || draws.size() == expected.size()) << draws.size();
  bool prefix = draws.size() <= expected.size();
  for (size_t k = 0; prefix && k < draws.size(); ++k) prefix = draws[k].same_as(expected[k]);
  EXPECT_TRUE(prefix) << "the stored draws are not the first draws of the clean run";
  if (left.status == "done")
    EXPECT_EQ(draws.size(), expected.size());
  else
    EXPECT_EQ(left.status, "running");
  return left;
}

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

  // A run alone in a store of its own: what it prints and the draws it stores.
  struct Reference {
    testing::CommandResult result;
    std::vector<ensemble::DrawResult> draws;
  };
  Reference reference(const std::string& arguments, const std::string& name) const {
    Reference r;
    r.result = run_command(parley(arguments + " --store " + file(name)));
    if (r.result.exit_code == 0) r.draws = store::Store(file(name), false).draws(1);
    return r;
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
  EXPECT_NE(one.output.find("\"quantiles\""), std::string::npos);

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

TEST_F(EnsembleCliTest, KilledAtAnyPointTheStoreStaysValidAndResumes) {
  // Small batches make many transactions, so that kills land before, in
  // and between them, and in the WAL checkpoints they trigger.
  constexpr std::uint64_t kDraws = 800, kBatch = 4;
  std::string s = scenario(6);
  std::string ensemble = "mc " + s + " --model compromise --draws " + std::to_string(kDraws) +
                         " --seed 7 --quiet --format json";
  std::string batch = " --batch " + std::to_string(kBatch);
  auto start = std::chrono::steady_clock::now();
  Reference clean = reference(ensemble + batch + " --threads 1", "clean.sqlite");
  auto clean_us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  ASSERT_EQ(clean.result.exit_code, 0) << clean.result.error;
  const auto& expected = clean.draws;
  ASSERT_EQ(expected.size(), kDraws);

  using K = KillPoint;
  // Kills at shares of a clean run's time fall into the start, the run and
  // its end on a fast machine and under sanitizers alike.
  std::vector<KillPoint> points;
  for (int percent : {0, 10, 20, 30, 40, 55, 70})
    points.push_back({K::kAfterMicroseconds, clean_us * percent / 100});
  std::vector<KillPoint> by_state = {{K::kOnceFileExists},        {K::kOnceRunExists},
                                     {K::kOnceStored, 1},         {K::kOnceStored, 30},
                                     {K::kOnceStored, 80},        {K::kOnceStored, 200},
                                     {K::kOnceStored, 300},       {K::kOnceStored, 400},
                                     {K::kOnceStored, 500},       {K::kOnceStored, 600},
                                     {K::kOnceStored, 700},       {K::kOnceStored, 780},
                                     {K::kOnceStored, 800},       {K::kOnceDone},
                                     {K::kOnceRunExists, 0, 150}, {K::kOnceStored, 300, 550},
                                     {K::kOnceStored, 550, 800}};
  points.insert(points.end(), by_state.begin(), by_state.end());
  int partial = 0;
  std::string outcomes;
  for (size_t k = 0; k < points.size(); ++k) {
    SCOPED_TRACE(points[k].describe());
    std::string path = file("killed-" + std::to_string(k) + ".sqlite");
    pid_t child = spawn(parley(ensemble + batch + " --threads 1 --store " + path));
    ASSERT_GT(child, 0);
    kill_at(child, path, points[k]);
    Left left = check_killed_store(path, expected, kBatch);
    if (left.run && left.status == "running" && left.stored > 0 && left.stored < kDraws) ++partial;
    outcomes += (left.run ? left.status + " " + std::to_string(left.stored) : "no run") + "; ";
    std::string resume =
        "mc --resume 1 --threads 2 --quiet --format json" + batch + " --store " + path;
    if (left.run && points[k].resumed_at >= 0) {
      pid_t again = spawn(parley(resume));
      ASSERT_GT(again, 0);
      kill_at(again, path, {K::kOnceStored, points[k].resumed_at});
      left = check_killed_store(path, expected, kBatch);
      outcomes += "resumed and killed: " + left.status + " " + std::to_string(left.stored) + "; ";
    }
    // Without a run there is nothing to resume; the store must take a new one.
    auto finished = run_command(parley(left.run ? resume : ensemble + " --store " + path));
    ASSERT_EQ(finished.exit_code, 0) << finished.error;
    EXPECT_EQ(finished.output, clean.result.output);
    store::Store db(path, false);
    auto run = db.run(1);
    EXPECT_EQ(run.status, "done");
    EXPECT_TRUE(same_draws(db.draws(1), expected));
    EXPECT_EQ(integrity(path), "ok");
  }
  RecordProperty("outcomes", outcomes);
  // Most kills are timed by the draws already stored, so many interrupt the
  // run midway whatever the machine's speed.
  EXPECT_GE(partial, 5) << outcomes;
}

TEST_F(EnsembleCliTest, TwoProcessesWriteOneStoreAtOnce) {
  std::string s = scenario(6);
  auto ensemble = [&](int seed) {
    return "mc " + s + " --model compromise --draws 1000 --seed " + std::to_string(seed) +
           " --quiet --format json --threads 1";
  };
  std::vector<Reference> alone = {reference(ensemble(3), "alone-3.sqlite"),
                                  reference(ensemble(4), "alone-4.sqlite")};
  for (const auto& r : alone) ASSERT_EQ(r.result.exit_code, 0) << r.result.error;
  // Batches of 5 draws make their transactions interleave; each round
  // starts from a new file, so that both processes also create it at once.
  for (int round = 0; round < 5; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::string shared = file("shared-" + std::to_string(round) + ".sqlite");
    std::vector<pid_t> children;
    for (int k : {0, 1})
      children.push_back(spawn(parley(ensemble(3 + k) + " --batch 5 --store " + shared),
                               file("out" + std::to_string(k)), file("err" + std::to_string(k))));
    for (int k : {0, 1}) {
      int code = exit_code(children[k]);
      EXPECT_EQ(code, 0) << contents(file("err" + std::to_string(k)));
      if (code == 0) {
        EXPECT_EQ(contents(file("out" + std::to_string(k))), alone[k].result.output);
      }
    }
    store::Store db(shared, false);
    auto runs = db.runs();
    ASSERT_EQ(runs.size(), 2u);
    for (const auto& run : runs) {
      EXPECT_EQ(run.status, "done");
      EXPECT_EQ(run.stored, 1000u);
      EXPECT_TRUE(same_draws(db.draws(run.id), alone[run.seed - 3].draws)) << "seed " << run.seed;
    }
    EXPECT_EQ(integrity(shared), "ok");
  }
}

TEST_F(EnsembleCliTest, ResumeAndMergeBesideAnotherWriter) {
  std::string s = scenario(6);
  auto ensemble = [&](int seed) {
    return "mc " + s + " --model compromise --draws 1000 --seed " + std::to_string(seed) +
           " --quiet --format json --threads 1";
  };
  std::vector<Reference> alone = {reference(ensemble(3), "alone-3.sqlite"),
                                  reference(ensemble(4), "alone-4.sqlite")};
  for (const auto& r : alone) ASSERT_EQ(r.result.exit_code, 0) << r.result.error;
  for (int k : {0, 1}) {
    auto shard = run_command(parley(ensemble(3) + " --shard " + std::to_string(k) + "/2 --store " +
                                    file("shard" + std::to_string(k) + ".sqlite")));
    ASSERT_EQ(shard.exit_code, 0) << shard.error;
  }
  // Run 1 of the shared store: seed 4, killed midway.
  std::string shared = file("shared.sqlite");
  pid_t killed = spawn(parley(ensemble(4) + " --batch 5 --store " + shared));
  ASSERT_GT(killed, 0);
  ASSERT_TRUE(kill_at(killed, shared, {KillPoint::kOnceStored, 200}))
      << "the run ended before it could be killed";

  // Three processes at once: a new run, the resumed run and a merge.
  std::vector<std::string> commands = {
      ensemble(3) + " --batch 5 --store " + shared,
      "mc --resume 1 --quiet --format json --threads 1 --batch 5 --store " + shared,
      "merge " + file("shard0.sqlite") + " " + file("shard1.sqlite") +
          " --quiet --format json --store " + shared};
  std::vector<pid_t> children;
  for (size_t k = 0; k < commands.size(); ++k)
    children.push_back(spawn(parley(commands[k]), file("out" + std::to_string(k)),
                             file("err" + std::to_string(k))));
  const std::string* expected[] = {&alone[0].result.output, &alone[1].result.output,
                                   &alone[0].result.output};
  for (size_t k = 0; k < commands.size(); ++k) {
    SCOPED_TRACE(commands[k]);
    int code = exit_code(children[k]);
    EXPECT_EQ(code, 0) << contents(file("err" + std::to_string(k)));
    if (code == 0) {
      EXPECT_EQ(contents(file("out" + std::to_string(k))), *expected[k]);
    }
  }
  store::Store db(shared, false);
  auto runs = db.runs();
  ASSERT_EQ(runs.size(), 3u);
  for (const auto& run : runs) {
    EXPECT_EQ(run.status, "done");
    EXPECT_EQ(run.stored, 1000u);
    EXPECT_TRUE(same_draws(db.draws(run.id), alone[run.seed - 3].draws)) << "run " << run.id;
  }
  EXPECT_EQ(integrity(shared), "ok");
}

}  // namespace
}  // namespace parley
