#include "conflict/conflict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include <limits>
#include <unordered_map>

#include "parley/error.h"
#include "parley/scenario.h"
#include "parley/section_inputs.h"

namespace parley::war {
namespace {

// --- small readers over Node maps -------------------------------------------

void check_keys(const Node& map, std::initializer_list<const char*> allowed, const char* what) {
  if (!map.is_map()) map.fail(std::string(what) + " must be a map, not " + map.describe());
  for (const auto& [key, value] : map.members) {
    bool known = false;
    for (const char* name : allowed) known = known || key == name;
    if (known) continue;
    std::string list;
    for (const char* name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
    value.fail("unknown key '" + key + "' in " + what + "; expected one of: " + list);
  }
}

// Reads numbers that may be written as distributions: such a number takes the
// value the instance realised for its path (else its nominal value), clamped
// to the field's range (a normal's tails).
class Numbers {
 public:
  Numbers(const Scenario& scenario, const Instance& instance) : instance_(instance) {
    for (const SectionInput& input : section_inputs(scenario))
      uncertain_.emplace(input.node, input);
  }

  double in(const Node& node, double lo, double hi, const std::string& what) const {
    const auto found = uncertain_.find(&node);
    if (found == uncertain_.end()) {
      const double v = node.as_number();
      if (v < lo || v > hi) out_of_range(node, lo, hi, what, format_number(v));
      return v;
    }
    // As for actors' inputs (docs/scenario-format.md): the whole support of
    // a tri or uniform lies in the field's range, the mean of a normal does.
    const SectionInput& input = found->second;
    const double nominal = input.value.nominal();
    const bool bounded = input.value.kind() != Uncertain::Kind::normal;
    const double low = bounded ? input.value.lowest() : nominal;
    const double high = bounded ? input.value.highest() : nominal;
    if (low < lo || high > hi) out_of_range(node, lo, hi, what, input.value.describe());
    const auto drawn = instance_.section_values.find(input.path);
    const double v = drawn == instance_.section_values.end() ? nominal : drawn->second;
    return std::clamp(v, lo, hi);
  }
  // Any real number (event `set` values are range-checked by their target).
  double any(const Node& node, const std::string& what) const {
    const double inf = std::numeric_limits<double>::infinity();
    return in(node, -inf, inf, what);
  }
  double read(const Node& map, const char* key, double fallback, double lo, double hi) const {
    const Node* node = map.find(key);
    return node ? in(*node, lo, hi, key) : fallback;
  }

 private:
  [[noreturn]] static void out_of_range(const Node& node, double lo, double hi,
                                        const std::string& what, const std::string& value) {
    node.fail(what + " must be in [" + format_number(lo) + ", " + format_number(hi) + "], not " +
              value);
  }
  const Instance& instance_;
  std::unordered_map<const Node*, SectionInput> uncertain_;
};

int read_int(const Node& map, const char* key, int fallback, int lo, int hi) {
  const Node* node = map.find(key);
  if (!node) return fallback;
  const long long v = node->as_integer();
  if (v < lo || v > hi)
    node->fail(std::string(key) + " must be an integer in [" + std::to_string(lo) + ", " +
               std::to_string(hi) + "]");
  return static_cast<int>(v);
}

const Node& need(const Node& map, const char* key, const char* what) {
  const Node* node = map.find(key);
  if (!node) map.fail(std::string(what) + " needs '" + key + "'");
  return *node;
}

int actor_of(const Node& node, const Instance& instance) {
  const std::string& id = node.as_string();
  for (int a = 0; a < instance.actors(); ++a)
    if (instance.actor_ids[a] == id) return a;
  node.fail("unknown actor '" + id + "'");
}

int actor_key(const std::string& id, const Node& value, const Instance& instance) {
  for (int a = 0; a < instance.actors(); ++a)
    if (instance.actor_ids[a] == id) return a;
  value.fail("unknown actor '" + id + "'");
}

int issue_of(const Node& node, const Instance& instance) {
  const std::string& id = node.as_string();
  for (int i = 0; i < instance.issues(); ++i)
    if (instance.frames[i].id == id) return i;
  node.fail("unknown issue '" + id + "'");
}

Regime parse_regime(const Node& node) {
  const std::string& name = node.as_string();
  if (name == "talks") return Regime::talks;
  if (name == "recess") return Regime::recess;
  if (name == "breakdown") return Regime::breakdown;
  node.fail("regime must be talks, recess or breakdown, not '" + name + "'");
}

// --- sections ------------------------------------------------------------------

Side parse_side(const Node& node, const Numbers& num, const Instance& instance, const char* what) {
  check_keys(node, {"name", "members"}, what);
  Side side;
  if (const Node* name = node.find("name")) side.name = name->as_string();
  const Node& members = need(node, "members", what);
  if (!members.is_list() || members.items.empty())
    members.fail("members must be a non-empty list of {actor, share, contribution}");
  for (const Node& item : members.items) {
    check_keys(item, {"actor", "share", "contribution"}, "a side member");
    Member m;
    m.actor = actor_of(need(item, "actor", "a side member"), instance);
    m.share = num.read(item, "share", 1, 0, 1e9);
    m.contribution = num.read(item, "contribution", 1, 0, 1e9);
    side.members.push_back(m);
  }
  return side;
}

int member_index(const Side& side, int actor) {
  for (std::size_t j = 0; j < side.members.size(); ++j)
    if (side.members[j].actor == actor) return static_cast<int>(j);
  return -1;
}

std::vector<std::string> split_dots(const std::string& s) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = s.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(s.substr(start, dot - start));
  parts.push_back(s.substr(start));
  return parts;
}

// The target of an event parameter name such as "cost.a" or "b.usa.share".
void parse_change_target(const std::string& key, const Node& value, const Conflict& c,
                         const Instance& instance, Change& ch) {
  const auto parts = split_dots(key);
  auto side_of_name = [&](const std::string& s) { return s == "a" ? 0 : s == "b" ? 1 : -1; };
  auto actor_id = [&](const std::string& id) {
    for (int a = 0; a < instance.actors(); ++a)
      if (instance.actor_ids[a] == id) return a;
    return -1;
  };
  if (parts.size() == 2 && parts[0] == "cost" && side_of_name(parts[1]) >= 0) {
    ch.target = Change::Target::cost;
    ch.side = side_of_name(parts[1]);
  } else if (parts.size() == 3 && side_of_name(parts[0]) >= 0 &&
             (parts[2] == "share" || parts[2] == "contribution")) {
    ch.side = side_of_name(parts[0]);
    ch.index = member_index(c.initial.sides[ch.side], actor_id(parts[1]));
    if (ch.index < 0) value.fail("'" + parts[1] + "' is not a member of side " + parts[0]);
    ch.target = parts[2] == "share" ? Change::Target::share : Change::Target::contribution;
  } else if (parts.size() == 1 && parts[0] == "activity") {
    ch.target = Change::Target::activity;
  } else if (parts.size() == 1 && parts[0] == "decisiveness") {
    ch.target = Change::Target::decisiveness;
  } else if (parts.size() == 2 && parts[0] == "mediator") {
    ch.target = Change::Target::mediator;
    ch.index = -1;
    for (std::size_t m = 0; m < c.mediators.size(); ++m)
      if (c.mediators[m].actor == actor_id(parts[1])) ch.index = static_cast<int>(m);
    if (ch.index < 0) value.fail("'" + parts[1] + "' is not a mediator");
  } else if (parts.size() == 2 && parts[0] == "hazard" && parts[1] == "h0") {
    ch.target = Change::Target::hazard_h0;
  } else {
    value.fail("unknown event parameter '" + key +
               "'; expected cost.a, cost.b, a.ACTOR.share, a.ACTOR.contribution (or b.), "
               "activity, decisiveness, mediator.ACTOR, hazard.h0");
  }
}

Change parse_change(const std::string& key, const Node& value, bool multiply, const Conflict& c,
                    const Numbers& num, const Instance& instance) {
  Change ch;
  ch.multiply = multiply;
  ch.value = multiply ? num.in(value, 0, 1e9, key) : num.any(value, key);
  parse_change_target(key, value, c, instance, ch);
  if (!multiply && ch.value < 0) value.fail(key + " must be >= 0");
  if (!multiply &&
      (ch.target == Change::Target::activity || ch.target == Change::Target::mediator ||
       ch.target == Change::Target::hazard_h0) &&
      ch.value > 1)
    value.fail(key + " must be in [0, 1]");
  return ch;
}

void parse_events(const Node& list, Conflict& c, const Numbers& num, const Instance& instance) {
  if (!list.is_list()) list.fail("events must be a list");
  for (const Node& item : list.items) {
    check_keys(item, {"at", "name", "optional", "set", "mul", "regime", "source", "note"},
               "an event");
    Event e;
    e.at = read_int(item, "at", 1, 1, 100000);
    if (const Node* n = item.find("name")) e.name = n->as_string();
    if (const Node* n = item.find("optional")) e.optional = n->as_string();
    for (const char* section : {"set", "mul"}) {
      const Node* map = item.find(section);
      if (!map) continue;
      if (!map->is_map()) map->fail(std::string(section) + " must be a map of parameter: value");
      for (const auto& [key, value] : map->members)
        e.changes.push_back(parse_change(key, value, section[0] == 'm', c, num, instance));
    }
    if (const Node* r = item.find("regime")) e.regime = parse_regime(*r);
    c.events.push_back(std::move(e));
  }
  std::stable_sort(c.events.begin(), c.events.end(),
                   [](const Event& x, const Event& y) { return x.at < y.at; });
}

void parse_phase(const Node& item, std::vector<int>& seen, Conflict& c, const Instance& instance) {
  check_keys(item, {"name", "issues", "separable", "ceasefire", "source", "note"}, "a phase");
  Phase ph;
  if (const Node* n = item.find("name")) ph.name = n->as_string();
  const Node& issues = need(item, "issues", "a phase");
  if (!issues.is_list() || issues.items.empty()) issues.fail("issues must be a non-empty list");
  for (const Node& id : issues.items) {
    const int i = issue_of(id, instance);
    if (seen[i]++) id.fail("issue '" + id.as_string() + "' appears in two phases");
    ph.issues.push_back(i);
  }
  if (const Node* sep = item.find("separable")) {
    if (!sep->is_list()) sep->fail("separable must be a list of issue ids");
    for (const Node& id : sep->items) {
      const int i = issue_of(id, instance);
      if (std::find(ph.issues.begin(), ph.issues.end(), i) == ph.issues.end())
        id.fail("separable issue '" + id.as_string() + "' is not among the phase's issues");
      ph.separable.push_back(i);
    }
  }
  if (const Node* n = item.find("ceasefire")) ph.ceasefire = n->as_bool();
  c.phases.push_back(std::move(ph));
}

void parse_agenda(const Node& node, Conflict& c, const Instance& instance) {
  check_keys(node, {"naueia", "fill", "indivisible", "phases", "source", "note"}, "agenda");
  if (const Node* n = node.find("naueia")) c.naueia = n->as_bool();
  if (const Node* n = node.find("fill")) {
    if (n->as_string() != "expected" && n->as_string() != "disagreement")
      n->fail("fill must be 'expected' or 'disagreement'");
    c.fill_expected = n->as_string() == "expected";
  }
  if (const Node* n = node.find("indivisible")) {
    if (!n->is_list()) n->fail("indivisible must be a list of issue ids");
    for (const Node& id : n->items) c.indivisible[issue_of(id, instance)] = 1;
  }
  const Node& phases = need(node, "phases", "agenda");
  if (!phases.is_list() || phases.items.empty()) phases.fail("phases must be a non-empty list");
  std::vector<int> seen(instance.issues(), 0);
  for (const Node& item : phases.items) parse_phase(item, seen, c, instance);
}

void parse_start(const Node& node, Conflict& c, const Numbers& num, double default_discount) {
  if (const Node* s = node.find("start")) {
    int year = 0, month = 0;
    char tail = 0;
    if (std::sscanf(s->as_string().c_str(), "%d-%d%c", &year, &month, &tail) != 2 || month < 1 ||
        month > 12)
      s->fail("start must be a month written YYYY-MM");
    c.start_year = year;
    c.start_month = month;
  }
  c.horizon = read_int(node, "horizon", 36, 1, 1200);
  c.delta = num.read(node, "discount", default_discount, 0.0, 0.999999);
  if (c.delta <= 0) need(node, "discount", "conflict").fail("discount must be in (0, 1)");
}

void parse_sides(const Node& node, Conflict& c, const Numbers& num, const Instance& instance) {
  const Node& sides = need(node, "sides", "conflict");
  check_keys(sides, {"a", "b"}, "conflict.sides");
  c.initial.sides[0] = parse_side(need(sides, "a", "conflict.sides"), num, instance, "side a");
  c.initial.sides[1] = parse_side(need(sides, "b", "conflict.sides"), num, instance, "side b");
  for (const Member& ma : c.initial.sides[0].members)
    for (const Member& mb : c.initial.sides[1].members)
      if (ma.actor == mb.actor)
        need(sides, "b", "").fail("actor '" + instance.actor_ids[ma.actor] + "' is on both sides");
  if (const Node* veto = node.find("veto")) {
    if (!veto->is_list() || veto->items.empty())
      veto->fail("veto must be a non-empty list of actors");
    for (const Node& id : veto->items) c.veto.push_back(actor_of(id, instance));
  } else {
    c.veto = {c.initial.sides[0].members[0].actor, c.initial.sides[1].members[0].actor};
  }
}

void parse_front(const Node& node, Conflict& c, const Numbers& num, const Instance& instance) {
  const Node& front = need(node, "front", "conflict");
  check_keys(front, {"issue", "cells", "start", "activity", "victory", "source", "note"},
             "conflict.front");
  c.front_issue = issue_of(need(front, "issue", "conflict.front"), instance);
  c.cells = read_int(front, "cells", 20, 2, 10000);
  c.initial.activity = num.read(front, "activity", 1, 0, 1);
  if (const Node* v = front.find("victory")) {
    if (v->as_string() != "front" && v->as_string() != "all")
      v->fail("victory must be 'front' (the winner takes the front issue) or 'all'");
    c.victory_all = v->as_string() == "all";
  }
  const int m = instance.issues();
  c.status_quo.resize(m);
  for (int i = 0; i < m; ++i) {
    const auto& f = instance.frames[i];
    if (!f.status_quo)
      node.fail("issue '" + f.id + "' has no status_quo; the war model needs one for every issue");
    c.status_quo[i] = *f.status_quo;
  }
  const auto& f = instance.frames[c.front_issue];
  const double share = (c.status_quo[c.front_issue] - f.lo) / (f.hi - f.lo);
  c.start_cell = static_cast<int>(std::lround(share * c.cells));
  c.start_cell = read_int(front, "start", c.start_cell, 0, c.cells);
  if (c.start_cell <= 0 || c.start_cell >= c.cells)
    front.fail("the front must start strictly inside 0..cells (an end is a victory)");
}

void parse_battle(const Node& node, Conflict& c, const Numbers& num) {
  if (const Node* battle = node.find("battle")) {
    check_keys(*battle, {"csf", "decisiveness", "k", "source", "note"}, "conflict.battle");
    if (const Node* csf = battle->find("csf")) {
      if (csf->as_string() != "ratio" && csf->as_string() != "logistic")
        csf->fail("csf must be 'ratio' or 'logistic'");
      c.initial.logistic = csf->as_string() == "logistic";
    }
    c.initial.decisiveness = num.read(*battle, "decisiveness", 1, 0, 100);
    c.initial.logistic_k = num.read(*battle, "k", 0.05, 0, 100);
  }
  if (const Node* costs = node.find("costs")) {
    check_keys(*costs, {"a", "b", "source", "note"}, "conflict.costs");
    c.initial.cost[0] = num.read(*costs, "a", 0.02, 0, 1e6);
    c.initial.cost[1] = num.read(*costs, "b", 0.02, 0, 1e6);
  }
}

void parse_beliefs_and_audience(const Node& node, Conflict& c, const Numbers& num,
                                const Instance& instance, const Defaults& defaults) {
  const int n = instance.actors();
  c.beliefs.assign(n, std::nullopt);
  if (const Node* beliefs = node.find("beliefs")) {
    if (!beliefs->is_map()) beliefs->fail("beliefs must be a map actor: {p, weight}");
    for (const auto& [id, value] : beliefs->members) {
      const int a = actor_key(id, value, instance);
      check_keys(value, {"p", "weight", "source", "note"}, "a belief");
      Belief b;
      b.p = num.in(need(value, "p", "a belief"), 0.001, 0.999, "p");
      b.weight = num.read(value, "weight", 10, 0, 1e9);
      c.beliefs[a] = b;
    }
  }
  c.audience.assign(n, Audience{0, defaults.audience_decay});
  if (const Node* audience = node.find("audience")) {
    if (!audience->is_map()) audience->fail("audience must be a map actor: {cost, decay}");
    for (const auto& [id, value] : audience->members) {
      const int a = actor_key(id, value, instance);
      check_keys(value, {"cost", "decay", "source", "note"}, "an audience cost");
      c.audience[a].cost = num.read(value, "cost", 0, 0, 1);
      c.audience[a].decay = num.read(value, "decay", defaults.audience_decay, 0, 1);
    }
  }
}

MediatorStyle parse_style(const Node& node) {
  const std::string& name = node.as_string();
  if (name == "formulator") return MediatorStyle::formulator;
  if (name == "annealing") return MediatorStyle::annealing;
  if (name == "leverage") return MediatorStyle::leverage;
  node.fail("style must be formulator, annealing or leverage, not '" + name + "'");
}

// Mediators: the listed ones, else every actor with role mediator.
void parse_mediators(const Node& node, Conflict& c, const Numbers& num, const Scenario& scenario,
                     const Instance& instance) {
  if (const Node* meds = node.find("mediators")) {
    if (!meds->is_list()) meds->fail("mediators must be a list of {actor, activity, bias, ...}");
    for (const Node& item : meds->items) {
      check_keys(item,
                 {"actor", "activity", "bias", "style", "temperature", "cooling", "leverage",
                  "budget", "source", "note"},
                 "a mediator");
      Mediator med;
      med.actor = actor_of(need(item, "actor", "a mediator"), instance);
      const int s = scenario.actor_index(instance.actor_ids[med.actor]);
      const double own_bias = s >= 0 ? scenario.actors[s].bias.value_or(0) : 0;
      med.bias = num.read(item, "bias", own_bias, -1, 1);
      if (const Node* style = item.find("style")) med.style = parse_style(*style);
      med.temperature = num.read(item, "temperature", med.temperature, 0, 1e3);
      med.cooling = num.read(item, "cooling", med.cooling, 0, 1);
      med.leverage = num.read(item, "leverage", med.leverage, 0, 1e3);
      med.budget = num.read(item, "budget", med.budget, 0, 1e6);
      c.mediators.push_back(med);
      c.initial.mediator_activity.push_back(num.read(item, "activity", 0.5, 0, 1));
    }
    return;
  }
  for (int a = 0; a < instance.actors(); ++a) {
    const int s = scenario.actor_index(instance.actor_ids[a]);
    if (s < 0 || scenario.actors[s].role != "mediator") continue;
    Mediator med;
    med.actor = a;
    med.bias = scenario.actors[s].bias.value_or(0);
    c.mediators.push_back(med);
    c.initial.mediator_activity.push_back(0.5);
  }
}

void parse_regime_section(const Node& node, Conflict& c, const Numbers& num) {
  const Node* regime = node.find("regime");
  if (!regime) return;
  check_keys(*regime,
             {"start",    "a_b",         "b_b",          "c_b",      "a_r",      "b_r",    "c_r",
              "a_t",      "b_t",         "c_t",          "d_t",      "a_k",      "b_k",    "c_k",
              "eps_prog", "peace_after", "ripe_horizon", "ripe_eps", "ripe_tau", "source", "note"},
             "conflict.regime");
  RegimeCoefficients& r = c.regime;
  if (const Node* s = regime->find("start")) c.start_regime = parse_regime(*s);
  constexpr double big = 1e6;
  struct Field {
    const char* key;
    double* value;
  };
  for (const Field& f :
       {Field{"a_b", &r.a_b}, Field{"b_b", &r.b_b}, Field{"c_b", &r.c_b}, Field{"a_r", &r.a_r},
        Field{"b_r", &r.b_r}, Field{"c_r", &r.c_r}, Field{"a_t", &r.a_t}, Field{"b_t", &r.b_t},
        Field{"c_t", &r.c_t}, Field{"d_t", &r.d_t}, Field{"a_k", &r.a_k}, Field{"b_k", &r.b_k},
        Field{"c_k", &r.c_k}})
    *f.value = num.read(*regime, f.key, *f.value, -big, big);
  r.eps_prog = num.read(*regime, "eps_prog", r.eps_prog, 0, big);
  r.peace_after = read_int(*regime, "peace_after", r.peace_after, 1, 100000);
  r.ripe_horizon = read_int(*regime, "ripe_horizon", r.ripe_horizon, 1, 1000);
  r.ripe_eps = num.read(*regime, "ripe_eps", r.ripe_eps, 0, big);
  r.ripe_tau = num.read(*regime, "ripe_tau", r.ripe_tau, 0, 1);
}

void parse_hazard(const Node& node, Conflict& c, const Numbers& num, const Instance& instance) {
  const Node* hazard = node.find("hazard");
  if (!hazard) return;
  check_keys(*hazard, {"h0", "harvest", "covariates", "source", "note"}, "conflict.hazard");
  c.initial.hazard_h0 = num.read(*hazard, "h0", c.initial.hazard_h0, 0, 1);
  c.harvest_factor = num.read(*hazard, "harvest", 0.9, 0, 10);
  if (const Node* covs = hazard->find("covariates")) {
    if (!covs->is_list()) covs->fail("covariates must be a list of {issue, beta}");
    for (const Node& item : covs->items) {
      check_keys(item, {"issue", "beta", "source", "note"}, "a hazard covariate");
      HazardCovariate cov;
      cov.issue = issue_of(need(item, "issue", "a hazard covariate"), instance);
      cov.beta = num.read(item, "beta", 0, -100, 100);
      c.covariates.push_back(cov);
    }
  }
}

}  // namespace

const char* regime_name(Regime regime) {
  switch (regime) {
    case Regime::talks:
      return "talks";
    case Regime::recess:
      return "recess";
    case Regime::breakdown:
      return "breakdown";
    case Regime::ceasefire:
      return "ceasefire";
    case Regime::peace:
      return "peace";
    case Regime::victory_a:
      return "victory_a";
    case Regime::victory_b:
      return "victory_b";
  }
  return "?";
}

std::string Conflict::month_label(int period) const {
  const int months = start_year * 12 + (start_month - 1) + (period - 1);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", months / 12, months % 12 + 1);
  return buffer;
}

int Conflict::side_of(int actor) const {
  for (int s = 0; s < 2; ++s)
    for (const Member& m : initial.sides[s].members)
      if (m.actor == actor) return s;
  return -1;
}

Conflict parse_conflict(const Scenario& scenario, const Instance& instance,
                        const Defaults& defaults) {
  const Node* root = scenario.section("conflict");
  if (!root)
    throw Error(SourceLocation{scenario.origin, 0, 0, "conflict"},
                "the war model needs a 'conflict' section (see docs/models/war.md)");
  const Node& node = *root;
  check_keys(node,
             {"start", "horizon", "discount", "sides", "veto", "front", "battle", "costs",
              "beliefs", "audience", "mediators", "regime", "hazard", "events", "source", "note"},
             "conflict");
  const Numbers num(scenario, instance);
  Conflict c;
  c.regime = defaults.regime;
  c.initial.hazard_h0 = defaults.hazard_h0;
  c.indivisible.assign(instance.issues(), 0);
  parse_start(node, c, num, defaults.discount);
  parse_sides(node, c, num, instance);
  parse_front(node, c, num, instance);
  parse_battle(node, c, num);
  parse_beliefs_and_audience(node, c, num, instance, defaults);
  parse_mediators(node, c, num, scenario, instance);
  parse_regime_section(node, c, num);
  parse_hazard(node, c, num, instance);
  if (const Node* events = node.find("events")) parse_events(*events, c, num, instance);
  if (const Node* agenda = scenario.section("agenda")) {
    parse_agenda(*agenda, c, instance);
  } else {  // one phase with every issue, nothing separable, agreeing it starts a ceasefire
    Phase all;
    all.name = "all issues";
    for (int i = 0; i < instance.issues(); ++i) all.issues.push_back(i);
    all.ceasefire = true;
    c.phases.push_back(all);
  }
  return c;
}

}  // namespace parley::war
