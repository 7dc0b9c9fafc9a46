// Fuzz targets shared by the libFuzzer harnesses and the regression test that
// replays saved inputs.  Each target feeds bytes to one input path; parley
// must answer with a value or a parley::Error, nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace parley::fuzz {

// Names of the targets: yaml, json, bdm, ktab_csv, ktab_xml, deu, decide,
// long, auto, set, calibration, war_outcomes.
const std::vector<std::string>& targets();

// Runs one input through `target`.  Returns normally for accepted and for
// cleanly rejected input; any other failure escapes (and the fuzzer reports it).
void run_one(const std::string& target, const std::uint8_t* data, std::size_t size);

}  // namespace parley::fuzz
