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
// Words laid out on lines of at most `width` columns after `lead` (each
// word after a blank, but for the first when `lead` is ""), the continuation
// lines indented by `indent` spaces;
// ends in a newline.  A word wider than the line keeps a line of its own.
std::string wrapped(const std::string& lead, const std::vector<std::string>& words,
                    size_t width = 100, size_t indent = 2);
// The same for running text: its words are split at blanks.
std::string wrapped_text(const std::string& lead, const std::string& text, size_t width = 100,
                         size_t indent = 2);
// `value` with `digits` decimals, "-" when not finite.
std::string fixed(double value, int digits = 2);

}  // namespace parley::io
