// serve/page.h - the workbench page that `parley serve` sends for `/`.
//
// The page (src/serve/workbench.html) is compiled into the binary, so the
// server reads no file to serve it and needs no network: it loads nothing
// but its own origin's API and, for plots, the report pages the API renders
// (which inline the vendored Vega bundles).
//
// Thread-safety: read-only static data.
#pragma once

#include <string_view>

namespace parley::serve {

std::string_view workbench_page();

}  // namespace parley::serve
