#include "io/importer.h"

#include <algorithm>

#include "io/document.h"
#include "io/importers.h"
#include "io/text_util.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"
#include "scenario/suggest.h"

namespace parley::io {

namespace {

// Returns the byte offset of the first invalid UTF-8 sequence, or npos.
size_t invalid_utf8(std::string_view s) {
  size_t k = 0;
  while (k < s.size()) {
    const auto c = static_cast<unsigned char>(s[k]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || k + len > s.size()) return k;
    for (size_t j = 1; j < len; ++j)
      if ((static_cast<unsigned char>(s[k + j]) >> 6) != 0x2) return k;
    k += len;
  }
  return std::string_view::npos;
}

int line_of(std::string_view s, size_t offset) {
  int line = 1;
  for (size_t k = 0; k < offset && k < s.size(); ++k) line += s[k] == '\n';
  return line;
}

// A text without a telling extension that starts like a YAML/JSON document.
bool starts_like_document(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos &&
         (text[first] == '{' || text.substr(first, 7) == "parley:" || text[first] == '#' ||
          text.substr(first, 3) == "---");
}

Scenario read_document(std::string_view text, const std::string& file) {
  return scenario_from_document(parse_document(text, file), file);
}

// JSON through the SAX reader (the same limits as YAML, faster on large files).
Scenario read_json_document(std::string_view text, const std::string& file) {
  return scenario_from_document(parse_json_document(text, file), file);
}

// A sniffer for a format recognised by its content alone.
auto by_content(bool (*looks_like)(std::string_view)) {
  return [looks_like](std::string_view text, std::string_view) {
    return looks_like(text) ? Confidence::content : Confidence::none;
  };
}

}  // namespace

const ImporterRegistry& default_importers() {
  // Built once, never modified.  Order breaks ties between equally sure
  // sniffers (a file that looks like KTAB XML and like Decide records is XML).
  static const ImporterRegistry registry(std::vector<Importer>{
      Importer{"yaml", "parley's native scenario format (YAML; JSON reads the same way)",
               [](std::string_view text, std::string_view ext) {
                 if (ext == "yaml" || ext == "yml") return Confidence::extension;
                 return starts_like_document(text) ? Confidence::shape : Confidence::none;
               },
               read_document},
      Importer{"json", "parley's native scenario format as JSON",
               [](std::string_view, std::string_view ext) {
                 return ext == "json" ? Confidence::extension : Confidence::none;
               },
               read_json_document},
      Importer{"ktab-xml", "KTAB SMP XML",
               [](std::string_view text, std::string_view ext) {
                 if (ext == "xml") return Confidence::extension;
                 return looks_like_ktab_xml(text) ? Confidence::content : Confidence::none;
               },
               [](std::string_view text, const std::string& file) {
                 return import_ktab_xml(text, file);
               }},
      Importer{
          "decide", "Decide exchange-model records (#A, #P, #M, #D)", by_content(looks_like_decide),
          [](std::string_view text, const std::string& file) { return import_decide(text, file); }},
      Importer{
          "deu", "DEU III table, one issue per row", by_content(looks_like_deu),
          [](std::string_view text, const std::string& file) { return import_deu(text, file); }},
      Importer{"ktab-csv", "KTAB SMP CSV", by_content(looks_like_ktab_csv),
               [](std::string_view text, const std::string& file) {
                 return import_ktab_csv(text, file);
               }},
      Importer{"long", "long CSV: case, issue, actor, position, salience, capability",
               by_content(looks_like_long_csv),
               [](std::string_view text, const std::string& file) {
                 return import_long_csv(text, file);
               }},
      Importer{"bdm", "actor table: actor, capability, position, salience (CSV or TSV)",
               [](std::string_view, std::string_view ext) {
                 return ext == "csv" || ext == "tsv" || ext == "txt" ? Confidence::extension_hint
                                                                     : Confidence::last_resort;
               },
               [](std::string_view text, const std::string& file) {
                 return import_bdm_table(text, file);
               }},
  });
  return registry;
}

ImporterRegistry::ImporterRegistry(std::vector<Importer> importers)
    : importers_(std::move(importers)) {}

ImporterRegistry ImporterRegistry::with(Importer importer) const {
  ImporterRegistry out = *this;
  auto same = std::find_if(out.importers_.begin(), out.importers_.end(),
                           [&](const Importer& i) { return i.name == importer.name; });
  if (same != out.importers_.end())
    *same = std::move(importer);
  else
    out.importers_.push_back(std::move(importer));
  return out;
}

const Importer& ImporterRegistry::find(std::string_view name) const {
  for (const auto& importer : importers_)
    if (importer.name == name) return importer;
  std::vector<std::string> names;
  for (const auto& importer : importers_) names.push_back(importer.name);
  throw Error("unknown input format '" + std::string(name) + "'" + did_you_mean(name, names) +
              "; known: auto, " + importer_names(*this));
}

const Importer& ImporterRegistry::detect(std::string_view text, const std::string& file) const {
  const std::string ext = extension_of(file);
  const Importer* best = nullptr;
  Confidence best_confidence = Confidence::none;
  for (const auto& importer : importers_) {  // O(importers x sniffing)
    const Confidence c = importer.sniff(text, ext);
    if (c > best_confidence) {
      best = &importer;
      best_confidence = c;
    }
  }
  if (!best)
    throw Error(SourceLocation{file, 0, 0, ""},
                "cannot tell the format; give it with --from (" + importer_names(*this) + ")");
  return *best;
}

std::string importer_names(const ImporterRegistry& registry) {
  std::string out;
  for (const auto& importer : registry.importers())
    out += (out.empty() ? "" : ", ") + importer.name;
  return out;
}

std::vector<std::string> format_choices(const ImporterRegistry& registry) {
  std::vector<std::string> out = {"auto"};
  for (const auto& importer : registry.importers()) out.push_back(importer.name);
  return out;
}

void check_text(std::string_view text, const std::string& name) {
  if (auto nul = text.find('\0'); nul != std::string_view::npos)
    throw Error(SourceLocation{name, line_of(text, nul), 0, ""},
                "not a text file (contains a NUL byte); expected YAML, JSON, CSV, TSV or XML");
  if (auto bad = invalid_utf8(text); bad != std::string_view::npos)
    throw Error(SourceLocation{name, line_of(text, bad), 0, ""},
                "not valid UTF-8 text (byte offset " + std::to_string(bad) + ")");
}

std::string_view without_bom(std::string_view text) {
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

std::string extension_of(const std::string& path) {
  auto dot = path.find_last_of('.');
  auto slash = path.find_last_of('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return lower(path.substr(dot + 1));
}

Scenario parse(const ImporterRegistry& registry, std::string_view text, const std::string& file,
               std::string_view format) {
  check_text(text, file);
  text = without_bom(text);
  const Importer& importer = format == "auto" ? registry.detect(text, file) : registry.find(format);
  Scenario scenario = importer.read(text, file);
  // The model layer checks the model section (with line and column when the
  // reader kept them).
  validate_model_section(scenario, scenario.locations.get());
  return scenario;
}

Scenario load(const ImporterRegistry& registry, const std::string& path, std::string_view format) {
  return parse(registry, read_text_file(path), path, format);
}

}  // namespace parley::io
