// Writer of the generic long format (docs/validation.md, "The long format"),
// the inverse of import_long_csv() (src/io/importers.h).
#pragma once

#include <string>

#include "parley/scenario.h"

namespace parley::io {

// One row per issue x participating actor, with nominal values: case (tag
// `proposal`, else `case`, else the issue id), issue, actor, actor_name,
// position, salience, capability (the one that applies on the issue),
// outcome, status_quo, scale_min, scale_max, then every issue tag except
// `case` as a `tag:NAME` column.  Sections (e.g. DEU's gdp capabilities) are
// not written.  import_long_csv() reads the result back to a scenario with
// the same instance and outcomes.
std::string to_long_csv(const Scenario& scenario);

}  // namespace parley::io
