#include "io/text_util.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace parley::io {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string slug(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x80) {
      out += static_cast<char>(c);
    } else if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "actor" : out;
}

std::string unique_id(std::string id, std::unordered_set<std::string>& taken) {
  std::string candidate = id;
  for (int k = 2; taken.count(candidate); ++k) candidate = id + "_" + std::to_string(k);
  taken.insert(candidate);
  return candidate;
}

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (std::isspace(c) || c == '.' || c == '[' || c == ']') return false;
  return true;
}

void make_ids_valid(Scenario& scenario) {
  std::unordered_set<std::string> taken;
  for (const auto& issue : scenario.issues)
    if (valid_id(issue.id)) taken.insert(issue.id);
  std::map<std::string, std::string> renamed;
  for (auto& issue : scenario.issues) {
    if (valid_id(issue.id)) continue;
    const std::string id = unique_id(slug(issue.id), taken);
    renamed[issue.id] = id;
    if (issue.name.empty()) issue.name = issue.id;
    issue.id = id;
  }
  auto rekey = [&](std::map<std::string, Uncertain>& values) {
    std::map<std::string, Uncertain> out;
    for (auto& [key, value] : values) {
      auto it = renamed.find(key);
      out[it == renamed.end() ? key : it->second] = value;
    }
    values = std::move(out);
  };
  taken.clear();
  for (const auto& actor : scenario.actors)
    if (valid_id(actor.id)) taken.insert(actor.id);
  for (auto& actor : scenario.actors) {
    if (!renamed.empty()) {
      rekey(actor.position);
      rekey(actor.salience);
      rekey(actor.capability_by_issue);
    }
    if (valid_id(actor.id)) continue;
    if (actor.name.empty()) actor.name = actor.id;
    actor.id = unique_id(slug(actor.id), taken);
  }
}

std::string stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

}  // namespace parley::io
