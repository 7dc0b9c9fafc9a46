#include "conflict/conflict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include "parley/error.h"
#include "parley/scenario.h"

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

double number_in(const Node& node, double lo, double hi, const std::string& what) {
  const double v = node.as_number();
  if (v < lo || v > hi)
    node.fail(what + " must be in [" + format_number(lo) + ", " + format_number(hi) + "], not " +
              format_number(v));
  return v;
}

double read_number(const Node& map, const char* key, double fallback, double lo, double hi) {
  const Node* node = map.find(key);
  return node ? number_in(*node, lo, hi, key) : fallback;
}

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

Side parse_side(const Node& node, const Instance& instance, const char* what) {
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
    m.share = read_number(item, "share", 1, 0, 1e9);
    m.contribution = read_number(item, "contribution", 1, 0, 1e9);
    side.members.push_back(m);
  }
  return side;
}

int member_index(const Side& side, int actor) {
  for (std::size_t j = 0; j < side.members.size(); ++j)
    if (side.members[j].actor == actor) return static_cast<int>(j);
  return -1;
}

Change parse_change(const std::string& key, const Node& value, bool multiply, const Conflict& c,
                    const Instance& instance) {
  Change ch;
  ch.multiply = multiply;
  ch.value = multiply ? number_in(value, 0, 1e9, key) : value.as_number();
  auto split = [](const std::string& s) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = s.find('.', start)) != std::string::npos; start = dot + 1)
      parts.push_back(s.substr(start, dot - start));
    parts.push_back(s.substr(start));
    return parts;
  };
  const auto parts = split(key);
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
  if (!multiply && ch.value < 0) value.fail(key + " must be >= 0");
  if (!multiply &&
      (ch.target == Change::Target::activity || ch.target == Change::Target::mediator ||
       ch.target == Change::Target::hazard_h0) &&
      ch.value > 1)
    value.fail(key + " must be in [0, 1]");
  return ch;
}

void parse_events(const Node& list, Conflict& c, const Instance& instance) {
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
        e.changes.push_back(parse_change(key, value, section[0] == 'm', c, instance));
    }
    if (const Node* r = item.find("regime")) e.regime = parse_regime(*r);
    c.events.push_back(std::move(e));
  }
  std::stable_sort(c.events.begin(), c.events.end(),
                   [](const Event& x, const Event& y) { return x.at < y.at; });
}

