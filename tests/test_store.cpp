// The run store (src/store): round trips, damaged and foreign files, processes
// sharing one store.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "parley/error.h"
#include "store/store.h"
#include "test_support.h"

namespace parley::store {
namespace {

namespace fs = std::filesystem;

// A fresh temporary directory per test, removed afterwards.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parley-store-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

std::string contents(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ensemble::DrawResult draw(std::uint64_t index, double value) {
  ensemble::DrawResult d;
  d.draw = index;
  d.forecast = {value, std::numeric_limits<double>::quiet_NaN()};
  d.status = {"ok", "no_weight"};
  d.rounds = 2;
  d.median_path = {1, 2, 3, 4, 5, 0.1 + value};
  d.mean_path = {6, 5, 4, 3, 2, 1.0 / 3.0};
  d.quantities = {value / 3, std::numeric_limits<double>::quiet_NaN()};
  d.seconds = 0.5;
  return d;
}

RunRecord record() {
  RunRecord r;
  r.scenario_text = "title: test\n";
  r.scenario_sha256 = sha256_hex(r.scenario_text);
  r.scenario_origin = "test.yaml";
  r.model = "compromise";
  r.params = R"({"weight":"cap_sal"})";
  r.seed = 18446744073709551615ull;  // the largest seed survives the int64 column
  r.draws = 10;
  r.options = R"({"noise":0,"bins":20,"regions":[]})";
  r.version = "test";
  return r;
}

// A store written before draws had quantities (schema 1) is upgraded on
// opening: its draws read back without quantities, new draws keep theirs.
TEST_F(StoreTest, SchemaOneStoreGainsTheQuantitiesColumn) {
  {
    SQLite::Database db(file("old.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(R"sql(
      CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
        status TEXT NOT NULL, created TEXT NOT NULL, finished TEXT,
        scenario_sha256 TEXT NOT NULL, scenario_text TEXT NOT NULL,
        scenario_origin TEXT NOT NULL, model TEXT NOT NULL, params TEXT NOT NULL,
        seed INTEGER NOT NULL, draws INTEGER NOT NULL, shard INTEGER NOT NULL,
        shards INTEGER NOT NULL, options TEXT NOT NULL, parley_version TEXT NOT NULL,
        seconds REAL NOT NULL DEFAULT 0, summary TEXT);
      CREATE TABLE draws (run_id INTEGER NOT NULL REFERENCES runs(id), draw INTEGER NOT NULL,
        rounds INTEGER NOT NULL, forecast BLOB NOT NULL, status TEXT NOT NULL,
        median_path BLOB NOT NULL, mean_path BLOB NOT NULL, error TEXT NOT NULL,
        seconds REAL NOT NULL, PRIMARY KEY (run_id, draw)) WITHOUT ROWID;
      INSERT INTO runs (kind, status, created, scenario_sha256, scenario_text, scenario_origin,
        model, params, seed, draws, shard, shards, options, parley_version)
        VALUES ('mc', 'running', 'then', 'x', 't', 'o', 'compromise', '{}', 1, 2, 0, 1, '{}',
                'old');
      INSERT INTO draws VALUES (1, 0, 0, x'', '[]', x'', x'', '', 0);
      PRAGMA application_id=1347570777;
      PRAGMA user_version=1;)sql");
  }
  Store db(file("old.sqlite"), false);
  db.add_draws(1, std::vector<ensemble::DrawResult>{draw(1, 0.5)});
  auto draws = db.draws(1);
  ASSERT_EQ(draws.size(), 2u);
  EXPECT_TRUE(draws[0].quantities.empty());
  EXPECT_TRUE(draws[1].same_as(draw(1, 0.5)));
}

TEST(StoreHashTest, Sha256OfKnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(StoreTest, RunsAndDrawsRoundTripBitExactly) {
  std::int64_t id = 0;
  {
    Store db(file("runs.sqlite"));
    RunRecord r = record();
    id = db.create_run(r);
    EXPECT_EQ(id, 1);
    std::vector<ensemble::DrawResult> batch{draw(3, 0.1 + 0.2), draw(1, 1e-300)};
    db.add_draws(id, batch);
    db.add_seconds(id, 1.25);
  }
  Store db(file("runs.sqlite"), false);
  auto draws = db.draws(id);
  ASSERT_EQ(draws.size(), 2u);
  EXPECT_TRUE(draws[0].same_as(draw(1, 1e-300)));  // ordered by draw
  EXPECT_TRUE(draws[1].same_as(draw(3, 0.1 + 0.2)));
  EXPECT_TRUE(std::isnan(draws[1].forecast[1]));
  RunRecord r = db.run(id);
  EXPECT_EQ(r.status, "running");
  EXPECT_EQ(r.seed, 18446744073709551615ull);
  EXPECT_EQ(r.stored, 2u);
  EXPECT_DOUBLE_EQ(r.seconds, 1.25);
  EXPECT_EQ(db.summary(id), "");
  db.finish_run(id, R"({"kind":"mc"})");
  EXPECT_EQ(db.run(id).status, "done");
  EXPECT_EQ(db.summary(id), R"({"kind":"mc"})");
  EXPECT_EQ(db.runs().size(), 1u);
  EXPECT_THROW(db.run(99), Error);
}

TEST_F(StoreTest, ParamsAndOptionsRoundTrip) {
  Params params{{"rounds", 10.0}, {"weight", std::string("cap_sal")}, {"eps", 0.1 + 0.2}};
  EXPECT_EQ(params_from_json(params_to_json(params)), params);
  ensemble::Options options;
  options.noise = 0.15;
  options.bins = 7;
  options.regions = {{"tax", "low", 0, 33.3}, {"", "high", 66.7, 100}};
  ensemble::Options back;
  options_from_json(options_to_json(options), back);
  EXPECT_EQ(back.noise, 0.15);
  EXPECT_EQ(back.bins, 7);
  ASSERT_EQ(back.regions.size(), 2u);
  EXPECT_EQ(back.regions[0].issue, "tax");
  EXPECT_EQ(back.regions[0].hi, 33.3);
  EXPECT_EQ(back.regions[1].name, "high");
  EXPECT_THROW(params_from_json("{not json"), Error);
}

TEST_F(StoreTest, MissingStoreIsAnErrorWhenNotCreating) {
  try {
    Store db(file("absent.sqlite"), false);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("absent.sqlite"), std::string::npos) << e.what();
  }
}

TEST_F(StoreTest, ForeignDatabaseIsRejected) {
  {
    SQLite::Database db(file("other.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE people (name TEXT)");
  }
  try {
    Store db(file("other.sqlite"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("foreign"), std::string::npos) << e.what();
  }
}

TEST_F(StoreTest, NonDatabaseFileIsRejected) {
  std::ofstream(file("notes.sqlite")) << "these are my notes, not a database\n"
                                      << std::string(200, 'x');
  try {
    Store db(file("notes.sqlite"));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("not an SQLite database"), std::string::npos) << e.what();
  }
  std::ofstream(file("tiny.sqlite")) << "SQLite";
  EXPECT_THROW(Store(file("tiny.sqlite")), Error);
}

TEST_F(StoreTest, TruncatedDatabaseIsRejected) {
  {
    Store db(file("runs.sqlite"));
    RunRecord r = record();
    db.create_run(r);
    std::vector<ensemble::DrawResult> batch;
    for (std::uint64_t d = 0; d < 2000; ++d) batch.push_back(draw(d, static_cast<double>(d)));
    db.add_draws(r.id, batch);
  }  // the last connection checkpoints the WAL into the main file
  auto size = fs::file_size(file("runs.sqlite"));
  ASSERT_GT(size, 16384u);
  for (auto cut : {size / 2, size / 2 + 100, size - 4096}) {
    fs::copy_file(file("runs.sqlite"), file("cut.sqlite"), fs::copy_options::overwrite_existing);
    fs::resize_file(file("cut.sqlite"), cut);
    try {
      Store db(file("cut.sqlite"));
      db.draws(1);
      FAIL() << "expected an error at " << cut << " of " << size << " bytes";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("cut.sqlite"), std::string::npos) << e.what();
    }
  }
}

// A checkpoint copies the WAL into the main file in page order, page 1 (and
// the page count in it) first; a process killed meanwhile leaves a short
// main file that the WAL completes.  That is not damage.
TEST_F(StoreTest, InterruptedCheckpointIsNotTruncation) {
  std::vector<ensemble::DrawResult> batch;
  for (std::uint64_t d = 0; d < 2000; ++d) batch.push_back(draw(d, static_cast<double>(d)));
  {
    Store db(file("runs.sqlite"));
    RunRecord r = record();
    db.create_run(r);
    db.add_draws(r.id, batch);
    // Copied while open, the WAL still holds every page written so far.
    fs::copy_file(file("runs.sqlite"), file("cut.sqlite"));
    fs::copy_file(file("runs.sqlite-wal"), file("cut.sqlite-wal"));
  }
  std::string wal = contents(file("cut.sqlite-wal"));
  ASSERT_GT(wal.size(), 32u);
  auto u32 = [&](size_t at) {
    std::uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) v = (v << 8) | static_cast<unsigned char>(wal[at + k]);
    return v;
  };
  // WAL format: a 32-byte header, then frames of a 24-byte header (page
  // number first) and one page.
  size_t page = u32(8), newest_page1 = 0;
  for (size_t at = 32; at + 24 + page <= wal.size(); at += 24 + page)
    if (u32(at) == 1) newest_page1 = at + 24;
  ASSERT_GT(newest_page1, 0u);
  std::uint32_t pages = u32(newest_page1 + 28);
  ASSERT_GT(pages * page, fs::file_size(file("cut.sqlite")));
  {
    std::fstream main(file("cut.sqlite"), std::ios::in | std::ios::out | std::ios::binary);
    main.write(wal.data() + newest_page1, static_cast<std::streamsize>(page));
  }
  Store db(file("cut.sqlite"), false);
  auto draws = db.draws(1);
  ASSERT_EQ(draws.size(), batch.size());
  for (size_t d = 0; d < draws.size(); ++d) EXPECT_TRUE(draws[d].same_as(batch[d])) << d;
  SQLite::Database check(file("cut.sqlite"), SQLite::OPEN_READONLY);
  EXPECT_EQ(check.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

// Processes that open one new store at the same moment: each creates the
// schema unless another did first, and writes its run beside the others.
TEST_F(StoreTest, ProcessesCreatingOneStoreAtOnceShareIt) {
  constexpr int kProcesses = 4, kBatches = 5;
  for (int round = 0; round < 10; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    std::string path = file("shared-" + std::to_string(round) + ".sqlite");
    int go[2];
    ASSERT_EQ(pipe(go), 0);
    std::vector<pid_t> children;
    for (int k = 0; k < kProcesses; ++k) {
      pid_t child = fork();
      if (child == 0) {
        // Every child waits for the pipe to close, then all start at once.
        close(go[1]);
        char byte;
        if (read(go[0], &byte, 1) != 0) _exit(3);
        int code = 0;
        try {
          Store db(path);
          RunRecord r = record();
          r.seed = static_cast<std::uint64_t>(k);
          db.create_run(r);
          for (std::uint64_t b = 0; b < kBatches; ++b) {
            std::vector<ensemble::DrawResult> batch{draw(2 * b, 1.0 * k), draw(2 * b + 1, 2.0 * k)};
            db.add_draws(r.id, batch);
          }
          db.finish_run(r.id, "{}");
        } catch (const std::exception& e) {
          std::fprintf(stderr, "process %d: %s\n", k, e.what());
          code = 1;
        }
        _exit(code);
      }
      ASSERT_GT(child, 0);
      children.push_back(child);
    }
    close(go[0]);
    close(go[1]);
    for (pid_t child : children) {
      int status = 0;
      ASSERT_EQ(waitpid(child, &status, 0), child);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    Store db(path, false);
    auto runs = db.runs();
    ASSERT_EQ(runs.size(), static_cast<size_t>(kProcesses));
    for (const auto& run : runs) {
      EXPECT_EQ(run.status, "done");
      ASSERT_EQ(run.stored, 2u * kBatches);
      auto draws = db.draws(run.id);
      EXPECT_TRUE(
          draws.back().same_as(draw(2 * kBatches - 1, 2.0 * static_cast<double>(run.seed))));
    }
  }
}

}  // namespace
}  // namespace parley::store
