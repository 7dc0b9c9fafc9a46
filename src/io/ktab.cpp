// Placeholder until the importer lands: recognises nothing and refuses to read.
#include "io/importers.h"
#include "parley/error.h"

namespace parley::io {

Scenario import_ktab_csv(std::string_view, const std::string& name) {
  throw Error(SourceLocation{name, 0, 0, ""}, "this import format is not supported yet");
}

Scenario import_ktab_xml(std::string_view, const std::string& name) {
  throw Error(SourceLocation{name, 0, 0, ""}, "this import format is not supported yet");
}

bool looks_like_ktab_csv(std::string_view) { return false; }

bool looks_like_ktab_xml(std::string_view) { return false; }

}  // namespace parley::io
