// The `backtest` document: models scored against known outcomes
// (docs/validation.md).  Its keys are read by external scorers: a model's
// scores stay at models[k].all.{n, mae, median_ae, rmse, hit5, hit10, hit20}
// and, for its predictive distribution (docs/calibration.md, "In backtest"),
// models[k].all.{crps, coverage_50, coverage_80, coverage_90, ...}.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"

namespace parley::output {

namespace v = parley::validation;

namespace {

Json metrics_json(const v::Metrics& m) {
  return {{"n", m.n},
          {"mae", number(m.mae)},
          {"median_ae", number(m.median_ae)},
          {"rmse", number(m.rmse)},
          {"hit5", number(m.hit5)},
          {"hit10", number(m.hit10)},
          {"hit20", number(m.hit20)}};
}

Json paired_json(const v::PairedDifference& d) {
  return {{"n", d.n},
          {"groups", d.groups},
          {"mean", number(d.mean)},
          {"lo", number(d.lo)},
          {"hi", number(d.hi)}};
}

Json model_json(const v::ModelReport& m) {
  Json e = Json::object();
  e["label"] = m.spec.label;
  e["model"] = m.spec.model;
  e["all"] = metrics_json(m.all);
  if (m.distribution) {
    detail::add_distribution_scores(e["all"], *m.distribution);
    e["distribution"] = m.distribution_source;  // the calibration used, or "point"
  }
  for (const auto& [k, x] : m.by_procedure) e["by_procedure"][k] = metrics_json(x);
  for (const auto& [k, x] : m.by_voting) e["by_voting"][k] = metrics_json(x);
  e["missing"] = m.missing;
  e["statuses"] = m.statuses;
  e["notes"] = m.notes;
  if (m.vs_baseline) e["vs_baseline"] = paired_json(*m.vs_baseline);
  if (m.crps_vs_baseline) e["crps_vs_baseline"] = paired_json(*m.crps_vs_baseline);
  return e;
}

}  // namespace

Json backtest_document(const v::BacktestReport& r, const std::string& file,
                       const std::string& capabilities) {
  Json j = envelope("backtest");
  j["file"] = file;
  j["capabilities"] = capabilities;
  j["issues"] = r.issues;
  j["scored"] = r.scored;
  j["skipped"] = r.skipped;
  j["baseline"] = r.baseline;
  j["level"] = r.level;
  j["bootstrap"] = r.bootstrap;
  j["warnings"] = r.warnings;
  j["models"] = Json::array();
  for (const auto& m : r.models) j["models"].push_back(model_json(m));
  j["notes"] = r.warnings;  // the importer's warnings, as every document's notes
  return j;
}

std::string backtest_issues_csv(const v::BacktestReport& r) {
  using io::csv_field;
  using io::csv_number;
  std::string out = "issue,group,procedure,voting,outcome,model,forecast,abs_error,status\n";
  for (const auto& row : r.rows)
    for (std::size_t m = 0; m < r.models.size(); ++m) {
      double f = row.forecast[m];
      double e = row.outcome && std::isfinite(f) ? std::abs(f - *row.outcome) : NAN;
      out += csv_field(row.issue) + "," + csv_field(row.group) + "," + csv_field(row.procedure) +
             "," + csv_field(row.voting) + "," + (row.outcome ? csv_number(*row.outcome) : "") +
             "," + csv_field(r.models[m].spec.label) + "," + csv_number(f) + "," + csv_number(e) +
             "," + csv_field(row.status[m]) + "\n";
    }
  return out;
}

namespace detail {

namespace {

std::string fixed(double x, int digits = 2) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : std::string("-");
}
std::string signed_fixed(double x) {
  return std::isfinite(x) ? fmt::format("{:+.2f}", x) : std::string("-");
}

constexpr int kMinGroups = 5;  // fewest resampled groups for which the table prints an interval

std::string counts_text(const Json& counts, const char* empty) {
  std::string out;
  for (const auto& [reason, count] : counts.items())
    out += (out.empty() ? "" : ", ") + fmt::format("{} {}", reason, count.get<long long>());
  return out.empty() ? empty : out;
}

std::string diff_text(const Json& m, const char* member = "vs_baseline") {
  const auto it = m.find(member);
  if (it == m.end()) return "";
  const Json& d = *it;
  // An interval from a handful of resampled cases means nothing: show the
  // count instead (the JSON and CSV output keep the numbers).
  if (d["groups"].get<int>() < kMinGroups)
    return fmt::format("{} [{} case(s)]", signed_fixed(num(d, "mean")), d["groups"].get<int>());
  return fmt::format("{} [{}, {}]", signed_fixed(num(d, "mean")), signed_fixed(num(d, "lo")),
                     signed_fixed(num(d, "hi")));
}

// One table of a split (procedure, voting rule): n / MAE / median AE / share <= 10.
std::string split_table(const Json& r, const char* name, const char* member, size_t width) {
  std::vector<std::string> keys;
  for (const auto& m : r["models"])
    if (m.contains(member))
      for (const auto& [k, _] : m[member].items())
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  std::string s =
      fmt::format("\nby {} (n / MAE / median AE / share <= 10):\n{:<{}}", name, "model", width);
  for (const auto& k : keys) s += fmt::format("  {:>24}", k);
  s += "\n";
  for (const auto& m : r["models"]) {
    s += fmt::format("{:<{}}", str(m, "label"), width);
    for (const auto& k : keys) {
      if (!m.contains(member) || !m[member].contains(k)) {
        s += fmt::format("  {:>24}", "-");
        continue;
      }
      const Json& x = m[member][k];
      s += fmt::format("  {:>24}",
                       fmt::format("{} / {} / {} / {}", x["n"].get<int>(), fixed(num(x, "mae")),
                                   fixed(num(x, "median_ae")), fixed(num(x, "hit10"))));
    }
    s += "\n";
  }
  return s;
}

// The predictive distributions beside the points: n, MAE, CRPS, the PIT-band
// coverage at 50/80/90% and the paired CRPS difference against the baseline.
std::string distribution_table(const Json& r, size_t width) {
  const auto& models = r["models"];
  if (std::none_of(models.begin(), models.end(),
                   [](const Json& m) { return m.contains("distribution"); }))
    return "";
  const std::string baseline = str(r, "baseline");
  std::string out =
      "\npredictive distributions (CRPS on the issue scale; a bare point scores its MAE):\n";
  const std::string diff_head = baseline.empty() ? ""
                                                 : fmt::format("CRPS diff vs {} [{:.0f}% CI]",
                                                               baseline, 100 * num(r, "level"));
  out += fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>5} {:>5} {:>5}  {}\n", "model", width, "n",
                     "MAE", "CRPS", "cov50", "cov80", "cov90", diff_head);
  for (const auto& m : models) {
    if (!m.contains("distribution")) continue;
    const Json& a = m["all"];
    out += fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>5} {:>5} {:>5}  {}{}\n", str(m, "label"),
                       width, a["n"].get<int>(), fixed(num(a, "mae")), fixed(num(a, "crps")),
                       fixed(num(a, "coverage_50")), fixed(num(a, "coverage_80")),
                       fixed(num(a, "coverage_90")), diff_text(m, "crps_vs_baseline"),
                       str(m, "distribution") == "point" ? "  (point)" : "");
  }
  out +=
      "coverage: share of PIT mass inside the central band (docs/calibration.md); the JSON "
      "also\nholds the closed-interval coverage, the PIT histogram and the calibrations used.\n";
  return out;
}

}  // namespace

