// Procedural (agenda-setter / qualified-majority pivot) models of EU
// legislation: docs/models/procedural.md (sections cited by number).  The published
// variants (Steunenberg, Tsebelis-Garrett, Crombez, ...) are not verified
// against their texts; these configurations are parley's own switchable family.
#include "models/procedural.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "models/model_infos.h"
#include "models/spatial.h"
#include "models/status_notes.h"
#include "parley/error.h"
#include "parley/scenario.h"

namespace parley {
namespace procedural {

namespace {
constexpr double kPosEps = 1e-9;     // pos_eps of docs/models/conventions.md
constexpr double kShareTol = 1e-12;  // relative tolerance on weight shares

bool at_least(double part, double share, double total) {
  return part >= share * total - kShareTol * std::abs(total);
}
}  // namespace

bool Rule::winning(int members, int total_members, double weight, double total_weight) const {
  if (total_members <= 0) return false;
  if (kind == Kind::unanimity) return members == total_members;
  if (member_majority && 2 * members <= total_members) return false;
  if (!at_least(members, member_share, total_members)) return false;
  return at_least(weight, weight_share, total_weight);
}

std::optional<Pivots> pivots(std::span<const double> x, std::span<const double> v,
                             const Rule& rule) {
  const int n = static_cast<int>(x.size());
  if (n == 0) return std::nullopt;
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return x[a] < x[b]; });
  const double total = std::accumulate(v.begin(), v.end(), 0.0);

  // Upper sets {k : x_k >= m} for m = member positions, largest m first; the
  // first winning one gives pi_up.  Members at the same position join together.
  // O(n) after the O(n log n) sort.
  std::optional<double> up, down;
  double weight = 0;
  int count = 0;
  for (int k = n - 1; k >= 0;) {
    double m = x[order[k]];
    while (k >= 0 && x[order[k]] >= m - kPosEps) {
      weight += v[order[k]];
      ++count;
      --k;
    }
    if (rule.winning(count, n, weight, total)) {
      up = m;
      break;
    }
  }
  weight = 0;
  count = 0;
  for (int k = 0; k < n;) {
    double m = x[order[k]];
    while (k < n && x[order[k]] <= m + kPosEps) {
      weight += v[order[k]];
      ++count;
      ++k;
    }
    if (rule.winning(count, n, weight, total)) {
      down = m;
      break;
    }
  }
  if (!up || !down) return std::nullopt;
  return Pivots{*up, *down};
}

namespace {
Interval intersect(Interval a, Interval b) { return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)}; }
}  // namespace

WinSet win_set(const Pivots& p, double q, double pareto_lo, double pareto_hi,
               const SetterOptions& options) {
  WinSet w;
  // Feasible moves of section 2.  Closed intervals suffice: their only open end is
  // q itself, which W(q) ∪ {q} contains anyway.
  if (q < p.up - kPosEps) w.up = {q, 2 * p.up - q};
  if (q > p.down + kPosEps) w.down = {2 * p.down - q, q};
  if (options.second_veto) {
    double e = *options.second_veto;
    Interval accepted{std::min(q, 2 * e - q), std::max(q, 2 * e - q)};
    w.up = intersect(w.up, accepted);
    w.down = intersect(w.down, accepted);
  }
  if (options.unanimity_amendment) {
    Interval pareto{pareto_lo, pareto_hi};
    w.up = intersect(w.up, pareto);
    w.down = intersect(w.down, pareto);
  }
  return w;
}

double closest_point(const WinSet& w, double q, double target) {
  double best = q;
  for (const Interval& part : {w.up, w.down}) {
    if (part.empty()) continue;
    double c = std::clamp(target, part.lo, part.hi);
    double d = std::abs(c - target), d_best = std::abs(best - target);
    if (d < d_best - kPosEps || (d <= d_best + kPosEps && std::abs(c - q) < std::abs(best - q)))
      best = c;
  }
  return best;
}

