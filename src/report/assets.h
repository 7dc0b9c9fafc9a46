// report/assets.h - the Vega bundles compiled into the binary.
//
// The build embeds third_party/vega/*.min.js (see src/report/assets.cmake) so
// that a report inlines them and opens offline.  Each bundle is returned as
// a few pieces (compilers limit the length of one string literal); write
// them one after the other.
//
// Thread-safety: read-only static data.
#pragma once

#include <span>
#include <string_view>

namespace parley::report {

enum class Asset { vega, vega_lite, vega_embed };

std::span<const std::string_view> asset_parts(Asset asset);

}  // namespace parley::report
