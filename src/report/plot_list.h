// report/plot_list.h - the pieces every plot builder of the report shares.
//
// PlotList numbers plots in page order and keeps each plot's data as a
// table; the helpers build the Vega-Lite fragments the plots have in common.
// TableView reads a result table (`tables[]` of a run document) tolerantly.
// Internal to src/report.
//
// Thread-safety: value types and free functions without shared state.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "report/model_view.h"
#include "report/report.h"

namespace parley::report {

constexpr int kPlotWidth = 560;
constexpr int kPlotHeight = 300;

// A table column: the data field, its header, and decimals for numbers.
struct Column {
  std::string field;
  std::string label;
  int digits = 2;
};

class PlotList {
 public:
  // Adds a plot whose table shows `columns` of `values` (the spec's data).
  void add(std::string section, std::string title, std::string caption, json spec,
           const json& values, const std::vector<Column>& columns);
  std::vector<Plot> take() { return std::move(plots_); }

 private:
  std::vector<Plot> plots_;
};

json quantitative(const std::string& field, const std::string& title);
json nominal(const std::string& field, const std::string& title);
// Width, height and description of a plot.
json base_spec(const std::string& description);
double finite_or(double value, double fallback);

// `text` broken into lines of at most `width` characters at spaces (a longer
// word keeps its own line), joined by "\n": long axis labels wrap instead of
// being cut or widening the plot past the page.
std::string wrap_words(const std::string& text, std::size_t width = 36);
// How many lines wrap_words() made.
int line_count(const std::string& wrapped);
// A nominal axis over wrapped labels: whole, one line per "\n".
json wrapped_axis(const std::string& field);
// The height of a plot with one band per value of `field` (wrapped labels):
// every band tall enough for the longest label, at least `band` pixels.
int banded_height(const json& values, const std::string& field, int band);

// A result table as column names and rows of cells.
struct TableView {
  std::vector<std::string> columns;
  const json* rows = nullptr;
  // The index of the first of `names` that is a column, or -1.
  int column(std::initializer_list<const char*> names) const;
  // The first of `names` whose cells are numbers (the war layer's "month"
  // may be a label such as "2026-03", its "period" the number).
  int numeric_column(std::initializer_list<const char*> names) const;
  // The cell of `row` in column `c`, or nullptr.
  const json* cell(const json& row, int c) const;
};

// The result table `name`; false when absent or ill-formed.
bool read_table(const json& result, const std::string& name, TableView& out);

// The plot builders of other files, in the order build_plots() calls them.
void add_sensitivity_plots(const std::vector<json>& sensitivity, const ResultView& view,
                           PlotList& plots);
void add_war_plots(const json& result, const ResultView& view, PlotList& plots);

}  // namespace parley::report