void parse_agenda(const Node& node, Conflict& c, const Instance& instance) {
  check_keys(node, {"naueia", "fill", "phases", "source", "note"}, "agenda");
  if (const Node* n = node.find("naueia")) c.naueia = n->as_bool();
  if (const Node* n = node.find("fill")) {
    if (n->as_string() != "expected" && n->as_string() != "disagreement")
      n->fail("fill must be 'expected' or 'disagreement'");
    c.fill_expected = n->as_string() == "expected";
  }
  const Node& phases = need(node, "phases", "agenda");
  if (!phases.is_list() || phases.items.empty()) phases.fail("phases must be a non-empty list");
  std::vector<int> seen(instance.issues(), 0);
  for (const Node& item : phases.items) {
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

Conflict parse_conflict(const Scenario& scenario, const Instance& instance) {
  const Node* root = scenario.section("conflict");
  if (!root)
    throw Error(SourceLocation{scenario.origin, 0, 0, "conflict"},
                "the war model needs a 'conflict' section (see docs/models/war.md)");
  const Node& node = *root;
  check_keys(node,
             {"start", "horizon", "discount", "sides", "veto", "front", "battle", "costs",
              "beliefs", "audience", "mediators", "regime", "hazard", "events", "source", "note"},
             "conflict");
  Conflict c;
  const int n = instance.actors(), m = instance.issues();

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
  c.delta = read_number(node, "discount", 0.99, 0.0, 0.999999);
  if (c.delta <= 0) need(node, "discount", "conflict").fail("discount must be in (0, 1)");

  const Node& sides = need(node, "sides", "conflict");
  check_keys(sides, {"a", "b"}, "conflict.sides");
  c.initial.sides[0] = parse_side(need(sides, "a", "conflict.sides"), instance, "side a");
  c.initial.sides[1] = parse_side(need(sides, "b", "conflict.sides"), instance, "side b");
  for (const Member& ma : c.initial.sides[0].members)
    for (const Member& mb : c.initial.sides[1].members)
      if (ma.actor == mb.actor)
        need(sides, "b", "").fail("actor '" + instance.actor_ids[ma.actor] + "' is on both sides");

  const Node& front = need(node, "front", "conflict");
  check_keys(front, {"issue", "cells", "start", "activity", "victory", "source", "note"},
             "conflict.front");
  c.front_issue = issue_of(need(front, "issue", "conflict.front"), instance);
  c.cells = read_int(front, "cells", 20, 2, 10000);
  c.initial.activity = read_number(front, "activity", 1, 0, 1);
  if (const Node* v = front.find("victory")) {
    if (v->as_string() != "front" && v->as_string() != "all")
      v->fail("victory must be 'front' (the winner takes the front issue) or 'all'");
    c.victory_all = v->as_string() == "all";
  }

  c.status_quo.resize(m);
  for (int i = 0; i < m; ++i) {
    const auto& f = instance.frames[i];
    if (!f.status_quo)
      node.fail("issue '" + f.id + "' has no status_quo; the war model needs one for every issue");
    c.status_quo[i] = *f.status_quo;
  }
  {
    const auto& f = instance.frames[c.front_issue];
    const double share = (c.status_quo[c.front_issue] - f.lo) / (f.hi - f.lo);
    c.start_cell = static_cast<int>(std::lround(share * c.cells));
    c.start_cell = read_int(front, "start", c.start_cell, 0, c.cells);
    if (c.start_cell <= 0 || c.start_cell >= c.cells)
      front.fail("the front must start strictly inside 0..cells (an end is a victory)");
  }

  if (const Node* battle = node.find("battle")) {
    check_keys(*battle, {"csf", "decisiveness", "k", "source", "note"}, "conflict.battle");
    if (const Node* csf = battle->find("csf")) {
      if (csf->as_string() != "ratio" && csf->as_string() != "logistic")
        csf->fail("csf must be 'ratio' or 'logistic'");
      c.initial.logistic = csf->as_string() == "logistic";
    }
    c.initial.decisiveness = read_number(*battle, "decisiveness", 1, 0, 100);
    c.initial.logistic_k = read_number(*battle, "k", 0.05, 0, 100);
  }
  if (const Node* costs = node.find("costs")) {
    check_keys(*costs, {"a", "b", "source", "note"}, "conflict.costs");
    c.initial.cost[0] = read_number(*costs, "a", 0.02, 0, 1e6);
    c.initial.cost[1] = read_number(*costs, "b", 0.02, 0, 1e6);
  }

  if (const Node* veto = node.find("veto")) {
    if (!veto->is_list() || veto->items.empty())
      veto->fail("veto must be a non-empty list of actors");
    for (const Node& id : veto->items) c.veto.push_back(actor_of(id, instance));
  } else {
    c.veto = {c.initial.sides[0].members[0].actor, c.initial.sides[1].members[0].actor};
  }

  c.beliefs.assign(n, std::nullopt);
  if (const Node* beliefs = node.find("beliefs")) {
    if (!beliefs->is_map()) beliefs->fail("beliefs must be a map actor: {p, weight}");
    for (const auto& [id, value] : beliefs->members) {
      int a = -1;
      for (int k = 0; k < n; ++k)
        if (instance.actor_ids[k] == id) a = k;
      if (a < 0) value.fail("unknown actor '" + id + "'");
      check_keys(value, {"p", "weight", "source", "note"}, "a belief");
      Belief b;
      b.p = number_in(need(value, "p", "a belief"), 0.001, 0.999, "p");
      b.weight = read_number(value, "weight", 10, 0, 1e9);
      c.beliefs[a] = b;
    }
  }

  c.audience.assign(n, Audience{});
  if (const Node* audience = node.find("audience")) {
    if (!audience->is_map()) audience->fail("audience must be a map actor: {cost, decay}");
    for (const auto& [id, value] : audience->members) {
      int a = -1;
      for (int k = 0; k < n; ++k)
        if (instance.actor_ids[k] == id) a = k;
      if (a < 0) value.fail("unknown actor '" + id + "'");
      check_keys(value, {"cost", "decay", "source", "note"}, "an audience cost");
      c.audience[a].cost = read_number(value, "cost", 0, 0, 1);
      c.audience[a].decay = read_number(value, "decay", 1, 0, 1);
    }
  }

  // Mediators: the listed ones, else every actor with role mediator.
  if (const Node* meds = node.find("mediators")) {
    if (!meds->is_list()) meds->fail("mediators must be a list of {actor, activity, bias}");
    for (const Node& item : meds->items) {
      check_keys(item, {"actor", "activity", "bias", "source", "note"}, "a mediator");
      Mediator med;
      med.actor = actor_of(need(item, "actor", "a mediator"), instance);
      const auto& actor = scenario.actors[scenario.actor_index(instance.actor_ids[med.actor])];
      med.bias = read_number(item, "bias", actor.bias.value_or(0), -1, 1);
      c.mediators.push_back(med);
      c.initial.mediator_activity.push_back(read_number(item, "activity", 0.5, 0, 1));
    }
  } else {
    for (int a = 0; a < n; ++a) {
      const int s = scenario.actor_index(instance.actor_ids[a]);
      if (s < 0 || scenario.actors[s].role != "mediator") continue;
      c.mediators.push_back({a, scenario.actors[s].bias.value_or(0)});
      c.initial.mediator_activity.push_back(0.5);
    }
  }

  if (const Node* regime = node.find("regime")) {
    check_keys(
        *regime,
        {"start",    "a_b",         "b_b",          "c_b",      "a_r",      "b_r",    "c_r",
         "a_t",      "b_t",         "c_t",          "d_t",      "a_k",      "b_k",    "c_k",
         "eps_prog", "peace_after", "ripe_horizon", "ripe_eps", "ripe_tau", "source", "note"},
        "conflict.regime");
    RegimeCoefficients& r = c.regime;
    if (const Node* s = regime->find("start")) c.start_regime = parse_regime(*s);
    constexpr double big = 1e6;
    r.a_b = read_number(*regime, "a_b", r.a_b, -big, big);
    r.b_b = read_number(*regime, "b_b", r.b_b, -big, big);
    r.c_b = read_number(*regime, "c_b", r.c_b, -big, big);
    r.a_r = read_number(*regime, "a_r", r.a_r, -big, big);
    r.b_r = read_number(*regime, "b_r", r.b_r, -big, big);
    r.c_r = read_number(*regime, "c_r", r.c_r, -big, big);
    r.a_t = read_number(*regime, "a_t", r.a_t, -big, big);
    r.b_t = read_number(*regime, "b_t", r.b_t, -big, big);
    r.c_t = read_number(*regime, "c_t", r.c_t, -big, big);
    r.d_t = read_number(*regime, "d_t", r.d_t, -big, big);
    r.a_k = read_number(*regime, "a_k", r.a_k, -big, big);
    r.b_k = read_number(*regime, "b_k", r.b_k, -big, big);
    r.c_k = read_number(*regime, "c_k", r.c_k, -big, big);
    r.eps_prog = read_number(*regime, "eps_prog", r.eps_prog, 0, big);
    r.peace_after = read_int(*regime, "peace_after", r.peace_after, 1, 100000);
    r.ripe_horizon = read_int(*regime, "ripe_horizon", r.ripe_horizon, 1, 1000);
    r.ripe_eps = read_number(*regime, "ripe_eps", r.ripe_eps, 0, big);
    r.ripe_tau = read_number(*regime, "ripe_tau", r.ripe_tau, 0, 1);
  }

  if (const Node* hazard = node.find("hazard")) {
    check_keys(*hazard, {"h0", "harvest", "covariates", "source", "note"}, "conflict.hazard");
    c.initial.hazard_h0 = read_number(*hazard, "h0", 0.02, 0, 1);
    c.harvest_factor = read_number(*hazard, "harvest", 0.9, 0, 10);
    if (const Node* covs = hazard->find("covariates")) {
      if (!covs->is_list()) covs->fail("covariates must be a list of {issue, beta}");
      for (const Node& item : covs->items) {
        check_keys(item, {"issue", "beta", "source", "note"}, "a hazard covariate");
        HazardCovariate cov;
        cov.issue = issue_of(need(item, "issue", "a hazard covariate"), instance);
        cov.beta = read_number(item, "beta", 0, -100, 100);
        c.covariates.push_back(cov);
      }
    }
  }

  if (const Node* events = node.find("events")) parse_events(*events, c, instance);

  if (const Node* agenda = scenario.section("agenda")) {
    parse_agenda(*agenda, c, instance);
  } else {  // one phase with every issue, nothing separable, agreeing it starts a ceasefire
    Phase all;
    all.name = "all issues";
    for (int i = 0; i < m; ++i) all.issues.push_back(i);
    all.ceasefire = true;
    c.phases.push_back(all);
  }
  return c;
}

}  // namespace parley::war
