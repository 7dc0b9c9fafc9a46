#include "parley/node.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace parley {

const Node* Node::find(const std::string& key) const {
  if (kind != Kind::map) return nullptr;
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

void Node::fail(const std::string& message) const { throw Error(loc, message); }

std::string Node::describe() const {
  switch (kind) {
    case Kind::null:
      return "nothing";
    case Kind::list:
      return "a list";
    case Kind::map:
      return "a map";
    case Kind::scalar:
      return "'" + text + "'";
  }
  return "?";
}

namespace {
// Strict number syntax: the whole text must be a decimal number.  YAML's
// special floats are recognised so that they can be rejected by name.
bool parse_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  out = std::strtod(begin, &end);
  if (end != begin + text.size()) return false;
  // strtod accepts "nan", "inf", hex floats: accept them only to reject below.
  return true;
}
bool is_yaml_special(const std::string& t) {
  static const char* names[] = {".nan",  ".NaN",  ".NAN",  ".inf",  ".Inf",  ".INF",
                                "-.inf", "-.Inf", "-.INF", "+.inf", "+.Inf", "+.INF"};
  for (const char* n : names)
    if (t == n) return true;
  return false;
}
}  // namespace

double Node::as_number() const {
  if (kind != Kind::scalar || quoted) fail("expected a number, found " + describe());
  if (is_yaml_special(text)) fail("expected a finite number, found " + text);
  double value = 0;
  if (!parse_double(text, value)) fail("expected a number, found '" + text + "'");
  if (!std::isfinite(value)) fail("expected a finite number, found '" + text + "'");
  return value;
}

long long Node::as_integer() const {
  double value = as_number();
  if (value != std::floor(value) || std::fabs(value) > 9.0e15)
    fail("expected a whole number, found '" + text + "'");
  return static_cast<long long>(value);
}

bool Node::as_bool() const {
  if (kind == Kind::scalar && !quoted) {
    if (text == "true" || text == "True" || text == "yes") return true;
    if (text == "false" || text == "False" || text == "no") return false;
  }
  fail("expected true or false, found " + describe());
}

const std::string& Node::as_string() const {
  if (kind != Kind::scalar) fail("expected text, found " + describe());
  return text;
}

Node Node::scalar(std::string text, bool quoted) {
  Node n;
  n.kind = Kind::scalar;
  n.text = std::move(text);
  n.quoted = quoted;
  return n;
}
Node Node::number(double value) { return scalar(format_number(value)); }
Node Node::list() {
  Node n;
  n.kind = Kind::list;
  return n;
}
Node Node::map() {
  Node n;
  n.kind = Kind::map;
  return n;
}
Node& Node::add(std::string key, Node value) {
  members.push_back(Member{std::move(key), std::move(value)});
  return members.back().second;
}
Node& Node::push(Node value) {
  items.push_back(std::move(value));
  return items.back();
}

std::string format_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, end);
}

}  // namespace parley
