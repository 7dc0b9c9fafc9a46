// Small hand-built conflicts for the war-layer tests: two belligerents on
// one territorial issue, and variants.  Header-only; used by test_war*.cpp.
#pragma once

#include <string>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "parley/instance.h"
#include "parley/io.h"
#include "parley/model.h"
#include "parley/node.h"
#include "parley/scenario.h"
#include "test_support.h"

namespace parley::war::duel_fixture {

inline Node num(double v) { return Node::number(v); }
inline Node str(const std::string& s) { return Node::scalar(s, true); }

struct Duel {
  Scenario scenario;
  Instance instance;
};

// Two belligerents on one territorial issue [0, 100] (A wants 100, B wants 0),
// equal capabilities (p = 1/2), the front on `cells` cells starting at `start`.
inline Duel duel(int cells, int start, double cost, double delta) {
  Duel d;
  Scenario& s = d.scenario;
  s.title = "duel";
  Issue land;
  land.id = "land";
  land.name = "land";
  land.status_quo = Uncertain(100.0 * start / cells);
  s.issues.push_back(land);
  for (const char* id : {"a", "b"}) {
    Actor a;
    a.id = id;
    a.name = id;
    a.capability = Uncertain(50.0);
    a.position["land"] = Uncertain(id[0] == 'a' ? 100.0 : 0.0);
    a.salience["land"] = Uncertain(100.0);
    s.actors.push_back(a);
  }
  Node conflict = Node::map();
  conflict.add("horizon", num(12));
  conflict.add("discount", num(delta));
  Node& sides = conflict.add("sides", Node::map());
  for (const char* side : {"a", "b"}) {
    Node& sd = sides.add(side, Node::map());
    Node& members = sd.add("members", Node::list());
    Node& m = members.push(Node::map());
    m.add("actor", str(side));
  }
  Node& front = conflict.add("front", Node::map());
  front.add("issue", str("land"));
  front.add("cells", num(cells));
  front.add("start", num(start));
  front.add("activity", num(1));
  Node& costs = conflict.add("costs", Node::map());
  costs.add("a", num(cost));
  costs.add("b", num(cost));
  Node& hazard = conflict.add("hazard", Node::map());
  hazard.add("h0", num(0));
  s.sections.emplace_back("conflict", conflict);

  d.instance = Instance(2, 1);
  d.instance.actor_ids = {"a", "b"};
  d.instance.actor_names = {"a", "b"};
  d.instance.frames[0] = {"land", "land", 0, 100, 100.0 * start / cells};
  d.instance.set(0, 0, 100, 1, 50);
  d.instance.set(1, 0, 0, 1, 50);
  return d;
}

inline Options quiet_options() {
  Options o;
  o.accommodation = 0;  // positions stay put: the acceptance test alone decides
  return o;
}
inline Duel optimists() {
  Duel d = duel(60, 30, 0.01, 0.9);
  Node& conflict = d.scenario.sections[0].second;
  conflict.members[0].second = num(300);  // horizon
  Node& beliefs = conflict.add("beliefs", Node::map());
  Node& ba = beliefs.add("a", Node::map());
  ba.add("p", num(0.7));
  ba.add("weight", num(10));
  Node& bb = beliefs.add("b", Node::map());
  bb.add("p", num(0.4));
  bb.add("weight", num(10));
  // Talks never break off: only beliefs can stand in the way.
  Node& regime = conflict.add("regime", Node::map());
  regime.add("a_b", num(-60));
  regime.add("a_r", num(-60));
  return d;
}
// The war model on the flagship scenario (seed 1, `draws` wars).
inline Result run_flagship(const Scenario& flagship, int draws) {
  RunContext context;
  context.seed = 1;
  context.scenario = &flagship;
  return run_model(find_model("war"), nominal_instance(flagship),
                   {{"draws", static_cast<double>(draws)}}, context);
}

inline Scenario load_flagship() {
  return load_scenario(testing::source_file("scenarios/ukraine-2026.yaml"));
}

}  // namespace parley::war::duel_fixture
