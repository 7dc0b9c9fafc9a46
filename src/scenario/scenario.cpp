#include "parley/scenario.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "parley/error.h"

namespace parley {

const Uncertain* Actor::capability_on(const std::string& issue) const {
  if (auto it = capability_by_issue.find(issue); it != capability_by_issue.end())
    return &it->second;
  return capability ? &*capability : nullptr;
}

int Scenario::issue_index(const std::string& id) const {
  for (size_t i = 0; i < issues.size(); ++i)
    if (issues[i].id == id) return static_cast<int>(i);
  return -1;
}

int Scenario::actor_index(const std::string& id) const {
  for (size_t i = 0; i < actors.size(); ++i)
    if (actors[i].id == id) return static_cast<int>(i);
  return -1;
}

const Node* Scenario::section(const std::string& key) const {
  for (const auto& [name, node] : sections)
    if (name == key) return &node;
  return nullptr;
}

SourceLocation Scenario::locate(const std::string& path) const {
  SourceLocation loc = locations ? locations->locate(path) : SourceLocation{};
  if (loc.file.empty()) loc.file = origin;
  loc.path = path;
  return loc;
}

std::vector<Error> late_sources(const Scenario& scenario) {
  std::vector<Error> out;
  if (scenario.date.empty()) return out;
  const std::string month = scenario.date.substr(0, 7);  // frozen at the end of this month
  for (size_t k = 0; k < scenario.sources.size(); ++k) {
    const Source& source = scenario.sources[k];
    // Dates are ISO strings of one form, so text order is time order at the
    // coarser of the two precisions.
    const size_t precision = std::min<size_t>(source.date.size(), 7);
    if (source.date.empty() || source.date.substr(0, precision) <= month.substr(0, precision) ||
        source.note.find("cited only for") != std::string::npos)
      continue;
    out.emplace_back(scenario.locate("sources[" + std::to_string(k) + "].date"),
                     "source '" + source.id + "' is dated " + source.date +
                         ", after the scenario's month " + month +
                         ", and its note does not say what it is 'cited only for'");
  }
  return out;
}

SourceLocation LocationMap::locate(const std::string& path) const {
  // The exact path, else its nearest ancestor that has a position.
  std::string p = path;
  while (!p.empty()) {
    if (auto it = at.find(p); it != at.end())
      return SourceLocation{file, it->second.first, it->second.second, path};
    const auto cut = p.find_last_of(".[");
    if (cut == std::string::npos) break;
    p.resize(cut);
  }
  return SourceLocation{file, 0, 0, path};
}

namespace {

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '.' || c == '[' || c == ']')
      return false;
  return true;
}

class Checker {
 public:
  Checker(const Scenario& s, const LocationMap* locations) : s_(s), locations_(locations) {
    for (size_t i = 0; i < s.issues.size(); ++i)
      issue_at_.emplace(s.issues[i].id, static_cast<int>(i));
  }

  [[noreturn]] void fail(const std::string& path, const std::string& message) const {
    SourceLocation loc = locations_ ? locations_->locate(path) : SourceLocation{};
    if (loc.file.empty()) loc.file = s_.origin;
    loc.path = path;
    throw Error(loc, message);
  }

  // An uncertain value must be well-formed and its whole support inside
  // [lo, hi] (a normal only needs its mean inside: draws are truncated).
  void value(const Uncertain& u, double lo, double hi, bool open_lo, const std::string& path,
             const std::string& what) const {
    auto in = [&](double v) { return (open_lo ? v > lo : v >= lo) && v <= hi; };
    auto range = [&] {
      return std::string(open_lo ? "(" : "[") + format_number(lo) + ", " +
             (std::isinf(hi) ? std::string("inf)") : format_number(hi) + "]");
    };
    switch (u.kind()) {
      case Uncertain::Kind::fixed:
        if (!in(u.a())) fail(path, what + " " + format_number(u.a()) + " is outside " + range());
        break;
      case Uncertain::Kind::tri:
        if (!(u.a() <= u.b() && u.b() <= u.c()))
          fail(path, "tri needs low <= mode <= high, found " + u.describe());
        if (!in(u.a()) || !in(u.c()))
          fail(path, what + " " + u.describe() + " reaches outside " + range());
        break;
      case Uncertain::Kind::uniform:
        if (!(u.a() <= u.b())) fail(path, "uniform needs low <= high, found " + u.describe());
        if (!in(u.a()) || !in(u.b()))
          fail(path, what + " " + u.describe() + " reaches outside " + range());
        break;
      case Uncertain::Kind::normal:
        if (!(u.b() >= 0)) fail(path, "normal needs sd >= 0, found " + u.describe());
        if (!in(u.a()))
          fail(path, what + " mean " + format_number(u.a()) + " is outside " + range());
        break;
    }
  }

