// io/text_table.h - aligned text tables for people (the table writers').
//
// Widths count display columns: a wide (CJK) character takes two.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

namespace parley::io {

size_t display_width(const std::string& text);
// `text` padded with blanks to `width` columns, on the left when `right`.
std::string pad(const std::string& text, size_t width, bool right = false);
// Rows as an aligned table: column 0 left-aligned, the rest right-aligned, a
// rule of dashes under the first row (the header).
std::string aligned(const std::vector<std::vector<std::string>>& rows);
// `value` with `digits` decimals, "-" when not finite.
std::string fixed(double value, int digits = 2);

}  // namespace parley::io