std::string backtest_table(const Json& r, const TableOptions&) {
  std::string out =
      fmt::format("backtest: {} (capabilities: {})\n", str(r, "file"), str(r, "capabilities"));
  out += fmt::format("issues: {}, scored (with an outcome): {}", r["issues"].get<int>(),
                     r["scored"].get<int>());
  for (const auto& [reason, count] : r["skipped"].items())
    out += fmt::format(", skipped ({}): {}", reason, count.get<int>());
  out += "\n\n";
  size_t width = 5;
  for (const auto& m : r["models"]) width = std::max(width, str(m, "label").size());
  const std::string baseline = str(r, "baseline");
  const std::string diff_head =
      baseline.empty() ? ""
                       : fmt::format("diff vs {} [{:.0f}% CI]", baseline, 100 * num(r, "level"));
  out +=
      fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}  {:<28} {}\n", "model", width,
                  "n", "MAE", "medAE", "RMSE", "<=5", "<=10", "<=20", diff_head, "missing");
  for (const auto& m : r["models"]) {
    const Json& a = m["all"];
    out += fmt::format("{:<{}}  {:>4} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}  {:<28} {}\n",
                       str(m, "label"), width, a["n"].get<int>(), fixed(num(a, "mae")),
                       fixed(num(a, "median_ae")), fixed(num(a, "rmse")), fixed(num(a, "hit5"), 3),
                       fixed(num(a, "hit10"), 3), fixed(num(a, "hit20"), 3), diff_text(m),
                       counts_text(m["missing"], "0"));
  }
  out += distribution_table(r, width);
  out += split_table(r, "procedure", "by_procedure", width);
  out += split_table(r, "voting rule", "by_voting", width);
  out += "\nstatus per model (issues with an outcome):\n";
  for (const auto& m : r["models"]) {
    out += fmt::format("  {:<{}}  {}\n", str(m, "label"), width, counts_text(m["statuses"], ""));
    for (const auto& note : m["notes"])
      out += fmt::format("  {:<{}}  note: {}\n", "", width, note.get<std::string>());
  }
  if (r["bootstrap"].get<int>() > 0 && !baseline.empty())
    out += "\n" +
           io::wrapped_text("",
                            fmt::format("diff = mean over the issues both models score of |model - "
                                        "outcome| - |{} - outcome| (negative = better than {}); "
                                        "interval: percentile bootstrap, {} resamples of whole "
                                        "proposals/cases.",
                                        baseline, baseline, r["bootstrap"].get<int>()),
                            100, 0);
  if (!r["warnings"].empty()) {
    out += "\nimport warnings:\n";
    for (const auto& w : r["warnings"]) out += "  " + w.get<std::string>() + "\n";
  }
  return out;
}