  void run() const {
    if (s_.version != 1)
      fail("parley",
           "unsupported format version " + std::to_string(s_.version) + " (this parley reads 1)");
    if (s_.issues.empty()) fail("issues", "a scenario needs at least one issue");
    if (s_.actors.empty()) fail("actors", "a scenario needs at least one actor");
    issues();
    actors();
    questions();
  }

 private:
  // A well-formed id not seen before among `ids` (issues, actors, questions).
  void unique_id(std::set<std::string>& ids, const std::string& path, const std::string& kind,
                 const std::string& id) const {
    if (!valid_id(id))
      fail(path + ".id",
           kind + " id '" + id + "' must be non-empty without blanks, '.', '[' or ']'");
    if (!ids.insert(id).second) fail(path + ".id", "duplicate " + kind + " id '" + id + "'");
  }

  void issues() const {
    std::set<std::string> ids;
    for (size_t i = 0; i < s_.issues.size(); ++i) {
      const Issue& issue = s_.issues[i];
      const std::string path = "issues[" + std::to_string(i) + "]";
      unique_id(ids, path, "issue", issue.id);
      if (!(std::isfinite(issue.lo) && std::isfinite(issue.hi) && issue.lo < issue.hi))
        fail(path + ".scale", "scale must be two finite numbers [low, high] with low < high");
      for (const auto& [point, label] : issue.anchors)
        if (point < issue.lo || point > issue.hi)
          fail(path + ".anchors", "anchor " + format_number(point) + " is outside the scale");
      if (issue.status_quo)
        value(*issue.status_quo, issue.lo, issue.hi, false, path + ".status_quo", "status quo");
      if (issue.outcome && (*issue.outcome < issue.lo || *issue.outcome > issue.hi))
        fail(path + ".outcome",
             "outcome " + format_number(*issue.outcome) + " is outside the scale");
    }
  }

  void actors() const {
    std::set<std::string> ids;
    for (size_t a = 0; a < s_.actors.size(); ++a) {
      const Actor& actor = s_.actors[a];
      const std::string path = "actors[" + std::to_string(a) + "]";
      unique_id(ids, path, "actor", actor.id);
      const double inf = INFINITY;
      if (actor.capability)
        value(*actor.capability, 0, inf, true, path + ".capability", "capability");
      for (const auto& [issue, cap] : actor.capability_by_issue) {
        if (issue_index(issue) < 0)
          fail(path + ".capability." + issue, "unknown issue '" + issue + "'");
        value(cap, 0, inf, true, path + ".capability." + issue, "capability");
      }
      for (const auto& [issue, pos] : actor.position) {
        const int i = issue_index(issue);
        if (i < 0) fail(path + ".position." + issue, "unknown issue '" + issue + "'");
        const Issue& is = s_.issues[static_cast<size_t>(i)];
        value(pos, is.lo, is.hi, false, path + ".position." + issue, "position");
        if (!actor.capability_on(issue))
          fail(path + ".capability", "actor '" + actor.id + "' has a position on '" + issue +
                                         "' but no capability for it");
      }
      for (const auto& [issue, sal] : actor.salience) {
        if (issue_index(issue) < 0)
          fail(path + ".salience." + issue, "unknown issue '" + issue + "'");
        if (!actor.position.count(issue))
          fail(path + ".salience." + issue, "salience given for '" + issue + "' but no position");
        value(sal, 0, 100, false, path + ".salience." + issue, "salience");
      }
      if (actor.bias && !(*actor.bias >= -1 && *actor.bias <= 1))
        fail(path + ".bias", "bias must lie in [-1, 1]");
    }
  }

  // Names that need a model to check (everything but forecast.ISSUE) are
  // checked against one by check_questions() (parley/questions.h).
  void questions() const {
    std::set<std::string> ids;
    for (size_t k = 0; k < s_.questions.size(); ++k) {
      const Question& q = s_.questions[k];
      const std::string path = "questions[" + std::to_string(k) + "]";
      unique_id(ids, path, "question", q.id);
      auto need = [&](const char* field, const std::string& value) {
        if (value.empty()) fail(path + "." + field, std::string("a question needs a ") + field);
      };
      need("text", q.text);
      need("quantity", q.quantity);
      need("rule", q.rule);
      need("date", q.date);
      const std::string forecast = "forecast.";
      if (q.quantity.compare(0, forecast.size(), forecast) == 0 &&
          issue_index(q.quantity.substr(forecast.size())) < 0)
        fail(path + ".quantity", "quantity '" + q.quantity + "' names no issue of the scenario");
    }
  }

  // Issue id -> index; O(1) lookups keep validation linear in the input size.
  int issue_index(const std::string& id) const {
    auto it = issue_at_.find(id);
    return it == issue_at_.end() ? -1 : it->second;
  }

  const Scenario& s_;
  const LocationMap* locations_;
  std::unordered_map<std::string, int> issue_at_;
};

}  // namespace

void validate(const Scenario& scenario, const LocationMap* locations) {
  Checker(scenario, locations).run();
}

}  // namespace parley
