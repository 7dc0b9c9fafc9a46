#include "io/text_table.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

namespace parley::io {

size_t display_width(const std::string& s) {
  size_t width = 0;
  for (size_t k = 0; k < s.size();) {
    const auto c = static_cast<unsigned char>(s[k]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    width += len >= 3 ? 2 : 1;
    k += len;
  }
  return width;
}

std::string pad(const std::string& s, size_t width, bool right) {
  const size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

std::string aligned(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) {
      if (widths.size() <= c) widths.push_back(0);
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < rows[r].size(); ++c)
      line += (c ? "  " : "") + pad(rows[r][c], widths[c], c > 0);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (r == 0) {
      size_t total = 0;
      for (size_t w : widths) total += w + 2;
      out += std::string(total > 2 ? total - 2 : 0, '-') + "\n";
    }
  }
  return out;
}

std::string wrapped(const std::string& lead, const std::vector<std::string>& words, size_t width,
                    size_t indent) {
  std::string out = lead;
  size_t used = io::display_width(lead);
  for (const auto& word : words) {
    // No blank before the first word of a line without a lead.
    const bool bare = out.empty();
    const size_t w = io::display_width(word) + (bare ? 0 : 1);
    if (used + w > width && used > indent) {
      out += "\n" + std::string(indent, ' ');
      used = indent;
    }
    out += (bare ? "" : " ") + word;
    used += w;
  }
  return out + "\n";
}

std::string wrapped_text(const std::string& lead, const std::string& text, size_t width,
                         size_t indent) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return wrapped(lead, words, width, indent);
}

std::string fixed(double v, int digits) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : std::string("-");
}

}  // namespace parley::io
