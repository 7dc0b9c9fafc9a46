// io/outcomes.h - known outcomes read from a file or a command line, set on a
// scenario's issues (what `parley backtest` scores against).
//
// An outcome key names an issue id, or every issue whose `case` or `proposal`
// tag equals it.  Errors are parley::Error with the file, row and key.
//
// Thread-safety: free functions over values.
#pragma once

#include <string>

#include "parley/scenario.h"

namespace parley::io {

// A CSV with a case or issue column and an outcome column (outcome,
// outcome_value), optionally several codings told apart by an `outcome_key`
// column; `key` chooses one (empty: the file must give one value per case).
void apply_outcome_file(Scenario& scenario, const std::string& path, const std::string& key);

// "ISSUE=VALUE", or "VALUE" for a one-issue scenario (`--outcome`).
void apply_outcome_setting(Scenario& scenario, const std::string& setting);

}  // namespace parley::io
