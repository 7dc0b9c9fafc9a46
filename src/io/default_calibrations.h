// The default calibrations shipped in data/calibration/ (one JSON file per
// model), compiled into the program by src/io/embed_calibrations.cmake so that
// no file is looked up at run time.  Internal to parley_io; read them through
// io::default_calibrations() (io/calibration_io.h).
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace parley::io {

// (file name, JSON text) per shipped file, in file-name order.
std::vector<std::pair<std::string_view, std::string_view>> default_calibration_texts();

}  // namespace parley::io
