#include "parley/io.h"

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "io/document.h"
#include "io/importer.h"
#include "io/limits.h"
#include "parley/error.h"

namespace parley {

namespace {
// The built-in formats' names in the importer registry (io/importer.h).
struct FormatName {
  Format format;
  const char* name;
};
constexpr FormatName kFormats[] = {
    {Format::automatic, "auto"}, {Format::yaml, "yaml"},         {Format::json, "json"},
    {Format::bdm_csv, "bdm"},    {Format::ktab_csv, "ktab-csv"}, {Format::ktab_xml, "ktab-xml"},
    {Format::deu, "deu"},        {Format::decide, "decide"},     {Format::long_csv, "long"},
};
}  // namespace

Format parse_format(const std::string& name) {
  for (const auto& f : kFormats)
    if (name == f.name) return f.format;
  io::default_importers().find(name);  // throws, naming the known formats
  throw InternalError("importer '" + name + "' has no Format");
}

std::string format_name(Format format) {
  for (const auto& f : kFormats)
    if (format == f.format) return f.name;
  throw InternalError("format " + std::to_string(static_cast<int>(format)) + " has no name");
}

std::string read_text_file(const std::string& path) {
  std::string text = io::read_file_limited(path);  // size limit, folders, FIFOs, devices
  io::check_text(text, path);
  if (io::without_bom(text).size() != text.size()) text.erase(0, 3);
  return text;
}

Format detect_format(std::string_view text, const std::string& name) {
  return parse_format(io::default_importers().detect(io::without_bom(text), name).name);
}

Scenario parse_scenario(std::string_view text, const std::string& name, Format format) {
  if (format == Format::automatic) return io::parse(io::default_importers(), text, name);
  for (const auto& f : kFormats)
    if (f.format == format) return io::parse(io::default_importers(), text, name, f.name);
  throw InternalError("parse_scenario: format " + std::to_string(static_cast<int>(format)) +
                      " has no reader");
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
