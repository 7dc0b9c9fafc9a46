// parley/result.h - what a model run produces.
//
// A Result carries the forecast per issue, a status flag per issue (fall-backs
// and degenerate cases are counted, never hidden), the whole trajectory of
// rounds (static models have one), and named tables that explain the run
// (BDM offers, SMP challenges, war-layer periods).  Writers turn a Result into
// JSON, CSV or a table for people; the report plots it.
//
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "parley/params.h"

namespace parley {

// One round of a dynamic model (round 0 = the initial state).
struct Round {
  int round = 0;
  // positions[a * issues + i]; NaN where actor a has no position on issue i.
  std::vector<double> positions;
  std::vector<double> median;  // per issue: weighted median (see the model's doc)
  std::vector<double> mean;    // per issue: capability x salience weighted mean
};

// A small relational table attached to a result, e.g. the offers of each
// round.  Cells are numbers or text; NaN prints as null.
struct Table {
  using Cell = std::variant<double, std::string>;
  std::string name;
  std::string title;  // one line for people
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  bool headline = false;  // printed in the table output even without --explain
};

// A named scalar that a run answers, beyond the per-issue forecast: for
// example the war layer's "p_ceasefire_by.2026-12" or "regime_share.talks".
// Names are stable identifiers (lowercase, parts separated by dots) that
// scenarios' questions and the JSON output refer to.
struct Quantity {
  std::string name;
  std::string label;  // for people, e.g. "P(ceasefire by 2026-12)"
  double value = 0;
};

struct Result {
  std::string model;
  Params params;  // resolved: every parameter with its value
  std::uint64_t seed = 0;
  std::vector<std::string> issue_ids;
  std::vector<std::string> actor_ids;
  std::vector<std::string> actor_names;
  std::vector<double> forecast;     // per issue
  std::vector<std::string> status;  // per issue: "ok" or a flag such as "no_weight"
  std::vector<Round> trajectory;
  std::vector<Table> tables;
  std::vector<Quantity> quantities;  // model-specific headline numbers, in print order
  std::vector<std::string> notes;    // diagnostics for people

  Table* table(const std::string& name);
  const Table* table(const std::string& name) const;
  // The quantity called `name`, or null.
  const Quantity* quantity(const std::string& name) const;
};

}  // namespace parley
