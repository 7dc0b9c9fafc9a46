// io/importer.h - the importer registry: one table of the file formats parley
// reads.  Detection (`--from auto`), the `--from` choices and their help text
// all come from it.
//
// An importer is a row {name, description, sniff, read}.  Detection asks every
// row's sniffer how sure it is that a file is in its format and takes the most
// confident, the earlier row on a tie, so the table's order is part of the
// contract.  Adding an importer: one source file with its reader and sniffer,
// and one row in default_importers() (importer.cpp).
//
// The registry is a value: default_importers() is built once and never
// changed; a caller that needs more formats (a test, a plug-in) makes its own
// registry with `with()` and passes it to load()/parse().  There is no global
// mutable state.
//
// Thread-safety: registries are immutable values, safe to share.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parley/scenario.h"

namespace parley::io {

// How sure a sniffer is that a file is in its format; the highest wins.
enum class Confidence {
  none,            // not mine
  last_resort,     // anything can be read as mine
  shape,           // the text is shaped like mine (e.g. starts like a document)
  extension_hint,  // the file name's extension is one of mine, shared with others (.csv)
  content,         // the content is unmistakably mine
  extension,       // the file name's extension is mine alone (.yaml)
};

struct Importer {
  std::string name;         // what --from takes, e.g. "ktab-csv"
  std::string description;  // one line for --help and errors
  // `extension`: the file name's, lower-case, without the dot ("" when none).
  std::function<Confidence(std::string_view text, std::string_view extension)> sniff;
  // Reads `text` (UTF-8 checked, byte-order mark removed) from the file
  // `file`; returns a validated Scenario or throws parley::Error.
  std::function<Scenario(std::string_view text, const std::string& file)> read;
};

class ImporterRegistry {
 public:
  explicit ImporterRegistry(std::vector<Importer> importers);
  // A copy with `importer` added after the others (or replacing the row of
  // the same name).
  ImporterRegistry with(Importer importer) const;

  const std::vector<Importer>& importers() const { return importers_; }
  // The row called `name`; throws parley::Error listing the names (with a
  // suggestion for a near miss) when there is none.
  const Importer& find(std::string_view name) const;
  // The row whose sniffer is most confident about `text` from `file`.
  const Importer& detect(std::string_view text, const std::string& file) const;

 private:
  std::vector<Importer> importers_;
};

// parley's formats: yaml, json, ktab-xml, decide, deu, ktab-csv, long, bdm.
const ImporterRegistry& default_importers();

// "yaml, json, ..." and {"auto", "yaml", ...} for help texts and --from.
std::string importer_names(const ImporterRegistry& registry);
std::vector<std::string> format_choices(const ImporterRegistry& registry);

// Reads a scenario with the importer called `format` ("auto" = detected).
// The text must be UTF-8 without NUL bytes (else parley::Error with the line).
Scenario parse(const ImporterRegistry& registry, std::string_view text, const std::string& file,
               std::string_view format = "auto");
Scenario load(const ImporterRegistry& registry, const std::string& path,
              std::string_view format = "auto");

// The file name's extension, lower-case, without the dot.
std::string extension_of(const std::string& path);

// Throws parley::Error with the line when `text` holds a NUL byte or is not
// UTF-8; a UTF-8 byte-order mark is dropped by without_bom().
void check_text(std::string_view text, const std::string& file);
std::string_view without_bom(std::string_view text);

}  // namespace parley::io
