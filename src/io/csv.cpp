#include "io/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "io/limits.h"
#include "io/text_util.h"
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

std::string CsvTable::column_name(int col) const {
  if (header < 0 || header >= static_cast<int>(rows.size())) return "";
  return rows[static_cast<std::size_t>(header)].text(col);
}

namespace {
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_blank(s[b])) ++b;
  while (e > b && is_blank(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::string_view drop_bom(std::string_view text) {
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
    text.remove_prefix(3);
  return text;
}

// The state of parse_delimited(): one row and one field under construction.
class TableBuilder {
 public:
  TableBuilder(const std::string& file, char delimiter) {
    table_.file = file;
    table_.delimiter = delimiter;
  }

  void add(char ch) {
    if (field_.size() >= limits::kCellBytes)
      limit_exceeded(SourceLocation{table_.file, row_line_, column(), ""},
                     "field " + std::to_string(column()) + " of the row at line " +
                         std::to_string(row_line_) + " is too long",
                     bytes_text(limits::kCellBytes) + " per field");
    field_ += ch;
    blank_ = blank_ && is_blank(ch);
  }
  // True while the field holds nothing but blanks (a quote may open it).
  bool field_blank() const { return blank_; }
  void start_quoted() {
    field_.clear();
    quoted_ = true;
  }
  bool quoted() const { return quoted_; }
  int column() const { return static_cast<int>(row_.cells.size()) + 1; }
  int row_line() const { return row_line_; }

  void end_field() {
    CsvCell cell;
    cell.text = quoted_ ? std::move(field_) : trim(field_);
    cell.column = column();
    row_.cells.push_back(std::move(cell));
    field_.clear();
    quoted_ = false;
    blank_ = true;
  }

  // Ends the row; the next one starts on line `next_line`.
  void end_row(int next_line) {
    end_field();
    row_.line = row_line_;
    if (!row_.blank()) table_.rows.push_back(std::move(row_));
    row_ = CsvRow{};
    row_line_ = next_line;
  }

  bool pending() const { return !field_.empty() || !row_.cells.empty() || quoted_; }
  CsvTable take() { return std::move(table_); }

 private:
  CsvTable table_;
  CsvRow row_;
  std::string field_;
  bool quoted_ = false, blank_ = true;
  int row_line_ = 1;
};

}  // namespace

char sniff_delimiter(std::string_view text) {
  text = drop_bom(text);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of("\r\n", start);
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

namespace {
// Rows, fields per row and fields in all, counted before anything is built:
// every line counts as a row and every delimiter ends a field (inside quotes
// too, so these are upper bounds).  A table past a limit is refused in one
// quick pass with no memory.  O(size).
void check_table_size(std::string_view text, const std::string& file, char delimiter) {
  // LF-separated lines found with memchr, delimiters counted per line; a lone
  // CR ends a line too, so a line with too many delimiters is looked at
  // again with its CRs.
  std::size_t lines = 0, fields = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto first = text.begin() + static_cast<std::ptrdiff_t>(start);
    const auto last = text.begin() + static_cast<std::ptrdiff_t>(end);
    const auto in_line = static_cast<std::size_t>(std::count(first, last, delimiter));
    std::size_t crs = static_cast<std::size_t>(std::count(first, last, '\r'));
    // A CR before the LF (CRLF), or ending the text, starts no line.
    if (crs > 0 && text[end - 1] == '\r') --crs;
    const std::size_t line = lines + 1;  // of the segment's first line
    lines += 1 + crs;
    fields += in_line + 1 + crs;
    if (in_line >= limits::kColumns) {
      std::size_t count = 0, lone = 0;  // delimiters since the last lone CR; lone CRs so far
      for (auto it = first; it != last; ++it) {
        if (*it == '\r' && it + 1 != last) {
          count = 0;
          ++lone;
        }
        if (*it == delimiter && ++count >= limits::kColumns)
          limit_exceeded(SourceLocation{file, static_cast<int>(line + lone), 0, ""},
                         "line " + std::to_string(line + lone) + " has more than " +
                             count_text(limits::kColumns) + " fields",
                         count_text(limits::kColumns) + " fields per row");
      }
    }
    start = end + 1;
  }
  if (lines > limits::kRows)
    limit_exceeded(SourceLocation{file, 0, 0, ""}, "the table has " + count_text(lines) + " lines",
                   count_text(limits::kRows) + " rows");
  if (fields > limits::kCells)
    limit_exceeded(SourceLocation{file, 0, 0, ""},
                   "the table has " + count_text(fields) + " fields",
                   count_text(limits::kCells) + " fields");
}
}  // namespace

CsvTable parse_delimited(std::string_view text, const std::string& file, char delimiter,
                         char quote) {
  check_input_size(text, file);
  check_line_lengths(text, file);
  check_table_size(text, file, delimiter);
  text = drop_bom(text);
  TableBuilder table(file, delimiter);
  // in_quotes: inside a quoted field; closed: after its closing quote, where
  // only blanks may come before the delimiter or the line end.
  bool in_quotes = false, closed = false;
  int line = 1, quote_line = 0;
  // One pass over the bytes, O(1) work per byte: O(size).
  for (size_t k = 0; k < text.size(); ++k) {
    const char ch = text[k];
    const bool line_end =
        ch == '\n' || (ch == '\r' && (k + 1 == text.size() || text[k + 1] != '\n'));
    if (in_quotes) {
      if (ch == quote) {
        if (k + 1 < text.size() && text[k + 1] == quote) {
          table.add(quote);
          ++k;
        } else {
          in_quotes = false;
          closed = true;
        }
        continue;
      }
      if (line_end) ++line;
      table.add(ch);
      continue;
    }
    if (ch == delimiter) {
      table.end_field();
      closed = false;
    } else if (line_end) {
      ++line;
      table.end_row(line);
      closed = false;
    } else if (ch == '\r' || (closed && is_blank(ch))) {
      // the CR of a CRLF; blanks after a closing quote
    } else if (closed) {
      throw Error(SourceLocation{file, line, table.column(), ""},
                  "line " + std::to_string(line) + ", field " + std::to_string(table.column()) +
                      ": text after the closing quote ('" + excerpt(text.substr(k, 20)) +
                      "'); a quote inside a quoted field is written twice");
    } else if (ch == quote && table.field_blank()) {
      in_quotes = true;
      quote_line = line;
      table.start_quoted();
    } else {
      table.add(ch);
    }
  }
  if (in_quotes)
    throw Error(SourceLocation{file, quote_line, 0, ""},
                "unterminated quoted field (the quote opened on line " +
                    std::to_string(quote_line) + " is never closed)");
  if (table.pending()) table.end_row(line + 1);
  return table.take();
}

double cell_number(const CsvTable& table, const CsvRow& row, const CsvCell& cell,
                   const std::string& field) {
  const std::string& t = cell.text;
  char* end = nullptr;
  double v = t.empty() ? 0 : std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(v)) {
    const std::string name = table.column_name(cell.column - 1);
    throw Error(SourceLocation{table.file, row.line, cell.column, field},
                "line " + std::to_string(row.line) + ", column " + std::to_string(cell.column) +
                    (name.empty() ? "" : " ('" + excerpt(name) + "')") +
                    ": expected a finite number, found '" + excerpt(t) + "'");
  }
  return v;
}

