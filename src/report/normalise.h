// report/normalise.h - one form for the several JSON documents a report reads.
//
// The report's canonical form is a run result (docs/result-format.md) with
// optional `ensemble` and `sensitivity` sections as docs/report.md describes.
// normalise() also accepts what `parley mc --format json` and
// `parley sensitivity --format json` print (documents with "kind": "mc" or
// "sensitivity", per-issue arrays, q05..q95 keys, equal-width histogram
// counts, fan charts per issue) and the same sections embedded in a result,
// and rewrites them into the canonical form.  Canonical input is returned
// unchanged, so normalise() is idempotent.
//
// Thread-safety: a free function without shared state.
#pragma once

#include <nlohmann/json.hpp>

namespace parley::report {

nlohmann::json normalise(const nlohmann::json& document);

// Adds to `base` what `extra` brings (both normalised first): its ensemble
// when `base` has none, its tornado and Sobol entries after base's, and any
// other top-level key `base` lacks (e.g. the scenario).  So a run result, an
// mc summary and sensitivity analyses of one scenario make one report.
nlohmann::json merge_documents(const nlohmann::json& base, const nlohmann::json& extra);

}  // namespace parley::report
