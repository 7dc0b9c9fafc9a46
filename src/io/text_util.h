// Small text helpers shared by the importers.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "parley/scenario.h"

namespace parley::io {

std::string lower(std::string_view s);
// An id from a display name: ASCII letters and digits lower-cased, other
// ASCII characters folded to '_', non-ASCII UTF-8 kept; never empty.
std::string slug(std::string_view name);
// Makes `id` unique among `taken` by appending _2, _3, ...; records it.
// O(1) expected per call.
std::string unique_id(std::string id, std::unordered_set<std::string>& taken);
// Whether `id` is usable as an id (non-empty; no blanks, '.', '[' or ']').
bool valid_id(std::string_view id);
// Replaces every invalid actor or issue id by a unique slug of it (the
// original text stays in the name) and renames the references to issues.
void make_ids_valid(Scenario& scenario);
// File name without folders and extension.
std::string stem(const std::string& path);

}  // namespace parley::io
