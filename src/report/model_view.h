// report/model_view.h - what the report needs from a result, read once.
//
// Issues and actors are joined from the result ("issues", "actors") and its
// scenario ("scenario": issues with scale, anchors, status quo; actors with
// capability, position, salience).  Every field is optional.
//
// Thread-safety: a value type.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::report {

struct IssueView {
  std::string id;
  std::string name;  // the id when the scenario has no name
  double lo = 0, hi = 100;
  bool has_scale = false;
  double status_quo = 0;
  bool has_status_quo = false;
  std::map<double, std::string> anchors;
  double forecast = 0;
  bool has_forecast = false;
  std::string status;  // "" when not given
};

struct ActorView {
  std::string id;
  std::string name;
  std::string source;
  double capability = 0;  // nominal; NaN when absent
  std::map<std::string, double> capability_by_issue;
  std::map<std::string, double> position;  // issue id -> nominal position
  std::map<std::string, double> salience;  // issue id -> nominal salience (0-100)
  int uncertain_inputs = 0;                // inputs given as distributions
  double capability_on(const std::string& issue) const;
};

struct ResultView {
  std::vector<IssueView> issues;
  std::vector<ActorView> actors;
  const IssueView* issue(const std::string& id) const;
  std::string actor_name(const std::string& id) const;  // the id when unknown
  // An uncertain input's label (`actor.field[.issue]`, `issue.field`, a
  // section path) as people read it: "Hungary & Slovakia: capability on
  // Zaporizhzhia".  Unknown ids are kept; underscores become spaces.
  std::string input_title(const std::string& label) const;
};

ResultView read_view(const nlohmann::json& result);

}  // namespace parley::report
