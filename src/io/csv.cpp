#include "io/csv.h"

#include <cmath>
#include <cstdlib>

#include "parley/error.h"

namespace parley::io {

bool CsvRow::blank() const {
  for (const auto& c : cells)
    if (!c.text.empty()) return false;
  return true;
}

const CsvCell* CsvRow::cell(int col) const {
  if (col < 0 || col >= static_cast<int>(cells.size())) return nullptr;
  return &cells[static_cast<std::size_t>(col)];
}

std::string CsvRow::text(int col) const {
  const CsvCell* c = cell(col);
  return c ? c->text : std::string();
}

namespace {
std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}
std::string_view drop_bom(std::string_view text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  return text;
}
}  // namespace

char sniff_delimiter(std::string_view text) {
  text = drop_bom(text);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!trim(line).empty()) {
      if (line.find('\t') != std::string_view::npos) return '\t';
      if (line.find(';') != std::string_view::npos && line.find(',') == std::string_view::npos)
        return ';';
      return ',';
    }
    start = end + 1;
  }
  return ',';
}

CsvTable parse_delimited(std::string_view text, const std::string& file, char delimiter,
                         char quote) {
  text = drop_bom(text);
  CsvTable table;
  table.file = file;
  table.delimiter = delimiter;
  CsvRow row;
  std::string field;
  bool in_quotes = false, was_quoted = false;
  int line = 1, row_line = 1, quote_line = 0;
  auto end_field = [&] {
    CsvCell cell;
    cell.text = was_quoted ? field : trim(field);
    cell.column = static_cast<int>(row.cells.size()) + 1;
    row.cells.push_back(std::move(cell));
    field.clear();
    was_quoted = false;
  };
  auto end_row = [&] {
    end_field();
    row.line = row_line;
    if (!row.blank()) table.rows.push_back(std::move(row));
    row = CsvRow{};
  };
  // One pass over the bytes: O(size).
  for (size_t k = 0; k < text.size(); ++k) {
    const char ch = text[k];
    if (in_quotes) {
      if (ch == quote) {
        if (k + 1 < text.size() && text[k + 1] == quote) {
          field += quote;
          ++k;
        } else {
          in_quotes = false;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
      continue;
    }
    if (ch == quote && trim(field).empty()) {
      in_quotes = true;
      was_quoted = true;
      quote_line = line;
      field.clear();
    } else if (ch == delimiter) {
      end_field();
    } else if (ch == '\n') {
      end_row();
      ++line;
      row_line = line;
    } else if (ch != '\r' || (k + 1 < text.size() && text[k + 1] != '\n')) {
      if (!was_quoted) field += ch;
    }
  }
  if (in_quotes) throw Error(SourceLocation{file, quote_line, 0, ""}, "unterminated quoted field");
  if (!field.empty() || !row.cells.empty() || was_quoted) end_row();
  return table;
}

double cell_number(const CsvTable& table, const CsvRow& row, const CsvCell& cell,
                   const std::string& field) {
  const std::string& t = cell.text;
  char* end = nullptr;
  double v = t.empty() ? 0 : std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v))
    throw Error(SourceLocation{table.file, row.line, cell.column, field},
                "row " + std::to_string(row.line) + ", column " + std::to_string(cell.column) +
                    ": expected a finite number, found '" + t + "'");
  return v;
}

}  // namespace parley::io
