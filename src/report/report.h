// report/report.h - the forecast report: one self-contained HTML file.
//
// render_report() turns result documents (docs/result-format.md: a `run`
// document, an `mc` document, `sensitivity` documents, as
// report/documents.h gathers them) into an HTML page with a plain-words summary,
// Vega-Lite plots, a data table under every plot, and what is needed to
// reproduce the run.  The page inlines the Vega bundles compiled into the
// binary and makes no network request (its Content-Security-Policy forbids
// them).  The keys it reads are listed in docs/report.md; sections it does not
// know are listed by name, tables it does not know are shown as tables.
//
// The output depends only on the input: no clock, no locale, no randomness,
// so the same result gives a byte-identical file.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/documents.h"

namespace parley::report {

struct ReportOptions {
  std::string title;    // replaces the scenario's title when not empty
  std::string command;  // the command that produced the result, shown for reproduction
  // false: leave out the ~830 kB of Vega bundles (plots then show only their
  // data tables).  For tests and for embedding in another page.
  bool scripts = true;
};

// One plot of the report: a Vega-Lite specification with its data inlined,
// and the same data as a table for people who cannot see the plot.
struct Plot {
  std::string id;       // "plot-1", "plot-2", ... in page order
  std::string section;  // heading it appears under
  std::string title;
  std::string caption;                         // what to read from it, in plain words
  nlohmann::json spec;                         // Vega-Lite
  std::vector<std::string> columns;            // table header
  std::vector<std::vector<std::string>> rows;  // table cells, formatted
};

// The plots the documents support, in page order.
std::vector<Plot> build_plots(const Documents& documents);
// The plots of one document.  Throws parley::Error when it is not a result
// document.
std::vector<Plot> build_plots(const nlohmann::json& document);

// The whole page.  Throws parley::Error when a document is not a result
// document of a kind a report shows (report/documents.h).
// Cost: linear in the size of the documents (every value is read and written
// a bounded number of times) plus one copy of the ~830 kB of bundles; the war
// model's 150 kB result renders in well under 0.1 s.
std::string render_report(const std::vector<nlohmann::json>& documents,
                          const ReportOptions& options = {});
std::string render_report(const nlohmann::json& document, const ReportOptions& options = {});

}  // namespace parley::report
