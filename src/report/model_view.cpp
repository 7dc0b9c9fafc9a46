#include "report/model_view.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "report/read.h"

namespace parley::report {

namespace {

// "scale": [lo, hi] or {"lo": .., "hi": ..} (also min/max).
void read_scale(const json& issue, IssueView& view) {
  const json* scale = member(issue, "scale");
  double lo = NAN, hi = NAN;
  if (scale != nullptr && scale->is_array() && scale->size() == 2) {
    lo = number(&(*scale)[0]);
    hi = number(&(*scale)[1]);
  } else if (scale != nullptr && scale->is_object()) {
    lo = number(member_of(*scale, {"lo", "min"}));
    hi = number(member_of(*scale, {"hi", "max"}));
  } else {
    lo = number(member_of(issue, {"lo", "min"}));
    hi = number(member_of(issue, {"hi", "max"}));
  }
  if (std::isfinite(lo) && std::isfinite(hi) && lo < hi) {
    view.lo = lo;
    view.hi = hi;
    view.has_scale = true;
  }
}

// "anchors": {"50": "meaning"} or [{"value": 50, "label": ".."}].
void read_anchors(const json& issue, IssueView& view) {
  const json* anchors = member(issue, "anchors");
  if (anchors == nullptr) return;
  if (anchors->is_object()) {
    for (const auto& [key, meaning] : anchors->items()) {
      char* end = nullptr;
      const double at = std::strtod(key.c_str(), &end);
      if (end != key.c_str() && std::isfinite(at) && meaning.is_string()) {
        view.anchors[at] = meaning.get<std::string>();
      }
    }
  } else if (anchors->is_array()) {
    for (const json& anchor : *anchors) {
      const double at = number(member_of(anchor, {"value", "at", "point"}));
      const std::string meaning = text(member_of(anchor, {"label", "meaning", "text"}));
      if (std::isfinite(at) && !meaning.empty()) view.anchors[at] = meaning;
    }
  }
}

// "position": {"issue": value} or [{"issue": .., "value": ..}].
std::map<std::string, double> read_by_issue(const json* values, int& uncertain) {
  std::map<std::string, double> out;
  if (values == nullptr) return out;
  if (values->is_object()) {
    for (const auto& [issue, value] : values->items()) {
      if (is_uncertain(&value)) ++uncertain;
      const double v = number(&value);
      if (std::isfinite(v)) out[issue] = v;
    }
  } else if (values->is_array()) {
    for (const json& entry : *values) {
      const json* value = member(entry, "value");
      if (is_uncertain(value)) ++uncertain;
      const double v = number(value);
      const std::string issue = text(member(entry, "issue"));
      if (!issue.empty() && std::isfinite(v)) out[issue] = v;
    }
  }
  return out;
}

}  // namespace

double ActorView::capability_on(const std::string& issue) const {
  auto it = capability_by_issue.find(issue);
  return it != capability_by_issue.end() ? it->second : capability;
}

const IssueView* ResultView::issue(const std::string& id) const {
  for (const IssueView& view : issues) {
    if (view.id == id) return &view;
  }
  return nullptr;
}

std::string ResultView::actor_name(const std::string& id) const {
  for (const ActorView& actor : actors) {
    if (actor.id == id) return actor.name;
  }
  return id;
}

namespace {

std::string words(std::string text) {
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::vector<std::string> split_dots(const std::string& label) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = label.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(label.substr(start, dot - start));
  parts.push_back(label.substr(start));
  return parts;
}

}  // namespace

std::string ResultView::input_title(const std::string& label) const {
  const std::vector<std::string> parts = split_dots(label);
  if (parts.size() < 2) return words(label);
  const bool is_actor = std::any_of(actors.begin(), actors.end(),
                                    [&](const ActorView& actor) { return actor.id == parts[0]; });
  const IssueView* about = issue(parts[0]);
  if (!is_actor && about == nullptr) {
    return words(parts[0]) + ": " + words(label.substr(parts[0].size() + 1));
  }
  const std::string who = is_actor ? actor_name(parts[0]) : about->name;
  std::string field = words(parts[1]);
  if (parts.size() == 3 && is_actor) {
    const IssueView* on = issue(parts[2]);
    return who + ": " + field + " on " + (on != nullptr ? on->name : words(parts[2]));
  }
  for (std::size_t k = 2; k < parts.size(); ++k) field += " " + words(parts[k]);
  return who + ": " + field;
}

ResultView read_view(const json& result) {
  ResultView view;
  const json* scenario = member(result, "scenario");
  const json empty = json::object();
  const json& scen = scenario != nullptr ? *scenario : empty;

  // Issues: the result's order; the scenario's when the result has none.
  std::vector<std::string> ids;
  if (const json* issues = member(result, "issues"); issues != nullptr && issues->is_array()) {
    for (const json& id : *issues) {
      if (id.is_string()) ids.push_back(id.get<std::string>());
    }
  }
  const json* scenario_issues = member(scen, "issues");
  if (ids.empty() && scenario_issues != nullptr && scenario_issues->is_array()) {
    for (const json& issue : *scenario_issues) {
      if (std::string id = text(issue, "id"); !id.empty()) ids.push_back(id);
    }
  }
  for (const std::string& id : ids) {
    IssueView issue;
    issue.id = id;
    issue.name = id;
    if (scenario_issues != nullptr && scenario_issues->is_array()) {
      for (const json& s : *scenario_issues) {
        if (text(s, "id") != id) continue;
        if (std::string name = text(s, "name"); !name.empty()) issue.name = name;
        read_scale(s, issue);
        read_anchors(s, issue);
        const double sq = number(member(s, "status_quo"));
        if (std::isfinite(sq)) {
          issue.status_quo = sq;
          issue.has_status_quo = true;
        }
      }
    }
    if (const json* forecast = member(result, "forecast")) {
      const double f = number(member(*forecast, id));
      if (std::isfinite(f)) {
        issue.forecast = f;
        issue.has_forecast = true;
      }
    }
    if (const json* status = member(result, "status")) issue.status = text(member(*status, id));
    view.issues.push_back(std::move(issue));
  }

  // Actors: the result's list (id, name), completed from the scenario.
  const json* scenario_actors = member(scen, "actors");
  const json* result_actors = member(result, "actors");
  const json* listing =
      result_actors != nullptr && result_actors->is_array() ? result_actors : scenario_actors;
  if (listing == nullptr || !listing->is_array()) return view;
  for (const json& entry : *listing) {
    ActorView actor;
    actor.id = entry.is_string() ? entry.get<std::string>() : text(entry, "id");
    if (actor.id.empty()) continue;
    actor.name = text(entry, "name");
    actor.capability = NAN;
    if (scenario_actors != nullptr && scenario_actors->is_array()) {
      for (const json& s : *scenario_actors) {
        if (text(s, "id") != actor.id) continue;
        if (actor.name.empty()) actor.name = text(s, "name");
        actor.source = text(s, "source");
        const json* capability = member(s, "capability");
        if (capability != nullptr && capability->is_object() && !is_uncertain(capability)) {
          actor.capability_by_issue = read_by_issue(capability, actor.uncertain_inputs);
        } else {
          if (is_uncertain(capability)) ++actor.uncertain_inputs;
          actor.capability = number(capability);
        }
        const auto by_issue =
            read_by_issue(member(s, "capability_by_issue"), actor.uncertain_inputs);
        actor.capability_by_issue.insert(by_issue.begin(), by_issue.end());
        actor.position = read_by_issue(member(s, "position"), actor.uncertain_inputs);
        actor.salience = read_by_issue(member(s, "salience"), actor.uncertain_inputs);
      }
    }
    if (actor.name.empty()) actor.name = actor.id;
    view.actors.push_back(std::move(actor));
  }
  return view;
}

}  // namespace parley::report
