#include "io/yaml_patch.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/document.h"
#include "parley/error.h"
#include "parley/io.h"

namespace parley::io {

namespace {

// One step of a path into a document tree: a map key or a list index.
struct Step {
  std::string key;
  size_t index = 0;
};

struct Change {
  std::vector<Step> path;
  const Node* value;  // in the edited tree
};

// The scalar as a number, if it is one in full.
std::optional<double> number_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

// Two scalars hold the same value: equal numbers however written (a
// section kept as written, such as `conflict`, comes back from the
// workbench's JSON as 36.0 for 36), else equal text, quoted or not.
bool same_value(const Node& a, const Node& b) {
  if (a.text == b.text) return true;
  const auto x = number_of(a.text), y = number_of(b.text);
  return x && y && *x == *y;
}

// Collects the scalars that differ between two trees of the same shape;
// false when the shapes differ (a member or item added or removed, a kind
// changed).  O(nodes).
bool diff(const Node& before, const Node& after, std::vector<Step>& path,
          std::vector<Change>& out) {
  if (before.kind != after.kind) return false;
  switch (before.kind) {
    case Node::Kind::null:
      return true;
    case Node::Kind::scalar:
      if (!same_value(before, after)) out.push_back({path, &after});
      return true;
    case Node::Kind::list:
      if (before.items.size() != after.items.size()) return false;
      for (size_t k = 0; k < before.items.size(); ++k) {
        path.push_back({"", k});
        if (!diff(before.items[k], after.items[k], path, out)) return false;
        path.pop_back();
      }
      return true;
    case Node::Kind::map:
      if (before.members.size() != after.members.size()) return false;
      for (const auto& [key, value] : before.members) {
        const Node* other = after.find(key);
        if (!other) return false;
        path.push_back({key, 0});
        if (!diff(value, *other, path, out)) return false;
        path.pop_back();
      }
      return true;
  }
  return false;
}

// The node at `path` in `root` and its parent; nullptr when absent.
std::pair<const Node*, const Node*> locate(const Node& root, const std::vector<Step>& path) {
  const Node* node = &root;
  const Node* parent = nullptr;
  for (const Step& step : path) {
    parent = node;
    if (node->is_map()) {
      node = node->find(step.key);
    } else if (node->is_list() && step.key.empty() && step.index < node->items.size()) {
      node = &node->items[step.index];
    } else {
      node = nullptr;
    }
    if (!node) return {nullptr, nullptr};
  }
  return {node, parent};
}

// Byte offsets of the starts of lines.  O(text).
std::vector<size_t> line_starts(std::string_view text) {
  std::vector<size_t> starts = {0};
  for (size_t k = 0; k < text.size(); ++k)
    if (text[k] == '\n') starts.push_back(k + 1);
  return starts;
}

std::optional<size_t> offset(const std::vector<size_t>& starts, const SourceLocation& at,
                             size_t size) {
  if (at.line < 1 || at.column < 1 || static_cast<size_t>(at.line) > starts.size())
    return std::nullopt;
  const size_t pos = starts[at.line - 1] + static_cast<size_t>(at.column - 1);
  return pos < size ? std::optional<size_t>(pos) : std::nullopt;
}

// The end of the scalar written at `pos`: after its closing quote, or, for
// a plain scalar, before a comment, the line's end or (inside a flow
// collection) the next `,`, `]` or `}`, trailing blanks excluded.  nullopt
// for block scalars (| and >), which are not patched in place.
std::optional<size_t> scalar_end(std::string_view text, size_t pos, bool flow) {
  const char first = text[pos];
  if (first == '|' || first == '>') return std::nullopt;
  if (first == '"' || first == '\'') {
    for (size_t k = pos + 1; k < text.size(); ++k) {
      if (first == '"' && text[k] == '\\') {
        ++k;
      } else if (text[k] == first) {
        if (first == '\'' && k + 1 < text.size() && text[k + 1] == '\'') {
          ++k;
          continue;
        }
        return k + 1;
      }
    }
    return std::nullopt;
  }
  size_t end = pos;
  while (end < text.size() && text[end] != '\n' && text[end] != '\r' &&
         !(text[end] == '#' && end > pos && (text[end - 1] == ' ' || text[end - 1] == '\t')) &&
         !(flow && (text[end] == ',' || text[end] == ']' || text[end] == '}')))
    ++end;
  while (end > pos && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return end;
}

// A string that reads back as itself when written without quotes.
bool plain_safe(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos)
    return s.front() == '-' && s.size() > 1 && std::isdigit(static_cast<unsigned char>(s[1]));
  for (char c : s)
    if (c == '\n' || c == '\r' || c == '\t' || c == '#' || c == ',' || c == '[' || c == ']' ||
        c == '{' || c == '}' || c == ':')
      return false;
  return true;
}

// The new value as YAML text, in the quoting of the value it replaces where
// it can be.
std::string written(const Node& value, char quote) {
  if (quote == '\'' && value.text.find_first_of("\n\r") == std::string::npos) {
    std::string out = "'";
    for (char c : value.text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }
  if (quote == 0 && (!value.quoted || plain_safe(value.text))) return value.text;
  return nlohmann::json(value.text).dump();  // a JSON string is a YAML double-quoted scalar
}

struct Edit {
  size_t begin, end;
  std::string text;
};

// The edits that place `changes` in `text`, or the reason they cannot be.
std::optional<std::vector<Edit>> place(std::string_view text, const Node& root,
                                       const std::vector<Change>& changes, std::string& reason) {
  const std::vector<size_t> starts = line_starts(text);
  std::vector<Edit> edits;
  for (const Change& change : changes) {
    const auto [node, parent] = locate(root, change.path);
    const std::string where = change.value->loc.path.empty() ? "a value" : change.value->loc.path;
    if (!node || !node->is_scalar()) {
      reason = where + " is not written as one value in the file";
      return std::nullopt;
    }
    const auto pos = offset(starts, node->loc, text.size());
    const auto parent_pos = parent ? offset(starts, parent->loc, text.size()) : std::nullopt;
    const bool flow = parent_pos && (text[*parent_pos] == '[' || text[*parent_pos] == '{');
    const auto end = pos ? scalar_end(text, *pos, flow) : std::nullopt;
    const char quote = pos && (text[*pos] == '"' || text[*pos] == '\'') ? text[*pos] : 0;
    if (!end || (quote != 0) != node->quoted ||
        (quote == 0 && text.substr(*pos, *end - *pos) != node->text)) {
      reason = where + " is written over several lines or in a form the file cannot be patched in";
      return std::nullopt;
    }
    edits.push_back({*pos, *end, written(*change.value, quote)});
  }
  return edits;
}

PatchedYaml canonical(const Scenario& edited, std::string reason) {
  PatchedYaml out;
  out.text = to_yaml(edited);
  out.reason = std::move(reason);
  return out;
}

}  // namespace

PatchedYaml patch_yaml(std::string_view original, const std::string& name, const Scenario& edited) {
  Node root;
  Node before;
  try {
    root = parse_document(original, name);
    before = scenario_to_document(scenario_from_document(root, name));
  } catch (const Error& e) {
    return canonical(
        edited, std::string("the original file does not read as a scenario (") + e.what() + ")");
  }
  const Node after = scenario_to_document(edited);
  std::vector<Step> path;
  std::vector<Change> changes;
  if (!diff(before, after, path, changes))
    return canonical(edited,
                     "entries were added or removed (actors, issues, fields, ranges), which the "
                     "original text cannot take in place");
  std::string reason;
  auto edits = place(original, root, changes, reason);
  if (!edits) return canonical(edited, reason);
  std::sort(edits->begin(), edits->end(),
            [](const Edit& a, const Edit& b) { return a.begin > b.begin; });
  PatchedYaml out;
  out.text = std::string(original);
  for (const Edit& e : *edits) out.text.replace(e.begin, e.end - e.begin, e.text);
  // The patched text must read back to the edited scenario: the same tree,
  // every value the same.
  try {
    const Node back = scenario_to_document(parse_scenario(out.text, name, Format::yaml));
    std::vector<Change> left;
    if (!diff(back, after, path, left) || !left.empty())
      return canonical(edited, "the patched file would not read back as the edited scenario");
  } catch (const Error&) {
    return canonical(edited, "the patched file would not read back as the edited scenario");
  }
  out.kept = true;
  out.replaced = static_cast<int>(edits->size());
  return out;
}

}  // namespace parley::io
