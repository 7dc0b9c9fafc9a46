// A small reader for delimited text (CSV, TSV, semicolon-separated) that keeps
// the line and column of every cell for error messages.  RFC 4180 quoting with
// a configurable quote character; CRLF, a lone CR (old Mac files) and a UTF-8
// BOM are accepted.  The resource limits of io/limits.h (file size, line
// length, rows, fields per row and in all) are checked before parsing, bytes
// per field while parsing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.h"

namespace parley::io {

struct CsvCell {
  std::string text;  // unquoted, surrounding blanks trimmed
  int column = 0;    // 1-based field number
};

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<CsvCell> cells;
  bool blank() const;  // every cell empty
  // The cell in 0-based column `col`; nullptr when the row is shorter.
  const CsvCell* cell(int col) const;
  // Its text; "" when the row is shorter.
  std::string text(int col) const;
};

struct CsvTable {
  std::string file;
  char delimiter = ',';
  std::vector<CsvRow> rows;  // blank lines are skipped
  int header = -1;           // index in `rows` of the header row, -1 = none; names columns
                             // in messages

  // The header's name of 0-based column `col`, or "".
  std::string column_name(int col) const;
};

// Guesses the delimiter from the first non-blank line: tab, then ';', then ','.
char sniff_delimiter(std::string_view text);

// Throws parley::Error at the line of an unterminated quote, of text after a
// closing quote, or of the first limit exceeded.  O(size).
CsvTable parse_delimited(std::string_view text, const std::string& file, char delimiter,
                         char quote = '"');

// Reads a cell as a finite number; throws parley::Error at the cell's line and
// column, with the field path `field` and the header's name of the column:
// "line R, column C ('clout'): expected a finite number, found '...'".
double cell_number(const CsvTable& table, const CsvRow& row, const CsvCell& cell,
                   const std::string& field);

// Refuses a ragged row: fewer fields than the header, or a value in a field
// the header has no column for.  Empty fields after the last column (a
// trailing delimiter) are allowed.
void check_width(const CsvTable& table, const CsvRow& row);

// Scenario::columns from the header row: `use[k]` says what column k was
// read as ("" = not read).  Every column not read gets one warning in
// `warnings` naming it, with `reads` (what the format reads) as the hint.
// Empty header cells after the last named column are left out.
std::vector<ColumnUse> column_uses(const CsvTable& table, const std::vector<std::string>& use,
                                   const std::string& reads, std::vector<std::string>& warnings);

}  // namespace parley::io
