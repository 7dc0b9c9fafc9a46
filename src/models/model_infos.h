// Declarations of every model's ModelInfo; registry.cpp lists them.
#pragma once

#include "parley/model.h"

namespace parley {

ModelInfo compromise_model_info();
ModelInfo median_model_info();
ModelInfo nbs_model_info();
ModelInfo exchange_model_info();
ModelInfo war_model_info();
ModelInfo smp_model_info();
ModelInfo bdm_model_info();
// New models: declare `ModelInfo NAME_model_info();` here and add one line to
// registry.cpp.

}  // namespace parley
