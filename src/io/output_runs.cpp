// The `runs` document: the runs of a run store (`parley runs`).
#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"

namespace parley::output::detail {

std::string runs_table(const Json& doc, const TableOptions&) {
  std::string out =
      fmt::format("{:>4} {:<11} {:<8} {:<12} {:>15} {:>6} {:>10} {:>8}  {:<20} {}\n", "id", "kind",
                  "status", "model", "draws", "shard", "seed", "seconds", "created", "scenario");
  for (const auto& r : doc["runs"]) {
    const std::string kind = str(r, "kind");
    out += fmt::format("{:>4} {:<11} {:<8} {:<12} {:>15} {:>6} {:>10} {:>8.2f}  {:<20} {} ({})\n",
                       r["id"].get<long long>(), kind, str(r, "status"), str(r, "model"),
                       kind == "mc" ? fmt::format("{}/{}", r["stored"].get<unsigned long long>(),
                                                  r["draws"].get<unsigned long long>())
                                    : "-",
                       fmt::format("{}/{}", r["shard"].get<int>(), r["shards"].get<int>()),
                       r["seed"].get<unsigned long long>(), num(r, "seconds"), str(r, "created"),
                       str(r, "scenario"), str(r, "scenario_sha256").substr(0, 12));
  }
  return out;
}

std::string runs_csv(const Json& doc) {
  std::string out =
      "id,kind,status,model,seed,draws,stored,shard,shards,seconds,created,finished,scenario,"
      "scenario_sha256,parley_version\n";
  for (const auto& r : doc["runs"]) {
    out += std::to_string(r["id"].get<long long>()) + "," + io::csv_field(str(r, "kind")) + "," +
           io::csv_field(str(r, "status")) + "," + io::csv_field(str(r, "model")) + "," +
           std::to_string(r["seed"].get<unsigned long long>()) + "," +
           std::to_string(r["draws"].get<unsigned long long>()) + "," +
           std::to_string(r["stored"].get<unsigned long long>()) + "," +
           std::to_string(r["shard"].get<int>()) + "," + std::to_string(r["shards"].get<int>()) +
           "," + io::csv_number(num(r, "seconds")) + "," + io::csv_field(str(r, "created")) + "," +
           io::csv_field(str(r, "finished")) + "," + io::csv_field(str(r, "scenario")) + "," +
           io::csv_field(str(r, "scenario_sha256")) + "," +
           io::csv_field(str(r, "parley_version")) + "\n";
  }
  return out;
}

}  // namespace parley::output::detail
