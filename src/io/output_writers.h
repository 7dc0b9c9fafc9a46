// io/output_writers.h - the table and CSV writers of each kind of result
// document, listed in output.cpp's writer table.  Internal to parley_io.
#pragma once

#include <string>
#include <vector>

#include "io/output.h"

namespace parley::output::detail {

std::string run_table(const Json& document, const TableOptions& options);
std::string run_csv(const Json& document);
std::string mc_table(const Json& document, const TableOptions& options);
std::string mc_csv(const Json& document);
std::string sensitivity_table(const Json& document, const TableOptions& options);
std::string sensitivity_csv(const Json& document);
std::string whatif_table(const Json& document, const TableOptions& options);
std::string whatif_csv(const Json& document);
std::string advice_table(const Json& document, const TableOptions& options);
std::string advice_csv(const Json& document);
std::string backtest_table(const Json& document, const TableOptions& options);
std::string backtest_csv(const Json& document);
std::string calibration_table(const Json& document, const TableOptions& options);
std::string calibration_csv(const Json& document);
std::string runs_table(const Json& document, const TableOptions& options);
std::string runs_csv(const Json& document);
std::string war_backtest_table(const Json& document, const TableOptions& options);
std::string war_backtest_csv(const Json& document);
std::string war_calibration_table(const Json& document, const TableOptions& options);
std::string war_calibration_csv(const Json& document);

// {kind, parley_version, model, params, seed}: what every document made
// from an ensemble plan (mc, sensitivity, whatif, advice) starts with.
Json plan_envelope(std::string_view kind, const ensemble::Plan& plan);
std::string compare_table(const Json& document, const TableOptions& options);
// A point on an issue's scale of `width` for people: one decimal on scales
// wider than 10, else three (the compare table, the brief).
std::string scale_point(double x, double width);
// The brief's lines from a run document's `agreement` and `lever`
// (output_brief.cpp); "" without them.
std::string brief_context(const Json& run);
std::string compare_csv(const Json& document);

// Distribution scores (validation/scoring.h) as members of `out`, an
// object: crps, coverage_50/80/90, interval_coverage_50/80/90, pit and
// reliability.  A calibration's `cv` block and a backtest model's `all` block
// hold them under the same names.
void add_distribution_scores(Json& out, const validation::DistributionScores& scores);

// The answers to a scenario's questions (a document's `questions`), one
// line each, cut to `width` columns; "" without questions.  An answer with
// `lo` and `hi` shows that interval after its value.
std::string answers_text(const Json& questions, size_t width = 100);

// The 80% interval of `issue` in a document's `predictive` ("lo - hi"; "-"
// when absent), and the line that labels it ("" without a calibration).
std::string interval_text(const Json& document, const std::string& issue);
std::string model_error_note(const Json& document);

// Reading documents back for the writers: a member's number (NaN for null or
// absent), text ("" when absent).
double num(const Json& object, const char* key);
std::string str(const Json& object, const char* key);
// Notes ["..."] as "note: ..." lines, each wrapped to 100 columns.
std::string wrapped_notes(const Json& notes);
// Model parameters as {name: number or text}.
Json params_json(const Params& params);
// The value of the quantile p of a [{p, value}] list; NaN when absent.
double quantile_at(const Json& quantiles, double p);

}  // namespace parley::output::detail
