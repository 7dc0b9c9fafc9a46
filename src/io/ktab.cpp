// KTAB SMP inputs (docs/models/smp.md section 8): the CSV of
// SMPModel::csvRead and the XML of SMPModel::xmlRead / smpSchema.xsd.
//
// Mapping: one Issue per KTAB dimension (scale 0-100, id = slug of the
// dimension label), one Actor per KTAB actor (capability, and per dimension
// position and salience 0-100).  The model is `smp`; XML model parameters and
// prngSeed become its parameters; the XML IdealAdjustment pairs become the
// scenario section `smp: {ideal_adjustment: [{actor, reference, adjust}]}`.
// KTAB's own checks are errors (with line and column, or element path);
// data parley can repair are repaired and reported in Scenario::warnings.
#include <pugixml.hpp>

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "io/csv.h"
#include "io/importers.h"
#include "io/limits.h"
#include "io/text_util.h"
#include "parley/error.h"

namespace parley::io {
namespace {

constexpr int kMinActors = 3, kMaxActors = 250;  // KTAB's limits
constexpr double kMaxCapability = 1e8;
constexpr double kSalienceSlack = 1e-6;  // rounding in hand-typed totals

// The model parameter names and accepted spellings: KTAB's code names first,
// then the XSD's (Proportional, No).
const std::map<std::string, std::map<std::string, std::string>>& enum_spellings() {
  static const std::map<std::string, std::map<std::string, std::string>> table = [] {
    std::map<std::string, std::map<std::string, std::string>> t;
    auto same = [](std::initializer_list<const char*> names) {
      std::map<std::string, std::string> m;
      for (const char* n : names) m[n] = n;
      return m;
    };
    t["VictoryProbModel"] = same({"Linear", "Square", "Quartic", "Octic", "Binary"});
    t["PCEModel"] = same({"Conditional", "MarkovIncentive", "MarkovUniform"});
    t["StateTransitions"] = same({"Deterministic", "Stochastic"});
    t["VotingRule"] = same({"Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"});
    t["VotingRule"]["Proportional"] = "Prop";
    t["BigRAdjust"] = same({"None", "OneThird", "Half", "TwoThirds", "Full"});
    t["BigRAdjust"]["No"] = "None";
    t["BigRRange"] = same({"Min", "Mid", "Max"});
    t["ThirdPartyCommit"] = same({"NoCommit", "SemiCommit", "FullCommit"});
    t["InterVecBrgn"] = same({"S1P1", "S2P2", "S2PMax"});
    t["BargnModel"] = same({"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"});
    return t;
  }();
  return table;
}

const char* const kParameterOrder[] = {"VictoryProbModel", "PCEModel",     "StateTransitions",
                                       "VotingRule",       "BigRAdjust",   "BigRRange",
                                       "ThirdPartyCommit", "InterVecBrgn", "BargnModel"};

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// What both readers produce before it becomes a Scenario.
struct KtabActor {
  std::string name, description;
  double capability = 0;
  std::vector<double> position, salience;  // 0-100
};
struct KtabData {
  std::string title, description;
  std::vector<std::string> dimensions;
  std::vector<KtabActor> actors;
  std::vector<std::string> warnings;
};

Scenario to_scenario(KtabData data, const std::string& file) {
  Scenario s;
  s.origin = file;
  s.title = data.title.empty() ? stem(file) : data.title;
  s.description = data.description;
  UniqueIds issue_ids, actor_ids;
  for (const std::string& label : data.dimensions) {
    Issue issue;
    issue.id = issue_ids.make(slug(label));
    issue.name = label;
    issue.lo = 0;
    issue.hi = 100;
    s.issues.push_back(std::move(issue));
  }
  for (const KtabActor& k : data.actors) {
    Actor a;
    a.id = actor_ids.make(slug(k.name));
    if (a.id != slug(k.name))
      data.warnings.push_back("actor name '" + excerpt(k.name) +
                              "' gives the id of an earlier actor; its id is '" + excerpt(a.id) +
                              "'");
    a.name = k.name;
    a.note = k.description;
    a.source = stem(file);
    a.capability = Uncertain(k.capability);
    for (size_t d = 0; d < s.issues.size(); ++d) {
      a.position[s.issues[d].id] = Uncertain(k.position[d]);
      a.salience[s.issues[d].id] = Uncertain(k.salience[d]);
    }
    s.actors.push_back(std::move(a));
  }
  s.model = ModelChoice{"smp", {}};
  s.warnings = std::move(data.warnings);
  return s;
}

// ---- CSV -----------------------------------------------------------------

[[noreturn]] void csv_fail(const std::string& file, const CsvRow& row, int column,
                           const std::string& path, const std::string& message) {
  throw Error(SourceLocation{file, row.line, column, path}, message);
}

std::string cell_text(const CsvRow& row, size_t k) {
  return k < row.cells.size() ? row.cells[k].text : std::string();
}

// Shared value checks of 8.1 / 8.2.  `fail` receives (field index, message):
// -1 = capability, 2k = position k, 2k+1 = salience k, -2 = the salience total.
template <class Fail>
void check_actor(const KtabActor& a, Fail&& fail) {
  if (!(a.capability > 0) || a.capability > kMaxCapability)
    fail(-1, "capability must be in (0, 1e8], found " + format_number(a.capability));
  double total = 0;
  for (size_t d = 0; d < a.position.size(); ++d) {
    if (a.position[d] < 0 || a.position[d] > 100)
      fail(static_cast<int>(2 * d),
           "position must be in [0, 100], found " + format_number(a.position[d]));
    if (a.salience[d] < 0 || a.salience[d] > 100)
      fail(static_cast<int>(2 * d + 1),
           "salience must be in [0, 100], found " + format_number(a.salience[d]));
    total += a.salience[d];
  }
  if (total > 100 + kSalienceSlack)
    fail(-2, "saliences of actor '" + excerpt(a.name) + "' sum to " + format_number(total) +
                 " (KTAB requires a total of at most 100)");
  if (!(total > 0))
    fail(-2,
         "saliences of actor '" + excerpt(a.name) + "' sum to 0 (the model needs a total above 0)");
}

}  // namespace

namespace {

// The scenario line: name, description, numActors, numDims (8.1).
std::pair<int, int> read_scenario_line(const CsvTable& table, KtabData& data) {
  const std::string& name = table.file;
  const CsvRow& first = table.rows[0];
  if (first.cells.size() < 4 || cell_text(first, 2).empty() || cell_text(first, 3).empty())
    csv_fail(name, first, 0, "scenario",
             "expected 'scenarioName, scenarioDescription, numActors, numDims'");
  data.title = first.cells[0].text;
  data.description = first.cells[1].text;
  for (const std::string* s : {&data.title, &data.description})
    if (s->size() > 512)
      csv_fail(name, first, 0, "scenario", "name and description may have at most 512 characters");
  const double na = cell_number(table, first, first.cells[2], "numActors");
  const double nd = cell_number(table, first, first.cells[3], "numDims");
  // The upper bound keeps the count representable; the line count check
  // then reports any mismatch.
  if (na != std::floor(na) || na < kMinActors || na > 1e7)
    csv_fail(
        name, first, 3, "numActors",
        "numActors must be a whole number of at least 3, found " + excerpt(first.cells[2].text));
  if (nd != std::floor(nd) || nd < 1 || nd > 1000)
    csv_fail(name, first, 4, "numDims",
             "numDims must be a whole number of at least 1, found " + excerpt(first.cells[3].text));
  return {static_cast<int>(na), static_cast<int>(nd)};
}

// The header: Actor, Description, <capability>, then a position and a
// salience label per dimension; nothing after them.  Fills the dimension
// labels and returns what each column is read as.
std::vector<std::string> read_ktab_header(const CsvTable& table, int dims, KtabData& data) {
  const CsvRow& header = table.rows[1];
  const size_t width = 3 + 2 * static_cast<size_t>(dims);
  std::vector<std::string> use = {"actor name", "actor description", "capability"};
  std::map<std::string, size_t> label_column;
  for (size_t k = 3; k < width; k += 2) {
    if (cell_text(header, k).empty())
      csv_fail(table.file, header, static_cast<int>(k) + 1, "header",
               "expected " + std::to_string(dims) +
                   " pairs of position and salience labels after "
                   "'Actor, Description, <capability>'; the label of column " +
                   std::to_string(k + 1) + " is missing");
    const std::string& label = header.cells[k].text;
    if (auto [it, fresh] = label_column.emplace(label, k); !fresh)
      csv_fail(table.file, header, static_cast<int>(k) + 1, "header",
               "dimension '" + excerpt(label) + "' appears twice (columns " +
                   std::to_string(it->second + 1) + " and " + std::to_string(k + 1) + ")");
    data.dimensions.push_back(label);
    use.push_back("position on " + label);
    use.push_back("salience on " + label);
  }
  for (size_t k = width; k < header.cells.size(); ++k)
    if (!header.cells[k].text.empty())
      csv_fail(table.file, header, static_cast<int>(k) + 1, "header",
               "column " + std::to_string(k + 1) + " ('" + excerpt(header.cells[k].text) +
                   "') is beyond the " + std::to_string(dims) +
                   " dimension(s) the scenario line announces (" + std::to_string(width) +
                   " columns)");
  return use;
}

// One actor line: `width` fields, nothing after them.
KtabActor read_ktab_actor(const CsvTable& table, const CsvRow& row, int r, int dims,
                          KtabData& data) {
  const std::string& name = table.file;
  const size_t width = 3 + 2 * static_cast<size_t>(dims);
  for (size_t k = 0; k < width; ++k)
    if (cell_text(row, k).empty())
      csv_fail(name, row, static_cast<int>(k) + 1, "actors[" + std::to_string(r) + "]",
               "expected " + std::to_string(width) + " fields (name, description, capability, " +
                   "then position and salience per dimension); field " + std::to_string(k + 1) +
                   " is empty or missing");
  for (size_t k = width; k < row.cells.size(); ++k)
    if (!row.cells[k].text.empty())
      csv_fail(name, row, static_cast<int>(k) + 1, "actors[" + std::to_string(r) + "]",
               "line " + std::to_string(row.line) + " has a value in field " +
                   std::to_string(k + 1) + " ('" + excerpt(row.cells[k].text) + "') after the " +
                   std::to_string(width) + " fields of an actor");
  KtabActor a;
  a.name = row.cells[0].text;
  a.description = row.cells[1].text;
  if (a.name.size() > 25)
    data.warnings.push_back("line " + std::to_string(row.line) + ": actor name '" +
                            excerpt(a.name) + "' is longer than KTAB's 25 characters");
  if (a.description.size() > 256)
    data.warnings.push_back("line " + std::to_string(row.line) +
                            ": description longer than KTAB's 256 characters");
  a.capability = cell_number(table, row, row.cells[2], "capability");
  for (int d = 0; d < dims; ++d) {
    a.position.push_back(
        cell_number(table, row, row.cells[3 + 2 * d], data.dimensions[d] + " position"));
    a.salience.push_back(
        cell_number(table, row, row.cells[4 + 2 * d], data.dimensions[d] + " salience"));
  }
  check_actor(a, [&](int field, const std::string& message) {
    const int column = field == -1 ? 3 : field == -2 ? 0 : 4 + field;
    csv_fail(name, row, column, "actors[" + std::to_string(r) + "]",
             "actor '" + excerpt(a.name) + "': " + message);
  });
  return a;
}

}  // namespace

Scenario import_ktab_csv(std::string_view text, const std::string& name) {
  CsvTable table = parse_delimited(text, name, ',');
  if (table.rows.size() < 2)
    throw Error(SourceLocation{name, table.rows.empty() ? 1 : table.rows[0].line, 0, ""},
                "a KTAB CSV needs a scenario line, a header line and actor lines");
  table.header = 1;
  KtabData data;
  const auto [n, dims] = read_scenario_line(table, data);
  if (n > kMaxActors)
    data.warnings.push_back("KTAB accepts at most 250 actors; this file has " + std::to_string(n));
  const std::vector<std::string> use = read_ktab_header(table, dims, data);

  const int lines = static_cast<int>(table.rows.size()) - 2;
  if (lines != n)
    csv_fail(name, lines < n ? table.rows.back() : table.rows[2 + n], 0, "actors",
             "the scenario line announces " + std::to_string(n) + " actors but the file has " +
                 std::to_string(lines) + " actor lines");
  std::unordered_map<std::string_view, int> first_line;  // actor name, in the table -> line
  for (int r = 0; r < n; ++r) {
    const CsvRow& row = table.rows[2 + r];
    KtabActor a = read_ktab_actor(table, row, r, dims, data);
    if (auto [it, fresh] = first_line.emplace(row.cells[0].text, row.line); !fresh)
      csv_fail(name, row, 1, "actors[" + std::to_string(r) + "]",
               "actor '" + excerpt(a.name) + "' appears twice (first at line " +
                   std::to_string(it->second) + ")");
    data.actors.push_back(std::move(a));
  }
  std::vector<std::string> warnings;
  std::vector<ColumnUse> columns = column_uses(table, use, "", warnings);
  Scenario s = to_scenario(std::move(data), name);
  s.columns = std::move(columns);
  validate(s);
  return s;
}

bool looks_like_ktab_csv(std::string_view text) {
  // Scenario line with integer 3rd and 4th fields, then "Actor, Description".
  std::vector<std::string> lines;
  size_t at = 0;
  while (lines.size() < 2 && at < text.size()) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string line = trim(text.substr(at, end - at));
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);
    if (!line.empty()) lines.push_back(line);
    at = end + 1;
  }
  if (lines.size() < 2) return false;
  auto fields = [](const std::string& line) {
    std::vector<std::string> out;
    size_t from = 0;
    while (true) {
      size_t comma = line.find(',', from);
      std::string f =
          trim(line.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = trim(f.substr(1, f.size() - 2));
      out.push_back(f);
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
    return out;
  };
  const auto a = fields(lines[0]), b = fields(lines[1]);
  if (a.size() < 4 || b.size() < 5) return false;
  auto integer = [](const std::string& f) {
    int v = 0;
    auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    return ec == std::errc() && end == f.data() + f.size() && v > 0;
  };
  return integer(a[2]) && integer(a[3]) && lower(b[0]) == "actor" && lower(b[1]) == "description";
}

// ---- XML -----------------------------------------------------------------

namespace {

// Refuses more markup than limits::kNodes before pugixml builds its tree: the
// count of '<' and '=' bounds the count of elements, comments, instructions
// and attributes.
// pugixml expands no DTD entity (only &lt; &amp; ... and character references),
// so an entity bomb stays a short literal text.  O(size).
void check_xml_size(std::string_view text, const std::string& file) {
  check_input_size(text, file);
  std::size_t tags = 0;
  for (std::size_t at = text.find_first_of("<="); at != std::string_view::npos;
       at = text.find_first_of("<=", at + 1))
    if (++tags > limits::kNodes)
      limit_exceeded(
          SourceLocation{file, LineCounter(text).at(at).first, 0, ""},
          "the XML document has more than " + count_text(limits::kNodes) + " tags and attributes",
          count_text(limits::kNodes) + " values");
}

// The nesting depth of the parsed tree, walked without recursion; refuses
// more than limits::kDepth levels at the first node too deep.  O(nodes).
void check_xml_depth(const pugi::xml_document& doc, LineCounter& lines, const std::string& file) {
  int depth = 0;
  pugi::xml_node node = doc.first_child();
  while (node) {
    if (depth > limits::kDepth) {
      const auto [line, column] =
          lines.at(static_cast<size_t>(std::max<ptrdiff_t>(0, node.offset_debug())));
      limit_exceeded(SourceLocation{file, line, column, ""},
                     "XML nesting deeper than " + std::to_string(limits::kDepth) + " levels",
                     std::to_string(limits::kDepth) + " levels");
    }
    if (node.first_child()) {
      node = node.first_child();
      ++depth;
      continue;
    }
    while (node && !node.next_sibling()) {
      node = node.parent();
      --depth;
    }
    if (node) node = node.next_sibling();
  }
}

class XmlReader {
 public:
  XmlReader(std::string_view text, std::string file)
      : text_(text), file_(std::move(file)), lines_(text) {}

  Scenario read() {
    check_xml_size(text_, file_);
    const pugi::xml_parse_result parsed =
        doc_.load_buffer(text_.data(), text_.size(), pugi::parse_default);
    if (!parsed) {
      auto [line, column] = line_column(static_cast<size_t>(parsed.offset));
      throw Error(SourceLocation{file_, line, column, ""},
                  std::string("not well-formed XML: ") + parsed.description());
    }
    check_xml_depth(doc_, lines_, file_);
    const pugi::xml_node root = doc_.document_element();
    if (std::string(root.name()) != "Scenario") {
      if (std::string(root.name()) == "Workbook")
        fail(root, "/" + std::string(root.name()),
             "this is an Excel 'XML Spreadsheet 2003' file, not a KTAB scenario (KTAB's "
             "dummyData_3Dim.xml ships this way); use the CSV version");
      fail(root, "/" + std::string(root.name()),
           "expected a KTAB <Scenario> document, found <" + std::string(root.name()) + ">");
    }
    KtabData data;
    data.title = optional_text(root, "name");
    data.description = optional_text(root, "desc");
    Params params;
    read_seed(root, params, data);
    read_parameters(root, params, data);
    read_dimensions(root, data);
    read_actors(root, data);
    Scenario s = to_scenario(std::move(data), file_);
    s.model->params = params;
    read_ideal_adjustment(root, s);
    validate(s);
    return s;
  }

 private:
  std::pair<int, int> line_column(size_t offset) const { return lines_.at(offset); }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& path,
                         const std::string& message) const {
    auto [line, column] =
        line_column(node.offset_debug() >= 0 ? static_cast<size_t>(node.offset_debug()) : 0);
    throw Error(SourceLocation{file_, line, column, path}, message);
  }

  static std::string text_of(const pugi::xml_node& node) { return trim(node.child_value()); }

  std::string optional_text(const pugi::xml_node& parent, const char* name) const {
    const pugi::xml_node node = parent.child(name);
    return node ? text_of(node) : std::string();
  }

  double number(const pugi::xml_node& node, const std::string& path,
                const std::string& what) const {
    const std::string t = text_of(node);
    if (t.empty()) fail(node, path, "empty <" + std::string(node.name()) + ">: expected " + what);
    double v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v))
      fail(node, path, "expected " + what + ", found '" + excerpt(t) + "'");
    return v;
  }

  void read_seed(const pugi::xml_node& root, Params& params, KtabData& data) const {
    const pugi::xml_node node = root.child("prngSeed");
    if (!node) {
      data.warnings.push_back("no <prngSeed>: stochastic runs use the run's seed");
      return;
    }
    const std::string t = text_of(node);
    std::uint64_t seed = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), seed);
    if (t.empty() || t.size() > 20 || ec != std::errc() || end != t.data() + t.size())
      fail(
          node, "/Scenario/prngSeed",
          "expected an unsigned 64-bit decimal seed (up to 20 digits), found '" + excerpt(t) + "'");
    params["prng_seed"] = std::to_string(seed);
  }

  void read_parameters(const pugi::xml_node& root, Params& params, KtabData& data) const {
    const pugi::xml_node block = root.child("ModelParameters");
    if (!block) return;  // optional in the XSD: KTAB's defaults
    const auto& table = enum_spellings();
    for (const char* name : kParameterOrder) {
      const std::string path = std::string("/Scenario/ModelParameters/") + name;
      const pugi::xml_node node = block.child(name);
      if (!node) {
        data.warnings.push_back(path + " missing: KTAB's default used");
        continue;
      }
      const std::string value = text_of(node);
      const auto& accepted = table.at(name);
      const auto hit = accepted.find(value);
      if (hit == accepted.end()) {
        std::string list;
        for (const auto& [spelling, canonical] : accepted)
          list += (list.empty() ? "" : ", ") + spelling;
        fail(node, path, "unknown value '" + excerpt(value) + "'; expected one of: " + list);
      }
      params[name] = hit->second;
    }
    for (const pugi::xml_node& child : block.children())
      if (child.type() == pugi::node_element && !table.count(child.name()))
        data.warnings.push_back("/Scenario/ModelParameters/" + std::string(child.name()) +
                                " is not a KTAB parameter; ignored");
  }

  void read_dimensions(const pugi::xml_node& root, KtabData& data) const {
    const pugi::xml_node block = root.child("Dimensions");
    if (!block) return;  // taken from the first actor below
    int k = 0;
    for (const pugi::xml_node& node : block.children("dName")) {
      ++k;
      std::string label = text_of(node);
      if (label.empty()) {
        label = "Dimension " + std::to_string(k);
        data.warnings.push_back("/Scenario/Dimensions/dName[" + std::to_string(k) +
                                "] is empty; named '" + label + "'");
      }
      data.dimensions.push_back(label);
    }
    if (data.dimensions.empty())
      fail(block, "/Scenario/Dimensions", "expected at least one <dName>");
  }

  void read_actors(const pugi::xml_node& root, KtabData& data) const {
    const pugi::xml_node block = root.child("Actors");
    if (!block) fail(root, "/Scenario", "missing <Actors>");
    int r = 0;
    std::vector<pugi::xml_node> nodes;
    for (const pugi::xml_node& node : block.children("Actor")) nodes.push_back(node);
    if (static_cast<int>(nodes.size()) < kMinActors)
      fail(block, "/Scenario/Actors",
           "KTAB needs at least 3 actors, found " + std::to_string(nodes.size()));
    if (nodes.size() > static_cast<size_t>(kMaxActors))
      data.warnings.push_back("KTAB accepts at most 250 actors; this file has " +
                              std::to_string(nodes.size()));
    std::unordered_map<std::string, int> first;  // actor name -> its Actor[k]
    for (const pugi::xml_node& node : nodes) {
      ++r;
      const std::string path = "/Scenario/Actors/Actor[" + std::to_string(r) + "]";
      KtabActor a;
      const pugi::xml_node name = node.child("name");
      a.name = name ? text_of(name) : std::string();
      if (a.name.empty()) fail(name ? name : node, path + "/name", "an actor needs a name");
      if (auto [it, fresh] = first.emplace(a.name, r); !fresh)
        fail(name, path + "/name",
             "actor '" + excerpt(a.name) + "' appears twice (first as Actor[" +
                 std::to_string(it->second) + "])");
      a.description = optional_text(node, "description");
      const pugi::xml_node cap = node.child("capability");
      if (!cap) fail(node, path, "actor '" + excerpt(a.name) + "' has no <capability>");
      a.capability =
          number(cap, path + "/capability", "a capability for actor '" + excerpt(a.name) + "'");
      a.position = read_vector(node, path, a.name, "Position", "dCoord", data);
      a.salience = read_vector(node, path, a.name, "Salience", "dSal", data);
      check_actor(a, [&](int field, const std::string& message) {
        std::string at = path + "/capability";
        if (field >= 0)
          at = path + (field % 2 == 0 ? "/Position/dCoord[" : "/Salience/dSal[") +
               std::to_string(field / 2 + 1) + "]";
        if (field == -2) at = path + "/Salience";
        fail(node, at, "actor '" + excerpt(a.name) + "': " + message);
      });
      data.actors.push_back(std::move(a));
    }
  }

  std::vector<double> read_vector(const pugi::xml_node& actor, const std::string& path,
                                  const std::string& name, const char* block_name, const char* item,
                                  KtabData& data) const {
    const pugi::xml_node block = actor.child(block_name);
    const std::string bpath = path + "/" + block_name;
    if (!block) fail(actor, bpath, "actor '" + excerpt(name) + "' has no <" + block_name + ">");
    std::vector<double> out;
    int k = 0;
    for (const pugi::xml_node& node : block.children(item)) {
      ++k;
      const std::string ipath = bpath + "/" + item + "[" + std::to_string(k) + "]";
      if (text_of(node).empty()) {
        std::string hint;
        if (std::string(item) == "dCoord")
          hint =
              " (KTAB's shipped smpExample.xml has this defect; smpExample_fixed.xml fills "
              "the value)";
        fail(node, ipath, "actor '" + excerpt(name) + "' has an empty <" + item + ">" + hint);
      }
      out.push_back(number(node, ipath, std::string("a number for actor '") + excerpt(name) + "'"));
    }
    if (data.dimensions.empty()) {  // no <Dimensions>: the first actor decides
      for (size_t d = 0; d < out.size(); ++d)
        data.dimensions.push_back("Dimension " + std::to_string(d + 1));
      data.warnings.push_back("no <Dimensions>: " + std::to_string(out.size()) +
                              " dimensions named 'Dimension 1', ...");
    }
    if (out.size() != data.dimensions.size())
      fail(block, bpath,
           "actor '" + excerpt(name) + "' has " + std::to_string(out.size()) + " <" + item +
               "> values for " + std::to_string(data.dimensions.size()) + " dimensions");
    return out;
  }

  void read_ideal_adjustment(const pugi::xml_node& root, Scenario& s) const {
    const pugi::xml_node block = root.child("IdealAdjustment");
    if (!block) return;                                       // optional (8.2): identity
    std::unordered_map<std::string, std::string> id_by_name;  // names are unique (read_actors)
    for (const Actor& a : s.actors) id_by_name.emplace(a.name, a.id);
    auto id_of = [&](const pugi::xml_node& node, const std::string& path) {
      const std::string name = node ? text_of(node) : std::string();
      const auto it = id_by_name.find(name);
      if (it == id_by_name.end())
        fail(node ? node : block, path, "unknown actor '" + excerpt(name) + "'");
      return it->second;
    };
    Node list = Node::list();
    list.loc = SourceLocation{file_, 0, 0, "smp.ideal_adjustment"};
    std::map<std::string, double> row_sum;
    std::set<std::pair<std::string, std::string>> seen;
    int k = 0;
    for (const pugi::xml_node& pair : block.children("iaPair")) {
      ++k;
      const std::string path = "/Scenario/IdealAdjustment/iaPair[" + std::to_string(k) + "]";
      const std::string actor = id_of(pair.child("adjustingIdeal"), path + "/adjustingIdeal");
      const std::string reference = id_of(pair.child("referencePos"), path + "/referencePos");
      const pugi::xml_node adjust = pair.child("adjust");
      if (!adjust) fail(pair, path, "missing <adjust>");
      const double w = number(adjust, path + "/adjust", "an adjustment in [0, 1]");
      if (w < 0 || w > 1)
        fail(adjust, path + "/adjust", "adjust must be in [0, 1], found " + format_number(w));
      if (!seen.insert({actor, reference}).second)
        fail(pair, path,
             "the pair (" + excerpt(actor) + ", " + excerpt(reference) + ") is listed twice");
      row_sum[actor] += w;
      Node item = Node::map();
      item.loc = SourceLocation{file_, line_column(static_cast<size_t>(pair.offset_debug())).first,
                                0, "smp.ideal_adjustment[" + std::to_string(k - 1) + "]"};
      item.add("actor", Node::scalar(actor, true));
      item.add("reference", Node::scalar(reference, true));
      item.add("adjust", Node::number(w));
      list.push(std::move(item));
    }
    // Unlisted diagonal entries keep the identity value 1 (4.4).
    for (const auto& [actor, sum] : row_sum) {
      const double total = seen.count({actor, actor}) ? sum : sum + 1.0;
      if (total > 1 + 1e-9)
        fail(block, "/Scenario/IdealAdjustment",
             "the adjustments of actor '" + actor + "' sum to " + format_number(total) +
                 " (more than 1; an unlisted self-adjustment counts as 1)");
    }
    Node section = Node::map();
    section.loc = SourceLocation{file_, 0, 0, "smp"};
    section.add("ideal_adjustment", std::move(list));
    s.sections.emplace_back("smp", std::move(section));
  }

  std::string_view text_;
  std::string file_;
  mutable LineCounter lines_;  // error positions; queries in document order
  pugi::xml_document doc_;
};

}  // namespace

Scenario import_ktab_xml(std::string_view text, const std::string& name) {
  return XmlReader(text, name).read();
}

bool looks_like_ktab_xml(std::string_view text) {
  const size_t start = text.find('<');
  if (start == std::string_view::npos || start > 16) return false;
  const std::string_view head = text.substr(0, 4096);
  return head.find("<Scenario") != std::string_view::npos;
}

}  // namespace parley::io
