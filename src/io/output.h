// io/output.h - the one door results leave by.
//
// Every command's result becomes one JSON document of the result schema
// (docs/result-format.md, docs/result.schema.json): an envelope
// {kind, parley_version, ..., notes} whose `kind` says what the rest holds
// (`run`, `mc`, `sensitivity`, `whatif`, `advice`, `backtest`,
// `calibration`, `runs`, `war_backtest`, `war_calibration`, `compare`).  Builders
// turn the core's values into documents; the formatters turn any document
// into JSON text, a table for people or CSV, choosing the writer by `kind`
// from one table (output.cpp).  The run store keeps the documents, the report and
// language bindings take them as they are (no printing and parsing back).
//
// Adding a kind (a comparison, ...): a builder here, a table and
// a CSV writer in an output_KIND.cpp, one row in output.cpp's writer table,
// and its definition in docs/result.schema.json.
//
// Numbers: non-finite values are written as null.  Keys keep the order in
// which builders add them (ordered_json), so the text is stable.
//
// Thread-safety: free functions over values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ensemble/ensemble.h"
#include "ensemble/sensitivity.h"
#include "parley/questions.h"
#include "parley/result.h"
#include "parley/scenario.h"
#include "validation/backtest.h"
#include "validation/calibration.h"
#include "validation/comparison.h"
#include "validation/war_backtest.h"
#include "validation/war_calibration.h"

namespace parley::ensemble {
struct Whatif;  // ensemble/whatif.h
struct Advice;  // ensemble/advise.h
}  // namespace parley::ensemble

