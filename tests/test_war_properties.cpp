// Comparative statics of the war layer as properties over random small
// wars (docs/models/war.md, "What the model predicts"): a side's higher cost
// brings the ceasefire forward and worsens its terms, aid to a side improves
// its terms, front gains move the terms their way.  Each comparison runs the
// same war draws (common random numbers: the same seed and draw index), so
// the battles are the same and a difference is the change's doing.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <functional>

#include "conflict/conflict.h"
#include "conflict/simulator.h"
#include "test_war_duel.h"

namespace parley::war {
namespace {

using namespace duel_fixture;

struct Setting {
  int cells = 10, start = 5;
  double cost_a = 0.05, cost_b = 0.05, delta = 0.9;
};

Setting any_setting() {
  Setting s;
  s.cells = *rc::gen::inRange(6, 30);
  s.start = *rc::gen::inRange(2, s.cells - 1);
  s.cost_a = *rc::gen::inRange(5, 150) / 1000.0;
  s.cost_b = *rc::gen::inRange(5, 150) / 1000.0;
  s.delta = *rc::gen::inRange(80, 96) / 100.0;
  return s;
}

Duel make(const Setting& s, const std::function<void(Node&)>& edit = {}) {
  Duel d = duel(s.cells, s.start, s.cost_a, s.delta);
  Node& conflict = d.scenario.sections[0].second;
  for (auto& [key, value] : conflict.members)
    if (key == "costs") value.members[1].second = num(s.cost_b);
  if (edit) edit(conflict);
  return d;
}

// The agreed term on the land (side A wants 100) of war `draw` when complete
// information settles it in month 1.
double month_one_terms(const Duel& d, std::uint64_t draw) {
  Options o = quiet_options();
  o.horizon = 1;
  const Simulator sim(parse_conflict(d.scenario, d.instance), d.instance, o);
  const RunOutcome out = sim.run(17, 0, draw);
  RC_ASSERT(out.first_ceasefire == 1);
  return out.terms[0];
}

constexpr double tolerance = 0.05;  // the formulator's search resolution, issue units

RC_GTEST_PROP(WarStatics, HigherOwnCostWorsensTheSidesTerms, ()) {
  const Setting s = any_setting();
  Setting dearer = s;
  dearer.cost_a = s.cost_a + *rc::gen::inRange(10, 100) / 1000.0;
  const auto draw = static_cast<std::uint64_t>(*rc::gen::inRange(0, 1000));
  RC_ASSERT(month_one_terms(make(dearer), draw) <= month_one_terms(make(s), draw) + tolerance);
}

RC_GTEST_PROP(WarStatics, AidImprovesTheAidedSidesTerms, ()) {
  const Setting s = any_setting();
  const double aid = *rc::gen::inRange(110, 300) / 100.0;  // side B's forces grow
  const auto draw = static_cast<std::uint64_t>(*rc::gen::inRange(0, 1000));
  const Duel aided = make(s, [&](Node& conflict) {
    Node& e = conflict.add("events", Node::list()).push(Node::map());
    e.add("at", num(1));
    e.add("set", Node::map()).add("b.b.contribution", num(aid));
  });
  RC_ASSERT(month_one_terms(aided, draw) <= month_one_terms(make(s), draw) + tolerance);
}

RC_GTEST_PROP(WarStatics, FrontGainsMoveTheTermsTheirWay, ()) {
  Setting s = any_setting();
  s.start = std::min(s.start, s.cells - 3);  // neither war can end in a victory in month 1
  Setting ahead = s;
  ahead.start = s.start + 1;  // side A holds one more cell
  const auto draw = static_cast<std::uint64_t>(*rc::gen::inRange(0, 1000));
  RC_ASSERT(month_one_terms(make(ahead), draw) >= month_one_terms(make(s), draw) - tolerance);
}

// With a red line on each side lapsing at random, talks that never break off
// and a ceasefire that holds, the wars differ only in when a deal becomes
// acceptable; a dearer war for A makes every deal A accepts acceptable no
// later, so each war's first ceasefire comes no later.
RC_GTEST_PROP(WarStatics, HigherOwnCostBringsTheCeasefireForward, ()) {
  const Setting s = any_setting();
  Setting dearer = s;
  dearer.cost_a = s.cost_a + *rc::gen::inRange(10, 100) / 1000.0;
  const double red_line = *rc::gen::inRange(5, 100) / 1000.0;
  auto sim_of = [&](const Setting& x) {
    const Duel d = make(x, [&](Node& conflict) {
      conflict.members[0].second = num(12);  // horizon
      Node& audience = conflict.add("audience", Node::map());
      for (const char* side : {"a", "b"}) {
        Node& a = audience.add(side, Node::map());
        a.add("cost", num(red_line));
        a.add("decay", num(0.8));
      }
      Node& regime = conflict.add("regime", Node::map());
      regime.add("a_b", num(-60));
      regime.add("a_r", num(-60));
    });
    return Simulator(parse_conflict(d.scenario, d.instance), d.instance, quiet_options());
  };
  const Simulator cheap = sim_of(s), dear = sim_of(dearer);
  auto first = [](const RunOutcome& o) { return o.first_ceasefire ? o.first_ceasefire : 1000; };
  for (std::uint64_t draw = 0; draw < 8; ++draw) {
    const RunOutcome a = cheap.run(23, 0, draw), b = dear.run(23, 0, draw);
    RC_ASSERT(first(b) <= first(a));
  }
}

}  // namespace
}  // namespace parley::war
