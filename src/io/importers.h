// Importers: each turns one foreign file format into a validated Scenario.
// Internal to parley_io; load_scenario() dispatches to them.  Each throws
// parley::Error with the file name, the row/line and column, and what was
// expected.  Warnings about repaired data go to Scenario::warnings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.h"

namespace parley::io {

// Actor table with header synonyms (docs/scenario-format.md, "Importing").
Scenario import_bdm_table(std::string_view text, const std::string& name);
// KTAB SMP CSV and XML (docs/models/smp.md section 8).
Scenario import_ktab_csv(std::string_view text, const std::string& name);
Scenario import_ktab_xml(std::string_view text, const std::string& name);
// DEU III table (data/deu/SOURCE.md): one issue per row.
Scenario import_deu(std::string_view text, const std::string& name);
// The same with the Council weights table (treaty capabilities) read from
// `proxies_path` instead of eu_council_capability_proxies.csv beside the table.
Scenario import_deu(std::string_view text, const std::string& name,
                    const std::string& proxies_path);
// Generic long format: one row per case x actor (docs/validation.md).
Scenario import_long_csv(std::string_view text, const std::string& name);
// Decide exchange-model records (docs/models/exchange.md section 1).
Scenario import_decide(std::string_view text, const std::string& name);

// Cheap content sniffers used by detect_format(); true = "looks like mine".
bool looks_like_ktab_csv(std::string_view text);
bool looks_like_ktab_xml(std::string_view text);
bool looks_like_deu(std::string_view text);
bool looks_like_long_csv(std::string_view text);
bool looks_like_decide(std::string_view text);

}  // namespace parley::io
