#include "io/calibration_io.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "io/default_calibrations.h"
#include "io/document.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/model.h"

namespace parley::io {
namespace {

namespace v = parley::validation;

const Node& member(const Node& map, const std::string& key) {
  const Node* found = map.find(key);
  if (!found) map.fail("missing field '" + key + "'");
  return *found;
}

void only_keys(const Node& map, std::initializer_list<const char*> keys) {
  if (!map.is_map()) map.fail("expected a map, found " + map.describe());
  std::set<std::string> known(keys.begin(), keys.end());
  for (const auto& [key, value] : map.members)
    if (!known.count(key)) value.fail("unknown field '" + key + "'");
}

double number_in(const Node& node, double lo, double hi, const char* what) {
  double x = node.as_number();
  if (x < lo || x > hi) node.fail(std::string("expected ") + what + ", found " + format_number(x));
  return x;
}

double score_number(const Node& map, const std::string& key) {
  const Node& node = member(map, key);
  return node.is_null() ? std::nan("") : node.as_number();
}

int count_of(const Node& node) {
  long long n = node.as_integer();
  if (n < 0 || n > 1000000000) node.fail("expected a count, found " + node.as_string());
  return static_cast<int>(n);
}

v::ErrorModel read_error_model(const Node& node) {
  only_keys(node, {"atom_share", "evenness", "proximity", "dispersion"});
  v::ErrorModel m;
  m.atom_share = number_in(member(node, "atom_share"), 0, 1, "a share in [0, 1]");
  m.evenness = number_in(member(node, "evenness"), 0, 1, "a share in [0, 1]");
  m.proximity = number_in(member(node, "proximity"), 1e-9, 1e9, "a positive width");
  m.dispersion = number_in(member(node, "dispersion"), 1e-9, 1e9, "a positive width");
  return m;
}

v::DistributionScores read_scores(const Node& node) {
  only_keys(node, {"n", "crps", "mae", "coverage_50", "coverage_80", "coverage_90",
                   "interval_coverage_50", "interval_coverage_80", "interval_coverage_90", "pit",
                   "reliability"});
  v::DistributionScores s;
  s.n = count_of(member(node, "n"));
  s.crps = score_number(node, "crps");
  s.mae = score_number(node, "mae");
  s.coverage_50 = score_number(node, "coverage_50");
  s.coverage_80 = score_number(node, "coverage_80");
  s.coverage_90 = score_number(node, "coverage_90");
  s.interval_coverage_50 = score_number(node, "interval_coverage_50");
  s.interval_coverage_80 = score_number(node, "interval_coverage_80");
  s.interval_coverage_90 = score_number(node, "interval_coverage_90");
  const Node& pit = member(node, "pit");
  if (!pit.is_list()) pit.fail("expected a list of " + std::to_string(v::kPitBins) + " shares");
  for (const Node& bin : pit.items) s.pit.push_back(number_in(bin, 0, 1, "a share in [0, 1]"));
  if (static_cast<int>(s.pit.size()) != v::kPitBins)
    pit.fail("expected " + std::to_string(v::kPitBins) + " PIT bins, found " +
             std::to_string(s.pit.size()));
  const Node& reliability = member(node, "reliability");
  if (!reliability.is_list()) reliability.fail("expected a list");
  for (const Node& point : reliability.items) {
    only_keys(point, {"level", "coverage", "interval_coverage"});
    s.reliability.push_back(
        {number_in(member(point, "level"), 0, 1, "a level in (0, 1)"),
         number_in(member(point, "coverage"), 0, 1, "a share in [0, 1]"),
         number_in(member(point, "interval_coverage"), 0, 1, "a share in [0, 1]")});
  }
  return s;
}

Params read_params(const Node& node, const std::string& model) {
  if (!node.is_map()) node.fail("expected a map of parameters, found " + node.describe());
  Params given;
  for (const auto& [key, value] : node.members) {
    if (!value.is_scalar()) value.fail("expected a number or a text");
    if (value.quoted)
      given[key] = value.as_string();
    else
      given[key] = value.as_number();
  }
  const ModelInfo* info = nullptr;
  try {
    info = &find_model(model);
  } catch (const Error& e) {
    node.fail(e.detail());
  }
  Params resolved;
  try {
    resolved = resolve(info->schema, given, "params");
  } catch (const Error& e) {
    node.fail(e.detail());
  }
  // The file must list the resolved parameters: a default that changed since
  // the calibration was fitted must not pass unnoticed.
  if (resolved != given)
    node.fail("the parameters are not the model's complete resolved set (" + model +
              " has other parameters or defaults now); refit the calibration");
  return resolved;
}

v::DataFingerprint read_data(const Node& node) {
  only_keys(node, {"file", "sha256", "issues", "scored"});
  v::DataFingerprint d;
  d.file = member(node, "file").as_string();
  const Node& sha = member(node, "sha256");
  d.sha256 = sha.as_string();
  if (d.sha256.size() != 64 || !std::all_of(d.sha256.begin(), d.sha256.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      }))
    sha.fail("expected 64 lowercase hexadecimal digits");
  d.issues = count_of(member(node, "issues"));
  d.scored = count_of(member(node, "scored"));
  if (d.scored > d.issues) node.fail("more scored issues than issues");
  return d;
}

}  // namespace

