// report/war_report.h - the war layer's part of the report.
//
// The headline a reader needs first (docs/report.md, "War layer"): the
// probability of a ceasefire by the end of each year, from the result's
// `quantities` (p_ceasefire_by.YYYY-MM), with the share of wars in each
// regime at that month (the `periods` table; regime_share.* at the horizon
// when the table is absent).  The plots are built by add_war_plots()
// (report/plot_list.h).
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "report/model_view.h"

namespace parley::report {

// HTML of the war headline; "" when the result has no war quantities or
// periods table.
std::string war_headline(const nlohmann::json& result);

// The words for a regime of the war layer ("talks", "victory_a", ...): side
// names come from the scenario's `conflict.sides.{a,b}.name`.
std::string regime_words(const std::string& regime, const nlohmann::json& result);

}  // namespace parley::report
