// parley/questions.h - the questions a scenario asks (docs/scenario-format.md,
// `questions`), checked against a model and answered from its result.
//
// A question names the model quantity that answers it: forecast.ISSUE (every
// model) or a name the model declares through ModelInfo::quantities (e.g. the
// war layer's p_ceasefire_by.2026-12).  check_questions() refuses a question
// the chosen model cannot answer, at the question's line; answer_questions()
// reads the answers from any Result, so every command that runs a model can
// print them the same way.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parley/model.h"
#include "parley/result.h"
#include "parley/scenario.h"

namespace parley {

struct Answer {
  Question question;
  std::optional<double> value;  // empty when the result does not carry the quantity
};

// Throws parley::Error at questions[k].quantity for the first question whose
// quantity `info` does not answer for `scenario` with resolved `params`; the
// message names the quantity and the model, and suggests the nearest names.
void check_questions(const Scenario& scenario, const ModelInfo& info, const Params& params);

// The registered models that answer `quantity` for `scenario` with their
// default parameters (empty when none does, e.g. a misspelt name).
std::vector<std::string> models_answering(const Scenario& scenario, const std::string& quantity);

// The check for a command that runs `info` on `scenario` (run, and later mc
// and report): a question whose quantity no registered model answers is an
// error as in check_questions() (a misspelt name); a question only other
// models answer gets a note for people instead, so that the static models
// still run on a scenario that asks the war layer's questions.
std::vector<std::string> check_questions_for_run(const Scenario& scenario, const ModelInfo& info,
                                                 const Params& params);

// One answer per question, in the scenario's order: forecast.ISSUE from
// Result::forecast, other names from Result::quantities.
std::vector<Answer> answer_questions(const Scenario& scenario, const Result& result);

}  // namespace parley