namespace parley::output {

using Json = nlohmann::ordered_json;

// --- formats -------------------------------------------------------------

enum class Format { table, json, csv };
// "table", "json" or "csv"; throws parley::Error naming `option`, with a
// suggestion for a near miss ("jsno" -> json).
Format parse_format(std::string_view name, std::string_view option = "--format");
std::string_view format_name(Format format);

struct TableOptions {
  // run: the positions, the trajectory and every explanation table, not
  // only the headline ones that fit 100 columns
  bool explain = false;
  // sensitivity: every input of every issue, not only the 10 that move it most
  bool all = false;
};

// JSON text of a document (indent < 0: one line), ending in a newline.
std::string to_json_text(const Json& document, int indent = 2);
// A table for people; dispatches on `kind`.  Throws parley::InternalError
// for a kind without a writer.
std::string to_table(const Json& document, const TableOptions& options = {});
// CSV; dispatches on `kind`.
std::string to_csv(const Json& document);
// One of the three.
std::string format(const Json& document, Format format, const TableOptions& options = {});

// --- documents -------------------------------------------------------------

// {kind, parley_version}: the start of every document.
Json envelope(std::string_view kind);

// A model run; with a scenario, the document embeds it (native form) so that
// a report can be made from the file alone.
Json run_document(const Result& result, const Scenario* scenario = nullptr);
// A Monte Carlo ensemble's summary.
Json mc_document(const ensemble::Plan& plan, const ensemble::Summary& summary);
// The answers to the scenario's questions for an ensemble: a forecast.ISSUE
// question by the summary's mean with its 5%-95% range (`lo`, `hi`; basis
// "draws"), any other quantity by `nominal`, the answers of one run at the
// nominal inputs (basis "nominal run"), since draws keep forecasts only.
Json mc_answers(const Scenario& scenario, const ensemble::Summary& summary,
                const std::vector<Answer>& nominal);
// Sensitivity analyses: one-at-a-time (tornado) and Sobol indices.
Json tornado_document(const ensemble::Plan& plan, const ensemble::Tornado& tornado);
Json sobol_document(const ensemble::Plan& plan, const ensemble::Sobol& sobol);
// Optional events against the baseline (`parley whatif`).
Json whatif_document(const ensemble::Plan& plan, const ensemble::Whatif& table);
// An actor's ranked moves and best combination (`parley advise`).
Json advice_document(const ensemble::Plan& plan, const ensemble::Advice& advice);
// A backtest; `file` and `capabilities` say what was scored.
Json backtest_document(const validation::BacktestReport& report, const std::string& file,
                       const std::string& capabilities);
// A calibration (`parley calibrate`).  This document is also the calibration
// file that `backtest --calibration` reads back (io/calibration_io.h);
// `notes` are the data's import warnings.
Json calibration_document(const validation::Calibration& calibration,
                          const std::vector<std::string>& notes);
// The war layer against a war-case library (docs/validation.md, "War layer"):
// its backtest with the baselines, and the calibration of its free parameters.
Json war_backtest_document(const validation::WarBacktestReport& report, const std::string& file);
Json war_calibration_document(const validation::WarCalibrationReport& report,
                              const std::string& file);

// Models compared on one scenario (`parley compare`, docs/compare.md).
// `runs[m]` is the run behind comparison.models[m]; `calibrations[m]` names
// the calibration that gave its interval ("" = none).  `notes`: models that
// could not run, and the like.
Json compare_document(const validation::Comparison& comparison, const std::vector<Result>& runs,
                      const std::vector<std::string>& calibrations,
                      const std::vector<std::string>& notes, const Scenario* scenario = nullptr);
// Per-issue forecasts and errors of a backtest (`--per-issue`), CSV.
std::string backtest_issues_csv(const validation::BacktestReport& report);

// --- model error (docs/calibration.md) -----------------------------------
// "deu_dev.tsv (217 issues)": what a calibration was fitted on.
std::string calibrated_on(const validation::Calibration& calibration);
// "includes model error, calibrated on ...": the label of every number that
// includes the model's error.
std::string model_error_label(const validation::Calibration& calibration);
// The calibration a document includes: model, label, data, out-of-fold
// scores (with the reliability table a report draws).
Json calibration_used(const validation::Calibration& calibration);
// One issue's predictive distribution: point, 80% interval, mean,
// quantiles, atoms, continuous weight and its density on a grid.
Json predictive_json(const validation::PredictiveDistribution& distribution, double point);
// Adds `calibration` and `predictive` (per issue with a finite forecast) to
// a run document: the model's error around each point of `result`, on
// `instance` (the one the model ran on).
void add_predictive(Json& document, const Instance& instance, const Result& result,
                    const validation::Calibration& calibration);

// The scenario in its native JSON form (what documents embed).
Json scenario_json(const Scenario& scenario);
// What names the scenario a document was made from (`scenario_fingerprint`):
// the SHA-256 of its native JSON form (io/digest.h).  Run, compare and advice
// documents carry it.
std::string scenario_fingerprint(const Scenario& scenario);

// --- the brief (docs/result-format.md, "The brief") -----------------------
// What a reader needs first from a run document, in at most 25 lines of at
// most 100 columns: the title, the answers to the scenario's questions, the
// model, the key probability, how far the models agree and the strongest
// lever (when the document holds `agreement` and `lever`), and the forecast
// per issue.  `parley run` prints it first; the report shows it first.  When
// answers or issues do not fit, a line says so and `cut` (if given) is set.
std::string run_brief(const Json& run, bool* cut = nullptr);
// Adds to a run document what another result says about the same scenario
// (`parley run --with`): from a `compare` document its spread per issue
// (`agreement`), from an `advice` document its top-ranked move (`lever`).
// `text` is that document's JSON, `origin` its file.  Throws parley::Error at
// the offending line and field when `text` is not a compare or advice
// document, when either document lacks `scenario_fingerprint`, when the two were
// made from different scenarios, or when the run already holds that kind.
void add_brief_context(Json& run, std::string_view text, const std::string& origin);
// The quantiles a document lists, as [{p, value}].
Json quantiles_json(std::initializer_list<std::pair<double, double>> quantiles);
// A number, or null when it is not finite.
Json number(double value);

}  // namespace parley::output
