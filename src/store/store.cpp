#include "store/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <bit>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "io/digest.h"
#include "parley/error.h"

namespace parley::store {

namespace {

// 'PRLY': marks a database as a parley run store (PRAGMA application_id).
constexpr int kApplicationId = 0x50524C59;
// 1: the first schema; 2: draws.quantities (a model's headline quantities).
constexpr int kSchemaVersion = 2;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL,
  status          TEXT NOT NULL,
  created         TEXT NOT NULL,
  finished        TEXT,
  scenario_sha256 TEXT NOT NULL,
  scenario_text   TEXT NOT NULL,
  scenario_origin TEXT NOT NULL,
  model           TEXT NOT NULL,
  params          TEXT NOT NULL,
  seed            INTEGER NOT NULL,
  draws           INTEGER NOT NULL,
  shard           INTEGER NOT NULL,
  shards          INTEGER NOT NULL,
  options         TEXT NOT NULL,
  parley_version  TEXT NOT NULL,
  seconds         REAL NOT NULL DEFAULT 0,
  summary         TEXT
);
CREATE TABLE IF NOT EXISTS draws (
  run_id      INTEGER NOT NULL REFERENCES runs(id),
  draw        INTEGER NOT NULL,
  rounds      INTEGER NOT NULL,
  forecast    BLOB NOT NULL,
  status      TEXT NOT NULL,
  median_path BLOB NOT NULL,
  mean_path   BLOB NOT NULL,
  error       TEXT NOT NULL,
  seconds     REAL NOT NULL,
  quantities  BLOB NOT NULL DEFAULT x'',
  PRIMARY KEY (run_id, draw)
) WITHOUT ROWID;
)sql";

static_assert(std::endian::native == std::endian::little,
              "the store writes doubles as little-endian bytes");

std::string blob_of(const std::vector<double>& values) {
  std::string bytes(values.size() * sizeof(double), '\0');
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<double> doubles_of(const SQLite::Column& column) {
  std::vector<double> values(static_cast<size_t>(column.getBytes()) / sizeof(double));
  if (!values.empty()) std::memcpy(values.data(), column.getBlob(), values.size() * sizeof(double));
  return values;
}

std::string now_utc() {
  auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  SourceLocation where;
  where.file = path;
  throw Error(where, message);
}

std::uint32_t big_endian(const unsigned char* p, int bytes) {
  std::uint32_t v = 0;
  for (int k = 0; k < bytes; ++k) v = (v << 8) | p[k];
  return v;
}

// True when a WAL or rollback journal lies beside the database: the main
// file alone is then not the whole database, and SQLite completes it on open.
bool has_journal(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path + "-wal", ec) ||
         std::filesystem::exists(path + "-journal", ec);
}

// Checks the 100-byte SQLite header before SQLite sees the file: SQLite
// silently reads a truncated file as if the missing pages were never
// written, so truncation is caught here.  A checkpoint writes page 1, with
// the new page count, before the pages that extend the file, and a process
// killed meanwhile leaves those pages in the WAL; so a short file is damage
// only when no journal can complete it.  The file is read again when no
// WAL is found, as a checkpoint may have ended (and removed it) meanwhile.
void check_header(const std::string& path) {
  std::uint64_t size = 0, page = 0, pages = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::error_code ec;
    size = std::filesystem::file_size(path, ec);
    if (ec || size == 0) return;  // new or empty: SQLite initialises it
    if (size < 100) fail(path, "run store is truncated (" + std::to_string(size) + " bytes)");
    unsigned char header[100];
    std::ifstream in(path, std::ios::binary);
    in.read(reinterpret_cast<char*>(header), sizeof header);
    if (!in || std::memcmp(header, "SQLite format 3", 16) != 0)
      fail(path, "not a parley run store (not an SQLite database)");
    page = big_endian(header + 16, 2);
    if (page == 1) page = 65536;
    pages = big_endian(header + 28, 4);
    if (page >= 512 && size % page == 0 && size >= page * pages) return;
    if (has_journal(path)) return;
  }
  fail(path, "run store is truncated or damaged: " + std::to_string(size) +
                 " bytes, the header promises " + std::to_string(pages) + " pages of " +
                 std::to_string(page) + " bytes");
}

constexpr int kBusyMilliseconds = 10000;

