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

std::string UniqueIds::make(const std::string& id) {
  if (taken_.insert(id).second) return id;
  // Resume where the last collision on `id` stopped: amortised O(1).
  int& k = next_suffix_.try_emplace(id, 2).first->second;
  std::string candidate;
  do candidate = id + "_" + std::to_string(k++);
  while (taken_.count(candidate));
  taken_.insert(candidate);
  return candidate;
}

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (std::isspace(c) || c == '.' || c == '[' || c == ']') return false;
  return true;
}

void make_ids_valid(Scenario& scenario) {
  UniqueIds issue_ids;
  for (const auto& issue : scenario.issues)
    if (valid_id(issue.id)) issue_ids.take(issue.id);
  std::map<std::string, std::string> renamed;
  for (auto& issue : scenario.issues) {
    if (valid_id(issue.id)) continue;
    const std::string id = issue_ids.make(slug(issue.id));
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
  UniqueIds actor_ids;
  for (const auto& actor : scenario.actors)
    if (valid_id(actor.id)) actor_ids.take(actor.id);
  for (auto& actor : scenario.actors) {
    if (!renamed.empty()) {
      rekey(actor.position);
      rekey(actor.salience);
      rekey(actor.capability_by_issue);
    }
    if (valid_id(actor.id)) continue;
    if (actor.name.empty()) actor.name = actor.id;
    actor.id = actor_ids.make(slug(actor.id));
  }
}

std::string stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

}  // namespace parley::io

namespace parley::io {

std::string excerpt(std::string_view text) {
  constexpr std::size_t kShown = 60;
  std::string out;
  std::size_t shown = 0, k = 0;
  for (; k < text.size() && shown < kShown; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += "?";
    } else {
      out += static_cast<char>(c);
      if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte: same character
    }
    ++shown;
  }
  // Finish a multi-byte character cut at the end.
  while (k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) out += text[k++];
  if (k < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::pair<int, int> LineCounter::at(std::size_t offset) {
  offset = std::min(offset, text_.size());
  if (offset < offset_) *this = LineCounter(text_);
  for (; offset_ < offset; ++offset_) {
    const char c = text_[offset_];
    if (c == '\n' || (c == '\r' && (offset_ + 1 == text_.size() || text_[offset_ + 1] != '\n'))) {
      ++line_;
      line_start_ = offset_ + 1;
    }
  }
  return {line_, static_cast<int>(offset - line_start_) + 1};
}

namespace {
// The largest value a salience can take, for the fraction test: a normal's
// mean (its tails are truncated to the valid range when drawn).
double salience_top(const Uncertain& s) {
  return s.kind() == Uncertain::Kind::normal ? s.a() : s.highest();
}
}  // namespace

void read_fractional_saliences(Scenario& scenario) {
  double top = 0, bottom = 0;
  for (const Actor& actor : scenario.actors)
    for (const auto& [issue, s] : actor.salience) {
      top = std::max(top, salience_top(s));
      bottom = std::min(bottom, s.kind() == Uncertain::Kind::normal ? s.a() : s.lowest());
    }
  if (!(top > 0 && top <= 1 && bottom >= 0)) return;
  for (Actor& actor : scenario.actors)
    for (auto& [issue, s] : actor.salience) s = s.affine(100, 0);
  scenario.warnings.push_back(
      "every salience lies within 0..1: read as fractions and multiplied by 100 "
      "(saliences are on 0-100)");
}

}  // namespace parley::io