namespace {
std::pair<double, double> pareto(std::span<const double> x) {
  auto [lo, hi] = std::minmax_element(x.begin(), x.end());
  return {*lo, *hi};
}
}  // namespace

double setter_outcome(std::span<const double> x, std::span<const double> v, const Rule& rule,
                      double q, double setter, const SetterOptions& options) {
  auto p = pivots(x, v, rule);
  if (!p) return q;
  auto [lo, hi] = pareto(x);
  double outcome = closest_point(win_set(*p, q, lo, hi, options), q, setter);
  // The Council amends any result outside its Pareto interval to the nearest
  // end, the status quo included (oracle of section 4: q = 100, x_A = 95 -> 90).
  return options.unanimity_amendment ? std::clamp(outcome, lo, hi) : outcome;
}

double conciliation_outcome(std::span<const double> x, std::span<const double> v, const Rule& rule,
                            double q, double parliament) {
  auto p = pivots(x, v, rule);
  if (!p) return q;
  // The Council pivot closer to the EP (ties: the upward pivot).
  double pivot = std::abs(p->up - parliament) <= std::abs(p->down - parliament) ? p->up : p->down;
  double target = (pivot + parliament) / 2;
  auto [lo, hi] = pareto(x);
  SetterOptions options;
  options.second_veto = parliament;
  return closest_point(win_set(*p, q, lo, hi, options), q, target);
}

}  // namespace procedural

