// parley/io.h - reading scenarios, writing files.
//
// load_scenario() reads the native YAML/JSON format and every supported import
// format, detected from the content (or forced), and returns a validated
// Scenario or throws parley::Error with the file, line/column (or CSV row and
// column) and field path.  Writers never leave a partial file behind: they
// write a temporary file next to the target and rename it.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>

#include "parley/scenario.h"

namespace parley {

enum class Format {
  automatic,
  yaml,  // native (JSON is read by the same parser)
  json,
  bdm_csv,   // actor, capability, position, salience columns (CSV or TSV)
  ktab_csv,  // KTAB SMP CSV (docs/models/smp.md section 8.1)
  ktab_xml,  // KTAB SMP XML (section 8.2)
  deu,       // DEU III table (one issue per row)
  decide,    // Decide exchange-model records (#A, #P, #M, #D)
  long_csv,  // generic long format: case, issue, actor, position, salience, capability
};

// Parses "yaml", "json", "bdm", "ktab-csv", ...; throws on an unknown name.
Format parse_format(const std::string& name);
std::string format_name(Format format);

// Reads `path`.  `text` overloads exist for tests and fuzzers.
Scenario load_scenario(const std::string& path, Format format = Format::automatic);
Scenario parse_scenario(std::string_view text, const std::string& name,
                        Format format = Format::automatic);
Format detect_format(std::string_view text, const std::string& name);

// Native forms.  to_yaml() output reads back to an equal Scenario.
std::string to_yaml(const Scenario& scenario);
std::string to_json(const Scenario& scenario);

// Results leave through one door, src/io/output.h: result documents of the
// schema in docs/result-format.md, as JSON, tables or CSV.

// Writes `content` to `path` atomically (temp file + rename).  "-" = stdout.
void write_output(const std::string& path, const std::string& content);

// Reads a whole file; throws parley::Error when it cannot be read or is not
// text (NUL bytes or invalid UTF-8).  A UTF-8 byte-order mark is dropped.
std::string read_text_file(const std::string& path);

}  // namespace parley
