// report/documents.h - the result documents one report shows.
//
// A report reads result documents of the schema in docs/result-format.md
// (docs/result.schema.json) as they are: at most one `run` and one `mc`
// document, any number of `sensitivity` documents (say a tornado and a
// Sobol analysis), and at most one `compare` document.  The run document is
// the report's frame: its issues, actors, forecast, tables.  Without one,
// the frame is the model, seed and issues of the first other document.  The
// scenario is the one any document embeds.
//
// Thread-safety: free functions over values.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::report {

using nlohmann::json;

struct Documents {
  json frame = json::object();  // the run document (or a frame); carries `scenario` when known
  json mc;                      // the mc document, or null
  std::vector<json> sensitivity;
  json compare;  // a `compare` document (docs/compare.md), or null
};

// Sorts documents by kind.  Throws parley::Error for a value that is not a
// result document, a kind the report does not show, or a second run or mc
// document.  A document that is not an object is ignored only when it is
// empty-handed; `documents` must hold at least one.
Documents gather(const std::vector<json>& documents);

// True when `document` is a result document (an object with a `kind`).
bool is_result_document(const json& document);

// The summary of issue `id` in an mc document; nullptr when absent.
const json* mc_issue(const json& mc, const std::string& id);

// A named range {name, lo, hi} as people read it: "name (lo to hi)".
std::string region_label(const json& region);

// The named ranges of an mc issue summary (`regions`) in scale order: by
// lower bound, then upper bound; ranges without bounds keep their place
// after those with.  Entries that are not objects are skipped.
std::vector<const json*> regions_in_scale_order(const json* regions);

// Quantiles [{p, value}] as (percent, value) sorted by percent; entries
// without finite numbers are skipped.
std::vector<std::pair<double, double>> quantiles_of(const json* list);

}  // namespace parley::report
