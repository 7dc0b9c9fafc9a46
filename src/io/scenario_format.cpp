// The native scenario format (docs/scenario-format.md): document tree <-> Scenario.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <vector>

#include "io/document.h"
#include "io/text_util.h"
#include "parley/error.h"

namespace parley::io {
namespace {

// Top-level sections owned by other modules; kept verbatim.
const std::vector<std::string>& extension_sections() {
  static const std::vector<std::string> names = {"conflict", "agenda", "smp", "capability_options"};
  return names;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Rejects keys outside `allowed` with the list of allowed keys.
void only_keys(const Node& map, const std::vector<std::string>& allowed) {
  for (const auto& [key, value] : map.members)
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      value.fail("unknown key '" + excerpt(key) + "'; allowed here: " + join(allowed));
}

const Node& need(const Node& map, const std::string& key) {
  const Node* n = map.find(key);
  if (!n) map.fail("missing required field '" + key + "'");
  return *n;
}

void need_map(const Node& n) {
  if (!n.is_map()) n.fail("expected a map, found " + n.describe());
}
void need_list(const Node& n) {
  if (!n.is_list()) n.fail("expected a list, found " + n.describe());
}

std::vector<double> numbers(const Node& list, size_t count, const std::string& what) {
  if (!list.is_list() || list.items.size() != count)
    list.fail("expected " + what + " (a list of " + std::to_string(count) + " numbers), found " +
              list.describe());
  std::vector<double> out;
  for (const auto& item : list.items) out.push_back(item.as_number());
  return out;
}

Uncertain read_uncertain(const Node& n) {
  if (n.is_scalar()) return Uncertain(n.as_number());
  if (!n.is_map() || n.members.size() != 1)
    n.fail(
        "expected a number or one of {tri: [low, mode, high]}, {normal: [mean, sd]}, "
        "{uniform: [low, high]}; found " +
        n.describe());
  if (is_distribution(n)) return read_distribution(n);
  const auto& [kind, args] = n.members.front();
  args.fail("unknown distribution '" + excerpt(kind) + "'; expected tri, normal or uniform");
}

std::string read_text(const Node& n) {
  if (!n.is_scalar()) n.fail("expected text, found " + n.describe());
  return n.text;
}

void check_id(const Node& n, const std::string& id) {
  if (id.empty()) n.fail("an id must not be empty");
  for (unsigned char ch : id)
    if (std::isspace(ch) || ch == '.' || ch == '[' || ch == ']')
      n.fail("id '" + excerpt(id) + "' must not contain spaces, '.', '[' or ']'");
}

void check_date(const Node& n, const std::string& d) {
  bool ok = d.size() == 10 && d[4] == '-' && d[7] == '-';
  for (size_t k = 0; ok && k < d.size(); ++k)
    if (k != 4 && k != 7) ok = std::isdigit(static_cast<unsigned char>(d[k])) != 0;
  if (ok) {
    const int month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
    ok = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  if (!ok) n.fail("expected a date YYYY-MM-DD, found '" + excerpt(d) + "'");
}

// A source's publication date may be as precise as is known: YYYY-MM-DD,
// YYYY-MM or YYYY.
void check_partial_date(const Node& n, const std::string& d) {
  if (d.size() == 10) return check_date(n, d);
  bool ok = d.size() == 4 || (d.size() == 7 && d[4] == '-');
  for (size_t k = 0; ok && k < d.size(); ++k)
    if (k != 4) ok = std::isdigit(static_cast<unsigned char>(d[k])) != 0;
  if (ok && d.size() == 7) {
    const int month = std::stoi(d.substr(5, 2));
    ok = month >= 1 && month <= 12;
  }
  if (!ok) n.fail("expected a date YYYY-MM-DD, YYYY-MM or YYYY, found '" + d + "'");
}

Issue read_issue(const Node& n) {
  need_map(n);
  only_keys(n,
            {"id", "name", "scale", "anchors", "status_quo", "outcome", "tags", "note", "source"});
  Issue issue;
  const Node& id = need(n, "id");
  issue.id = read_text(id);
  check_id(id, issue.id);
  issue.name = n.find("name") ? read_text(*n.find("name")) : issue.id;
  if (const Node* s = n.find("scale")) {
    auto v = numbers(*s, 2, "[low, high]");
    if (!(v[0] < v[1])) s->fail("scale needs low < high");
    issue.lo = v[0];
    issue.hi = v[1];
  }
  if (const Node* a = n.find("anchors")) {
    need_map(*a);
    for (const auto& [key, label] : a->members) {
      Node point = Node::scalar(key);
      point.loc = label.loc;
      issue.anchors[point.as_number()] = read_text(label);
    }
  }
  if (const Node* q = n.find("status_quo")) issue.status_quo = read_uncertain(*q);
  if (const Node* o = n.find("outcome")) issue.outcome = o->as_number();
  if (const Node* t = n.find("tags")) {
    need_map(*t);
    for (const auto& [key, value] : t->members) issue.tags[key] = read_text(value);
  }
  if (const Node* s = n.find("source")) issue.source = read_text(*s);
  if (const Node* s = n.find("note")) issue.note = read_text(*s);
  return issue;
}

std::map<std::string, Uncertain> read_issue_map(const Node& n) {
  need_map(n);
  std::map<std::string, Uncertain> out;
  for (const auto& [issue, value] : n.members) out[issue] = read_uncertain(value);
  return out;
}

Actor read_actor(const Node& n) {
  need_map(n);
  only_keys(n,
            {"id", "name", "capability", "position", "salience", "role", "bias", "source", "note"});
  Actor actor;
  const Node& id = need(n, "id");
  actor.id = read_text(id);
  check_id(id, actor.id);
  actor.name = n.find("name") ? read_text(*n.find("name")) : actor.id;
  if (const Node* c = n.find("capability")) {
    if (c->is_map() && !(c->members.size() == 1 &&
                         (c->members[0].first == "tri" || c->members[0].first == "normal" ||
                          c->members[0].first == "uniform")))
      actor.capability_by_issue = read_issue_map(*c);
    else
      actor.capability = read_uncertain(*c);
  }
  if (const Node* p = n.find("position")) actor.position = read_issue_map(*p);
  if (const Node* s = n.find("salience")) actor.salience = read_issue_map(*s);
  if (const Node* r = n.find("role")) {
    actor.role = read_text(*r);
    if (actor.role != "mediator" && actor.role != "party")
      r->fail("role must be 'party' or 'mediator', found '" + excerpt(actor.role) + "'");
  }
  if (const Node* b = n.find("bias")) actor.bias = b->as_number();
  if (const Node* s = n.find("source")) actor.source = read_text(*s);
  if (const Node* s = n.find("note")) actor.note = read_text(*s);
  return actor;
}

ModelChoice read_model(const Node& n) {
  need_map(n);
  only_keys(n, {"name", "params"});
  ModelChoice choice;
  choice.name = read_text(need(n, "name"));
  if (const Node* p = n.find("params")) {
    if (!p->is_null()) need_map(*p);
    for (const auto& [key, value] : p->members) {
      if (!value.is_scalar()) value.fail("a parameter value must be a number or text");
      if (value.quoted) {
        choice.params[key] = value.text;
      } else {
        try {
          choice.params[key] = value.as_number();
        } catch (const Error&) {
          choice.params[key] = value.text;
        }
      }
    }
  }
  return choice;
}

// `questions` (docs/scenario-format.md): what the scenario answers, each with
// the quantity that answers it and the rule that will score it.
std::vector<Question> read_questions(const Node& list) {
  need_list(list);
  std::vector<Question> out;
  for (const auto& item : list.items) {
    need_map(item);
    only_keys(item, {"id", "text", "quantity", "rule", "date"});
    Question q;
    const Node& id = need(item, "id");
    q.id = read_text(id);
    check_id(id, q.id);
    q.text = read_text(need(item, "text"));
    const Node& quantity = need(item, "quantity");
    q.quantity = read_text(quantity);
    for (unsigned char ch : q.quantity)
      if (std::isspace(ch))
        quantity.fail("a quantity name has no blanks, found '" + q.quantity +
                      "'; e.g. forecast.ISSUE or p_ceasefire_by.2026-12");
    q.rule = read_text(need(item, "rule"));
    const Node& date = need(item, "date");
    q.date = read_text(date);
    check_date(date, q.date);
    out.push_back(std::move(q));
  }
  return out;
}

void collect_locations(const Node& n, LocationMap& map) {
  map.at[n.loc.path] = {n.loc.line, n.loc.column};
  for (const auto& item : n.items) collect_locations(item, map);
  for (const auto& [key, value] : n.members) collect_locations(value, map);
}

}  // namespace

Scenario scenario_from_document(const Node& root, const std::string& file) {
  if (!root.is_map()) root.fail("a scenario must be a map with keys parley, title, issues, actors");
  std::vector<std::string> allowed = {"parley", "title",  "date",  "description", "sources",
                                      "issues", "actors", "model", "questions"};
  for (const auto& s : extension_sections()) allowed.push_back(s);
  only_keys(root, allowed);
  Scenario s;
  s.origin = file;
  const Node& version = need(root, "parley");
  s.version = static_cast<int>(version.as_integer());
  if (s.version != 1)
    version.fail("unsupported format version " + version.text + " (this parley reads 1)");
  if (const Node* t = root.find("title")) s.title = read_text(*t);
  if (const Node* d = root.find("date")) {
    s.date = read_text(*d);
    check_date(*d, s.date);
  }
  if (const Node* d = root.find("description")) s.description = read_text(*d);
  if (const Node* src = root.find("sources")) {
    need_list(*src);
    for (const auto& item : src->items) {
      need_map(item);
      only_keys(item, {"id", "title", "note", "url", "date"});
      Source source;
      source.id = read_text(need(item, "id"));
      if (const Node* t = item.find("title")) source.title = read_text(*t);
      if (const Node* t = item.find("note")) source.note = read_text(*t);
      if (const Node* t = item.find("url")) source.url = read_text(*t);
      if (const Node* t = item.find("date")) {
        source.date = read_text(*t);
        check_partial_date(*t, source.date);
      }
      s.sources.push_back(source);
    }
  }
  const Node& issues = need(root, "issues");
  need_list(issues);
  for (const auto& item : issues.items) s.issues.push_back(read_issue(item));
  const Node& actors = need(root, "actors");
  need_list(actors);
  for (const auto& item : actors.items) s.actors.push_back(read_actor(item));
  if (const Node* q = root.find("questions")) s.questions = read_questions(*q);
  if (const Node* m = root.find("model")) s.model = read_model(*m);
  read_fractional_saliences(s);  // the one salience convention (text_util.h)
  for (const auto& name : extension_sections())
    if (const Node* sec = root.find(name)) s.sections.emplace_back(name, *sec);
  auto locations = std::make_shared<LocationMap>();
  locations->file = file;
  collect_locations(root, *locations);
  validate(s, locations.get());
  s.locations = std::move(locations);
  return s;
}

namespace {
Node uncertain_node(const Uncertain& u) {
  switch (u.kind()) {
    case Uncertain::Kind::fixed:
      return Node::number(u.a());
    case Uncertain::Kind::tri: {
      Node m = Node::map();
      Node& l = m.add("tri", Node::list());
      l.push(Node::number(u.a()));
      l.push(Node::number(u.b()));
      l.push(Node::number(u.c()));
      return m;
    }
    case Uncertain::Kind::normal: {
      Node m = Node::map();
      Node& l = m.add("normal", Node::list());
      l.push(Node::number(u.a()));
      l.push(Node::number(u.b()));
      return m;
    }
    case Uncertain::Kind::uniform: {
      Node m = Node::map();
      Node& l = m.add("uniform", Node::list());
      l.push(Node::number(u.a()));
      l.push(Node::number(u.b()));
      return m;
    }
  }
  return Node::number(u.nominal());
}
Node text_node(const std::string& t) { return Node::scalar(t, true); }
Node questions_node(const std::vector<Question>& questions) {
  Node list = Node::list();
  for (const auto& q : questions) {
    Node m = Node::map();
    m.add("id", text_node(q.id));
    m.add("text", text_node(q.text));
    m.add("quantity", text_node(q.quantity));
    m.add("rule", text_node(q.rule));
    m.add("date", Node::scalar(q.date));
    list.push(std::move(m));
  }
  return list;
}
Node issue_map(const std::map<std::string, Uncertain>& values, const Scenario& s) {
  Node m = Node::map();
  for (const auto& issue : s.issues)  // scenario order, not alphabetical
    if (auto it = values.find(issue.id); it != values.end())
      m.add(issue.id, uncertain_node(it->second));
  return m;
}
}  // namespace

Node scenario_to_document(const Scenario& s) {
  Node root = Node::map();
  root.add("parley", Node::number(s.version));
  if (!s.title.empty()) root.add("title", text_node(s.title));
  if (!s.date.empty()) root.add("date", Node::scalar(s.date));
  if (!s.description.empty()) root.add("description", text_node(s.description));
  if (!s.sources.empty()) {
    Node& list = root.add("sources", Node::list());
    for (const auto& src : s.sources) {
      Node m = Node::map();
      m.add("id", text_node(src.id));
      if (!src.title.empty()) m.add("title", text_node(src.title));
      if (!src.note.empty()) m.add("note", text_node(src.note));
      if (!src.url.empty()) m.add("url", text_node(src.url));
      if (!src.date.empty()) m.add("date", Node::scalar(src.date));
      list.push(std::move(m));
    }
  }
  if (!s.questions.empty()) root.add("questions", questions_node(s.questions));
  Node& issues = root.add("issues", Node::list());
  for (const auto& issue : s.issues) {
    Node m = Node::map();
    m.add("id", text_node(issue.id));
    m.add("name", text_node(issue.name));
    Node& scale = m.add("scale", Node::list());
    scale.push(Node::number(issue.lo));
    scale.push(Node::number(issue.hi));
    if (!issue.anchors.empty()) {
      Node& anchors = m.add("anchors", Node::map());
      for (const auto& [point, label] : issue.anchors)
        anchors.add(format_number(point), text_node(label));
    }
    if (issue.status_quo) m.add("status_quo", uncertain_node(*issue.status_quo));
    if (issue.outcome) m.add("outcome", Node::number(*issue.outcome));
    if (!issue.tags.empty()) {
      Node& tags = m.add("tags", Node::map());
      for (const auto& [key, value] : issue.tags) tags.add(key, text_node(value));
    }
    if (!issue.source.empty()) m.add("source", text_node(issue.source));
    if (!issue.note.empty()) m.add("note", text_node(issue.note));
    issues.push(std::move(m));
  }
  Node& actors = root.add("actors", Node::list());
  for (const auto& actor : s.actors) {
    Node m = Node::map();
    m.add("id", text_node(actor.id));
    m.add("name", text_node(actor.name));
    if (actor.capability)
      m.add("capability", uncertain_node(*actor.capability));
    else if (!actor.capability_by_issue.empty())
      m.add("capability", issue_map(actor.capability_by_issue, s));
    if (actor.capability && !actor.capability_by_issue.empty()) {
      // Both a default and per-issue values: write per-issue values for every
      // issue the actor takes part in, so the file stays one simple form.
      std::map<std::string, Uncertain> all;
      for (const auto& [issue, pos] : actor.position) all[issue] = *actor.capability_on(issue);
      m.members.back().second = issue_map(all, s);
    }
    m.add("position", issue_map(actor.position, s));
    if (!actor.salience.empty()) m.add("salience", issue_map(actor.salience, s));
    if (!actor.role.empty()) m.add("role", text_node(actor.role));
    if (actor.bias) m.add("bias", Node::number(*actor.bias));
    if (!actor.source.empty()) m.add("source", text_node(actor.source));
    if (!actor.note.empty()) m.add("note", text_node(actor.note));
    actors.push(std::move(m));
  }
  if (s.model) {
    Node& model = root.add("model", Node::map());
    model.add("name", text_node(s.model->name));
    Node& params = model.add("params", Node::map());
    for (const auto& [key, value] : s.model->params)
      params.add(key, std::holds_alternative<double>(value)
                          ? Node::number(std::get<double>(value))
                          : text_node(std::get<std::string>(value)));
  }
  for (const auto& [name, node] : s.sections) root.add(name, node);
  return root;
}

}  // namespace parley::io
