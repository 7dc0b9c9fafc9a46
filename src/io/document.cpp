#include "io/document.h"

#include <set>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

#include "parley/error.h"

namespace parley::io {
namespace {

constexpr int kMaxDepth = 64;

std::string child_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

Node convert(const YAML::Node& y, const std::string& file, const std::string& path, int depth) {
  Node n;
  n.loc = SourceLocation{file, y.Mark().line + 1, y.Mark().column + 1, path};
  if (depth > kMaxDepth) n.fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  switch (y.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      n.kind = Node::Kind::null;
      break;
    case YAML::NodeType::Scalar:
      n.kind = Node::Kind::scalar;
      n.text = y.Scalar();
      n.quoted = y.Tag() == "!";  // yaml-cpp tags non-plain (quoted) scalars "!"
      break;
    case YAML::NodeType::Sequence: {
      n.kind = Node::Kind::list;
      int k = 0;
      for (const auto& item : y)
        n.items.push_back(convert(item, file, path + "[" + std::to_string(k++) + "]", depth + 1));
      break;
    }
    case YAML::NodeType::Map: {
      n.kind = Node::Kind::map;
      std::set<std::string> seen;
      for (const auto& kv : y) {
        const YAML::Node& key = kv.first;
        if (!key.IsScalar()) {
          throw Error(SourceLocation{file, key.Mark().line + 1, key.Mark().column + 1, path},
                      "map keys must be plain text");
        }
        const std::string name = key.Scalar();
        if (!seen.insert(name).second)
          throw Error(SourceLocation{file, key.Mark().line + 1, key.Mark().column + 1,
                                     child_path(path, name)},
                      "duplicate key '" + name + "'");
        n.members.push_back(
            Node::Member{name, convert(kv.second, file, child_path(path, name), depth + 1)});
      }
      break;
    }
  }
  return n;
}

void emit(YAML::Emitter& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      out << YAML::Null;
      break;
    case Node::Kind::scalar:
      if (n.quoted)
        out << YAML::DoubleQuoted << n.text;
      else
        out << n.text;
      break;
    case Node::Kind::list: {
      // Short lists of plain scalars read best inline: scale: [0, 100].
      bool flow = n.items.size() <= 4;
      for (const auto& item : n.items) flow = flow && item.is_scalar() && !item.quoted;
      if (flow) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : n.items) emit(out, item);
      out << YAML::EndSeq;
      break;
    }
    case Node::Kind::map:
      out << YAML::BeginMap;
      for (const auto& [key, value] : n.members) {
        out << YAML::Key << key << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
  }
}

nlohmann::ordered_json to_json(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null:
      return nullptr;
    case Node::Kind::scalar: {
      if (n.quoted) return n.text;
      if (n.text == "true") return true;
      if (n.text == "false") return false;
      try {
        return n.as_number();
      } catch (const Error&) {
        return n.text;
      }
    }
    case Node::Kind::list: {
      auto arr = nlohmann::ordered_json::array();
      for (const auto& item : n.items) arr.push_back(to_json(item));
      return arr;
    }
    case Node::Kind::map: {
      auto obj = nlohmann::ordered_json::object();
      for (const auto& [key, value] : n.members) obj[key] = to_json(value);
      return obj;
    }
  }
  return nullptr;
}

}  // namespace

Node parse_document(std::string_view text, const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    throw Error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1, ""},
                "not valid YAML/JSON: " + e.msg);
  }
  try {
    return convert(root, file, "", 0);
  } catch (const YAML::Exception& e) {
    throw Error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1, ""},
                "not valid YAML/JSON: " + e.msg);
  }
}

std::string emit_yaml(const Node& root) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, root);
  std::string text = out.c_str();
  return text + "\n";
}

std::string emit_json(const Node& root, int indent) { return to_json(root).dump(indent) + "\n"; }

nlohmann::ordered_json json_of(const Node& root) { return to_json(root); }

}  // namespace parley::io
