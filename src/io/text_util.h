// Small text helpers shared by the importers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::io {

std::string lower(std::string_view s);
// An id from a display name: ASCII letters and digits lower-cased, other
// ASCII characters folded to '_', non-ASCII UTF-8 kept; never empty.
std::string slug(std::string_view name);
// Makes `id` unique among `taken` by appending _2, _3, ...; records it.
std::string unique_id(std::string id, std::vector<std::string>& taken);
// File name without folders and extension.
std::string stem(const std::string& path);

}  // namespace parley::io
