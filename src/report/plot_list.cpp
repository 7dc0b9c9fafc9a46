#include "report/plot_list.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "report/read.h"

namespace parley::report {

void PlotList::add(std::string section, std::string title, std::string caption, json spec,
                   const json& values, const std::vector<Column>& columns) {
  Plot plot;
  plot.id = fmt::format("plot-{}", plots_.size() + 1);
  plot.section = std::move(section);
  plot.title = std::move(title);
  plot.caption = std::move(caption);
  plot.spec = std::move(spec);
  for (const Column& column : columns) plot.columns.push_back(column.label);
  for (const json& value : values) {
    std::vector<std::string> row;
    for (const Column& column : columns) {
      const json* cell = member(value, column.field);
      row.push_back(cell != nullptr && cell->is_number()
                        ? format_value(cell->get<double>(), column.digits)
                        : text(cell));
    }
    plot.rows.push_back(std::move(row));
  }
  plots_.push_back(std::move(plot));
}

json quantitative(const std::string& field, const std::string& title) {
  return {{"field", field}, {"type", "quantitative"}, {"title", title}};
}

json nominal(const std::string& field, const std::string& title) {
  return {{"field", field}, {"type", "nominal"}, {"title", title}};
}

json base_spec(const std::string& description) {
  return {{"description", description}, {"width", kPlotWidth}, {"height", kPlotHeight}};
}

double finite_or(double value, double fallback) { return std::isfinite(value) ? value : fallback; }

std::string wrap_words(const std::string& text, std::size_t width) {
  std::string out, line, word;
  auto flush_word = [&] {
    if (word.empty()) return;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += (out.empty() ? "" : "\n") + line;
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    word.clear();
  };
  for (char c : text) {
    if (c == ' ') {
      flush_word();
    } else {
      word += c;
    }
  }
  flush_word();
  if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
  return out;
}

int line_count(const std::string& wrapped) {
  return 1 + static_cast<int>(std::count(wrapped.begin(), wrapped.end(), '\n'));
}

json wrapped_axis(const std::string& field) {
  return {{"field", field},
          {"type", "nominal"},
          {"title", nullptr},
          {"sort", nullptr},
          {"axis", {{"labelLimit", 0}, {"labelExpr", "split(datum.label, '\\n')"}}}};
}

int banded_height(const json& values, const std::string& field, int band) {
  int lines = 1;
  std::size_t bands = 0;
  for (const json& value : values) {
    ++bands;
    if (const json* label = member(value, field); label != nullptr && label->is_string())
      lines = std::max(lines, line_count(label->get<std::string>()));
  }
  constexpr int kLine = 13;  // pixels per line of an 11 px label
  return std::max<int>(60, static_cast<int>(bands) * std::max(band, kLine * lines + 10));
}

int TableView::column(std::initializer_list<const char*> names) const {
  for (const char* name : names) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c] == name) return static_cast<int>(c);
    }
  }
  return -1;
}

int TableView::numeric_column(std::initializer_list<const char*> names) const {
  for (const char* name : names) {
    const int c = column({name});
    if (c >= 0 && !rows->empty() && std::isfinite(number(cell(rows->front(), c)))) return c;
  }
  return -1;
}

const json* TableView::cell(const json& row, int c) const {
  if (c < 0 || !row.is_array() || static_cast<std::size_t>(c) >= row.size()) return nullptr;
  return &row[static_cast<std::size_t>(c)];
}

bool read_table(const json& result, const std::string& name, TableView& out) {
  const json* tables = member(result, "tables");
  if (tables == nullptr || !tables->is_array()) return false;
  for (const json& table : *tables) {
    if (text(table, "name") != name) continue;
    const json* columns = member(table, "columns");
    const json* rows = member(table, "rows");
    if (columns == nullptr || rows == nullptr || !columns->is_array() || !rows->is_array()) {
      return false;
    }
    for (const json& column : *columns) out.columns.push_back(text(&column));
    out.rows = rows;
    return true;
  }
  return false;
}

}  // namespace parley::report
