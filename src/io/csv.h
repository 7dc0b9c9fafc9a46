// A small reader for delimited text (CSV, TSV, semicolon-separated) that keeps
// the row and column of every cell for error messages.  RFC 4180 quoting with
// a configurable quote character; CRLF and a UTF-8 BOM are accepted.
#pragma once

#include <string>
#include <string_view>
#include <vector>

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
};

// Guesses the delimiter from the first non-blank line: tab, then ';', then ','.
char sniff_delimiter(std::string_view text);

// Throws parley::Error at the line of an unterminated quote.
CsvTable parse_delimited(std::string_view text, const std::string& file, char delimiter,
                         char quote = '"');

// Reads a cell as a finite number; throws parley::Error "file: row R, column C
// (field): expected a number, found '...'" otherwise.
double cell_number(const CsvTable& table, const CsvRow& row, const CsvCell& cell,
                   const std::string& field);

}  // namespace parley::io