std::string backtest_csv(const Json& r) {
  using io::csv_field;
  using io::csv_number;
  std::string out = "model,subset,n,mae,median_ae,rmse,hit5,hit10,hit20,diff,diff_lo,diff_hi\n";
  for (const auto& m : r["models"]) {
    auto line = [&](const std::string& subset, const Json& x, bool with_diff) {
      out += csv_field(str(m, "label")) + "," + csv_field(subset) + "," +
             std::to_string(x["n"].get<int>());
      for (const char* key : {"mae", "median_ae", "rmse", "hit5", "hit10", "hit20"})
        out += "," + csv_number(num(x, key));
      out += ",";
      if (with_diff && m.contains("vs_baseline")) {
        const Json& d = m["vs_baseline"];
        out += csv_number(num(d, "mean")) + "," + csv_number(num(d, "lo")) + "," +
               csv_number(num(d, "hi"));
      } else {
        out += ",,";
      }
      out += "\n";
    };
    line("all", m["all"], true);
    if (m.contains("by_procedure"))
      for (const auto& [k, x] : m["by_procedure"].items()) line("procedure=" + k, x, false);
    if (m.contains("by_voting"))
      for (const auto& [k, x] : m["by_voting"].items()) line("voting=" + k, x, false);
  }
  return out;
}

}  // namespace detail

}  // namespace parley::output