namespace {
// Columns up to the last one the header names.
std::size_t header_width(const CsvRow& header) {
  std::size_t width = header.cells.size();
  while (width > 0 && header.cells[width - 1].text.empty()) --width;
  return width;
}
}  // namespace

void check_width(const CsvTable& table, const CsvRow& row) {
  if (table.header < 0) return;
  const CsvRow& header = table.rows[static_cast<std::size_t>(table.header)];
  const std::size_t width = header_width(header);
  const std::string where = "line " + std::to_string(row.line);
  for (std::size_t k = width; k < row.cells.size(); ++k)
    if (!row.cells[k].text.empty())
      throw Error(SourceLocation{table.file, row.line, row.cells[k].column, ""},
                  where + " has a value in field " + std::to_string(k + 1) + " ('" +
                      excerpt(row.cells[k].text) + "') but the header (line " +
                      std::to_string(header.line) + ") has " + std::to_string(width) + " columns");
  if (row.cells.size() < width)
    throw Error(SourceLocation{table.file, row.line, 0, ""},
                where + " has " + std::to_string(row.cells.size()) +
                    " fields but the header (line " + std::to_string(header.line) + ") has " +
                    std::to_string(width) + " columns; the first missing is '" +
                    excerpt(header.cells[row.cells.size()].text) + "'");
}

std::vector<ColumnUse> column_uses(const CsvTable& table, const std::vector<std::string>& use,
                                   const std::string& reads, std::vector<std::string>& warnings) {
  std::vector<ColumnUse> out;
  if (table.header < 0) return out;
  const CsvRow& header = table.rows[static_cast<std::size_t>(table.header)];
  std::string unread;
  int count = 0;
  for (std::size_t k = 0; k < header_width(header); ++k) {
    const std::string& name = header.cells[k].text;
    const std::string& u = k < use.size() ? use[k] : std::string();
    out.push_back(ColumnUse{static_cast<int>(k) + 1, name, u});
    if (!u.empty()) continue;
    // The first ten by name; the count says how many more.
    if (++count <= 10)
      unread += std::string(unread.empty() ? "" : ", ") + std::to_string(k + 1) + " '" +
                excerpt(name) + "'";
  }
  if (count > 10) unread += " and " + std::to_string(count - 10) + " more";
  if (count > 0)
    warnings.push_back(std::string(count == 1 ? "column " : "columns ") + unread +
                       " not read (unknown; this format reads " + reads +
                       "; see parley validate --explain)");
  return out;
}

}  // namespace parley::io
