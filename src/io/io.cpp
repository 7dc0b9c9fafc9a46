#include "parley/io.h"

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "io/document.h"
#include "io/importers.h"
#include "io/limits.h"
#include "io/text_util.h"
#include "parley/error.h"

namespace parley {

namespace {
struct FormatName {
  Format format;
  const char* name;
};
constexpr FormatName kFormats[] = {
    {Format::automatic, "auto"}, {Format::yaml, "yaml"},         {Format::json, "json"},
    {Format::bdm_csv, "bdm"},    {Format::ktab_csv, "ktab-csv"}, {Format::ktab_xml, "ktab-xml"},
    {Format::deu, "deu"},        {Format::decide, "decide"},     {Format::long_csv, "long"},
};

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t invalid_utf8(std::string_view s) {
  size_t k = 0;
  while (k < s.size()) {
    const auto c = static_cast<unsigned char>(s[k]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || k + len > s.size()) return k;
    for (size_t j = 1; j < len; ++j)
      if ((static_cast<unsigned char>(s[k + j]) >> 6) != 0x2) return k;
    k += len;
  }
  return std::string_view::npos;
}

int line_of(std::string_view s, size_t offset) {
  int line = 1;
  for (size_t k = 0; k < offset && k < s.size(); ++k) line += s[k] == '\n';
  return line;
}

std::string extension(const std::string& path) {
  auto dot = path.find_last_of('.');
  auto slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return io::lower(path.substr(dot + 1));
}

void check_text(std::string_view text, const std::string& name) {
  if (auto nul = text.find('\0'); nul != std::string_view::npos)
    throw Error(SourceLocation{name, line_of(text, nul), 0, ""},
                "not a text file (contains a NUL byte); expected YAML, JSON, CSV, TSV or XML");
  if (auto bad = invalid_utf8(text); bad != std::string_view::npos)
    throw Error(SourceLocation{name, line_of(text, bad), 0, ""},
                "not valid UTF-8 text (byte offset " + std::to_string(bad) + ")");
}

std::string_view without_bom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}
}  // namespace

Format parse_format(const std::string& name) {
  for (const auto& f : kFormats)
    if (name == f.name) return f.format;
  std::string list;
  for (const auto& f : kFormats) list += (list.empty() ? "" : ", ") + std::string(f.name);
  throw Error("unknown input format '" + name + "'; known: " + list);
}

std::string format_name(Format format) {
  for (const auto& f : kFormats)
    if (format == f.format) return f.name;
  return "?";
}

std::string read_text_file(const std::string& path) {
  std::string text = io::read_file_limited(path);  // size limit, folders, FIFOs, devices
  check_text(text, path);
  if (without_bom(text).size() != text.size()) text.erase(0, 3);
  return text;
}

Format detect_format(std::string_view text, const std::string& name) {
  const std::string ext = extension(name);
  if (ext == "yaml" || ext == "yml") return Format::yaml;
  if (ext == "json") return Format::json;
  if (ext == "xml" || io::looks_like_ktab_xml(text)) return Format::ktab_xml;
  if (io::looks_like_decide(text)) return Format::decide;
  if (io::looks_like_deu(text)) return Format::deu;
  if (io::looks_like_ktab_csv(text)) return Format::ktab_csv;
  if (io::looks_like_long_csv(text)) return Format::long_csv;
  if (ext == "csv" || ext == "tsv" || ext == "txt") return Format::bdm_csv;
  // No telling extension: a document if it starts like one.
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos &&
      (text[first] == '{' || text.substr(first, 7) == "parley:" || text[first] == '#' ||
       text.substr(first, 3) == "---"))
    return Format::yaml;
  return Format::bdm_csv;
}

Scenario parse_scenario(std::string_view text, const std::string& name, Format format) {
  check_text(text, name);
  text = without_bom(text);
  if (format == Format::automatic) format = detect_format(text, name);
  switch (format) {
    case Format::automatic:
    case Format::yaml:
      return io::scenario_from_document(io::parse_document(text, name), name);
    case Format::json:
      return io::scenario_from_document(io::parse_json_document(text, name), name);
    case Format::bdm_csv:
      return io::import_bdm_table(text, name);
    case Format::ktab_csv:
      return io::import_ktab_csv(text, name);
    case Format::ktab_xml:
      return io::import_ktab_xml(text, name);
    case Format::deu:
      return io::import_deu(text, name);
    case Format::decide:
      return io::import_decide(text, name);
    case Format::long_csv:
      return io::import_long_csv(text, name);
  }
  throw Error("unreachable format");
}

Scenario load_scenario(const std::string& path, Format format) {
  return parse_scenario(read_text_file(path), path, format);
}

std::string to_yaml(const Scenario& scenario) {
  return io::emit_yaml(io::scenario_to_document(scenario));
}
std::string to_json(const Scenario& scenario) {
  return io::emit_json(io::scenario_to_document(scenario));
}

void write_output(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content << std::flush;
    return;
  }
  // Write next to the target and rename: readers never see a partial file,
  // and an existing file survives a failed write untouched.
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw Error(SourceLocation{path, 0, 0, ""}, "cannot open the output file for writing");
    out << content;
    out.flush();
    if (!out) {
      out.close();
      std::remove(temp.c_str());
      throw Error(SourceLocation{path, 0, 0, ""}, "cannot write the output file");
    }
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    throw Error(SourceLocation{path, 0, 0, ""}, "cannot move the finished output into place");
  }
}

}  // namespace parley
