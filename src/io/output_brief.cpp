// What the brief of a run adds from other results on the same scenario
// (docs/result-format.md, "The brief"): how far the models of a `compare`
// document agree, and the top-ranked move of an `advice` document.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "io/document.h"
#include "io/output_writers.h"
#include "io/text_table.h"
#include "parley/error.h"

namespace parley::output {

namespace {

const Node& field(const Node& map, const std::string& key) {
  const Node* found = map.find(key);
  if (!found) map.fail("missing field '" + key + "'");
  return *found;
}

const Node& list_field(const Node& map, const std::string& key) {
  const Node& list = field(map, key);
  if (!list.is_list()) list.fail("expected a list, found " + list.describe());
  return list;
}

// A number of the document; null (a value that was not finite) is NaN.
double number_or_nan(const Node& node) { return node.is_null() ? NAN : node.as_number(); }

// The compare document's spread per issue, as `agreement`.  O(issues + models).
Json agreement_of(const Node& root) {
  Json models = Json::array();  // those with a forecast on some issue: the spread is theirs
  for (const Node& m : list_field(root, "models").items) {
    const Node& forecast = field(m, "forecast");
    const bool any = std::any_of(forecast.members.begin(), forecast.members.end(),
                                 [](const Node::Member& f) { return !f.second.is_null(); });
    if (any) models.push_back(field(m, "label").as_string());
  }
  Json issues = Json::array();
  for (const Node& issue : list_field(root, "issues").items)
    issues.push_back({{"issue", field(issue, "issue").as_string()},
                      {"lo", field(issue, "lo").as_number()},
                      {"hi", field(issue, "hi").as_number()},
                      {"spread", field(issue, "spread").as_number()},
                      {"disagree", field(issue, "disagree").as_bool()}});
  return {{"models", std::move(models)},
          {"disagreement", field(root, "disagreement").as_number()},
          {"issues", std::move(issues)}};
}

// The advice document's top-ranked move, as `lever` (`move` null when the
// document ranks none).
Json lever_of(const Node& root) {
  Json out = {{"actor", field(root, "actor").as_string()},
              {"model", field(root, "model").as_string()},
              {"goal", field(field(root, "goal"), "text").as_string()},
              {"draws", field(root, "replicates").as_integer()}};
  const Node& moves = list_field(root, "moves");
  out["moves"] = moves.items.size();
  if (moves.items.empty()) {
    out["move"] = nullptr;
    return out;
  }
  const Node& top = moves.items.front();
  const Node& interval = list_field(top, "interval");
  if (interval.items.size() != 2) interval.fail("expected [lo, hi]");
  out["lever"] = field(top, "lever").as_string();
  out["move"] = field(top, "move").as_string();
  out["effect"] = number(number_or_nan(field(top, "effect")));
  out["interval"] = {number(number_or_nan(interval.items[0])),
                     number(number_or_nan(interval.items[1]))};
  return out;
}

// "3 models agree within 12% of the scale on 5 of 8 issues; disagree on
// crimea by 88.0, ..." (the spread in the issue's units), wrapped to 100
// columns.
std::string agreement_text(const Json& agreement) {
  const Json issues = agreement.value("issues", Json::array());
  if (!issues.is_array() || issues.empty()) return "";
  size_t agree = 0;
  double widest = 0;  // the largest spread of an issue the models agree on, % of its scale
  std::vector<std::string> disagree;
  for (const Json& issue : issues) {
    if (!issue.is_object()) continue;
    const double width = detail::num(issue, "hi") - detail::num(issue, "lo");
    const double spread = detail::num(issue, "spread");
    if (issue.value("disagree", false)) {
      disagree.push_back(fmt::format("{} by {},", detail::str(issue, "issue"),
                                     detail::scale_point(spread, width)));
      continue;
    }
    ++agree;
    if (width > 0) widest = std::max(widest, 100 * spread / width);
  }
  if (!disagree.empty()) disagree.back().pop_back();  // the last comma
  const size_t models = agreement.value("models", Json::array()).size();
  const double threshold = 100 * detail::num(agreement, "disagreement");
  if (agree == 0)
    return io::wrapped(fmt::format("{} models disagree by more than {:.0f}% of the scale on every "
                                   "issue:",
                                   models, threshold),
                       disagree);
  std::string lead = fmt::format("{} models agree within {:.0f}% of the scale on ", models, widest);
  lead += agree == issues.size() ? fmt::format("all {} issues", agree)
                                 : fmt::format("{} of {} issues", agree, issues.size());
  if (disagree.empty()) return lead + "\n";
  return io::wrapped(lead + "; disagree on", disagree);
}

// "Strongest lever for ukr (advise under compromise): MOVE; expected utility
// +0.0312 [+0.0120, +0.0500]", wrapped to 100 columns.
std::string lever_text(const Json& lever) {
  const std::string lead =
      fmt::format("Strongest lever for {} (advise under {}):", detail::str(lever, "actor"),
                  detail::str(lever, "model"));
  if (!lever.value("move", Json()).is_string())
    return io::wrapped_text(lead, "no move found; " + detail::str(lever, "goal") + " as is");
  const double effect = detail::num(lever, "effect");
  const Json interval = lever.value("interval", Json::array());
  const auto end = [&](size_t k) {
    return interval.is_array() && k < interval.size() && interval[k].is_number()
               ? interval[k].get<double>()
               : NAN;
  };
  std::string rest = fmt::format("{}; {} {:+.4f} [{:+.4f}, {:+.4f}] (90%), first of {:.0f} moves",
                                 detail::str(lever, "move"), detail::str(lever, "goal"), effect,
                                 end(0), end(1), detail::num(lever, "moves"));
  if (!(effect > 0)) rest += "; no move raises it";
  return io::wrapped_text(lead, rest);
}

}  // namespace

void add_brief_context(Json& run, std::string_view text, const std::string& origin) {
  const Node root = io::parse_document(text, origin);
  if (!root.is_map())
    root.fail("expected a result document of `parley compare` or `parley advise`");
  const Node& kind = field(root, "kind");
  const std::string name = kind.as_string();
  if (name != "compare" && name != "advice")
    kind.fail("a result of kind '" + name +
              "'; --with takes the JSON of `parley compare` or `parley advise`");
  const Node* sha = root.find("scenario_fingerprint");
  if (!sha)
    root.fail("no scenario_fingerprint: this " + name +
              " result cannot be matched to a scenario (made by an older parley); make it again");
  const std::string own = detail::str(run, "scenario_fingerprint");
  if (own.empty())
    throw Error(SourceLocation{origin, 0, 0, ""},
                "the run records no scenario_fingerprint to match this result against");
  if (sha->as_string() != own)
    sha->fail("made from another scenario than the run's (scenario_fingerprint " +
              sha->as_string().substr(0, 12) + "..., the run's " + own.substr(0, 12) +
              "...): make it again from the same scenario file");
  const char* key = name == "compare" ? "agreement" : "lever";
  if (run.contains(key))
    root.fail(std::string("a second ") + name + " result; --with takes at most one of each kind");
  run[key] = name == "compare" ? agreement_of(root) : lever_of(root);
}

namespace detail {

std::string brief_context(const Json& run) {
  std::string out;
  const Json agreement = run.value("agreement", Json());
  const Json lever = run.value("lever", Json());
  if (agreement.is_object()) out += agreement_text(agreement);
  if (lever.is_object()) out += lever_text(lever);
  return out;
}

}  // namespace detail

}  // namespace parley::output
