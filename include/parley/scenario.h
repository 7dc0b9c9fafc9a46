// parley/scenario.h - what an analyst knows about a negotiation.
//
// A Scenario is the validated, in-memory form of a scenario file (see
// docs/scenario-format.md).  It holds issues, actors and their inputs, each
// possibly uncertain; sections owned by other modules (`conflict`, `agenda`)
// are kept as document nodes.  A Scenario is never partially valid: the
// loaders either return one that passed validate() or throw parley::Error.
//
// Thread-safety: a value type; const access from many threads is safe.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/node.h"
#include "parley/params.h"
#include "parley/uncertain.h"

namespace parley {

struct Source {
  std::string id;
  std::string title;
  std::string note;
  std::string url;
  // When the source was published: YYYY-MM-DD, YYYY-MM or YYYY ("" = not
  // given).  A source dated after the scenario's own date cannot have
  // informed it.
  std::string date;
};

struct Issue {
  std::string id;
  std::string name;
  double lo = 0, hi = 100;                  // the issue scale; lo < hi
  std::map<double, std::string> anchors;    // scale point -> meaning
  std::optional<Uncertain> status_quo;      // reference point (DEU `rp`)
  std::optional<double> outcome;            // the realised outcome, when known (backtests)
  std::map<std::string, std::string> tags;  // free-form labels, e.g. procedure=COD
  std::string source;                       // where the coding of the issue comes from
  std::string note;
};

struct Actor {
  std::string id;
  std::string name;  // any UTF-8
  // Capability: one value for every issue, optionally overridden per issue.
  std::optional<Uncertain> capability;
  std::map<std::string, Uncertain> capability_by_issue;
  std::map<std::string, Uncertain> position;  // issue id -> position on the issue scale
  std::map<std::string, Uncertain> salience;  // issue id -> salience, 0..100
  std::string role;                           // "" or "mediator"
  std::optional<double> bias;                 // mediator bias, -1..1 (war layer)
  std::string source;                         // where the numbers come from
  std::string note;

  // The capability that applies on `issue`, if any.
  const Uncertain* capability_on(const std::string& issue) const;
};

// How one column of an imported table was read (`parley validate --explain`).
struct ColumnUse {
  int column = 0;      // 1-based
  std::string header;  // as written in the file
  std::string use;     // what it was read as, e.g. "capability"; "" = not read
};

// A question the scenario answers, stated so that it can be scored once the
// future arrives: the model quantity that answers it (e.g. "forecast.donbas",
// "p_ceasefire_by.2026-12"; see docs/scenario-format.md), the rule that
// decides the real outcome, and the day by which it can be decided.
struct Question {
  std::string id;
  std::string text;      // the question in plain language
  std::string quantity;  // the model quantity that answers it
  std::string rule;      // how the real outcome is decided, in words
  std::string date;      // YYYY-MM-DD: when the question resolves
};

struct ModelChoice {
  std::string name;
  Params params;
};

struct LocationMap;

struct Scenario {
  int version = 1;
  std::string title;
  std::string date;  // ISO date the data describe
  std::string description;
  std::vector<Source> sources;
  std::vector<Issue> issues;
  std::vector<Actor> actors;
  std::vector<Question> questions;
  std::optional<ModelChoice> model;
  // Sections parsed by other modules; kept verbatim with their locations.
  std::vector<std::pair<std::string, Node>> sections;
  std::string origin;                 // file the scenario came from
  std::vector<std::string> warnings;  // data an importer repaired or ignored
  std::vector<ColumnUse> columns;     // tables: how each header column was read
  // Where each field was read (null for scenarios built in code or imported
  // from tables): checks made after loading still name line and column.
  std::shared_ptr<const LocationMap> locations;

  int issue_index(const std::string& id) const;  // -1 when absent
  int actor_index(const std::string& id) const;  // -1 when absent
  const Node* section(const std::string& key) const;
  // The file, line and column of the field at `path` (e.g. "sources[2].date"),
  // as precise as the locations allow; the path is kept either way.
  SourceLocation locate(const std::string& path) const;
};

// Sources dated after the month of the scenario's own `date` (a scenario is
// frozen at what was knowable by the end of that month, as the war-case
// codebook has it; a year-only date is compared by year), one warning each,
// located at the source's `date`.  A later source whose note says what it is
// "cited only for" (a fact already public then) is exempt.  `parley validate
// --strict` makes these errors.  Empty when the scenario has no date.
std::vector<Error> late_sources(const Scenario& scenario);

// Checks every rule of docs/scenario-format.md that a Scenario can break after
// parsing (ids unique, references known, values in range, ...), except the
// `model:` section, which names a model of the registry: the model layer
// checks it (validate_model_section() in parley/model.h).  Throws
// parley::Error naming the field path; `where` supplies the file and, when the
// scenario came from a document, line and column for each path.
void validate(const Scenario& scenario, const LocationMap* locations = nullptr);

struct LocationMap {
  std::string file;
  std::map<std::string, std::pair<int, int>> at;  // path -> (line, column)
  SourceLocation locate(const std::string& path) const;
};

}  // namespace parley
