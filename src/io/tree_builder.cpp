#include "io/tree_builder.h"

#include <algorithm>

#include "io/limits.h"
#include "io/text_util.h"
#include "parley/error.h"

namespace parley::io {
namespace {

// A key as it appears in a field path: control characters escaped, so that a
// message naming the path stays on one line ("col\nour").
std::string path_key(const std::string& key) {
  if (std::none_of(key.begin(), key.end(),
                   [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return key;
  std::string out;
  for (char c : key) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (static_cast<unsigned char>(c) < 0x20)
      out += '?';
    else
      out += c;
  }
  return out;
}

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? path_key(key) : parent + "." + path_key(key);
}

std::string item_path(const std::string& parent, std::size_t k) {
  return parent + "[" + std::to_string(k) + "]";
}

void check_path(const std::string& path, const SourceLocation& at) {
  if (path.size() > limits::kPathBytes)
    limit_exceeded(at, "the field path '" + excerpt(path) + "' is too long",
                   bytes_text(limits::kPathBytes) + " per field path");
}

// Gives a copied subtree the field paths of its new place.  O(nodes); the
// recursion is as deep as the subtree, which check_depth() bounded.
void repath(Node& n, const std::string& path) {
  check_path(path, n.loc);
  n.loc.path = path;
  for (std::size_t k = 0; k < n.items.size(); ++k) repath(n.items[k], item_path(path, k));
  for (auto& [key, value] : n.members) repath(value, child_path(path, key));
}

}  // namespace

Node TreeBuilder::located(Node::Kind kind, Mark at) const {
  Node n;
  n.kind = kind;
  n.loc = SourceLocation{file_, at.line, at.column, ""};
  return n;
}

bool TreeBuilder::next_is_key() const {
  return !stack_.empty() && stack_.back().node.is_map() && stack_.back().want_key;
}

std::string TreeBuilder::next_path(Mark at) const {
  if (stack_.empty()) return "";
  const Node& top = stack_.back().node;
  std::string path = top.is_list() ? item_path(top.loc.path, top.items.size())
                                   : child_path(top.loc.path, stack_.back().key);
  check_path(path, SourceLocation{file_, at.line, at.column, ""});
  return path;
}

void TreeBuilder::count(Mark at, std::size_t nodes) {
  nodes_ += nodes;
  if (nodes_ > limits::kNodes)
    limit_exceeded(SourceLocation{file_, at.line, at.column, ""},
                   "the document has more than " + count_text(limits::kNodes) + " values",
                   count_text(limits::kNodes) + " values");
}

void TreeBuilder::check_depth(Mark at, int height) const {
  // A new value sits at depth stack_.size() (the root at 0); its deepest
  // descendant `height` levels further down.
  if (static_cast<int>(stack_.size()) + height > limits::kDepth)
    limit_exceeded(SourceLocation{file_, at.line, at.column, ""},
                   "nesting deeper than " + std::to_string(limits::kDepth) + " levels",
                   std::to_string(limits::kDepth) + " levels");
}

void TreeBuilder::take_key(Mark at, const Node& key) {
  Frame& top = stack_.back();
  if (!key.is_scalar())
    throw Error(SourceLocation{file_, at.line, at.column, top.node.loc.path},
                "map keys must be plain text");
  const std::string path = child_path(top.node.loc.path, key.text);
  const SourceLocation where{file_, at.line, at.column, excerpt(path)};
  check_path(path, where);
  if (!top.keys.insert(key.text).second)
    throw Error(where, "duplicate key '" + excerpt(key.text) + "'");
  top.key = key.text;
  top.want_key = false;
}

void TreeBuilder::place(Node value, int height, std::size_t anchor, std::size_t nodes) {
  if (anchor != 0) anchored_[anchor] = Anchored{value, nodes, height};
  if (stack_.empty()) {
    root_ = std::move(value);
    root_done_ = true;
    return;
  }
  Frame& top = stack_.back();
  top.height = std::max(top.height, height + 1);
  if (top.node.is_list()) {
    top.node.items.push_back(std::move(value));
  } else {
    top.node.members.push_back(Node::Member{std::move(top.key), std::move(value)});
    top.key.clear();
    top.want_key = true;
  }
}

void TreeBuilder::scalar(Mark at, std::string text, bool quoted, std::size_t anchor) {
  count(at, 1);
  Node n = located(Node::Kind::scalar, at);
  n.text = std::move(text);
  n.quoted = quoted;
  if (next_is_key()) {
    take_key(at, n);
    if (anchor != 0) anchored_[anchor] = Anchored{std::move(n), 1, 0};
    return;
  }
  check_depth(at, 0);
  n.loc.path = next_path(at);
  place(std::move(n), 0, anchor, 1);
}

void TreeBuilder::null(Mark at, std::size_t anchor) {
  count(at, 1);
  Node n = located(Node::Kind::null, at);
  if (next_is_key()) take_key(at, n);  // refuses: a key must be text
  check_depth(at, 0);
  n.loc.path = next_path(at);
  place(std::move(n), 0, anchor, 1);
}

void TreeBuilder::begin(Node::Kind kind, Mark at, std::size_t anchor) {
  count(at, 1);
  Frame frame;
  frame.node = located(kind, at);
  if (next_is_key()) take_key(at, frame.node);  // refuses: a key must be text
  check_depth(at, 0);
  frame.node.loc.path = next_path(at);
  frame.anchor = anchor;
  frame.nodes_before = nodes_ - 1;
  stack_.push_back(std::move(frame));
}

void TreeBuilder::end() {
  Frame frame = std::move(stack_.back());
  stack_.pop_back();
  place(std::move(frame.node), frame.height, frame.anchor, nodes_ - frame.nodes_before);
}

void TreeBuilder::alias(Mark at, std::size_t anchor) {
  const auto it = anchored_.find(anchor);
  if (it == anchored_.end())
    throw Error(SourceLocation{file_, at.line, at.column, ""},
                "an alias refers to a value that contains it (a value cannot repeat itself)");
  const Anchored& anchored = it->second;
  if (next_is_key()) {
    count(at, 1);
    take_key(at, anchored.node);
    return;
  }
  // Checked before copying: a billion-laughs document stops at the first
  // alias that would pass the limit, after at most kAliasNodes copies.
  alias_nodes_ += anchored.nodes;
  if (alias_nodes_ > limits::kAliasNodes)
    limit_exceeded(SourceLocation{file_, at.line, at.column, ""},
                   "aliases repeat more than " + count_text(limits::kAliasNodes) + " values",
                   count_text(limits::kAliasNodes) + " values repeated by aliases");
  count(at, anchored.nodes);
  check_depth(at, anchored.height);
  Node copy = anchored.node;
  repath(copy, next_path(at));
  copy.loc.line = at.line;
  copy.loc.column = at.column;
  place(std::move(copy), anchored.height, 0, anchored.nodes);
}

Node TreeBuilder::take() {
  if (!root_done_) return located(Node::Kind::null, Mark{1, 1});
  return std::move(root_);
}

}  // namespace parley::io
