// docs/ukraine-2026.md quotes numbers next to the command and seed that
// produced them, in fenced `parley-check` blocks:
//
//   ```parley-check
//   $ parley run scenarios/ukraine-2026.yaml --seed 1
//   => ceasefire_2026 = 0.30
//   => terms[donbas].mean = 86
//   ```
//
// This test runs every such command (with --format json) and compares each
// `=>` line with what it prints, to half a unit of the last quoted digit, so
// the document cannot drift from the model.  Names: a question id, a
// forecast.ISSUE, a quantity name, or TABLE[KEY].COLUMN (the row of TABLE
// with a text cell KEY, e.g. periods[2026-12].p_ceasefire_by_then).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "test_support.h"

namespace parley {
namespace {

using nlohmann::json;

struct Expectation {
  std::string name;
  std::string quoted;  // as written, e.g. "0.30"
  int line = 0;
};
struct Check {
  std::string command;  // without the leading "$ "
  int line = 0;
  std::vector<Expectation> expect;
};

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  const auto b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<Check> checks_in(const std::string& path) {
  std::ifstream in(path);
  std::vector<Check> out;
  bool inside = false;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    const std::string t = trim(line);
    if (!inside) {
      inside = t == "```parley-check";
      continue;
    }
    if (t == "```") {
      inside = false;
    } else if (t.rfind("$ ", 0) == 0) {
      out.push_back({trim(t.substr(2)), n, {}});
    } else if (t.rfind("=> ", 0) == 0 && !out.empty()) {
      const std::string body = t.substr(3);
      const auto eq = body.rfind(" = ");
      EXPECT_NE(eq, std::string::npos) << path << ":" << n << ": expected '=> NAME = VALUE'";
      if (eq != std::string::npos)
        out.back().expect.push_back({trim(body.substr(0, eq)), trim(body.substr(eq + 3)), n});
    } else if (!t.empty()) {
      ADD_FAILURE() << path << ":" << n << ": a parley-check line starts with '$ ' or '=> '";
    }
  }
  return out;
}

std::optional<double> number(const json& v) {
  if (v.is_number()) return v.get<double>();
  return std::nullopt;
}

// The value `name` addresses in a run's JSON.
std::optional<double> lookup(const json& j, const std::string& name) {
  if (j.contains("questions"))
    for (const auto& q : j["questions"])
      if (q["id"] == name) return number(q["value"]);
  const std::string forecast = "forecast.";
  if (name.rfind(forecast, 0) == 0 && j["forecast"].contains(name.substr(forecast.size())))
    return number(j["forecast"][name.substr(forecast.size())]);
  for (const auto& q : j["quantities"])
    if (q["name"] == name) return number(q["value"]);
  const auto open = name.find('['), close = name.find("].");
  if (open == std::string::npos || close == std::string::npos) return std::nullopt;
  const std::string table = name.substr(0, open), key = name.substr(open + 1, close - open - 1),
                    column = name.substr(close + 2);
  for (const auto& t : j["tables"]) {
    if (t["name"] != table) continue;
    const auto& cols = t["columns"];
    const auto c = std::find(cols.begin(), cols.end(), column);
    if (c == cols.end()) return std::nullopt;
    for (const auto& row : t["rows"])
      for (const auto& cell : row)
        if (cell.is_string() && cell == key) return number(row[c - cols.begin()]);
  }
  return std::nullopt;
}

// Half a unit in the last quoted digit: "0.30" -> 0.005, "86" -> 0.5.
double tolerance(const std::string& quoted) {
  const auto dot = quoted.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(quoted.size() - dot - 1);
  return 0.5 * std::pow(10.0, -decimals) + 1e-12;
}

TEST(FlagshipDoc, EveryQuotedNumberIsWhatItsCommandPrints) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the document's commands run in the Release build (seconds each)";
#endif
  const std::string doc = testing::source_file("docs/ukraine-2026.md");
  const auto checks = checks_in(doc);
  ASSERT_GE(checks.size(), 1u) << doc << " has no parley-check block";
  for (const auto& check : checks) {
    ASSERT_EQ(check.command.rfind("parley ", 0), 0u) << doc << ":" << check.line;
    ASSERT_FALSE(check.expect.empty()) << doc << ":" << check.line << ": nothing to compare";
    const auto r = testing::run_command("cd '" + testing::source_file("") + "' && '" +
                                        testing::parley_binary() + "' " + check.command.substr(7) +
                                        " --format json");
    ASSERT_EQ(r.exit_code, 0) << doc << ":" << check.line << ": " << r.error;
    const json j = json::parse(r.output);
    for (const auto& e : check.expect) {
      const auto value = lookup(j, e.name);
      ASSERT_TRUE(value.has_value()) << doc << ":" << e.line << ": '" << e.name
                                     << "' is not in the output of: " << check.command;
      EXPECT_NEAR(*value, std::stod(e.quoted), tolerance(e.quoted))
          << doc << ":" << e.line << ": " << e.name << " (" << check.command << ")";
    }
  }
}

}  // namespace
}  // namespace parley