namespace {

using procedural::Rule;

enum class Configuration { cns_qmv, cns_unan, cod_setter, cod_conciliation };

const char* configuration_name(Configuration c) {
  switch (c) {
    case Configuration::cns_qmv:
      return "cns_qmv";
    case Configuration::cns_unan:
      return "cns_unan";
    case Configuration::cod_setter:
      return "cod_setter";
    case Configuration::cod_conciliation:
      return "cod_conciliation";
  }
  return "";
}

std::optional<Configuration> parse_configuration(const std::string& name) {
  if (name == "cns_qmv") return Configuration::cns_qmv;
  if (name == "cns_unan") return Configuration::cns_unan;
  if (name == "cod_setter") return Configuration::cod_setter;
  if (name == "cod_conciliation") return Configuration::cod_conciliation;
  return std::nullopt;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// `auto`: the configuration from the issue's tags procedure (COD/CNS) and
// voting (QMV, QMV(10), Unan).  nullopt when the tags are missing or unknown.
std::optional<Configuration> configuration_from_tags(const Issue* issue, Configuration cod) {
  if (!issue) return std::nullopt;
  auto proc = issue->tags.find("procedure");
  if (proc == issue->tags.end()) return std::nullopt;
  std::string p = upper(proc->second);
  if (p == "COD") return cod;
  if (p != "CNS") return std::nullopt;
  auto vote = issue->tags.find("voting");
  if (vote == issue->tags.end()) return std::nullopt;
  std::string v = upper(vote->second);
  if (v.rfind("UNAN", 0) == 0) return Configuration::cns_unan;
  if (v.rfind("QMV", 0) == 0) return Configuration::cns_qmv;
  return std::nullopt;
}

// The qualified-majority rule (section 1): by treaty regime (issue tag `regime`,
// set by the DEU importer) or as set by the parameters.
Rule qmv_rule(const Issue* issue, const Params& params) {
  const std::string& mode = text(params, "qmv_rule");
  if (mode == "double_majority")
    return Rule::double_majority(number(params, "member_share"), number(params, "weight_share"));
  if (mode == "regime" && issue) {
    auto r = issue->tags.find("regime");
    if (r != issue->tags.end()) {
      if (r->second == "pre_nice") return Rule::weighted(62.0 / 87.0);
      if (r->second == "nice") {
        Rule rule = Rule::weighted(255.0 / 345.0);
        rule.member_majority = true;
        return rule;
      }
      if (r->second == "lisbon") return Rule::double_majority(0.55, 0.65);
    }
  }
  return Rule::weighted(number(params, "threshold"));
}

class ProceduralModel final : public Model {
 public:
  Result run(const Instance& instance, const Params& params,
             const RunContext& context) const override {
    const int n_issues = instance.issues(), n_actors = instance.actors();
    const std::string& setter_id = text(params, "setter");
    const std::string& parliament_id = text(params, "parliament");
    const std::string& config_name = text(params, "configuration");
    const Configuration cod = *parse_configuration(text(params, "cod"));
    int setter = -1, parliament = -1;
    for (int a = 0; a < n_actors; ++a) {
      if (instance.actor_ids[a] == setter_id) setter = a;
      if (instance.actor_ids[a] == parliament_id) parliament = a;
    }

    Result result;
    result.forecast.assign(n_issues, std::numeric_limits<double>::quiet_NaN());
    result.status.assign(n_issues, "ok");
    Table table;
    table.name = "procedural";
    table.title = "Procedural model per issue: configuration, pivots and outcome";
    table.columns = {"issue",      "configuration", "members",    "pi_up",    "pi_down",
                     "status_quo", "setter",        "parliament", "forecast", "status"};
    const double nan = std::numeric_limits<double>::quiet_NaN();

    // O(issues x actors log actors): one sort per issue for the pivots.
    for (int i = 0; i < n_issues; ++i) {
      const Issue* issue = nullptr;
      if (context.scenario) {
        int k = context.scenario->issue_index(instance.frames[i].id);
        if (k >= 0) issue = &context.scenario->issues[k];
      }
      std::optional<Configuration> config = config_name == "auto"
                                                ? configuration_from_tags(issue, cod)
                                                : parse_configuration(config_name);
      std::vector<double> x, v;
      for (int a : instance.participants(i)) {
        if (a == setter || a == parliament || instance.capability(a, i) <= 0) continue;
        x.push_back(instance.position(a, i));
        v.push_back(instance.capability(a, i));
      }
      const auto& sq = instance.frames[i].status_quo;
      bool has_setter = setter >= 0 && instance.has(setter, i);
      bool has_parliament = parliament >= 0 && instance.has(parliament, i);
      std::string& status = result.status[i];
      std::optional<procedural::Pivots> piv;
      if (!config) {
        status = "no_procedure";
      } else if (!sq) {
        status = "no_reference_point";
      } else if (x.empty()) {
        status = "no_weight";
      } else {
        Rule rule =
            *config == Configuration::cns_unan ? Rule::unanimity() : qmv_rule(issue, params);
        piv = procedural::pivots(x, v, rule);
        bool needs_parliament =
            *config == Configuration::cod_setter || *config == Configuration::cod_conciliation;
        if (needs_parliament && !has_parliament) status = "no_second_veto";
        if (*config == Configuration::cod_conciliation && has_parliament) {
          result.forecast[i] =
              procedural::conciliation_outcome(x, v, rule, *sq, instance.position(parliament, i));
        } else if (!has_setter) {
          status = "no_setter";
        } else {
          procedural::SetterOptions options;
          if (needs_parliament && has_parliament)
            options.second_veto = instance.position(parliament, i);
          options.unanimity_amendment =
              *config != Configuration::cod_setter && *config != Configuration::cod_conciliation;
          result.forecast[i] =
              procedural::setter_outcome(x, v, rule, *sq, instance.position(setter, i), options);
        }
      }
      if (context.explain)
        table.rows.push_back(
            {instance.frames[i].id, std::string(config ? configuration_name(*config) : ""),
             static_cast<double>(x.size()), piv ? piv->up : nan, piv ? piv->down : nan,
             sq ? *sq : nan, has_setter ? instance.position(setter, i) : nan,
             has_parliament ? instance.position(parliament, i) : nan, result.forecast[i], status});
    }
    std::vector<std::string> ids;
    for (const IssueFrame& frame : instance.frames) ids.push_back(frame.id);
    add_status_notes(result.status, ids, advice(setter_id, parliament_id, context), result.notes);
    result.trajectory.push_back(
        spatial::make_round(instance, 0, spatial::initial_positions(instance)));
    if (context.explain) result.tables.push_back(std::move(table));
    return result;
  }

 private:
  // What each status word asks the scenario for (docs/models/procedural.md).
  static StatusAdvice advice(const std::string& setter, const std::string& parliament,
                             const RunContext& context) {
    return {
        {"no_procedure",
         std::string(context.scenario ? "" : "configuration=auto reads the scenario's tags: ") +
             "add issues[].tags.procedure (COD or CNS) and issues[].tags.voting (QMV or Unan), "
             "or --set configuration=cns_qmv|cns_unan|cod_setter|cod_conciliation"},
        {"no_reference_point", "add issues[].status_quo (the reference point)"},
        {"no_weight", "no Council member (an actor other than '" + setter + "' and '" + parliament +
                          "') with capability above 0 has a position: add actors[].position.ISSUE"},
        {"no_second_veto", "decided without the parliament's veto: add a position for actor '" +
                               parliament + "' (actors[].position.ISSUE), or --set parliament=ID"},
        {"no_setter", "add a position for the agenda setter '" + setter +
                          "' (actors[].position.ISSUE), or --set setter=ID"},
    };
  }
};

}  // namespace

ModelInfo procedural_model_info() {
  ModelInfo info;
  info.name = "procedural";
  info.summary = "EU procedural model: QMV pivots, gridlock interval and agenda-setter outcome";
  info.spec = "docs/models/procedural.md";
  info.dynamic = false;
  info.schema.specs = {
      ParamSpec::choice(
          {.name = "configuration",
           .choices = {"auto", "cns_qmv", "cns_unan", "cod_setter", "cod_conciliation"},
           .fallback = "auto",
           .doc = "procedural configuration (4.3); auto = per issue from its tags procedure "
                  "(COD/CNS) and voting (QMV/Unan)"}),
      ParamSpec::choice({.name = "cod",
                         .choices = {"cod_setter", "cod_conciliation"},
                         .fallback = "cod_setter",
                         .doc = "configuration that `auto` uses for co-decision (COD) issues"}),
      ParamSpec::choice(
          {.name = "qmv_rule",
           .choices = {"regime", "weighted", "double_majority"},
           .fallback = "regime",
           .doc = "qualified majority: regime = by the issue tag `regime` (pre_nice 62/87 of the "
                  "weight, nice 255/345 plus a majority of states, lisbon 55% of states and 65% "
                  "of the weight; weighted(threshold) when the tag is missing), or always "
                  "weighted / double_majority"}),
      ParamSpec::number(
          {.name = "threshold",
           .fallback = 0.71,
           .min = 0.0,
           .max = 1.0,
           .doc = "weight share needed by the weighted rule when no treaty regime applies"}),
      ParamSpec::number({.name = "member_share",
                         .fallback = 0.55,
                         .min = 0.0,
                         .max = 1.0,
                         .doc = "double_majority: share of the members needed"}),
      ParamSpec::number({.name = "weight_share",
                         .fallback = 0.65,
                         .min = 0.0,
                         .max = 1.0,
                         .doc = "double_majority: share of the voting weight (population) needed"}),
      ParamSpec::text({.name = "setter",
                       .fallback = "com",
                       .doc = "actor id of the agenda setter (DEU: com, the Commission)"}),
      ParamSpec::text(
          {.name = "parliament",
           .fallback = "ep",
           .doc = "actor id of the second veto player (DEU: ep, the European Parliament); every "
                  "other participating actor is a Council member voting with its capability as "
                  "weight"}),
  };
  info.schema.presets = {
      {"conciliation",
       {{"cod", std::string("cod_conciliation")}},
       "co-decision issues end in conciliation: midpoint of the EP and the closest Council pivot"},
  };
  info.make = [] { return std::make_unique<ProceduralModel>(); };
  return info;
}

}  // namespace parley
