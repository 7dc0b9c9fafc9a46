// Builds a located Node tree (parley/node.h) from the events of a streaming
// parser: yaml-cpp's event handler or nlohmann's SAX interface.  Internal to
// parley_io.
//
// The builder owns the rules both document formats share: every node gets
// the file, line, column and field path; map keys are plain text and unique;
// and the limits of io/limits.h hold while the tree grows (nesting depth,
// value count, values repeated by YAML aliases, field path length), so that a
// hostile document is refused after little work.  YAML aliases are expanded
// here, by copying the anchored value, and each copy counts.
//
// Thread-safety: one builder per document; not shared.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "parley/node.h"

namespace parley::io {

class TreeBuilder {
 public:
  struct Mark {
    int line = 0, column = 0;  // 1-based
  };

  explicit TreeBuilder(std::string file) : file_(std::move(file)) {}

  // A value.  `anchor` > 0 (YAML) lets later aliases repeat it.
  void scalar(Mark at, std::string text, bool quoted, std::size_t anchor = 0);
  void null(Mark at, std::size_t anchor = 0);
  void begin(Node::Kind kind, Mark at, std::size_t anchor = 0);  // list or map
  void end();                                                    // of the innermost list or map
  // A YAML alias: a copy of the value anchored as `anchor`.
  void alias(Mark at, std::size_t anchor);

  bool complete() const { return root_done_; }
  // The root (a null node at line 1 when no value was given).
  Node take();

 private:
  struct Frame {
    Node node;
    std::size_t anchor = 0;
    std::size_t nodes_before = 0;  // nodes_ when it began: the subtree's size follows
    int height = 0;                // levels below it so far
    bool want_key = true;          // maps: the next value is a key
    std::string key;
    std::unordered_set<std::string> keys;
  };
  struct Anchored {
    Node node;
    std::size_t nodes = 0;
    int height = 0;
  };

  // Where the next value goes; false when it is a map key.
  bool next_is_key() const;
  std::string next_path(Mark at) const;
  void count(Mark at, std::size_t nodes);
  void check_depth(Mark at, int height) const;
  void take_key(Mark at, const Node& value);
  // Attaches a finished value to its parent (or makes it the root).
  void place(Node value, int height, std::size_t anchor, std::size_t nodes);
  Node located(Node::Kind kind, Mark at) const;

  std::string file_;
  std::vector<Frame> stack_;
  Node root_;
  bool root_done_ = false;
  std::size_t nodes_ = 0, alias_nodes_ = 0;
  std::unordered_map<std::size_t, Anchored> anchored_;
};

}  // namespace parley::io