// Switching a new database to WAL needs it to itself for a moment, and
// SQLite answers SQLITE_BUSY at once there instead of calling the busy
// handler; another process opening the store at the same time retries.
void use_wal(SQLite::Database& db) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyMilliseconds);
  for (;;) {
    try {
      db.exec("PRAGMA journal_mode=WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// What a database holds, read in one statement so that a store being
// created by another process is seen either before or after its schema.
struct Contents {
  int application_id = 0, user_version = 0, tables = 0;
  bool empty() const { return application_id == 0 && tables == 0; }
};

Contents contents_of(SQLite::Database& db) {
  SQLite::Statement query(db, R"sql(
    SELECT (SELECT application_id FROM pragma_application_id),
           (SELECT user_version FROM pragma_user_version),
           (SELECT count(*) FROM sqlite_master))sql");
  query.executeStep();
  return {query.getColumn(0).getInt(), query.getColumn(1).getInt(), query.getColumn(2).getInt()};
}

// Creates the schema unless another process did so first: the write lock
// is taken before looking, so two processes creating one store serialise.
Contents initialise(SQLite::Database& db) {
  use_wal(db);
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  Contents contents = contents_of(db);
  if (contents.empty()) {
    db.exec(kSchema);
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    contents = contents_of(db);
  }
  transaction.commit();
  return contents;
}

// A store of schema 1 gains the quantities column of its draws (empty for
// the draws already stored), under the write lock so that processes opening
// it at once upgrade it once.
Contents upgrade(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  Contents contents = contents_of(db);
  if (contents.user_version == 1) {
    db.exec("ALTER TABLE draws ADD COLUMN quantities BLOB NOT NULL DEFAULT x''");
    db.exec("PRAGMA user_version=" + std::to_string(kSchemaVersion));
    contents = contents_of(db);
  }
  transaction.commit();
  return contents;
}

}  // namespace

struct Store::Impl {
  std::unique_ptr<SQLite::Database> db;
};

// Every SQLite exception becomes a parley::Error naming the file.
template <class F>
auto guarded(const std::string& path, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    fail(path, std::string("run store: ") + e.what());
  }
}

Store::Store(const std::string& path, bool create) : path_(path), impl_(std::make_unique<Impl>()) {
  bool exists = std::filesystem::exists(path);
  if (!exists && !create) fail(path, "no run store here (run `parley mc` with --store first)");
  check_header(path);
  guarded(path_, [&] {
    impl_->db =
        std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    auto& db = *impl_->db;
    db.setBusyTimeout(kBusyMilliseconds);
    Contents contents = contents_of(db);
    if (contents.empty() && create) contents = initialise(db);
    if (contents.empty()) fail(path_, "empty run store (no runs yet)");
    if (contents.application_id != kApplicationId)
      fail(path_, "not a parley run store (a foreign SQLite database)");
    if (contents.user_version > kSchemaVersion)
      fail(path_, "run store schema " + std::to_string(contents.user_version) +
                      " is newer than this parley understands (" + std::to_string(kSchemaVersion) +
                      ")");
    use_wal(db);
    if (contents.user_version < kSchemaVersion) upgrade(db);
    // Touch every page of the catalogue so that damage shows now.
    db.execAndGet("SELECT count(*) FROM runs");
    // A transaction survives a killed process once committed; NORMAL only
    // risks the last transactions on power loss, which --resume re-runs.
    db.exec("PRAGMA synchronous=NORMAL");
  });
}

Store::~Store() = default;

std::int64_t Store::create_run(RunRecord& record) {
  return guarded(path_, [&] {
    record.created = now_utc();
    SQLite::Statement insert(*impl_->db, R"sql(
      INSERT INTO runs (kind, status, created, scenario_sha256, scenario_text, scenario_origin,
                        model, params, seed, draws, shard, shards, options, parley_version, seconds)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    insert.bind(1, record.kind);
    insert.bind(2, record.status);
    insert.bind(3, record.created);
    insert.bind(4, record.scenario_sha256);
    insert.bind(5, record.scenario_text);
    insert.bind(6, record.scenario_origin);
    insert.bind(7, record.model);
    insert.bind(8, record.params);
    insert.bind(9, static_cast<std::int64_t>(record.seed));  // bit pattern of the uint64
    insert.bind(10, static_cast<std::int64_t>(record.draws));
    insert.bind(11, record.shard);
    insert.bind(12, record.shards);
    insert.bind(13, record.options);
    insert.bind(14, record.version);
    insert.bind(15, record.seconds);
    insert.exec();
    record.id = impl_->db->getLastInsertRowid();
    return record.id;
  });
}

void Store::add_draws(std::int64_t run, std::span<const ensemble::DrawResult> draws) {
  guarded(path_, [&] {
    // IMMEDIATE takes the write lock at BEGIN, where SQLite waits for it
    // under the busy timeout; a transaction that has read first cannot wait.
    SQLite::Transaction transaction(*impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement insert(*impl_->db, R"sql(
      INSERT OR REPLACE INTO draws (run_id, draw, rounds, forecast, status, median_path,
                                    mean_path, error, seconds, quantities)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql");
    for (const auto& draw : draws) {
      insert.reset();
      insert.bind(1, run);
      insert.bind(2, static_cast<std::int64_t>(draw.draw));
      insert.bind(3, draw.rounds);
      std::string forecast = blob_of(draw.forecast), median = blob_of(draw.median_path),
                  mean = blob_of(draw.mean_path), quantities = blob_of(draw.quantities);
      insert.bind(4, forecast.data(), static_cast<int>(forecast.size()));
      insert.bind(5, nlohmann::json(draw.status).dump());
      insert.bind(6, median.data(), static_cast<int>(median.size()));
      insert.bind(7, mean.data(), static_cast<int>(mean.size()));
      insert.bind(8, draw.error);
      insert.bind(9, draw.seconds);
      insert.bind(10, quantities.data(), static_cast<int>(quantities.size()));
      insert.exec();
    }
    transaction.commit();
  });
}

std::vector<ensemble::DrawResult> Store::draws(std::int64_t run) {
  return guarded(path_, [&] {
    std::vector<ensemble::DrawResult> out;
    SQLite::Statement query(*impl_->db, R"sql(
      SELECT draw, rounds, forecast, status, median_path, mean_path, error, seconds, quantities
      FROM draws WHERE run_id = ? ORDER BY draw)sql");
    query.bind(1, run);
    while (query.executeStep()) {
      ensemble::DrawResult draw;
      draw.draw = static_cast<std::uint64_t>(query.getColumn(0).getInt64());
      draw.rounds = query.getColumn(1).getInt();
      draw.forecast = doubles_of(query.getColumn(2));
      try {
        draw.status =
            nlohmann::json::parse(query.getColumn(3).getString()).get<std::vector<std::string>>();
      } catch (const nlohmann::json::exception&) {
        fail(path_, "run " + std::to_string(run) + " draw " + std::to_string(draw.draw) +
                        ": damaged status column");
      }
      draw.median_path = doubles_of(query.getColumn(4));
      draw.mean_path = doubles_of(query.getColumn(5));
      draw.error = query.getColumn(6).getString();
      draw.seconds = query.getColumn(7).getDouble();
      draw.quantities = doubles_of(query.getColumn(8));
      if (draw.status.size() != draw.forecast.size())
        fail(path_, "run " + std::to_string(run) + " draw " + std::to_string(draw.draw) +
                        ": damaged forecast column");
      out.push_back(std::move(draw));
    }
    return out;
  });
}

void Store::add_seconds(std::int64_t run, double seconds) {
  guarded(path_, [&] {
    SQLite::Statement update(*impl_->db, "UPDATE runs SET seconds = seconds + ? WHERE id = ?");
    update.bind(1, seconds);
    update.bind(2, run);
    update.exec();
  });
}

void Store::finish_run(std::int64_t run, const std::string& summary_json) {
  guarded(path_, [&] {
    SQLite::Statement update(
        *impl_->db, "UPDATE runs SET status = 'done', finished = ?, summary = ? WHERE id = ?");
    update.bind(1, now_utc());
    update.bind(2, summary_json);
    update.bind(3, run);
    update.exec();
  });
}

namespace {
constexpr const char* kRunColumns = R"sql(
  SELECT id, kind, status, created, coalesce(finished, ''), scenario_text, scenario_sha256,
         scenario_origin, model, params, seed, draws, shard, shards, options, parley_version,
         seconds, (SELECT count(*) FROM draws WHERE run_id = runs.id)
  FROM runs)sql";

RunRecord record_of(SQLite::Statement& query) {
  RunRecord r;
  r.id = query.getColumn(0).getInt64();
  r.kind = query.getColumn(1).getString();
  r.status = query.getColumn(2).getString();
  r.created = query.getColumn(3).getString();
  r.finished = query.getColumn(4).getString();
  r.scenario_text = query.getColumn(5).getString();
  r.scenario_sha256 = query.getColumn(6).getString();
  r.scenario_origin = query.getColumn(7).getString();
  r.model = query.getColumn(8).getString();
  r.params = query.getColumn(9).getString();
  r.seed = static_cast<std::uint64_t>(query.getColumn(10).getInt64());
  r.draws = static_cast<std::uint64_t>(query.getColumn(11).getInt64());
  r.shard = query.getColumn(12).getInt();
  r.shards = query.getColumn(13).getInt();
  r.options = query.getColumn(14).getString();
  r.version = query.getColumn(15).getString();
  r.seconds = query.getColumn(16).getDouble();
  r.stored = static_cast<std::uint64_t>(query.getColumn(17).getInt64());
  return r;
}
}  // namespace

std::vector<RunRecord> Store::runs() {
  return guarded(path_, [&] {
    std::vector<RunRecord> out;
    SQLite::Statement query(*impl_->db, std::string(kRunColumns) + " ORDER BY id");
    while (query.executeStep()) out.push_back(record_of(query));
    return out;
  });
}

RunRecord Store::run(std::int64_t id) {
  return guarded(path_, [&] {
    SQLite::Statement query(*impl_->db, std::string(kRunColumns) + " WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) fail(path_, "no run " + std::to_string(id) + " in this store");
    return record_of(query);
  });
}

std::string Store::summary(std::int64_t id) {
  return guarded(path_, [&] {
    SQLite::Statement query(*impl_->db, "SELECT coalesce(summary, '') FROM runs WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) fail(path_, "no run " + std::to_string(id) + " in this store");
    return query.getColumn(0).getString();
  });
}

std::string sha256_hex(std::string_view data) { return io::sha256_hex(data); }

}  // namespace parley::store
