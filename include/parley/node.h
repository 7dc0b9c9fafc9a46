// parley/node.h - a parsed document tree that remembers where each value was.
//
// YAML and JSON scenarios are read into a Node tree first; validation walks the
// tree and reports errors at the node's line and column.  Sections that the
// scenario core does not own (e.g. `conflict`, `agenda`) are kept as Nodes and
// parsed by the module that owns them.
//
// Thread-safety: a value type; const methods are safe from any thread.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "parley/error.h"

namespace parley {

class Node {
 public:
  enum class Kind { null, scalar, list, map };
  struct Member;  // {first: key, second: value}; defined below

  Kind kind = Kind::null;
  std::string text;             // scalar text as written (without quotes)
  bool quoted = false;          // scalar was quoted: never read as a number
  std::vector<Node> items;      // list
  std::vector<Member> members;  // map, in document order
  SourceLocation loc;           // file, line, column and field path of this node

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_list() const { return kind == Kind::list; }
  bool is_map() const { return kind == Kind::map; }

  // Member lookup; nullptr when absent (or when this is not a map).
  const Node* find(const std::string& key) const;

  // Typed reads that throw parley::Error at this node's location.
  double as_number() const;  // finite number; NaN and infinities rejected
  long long as_integer() const;
  bool as_bool() const;
  const std::string& as_string() const;  // any scalar
  // Kind name for messages: "a number", "a list", ...
  std::string describe() const;

  // Builders for writers and tests.
  static Node scalar(std::string text, bool quoted = false);
  static Node number(double value);
  static Node list();
  static Node map();
  Node& add(std::string key, Node value);  // map member, returns the added node
  Node& push(Node value);                  // list item

  [[noreturn]] void fail(const std::string& message) const;
};

// A map entry.  Named like std::pair's fields so that structured bindings and
// `.first`/`.second` read naturally; a struct (not std::pair) because the
// member type is incomplete inside Node.
struct Node::Member {
  std::string first;
  Node second;
};

// Formats a double the shortest way that reads back to the same value.
std::string format_number(double value);

}  // namespace parley