v::Calibration calibration_from_json(std::string_view text, const std::string& origin) {
  Node root = parse_document(text, origin);
  only_keys(root, {"kind", "parley_version", "version", "model", "params", "capabilities", "data",
                   "family", "fitted", "folds", "seed", "cv", "fold_models", "notes"});
  const Node& kind = member(root, "kind");
  if (kind.as_string() != kCalibrationKind)
    kind.fail("not a calibration (a result document of kind '" + kind.as_string() +
              "', expected '" + kCalibrationKind + "')");
  member(root, "parley_version").as_string();  // which parley fitted it: any version reads
  if (const Node* notes = root.find("notes")) {
    if (!notes->is_list()) notes->fail("expected a list of texts, found " + notes->describe());
    for (const Node& note : notes->items) note.as_string();
  }
  const Node& version = member(root, "version");
  if (version.as_integer() != v::Calibration::kVersion)
    version.fail("calibration file version " + version.as_string() +
                 " is not supported; this parley reads version " +
                 std::to_string(v::Calibration::kVersion) + " (refit with `parley calibrate`)");
  v::Calibration c;
  c.model = member(root, "model").as_string();
  c.params = read_params(member(root, "params"), c.model);
  c.capabilities = member(root, "capabilities").as_string();
  c.data = read_data(member(root, "data"));
  const Node& family = member(root, "family");
  if (family.as_string() != v::kErrorFamily)
    family.fail("unknown error model family '" + family.as_string() + "'; expected '" +
                v::kErrorFamily + "'");
  c.fitted = read_error_model(member(root, "fitted"));
  const Node& folds = member(root, "folds");
  c.folds = count_of(folds);
  if (c.folds < 2) folds.fail("expected at least 2 folds");
  const Node& seed = member(root, "seed");
  try {
    std::size_t used = 0;
    c.seed = std::stoull(seed.as_string(), &used);
    if (used != seed.as_string().size()) throw std::invalid_argument("seed");
  } catch (const std::exception&) {
    seed.fail("expected a non-negative integer seed");
  }
  c.cv = read_scores(member(root, "cv"));
  const Node& models = member(root, "fold_models");
  if (!models.is_list()) models.fail("expected a list of fitted error models");
  for (const Node& m : models.items) c.fold_models.push_back(read_error_model(m));
  if (static_cast<int>(c.fold_models.size()) != c.folds)
    models.fail("expected one fitted error model per fold (" + std::to_string(c.folds) + ")");
  return c;
}

v::Calibration read_calibration(const std::string& path) {
  return calibration_from_json(read_text_file(path), path);
}

std::vector<v::Calibration> default_calibrations() {
  std::vector<v::Calibration> out;
  for (const auto& [name, text] : default_calibration_texts())
    out.push_back(calibration_from_json(text, "built-in data/calibration/" + std::string(name)));
  return out;
}

std::optional<v::Calibration> default_calibration(const std::string& model) {
  for (const auto& [name, text] : default_calibration_texts())
    if (name == model + ".json")
      return calibration_from_json(text, "built-in data/calibration/" + std::string(name));
  return std::nullopt;
}

}  // namespace parley::io
