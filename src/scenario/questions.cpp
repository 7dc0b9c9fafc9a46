#include "parley/questions.h"

#include <algorithm>

#include "parley/error.h"

namespace parley {
namespace {

// Names sharing the longest prefix with `wanted` (at least up to its first
// dot): "p_ceasefire_by.2026-13" suggests the p_ceasefire_by.* names.
// O(names x length).
std::string nearest(const std::vector<std::string>& names, const std::string& wanted) {
  size_t best = 0;
  for (const auto& name : names) {
    const auto diff = std::mismatch(name.begin(), name.end(), wanted.begin(), wanted.end());
    best = std::max(best, static_cast<size_t>(diff.first - name.begin()));
  }
  const size_t dot = wanted.find('.');
  if (best == 0 || (dot != std::string::npos && best < dot)) return "";
  std::string out;
  int shown = 0;
  for (const auto& name : names) {
    if (name.compare(0, best, wanted, 0, best) != 0) continue;
    if (++shown > 8) return out + ", ...";
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

// "forecast.*, p_ceasefire_by.*, ...": the kinds of names a model answers.
std::string families(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    const std::string family = name.substr(0, name.find('.'));
    if (std::find(out.begin(), out.end(), family) == out.end()) out.push_back(family);
  }
  std::string text;
  for (const auto& f : out) text += (text.empty() ? "" : ", ") + f + ".*";
  return text;
}

// Refuses question k, whose quantity is not among `names`.
[[noreturn]] void refuse(const Scenario& scenario, const ModelInfo& info,
                         const std::vector<std::string>& names, size_t k) {
  const Question& q = scenario.questions[k];
  const std::string near = nearest(names, q.quantity);
  throw Error(scenario.locate("questions[" + std::to_string(k) + "].quantity"),
              "model " + info.name + " does not answer quantity '" + q.quantity + "' (question '" +
                  q.id + "'); " +
                  (near.empty() ? "it answers " + families(names) : "did you mean " + near) +
                  " (docs/scenario-format.md, questions)");
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void check_questions(const Scenario& scenario, const ModelInfo& info, const Params& params) {
  if (scenario.questions.empty()) return;
  std::vector<std::string> names;
  try {
    names = quantity_names(info, scenario, params);
  } catch (const Error& e) {
    throw Error(scenario.locate("questions"),
                "model " + info.name + " cannot answer questions here: " + e.what());
  }
  for (size_t k = 0; k < scenario.questions.size(); ++k)
    if (!contains(names, scenario.questions[k].quantity)) refuse(scenario, info, names, k);
}

std::vector<std::string> models_answering(const Scenario& scenario, const std::string& quantity) {
  std::vector<std::string> out;
  for (const ModelInfo& info : models()) {
    try {
      const auto names = quantity_names(info, scenario, resolve(info.schema, {}, ""));
      if (contains(names, quantity)) out.push_back(info.name);
    } catch (const Error&) {
      // The model cannot run on this scenario (e.g. no `conflict` section).
    }
  }
  return out;
}

std::vector<std::string> check_questions_for_run(const Scenario& scenario, const ModelInfo& info,
                                                 const Params& params) {
  std::vector<std::string> notes;
  if (scenario.questions.empty()) return notes;
  std::vector<std::string> names;
  try {
    names = quantity_names(info, scenario, params);
  } catch (const Error&) {
    // Left empty: each question is then checked against the other models.
  }
  for (size_t k = 0; k < scenario.questions.size(); ++k) {
    const Question& q = scenario.questions[k];
    if (contains(names, q.quantity)) continue;
    std::string others;
    for (const auto& name : models_answering(scenario, q.quantity))
      others += (others.empty() ? "" : ", ") + name;
    if (others.empty()) refuse(scenario, info, names, k);
    notes.push_back("question " + q.id + ": " + q.quantity + " is answered by " + others +
                    ", not by " + info.name);
  }
  return notes;
}

std::vector<Answer> answer_questions(const Scenario& scenario, const Result& result) {
  std::vector<Answer> out;
  const std::string forecast = "forecast.";
  for (const Question& q : scenario.questions) {
    Answer answer{q, std::nullopt};
    if (q.quantity.compare(0, forecast.size(), forecast) == 0) {
      const auto& ids = result.issue_ids;
      const auto at = std::find(ids.begin(), ids.end(), q.quantity.substr(forecast.size()));
      const auto i = static_cast<size_t>(at - ids.begin());
      if (at != ids.end() && i < result.forecast.size()) answer.value = result.forecast[i];
    } else if (const Quantity* value = result.quantity(q.quantity)) {
      answer.value = value->value;
    }
    out.push_back(std::move(answer));
  }
  return out;
}

}  // namespace parley
