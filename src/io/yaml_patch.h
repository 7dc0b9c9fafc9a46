// io/yaml_patch.h - saving an edited scenario into the YAML text it came from,
// keeping the file's comments, order and layout.
//
// patch_yaml() compares the native document trees of the scenario the text
// holds and of the edited one (io/document.h).  When they differ only in
// scalar values (numbers, names, dates: no actor, issue or field added or
// removed, no value turned from a number into a range), each changed value
// is found in the original text through the line and column its reader
// recorded (yaml-cpp's marks) and replaced there; every other byte stays.
// The result is then read back and must equal the edited scenario value for
// value (numbers compare as numbers: 36 and 36.0 are one value; text
// compares quoted or not); otherwise, and for every edit that cannot be
// placed in the text, the answer is the canonical YAML of to_yaml(), with
// the reason.
//
// Thread-safety: a free function.
#pragma once

#include <string>
#include <string_view>

#include "parley/scenario.h"

namespace parley::io {

struct PatchedYaml {
  std::string text;
  bool kept = false;   // true: the original text with the changed values replaced
  int replaced = 0;    // values replaced (kept only)
  std::string reason;  // not kept: why, for people
};

// `original`: the YAML text (named `name` in messages) the scenario was
// opened from; `edited`: the scenario to save.  Never throws for a bad
// original: that falls back to the canonical writer.  O(text + nodes).
PatchedYaml patch_yaml(std::string_view original, const std::string& name, const Scenario& edited);

}  // namespace parley::io
