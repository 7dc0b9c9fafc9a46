// The `mc` and `sensitivity` documents: ensembles and sensitivity analyses
// (docs/result-format.md, docs/ensembles.md).
#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "io/csv_write.h"
#include "io/output_writers.h"
#include "io/text_table.h"
#include "parley/questions.h"

namespace parley::output {

namespace {

Json fan_points(const std::vector<ensemble::FanPoint>& fan, size_t issues, size_t issue,
                int rounds) {
  Json out = Json::array();
  for (int r = 0; r <= rounds; ++r) {
    const auto& p = fan[static_cast<size_t>(r) * issues + issue];
    out.push_back(
        {{"round", r},
         {"quantiles",
          quantiles_json(
              {{0.05, p.q05}, {0.25, p.q25}, {0.5, p.q50}, {0.75, p.q75}, {0.95, p.q95}})}});
  }
  return out;
}

Json histogram_json(const ensemble::IssueSummary& s) {
  Json edges = Json::array();
  const size_t bins = s.histogram.size();
  for (size_t k = 0; k <= bins; ++k)
    edges.push_back(s.lo + (s.hi - s.lo) * static_cast<double>(k) / static_cast<double>(bins));
  return {{"edges", edges}, {"counts", s.histogram}};
}

Json mc_issue(const ensemble::Plan& plan, const ensemble::Summary& summary, size_t i) {
  const auto& s = summary.issues[i];
  Json regions = Json::array();
  for (const auto& r : s.regions)
    regions.push_back({{"name", r.name},
                       {"lo", number(r.lo)},
                       {"hi", number(r.hi)},
                       {"probability", number(r.probability)}});
  Json status = Json::object();
  for (const auto& [flag, count] : s.status) status[flag] = count;
  Json out = {{"issue", s.issue},
              {"name", i < plan.frames.size() ? plan.frames[i].name : std::string()},
              {"lo", number(s.lo)},
              {"hi", number(s.hi)},
              {"n", s.n},
              {"mean", number(s.mean)},
              {"sd", number(s.sd)},
              {"min", number(s.min)},
              {"max", number(s.max)},
              {"quantiles",
               quantiles_json(
                   {{0.05, s.q05}, {0.25, s.q25}, {0.5, s.median}, {0.75, s.q75}, {0.95, s.q95}})},
              {"histogram", histogram_json(s)},
              {"regions", regions},
              {"status", status}};
  if (s.inputs_only) {  // the numbers above include the model's error
    const auto& inputs = *s.inputs_only;
    Json probabilities = Json::array();
    for (double p : inputs.region_probability) probabilities.push_back(number(p));
    out["inputs_only"] = {
        {"mean", number(inputs.mean)},
        {"quantiles",
         quantiles_json({{0.05, inputs.q05}, {0.5, inputs.median}, {0.95, inputs.q95}})},
        {"region_probabilities", std::move(probabilities)}};
  }
  if (summary.dynamic) {
    const size_t issues = summary.issues.size();
    out["fan"] = {{"median", fan_points(summary.fan.median, issues, i, summary.fan.rounds)},
                  {"mean", fan_points(summary.fan.mean, issues, i, summary.fan.rounds)}};
  }
  return out;
}

Json input_json(const ensemble::Input& input) {
  return {{"label", input.label},
          {"actor", input.actor},
          {"issue", input.issue},
          {"field", input.field},
          {"distribution", input.value.describe()}};
}

}  // namespace

Json mc_answers(const Scenario& scenario, const ensemble::Summary& summary,
                const std::vector<Answer>& nominal) {
  Json out = Json::array();
  for (size_t k = 0; k < scenario.questions.size(); ++k) {
    const Question& q = scenario.questions[k];
    Json answer = {{"id", q.id}, {"text", q.text}, {"quantity", q.quantity}};
    const std::string prefix = "forecast.";
    const ensemble::IssueSummary* issue = nullptr;
    if (q.quantity.rfind(prefix, 0) == 0)
      for (const auto& s : summary.issues)
        if (s.issue == q.quantity.substr(prefix.size())) issue = &s;
    if (issue) {  // over the draws: the mean and the central 90%
      answer["value"] = number(issue->mean);
      answer["lo"] = number(issue->q05);
      answer["hi"] = number(issue->q95);
      answer["basis"] = "draws";
    } else {  // a quantity draws do not keep: its value at the nominal inputs
      const auto& value = k < nominal.size() ? nominal[k].value : std::nullopt;
      answer["value"] = value ? number(*value) : Json(nullptr);
      answer["basis"] = "nominal run";
    }
    answer["rule"] = q.rule;
    answer["date"] = q.date;
    out.push_back(std::move(answer));
  }
  return out;
}

Json mc_document(const ensemble::Plan& plan, const ensemble::Summary& s) {
  Json out = detail::plan_envelope("mc", plan);
  out["draws"] = s.draws;
  out["noise"] = s.noise;
  out["dynamic"] = s.dynamic;
  size_t uncertain = 0;
  for (const auto& input : plan.inputs) uncertain += input.uncertain ? 1 : 0;
  out["uncertain_inputs"] = uncertain;
  Json issues = Json::array();
  for (size_t i = 0; i < s.issues.size(); ++i) issues.push_back(mc_issue(plan, s, i));
  out["issues"] = std::move(issues);
  Json quantities = Json::array();
  for (const auto& q : s.quantities)
    quantities.push_back(
        {{"name", q.name},
         {"n", q.n},
         {"mean", number(q.mean)},
         {"sd", number(q.sd)},
         {"quantiles",
          quantiles_json(
              {{0.05, q.q05}, {0.25, q.q25}, {0.5, q.median}, {0.75, q.q75}, {0.95, q.q95}})}});
  out["quantities"] = std::move(quantities);
  if (s.dynamic) {
    Json counts = Json::object();
    for (const auto& [rounds, count] : s.rounds_histogram) counts[std::to_string(rounds)] = count;
    out["rounds"] = {
        {"mean", number(s.rounds_mean)},
        {"quantiles",
         quantiles_json({{0.05, s.rounds_q05}, {0.5, s.rounds_median}, {0.95, s.rounds_q95}})},
        {"counts", counts}};
  }
  out["notes"] = s.notes;
  return out;
}

namespace {

// The tornado of target t (an issue's forecast or a quantity), under `key`.
Json tornado_target(const ensemble::Plan& plan, const ensemble::Tornado& tornado, size_t t,
                    const char* key, const std::string& name) {
  Json bars = Json::array();
  std::vector<double> swing(plan.inputs.size(), 0.0);
  for (const auto* bar : ensemble::ranked(tornado, static_cast<int>(t))) {
    Json b = input_json(plan.inputs[bar->input]);
    b["low_value"] = number(bar->low_value);
    b["high_value"] = number(bar->high_value);
    b["low"] = number(bar->low[t]);
    b["high"] = number(bar->high[t]);
    b["swing"] = number(std::abs(bar->high[t] - bar->low[t]));
    swing[bar->input] = std::abs(bar->high[t] - bar->low[t]);
    bars.push_back(b);
  }
  Json actors = Json::array();
  for (const auto& [actor, score] : ensemble::by_actor(plan, swing))
    actors.push_back({{"actor", actor}, {"swing", number(score)}});
  return {{key, name}, {"base", number(tornado.base[t])}, {"bars", bars}, {"actors", actors}};
}

// `issues` (target i = issue i) and `quantities` (target I + q = quantity q)
// of a sensitivity document, each entry made by `target(t, key, name)`.
template <class Target>
void add_targets(Json& out, const ensemble::Plan& plan, const Target& target) {
  Json issues = Json::array(), quantities = Json::array();
  const size_t count = plan.issue_ids.size();
  for (size_t i = 0; i < count; ++i) issues.push_back(target(i, "issue", plan.issue_ids[i]));
  for (size_t q = 0; q < plan.quantity_names.size(); ++q)
    quantities.push_back(target(count + q, "quantity", plan.quantity_names[q]));
  out["issues"] = std::move(issues);
  out["quantities"] = std::move(quantities);
  out["notes"] = Json::array();
}

}  // namespace

Json tornado_document(const ensemble::Plan& plan, const ensemble::Tornado& tornado) {
  Json out = detail::plan_envelope("sensitivity", plan);
  out["method"] = "oat";
  add_targets(out, plan, [&](size_t t, const char* key, const std::string& name) {
    return tornado_target(plan, tornado, t, key, name);
  });
  return out;
}

namespace {

// The Sobol indices of target t (an issue's forecast or a quantity), under `key`.
Json sobol_target(const ensemble::Plan& plan, const ensemble::Sobol& sobol, size_t t,
                  const char* key, const std::string& name) {
  Json indices = Json::array();
  std::vector<double> total(plan.inputs.size(), 0.0);
  for (const auto& index : sobol.indices) {
    Json x = input_json(plan.inputs[index.input]);
    x["first"] = number(index.first[t]);
    x["first_ci"] = {number(index.first_lo[t]), number(index.first_hi[t])};
    x["total"] = number(index.total[t]);
    x["total_ci"] = {number(index.total_lo[t]), number(index.total_hi[t])};
    total[index.input] = index.total[t];
    indices.push_back(x);
  }
  Json actors = Json::array();
  for (const auto& [actor, score] : ensemble::by_actor(plan, total))
    actors.push_back({{"actor", actor}, {"total", number(score)}});
  return {{key, name},
          {"variance", number(sobol.variance[t])},
          {"indices", indices},
          {"actors", actors}};
}

}  // namespace

Json sobol_document(const ensemble::Plan& plan, const ensemble::Sobol& sobol) {
  Json out = detail::plan_envelope("sensitivity", plan);
  out["method"] = "sobol";
  out["samples"] = sobol.samples;
  out["evaluations"] = sobol.evaluations;
  out["confidence"] = sobol.confidence;
  add_targets(out, plan, [&](size_t t, const char* key, const std::string& name) {
    return sobol_target(plan, sobol, t, key, name);
  });
  return out;
}

namespace detail {

Json plan_envelope(std::string_view kind, const ensemble::Plan& plan) {
  Json out = envelope(kind);
  out["model"] = plan.model->name;
  out["params"] = params_json(plan.params);
  out["seed"] = plan.options.seed;
  return out;
}

namespace {

std::string fmt_num(const Json& v, int precision = 2) {
  if (!v.is_number()) return "-";
  if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(v.get<long long>());
  return fmt::format("{:.{}f}", v.get<double>(), precision);
}

std::string fmt_num(double v, int precision = 2) {
  return std::isfinite(v) ? fmt::format("{:.{}f}", v, precision) : std::string("-");
}

// Shortest form that reads back to the same number: bounds as the user wrote them.
std::string compact(const Json& v) {
  if (!v.is_number()) return "-";
  return fmt::format("{}", v.get<double>());
}

// A one-line histogram with eight bar heights, at most 40 characters:
// neighbouring bins are added up when there are more (bins chosen from the
// draws may number up to 400).
std::string sparkline(const Json& bins) {
  static const char* levels[] = {" ",      "\u2581", "\u2582", "\u2583", "\u2584",
                                 "\u2585", "\u2586", "\u2587", "\u2588"};
  constexpr std::size_t kWidth = 40;
  const std::size_t group = std::max<std::size_t>(1, (bins.size() + kWidth - 1) / kWidth);
  std::vector<unsigned long long> counts((bins.size() + group - 1) / group, 0);
  for (std::size_t k = 0; k < bins.size(); ++k)
    counts[k / group] += bins[k].get<unsigned long long>();
  unsigned long long top = 0;
  for (auto c : counts) top = std::max(top, c);
  std::string out;
  for (auto v : counts) {
    int level =
        top == 0
            ? 0
            : static_cast<int>(std::ceil(8.0 * static_cast<double>(v) / static_cast<double>(top)));
    out += levels[std::clamp(level, 0, 8)];
  }
  return out;
}

// "[lo, hi)" or "[lo, hi]" for a range that reaches the top of the scale.
std::string range_text(const Json& region, double top) {
  const double hi = num(region, "hi");
  return "[" + compact(region["lo"]) + ", " + compact(region["hi"]) + (hi >= top ? "]" : ")");
}

}  // namespace

std::string mc_table(const Json& s, const TableOptions&) {
  const double noise = num(s, "noise");
  std::string out = fmt::format(
      "{} draws of {}, seed {}, {} uncertain inputs{}\n\n", s["draws"].get<unsigned long long>(),
      str(s, "model"), s["seed"].get<unsigned long long>(), s.value("uncertain_inputs", 0ULL),
      noise > 0 ? fmt::format(", noise {}", noise) : std::string());
  // The answers to the scenario's questions come first (docs/scenario-format.md).
  if (const std::string answers = answers_text(s.value("questions", Json())); !answers.empty())
    out = answers + "\n" + out;
  if (s.contains("calibration"))
    out.insert(out.size() - 1, str(s["calibration"], "label") +
                                   "\n(inputs alone: --calibration none; docs/calibration.md)\n");
  out += fmt::format("{:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "issue", "mean", "sd",
                     "5%", "25%", "median", "75%", "95%");
  for (const auto& is : s["issues"]) {
    const Json& q = is["quantiles"];
    out += fmt::format("{:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", str(is, "issue"),
                       fmt_num(is["mean"]), fmt_num(is["sd"]), fmt_num(quantile_at(q, 0.05)),
                       fmt_num(quantile_at(q, 0.25)), fmt_num(quantile_at(q, 0.5)),
                       fmt_num(quantile_at(q, 0.75)), fmt_num(quantile_at(q, 0.95)));
  }
  if (s.contains("quantities") && !s["quantities"].empty()) {
    out += fmt::format("\n{:<30} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "quantity", "mean",
                       "sd", "5%", "25%", "median", "75%", "95%");
    for (const auto& x : s["quantities"]) {
      const Json& q = x["quantiles"];
      out +=
          fmt::format("{:<30} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", str(x, "name"),
                      fmt_num(x["mean"], 3), fmt_num(x["sd"], 3), fmt_num(quantile_at(q, 0.05), 3),
                      fmt_num(quantile_at(q, 0.25), 3), fmt_num(quantile_at(q, 0.5), 3),
                      fmt_num(quantile_at(q, 0.75), 3), fmt_num(quantile_at(q, 0.95), 3));
    }
  }
  for (const auto& is : s["issues"]) {
    out += fmt::format("\n{} [{} .. {}]  |{}|\n", str(is, "issue"), compact(is["lo"]),
                       compact(is["hi"]), sparkline(is["histogram"]["counts"]));
    for (const auto& r : is["regions"])
      out +=
          io::wrapped_text(" ",
                           fmt::format("P({} in {}) = {}", str(r, "name"),
                                       range_text(r, num(is, "hi")), fmt_num(r["probability"], 3)),
                           100, 4);
    for (const auto& [flag, count] : is["status"].items())
      if (flag != "ok") out += fmt::format("  status {}: {} draws\n", flag, fmt_num(count));
  }
  if (s.contains("rounds")) {
    const auto& r = s["rounds"];
    const Json& q = r["quantiles"];
    out += fmt::format("\nrounds: mean {}, median {}, 5%-95% {}-{}\n", fmt_num(r["mean"]),
                       fmt_num(quantile_at(q, 0.5), 0), fmt_num(quantile_at(q, 0.05), 0),
                       fmt_num(quantile_at(q, 0.95), 0));
  }
  for (const auto& note : s["notes"]) out += "note: " + note.get<std::string>() + "\n";
  return out;
}

std::string mc_csv(const Json& s) {
  std::string out = "issue,n,mean,sd,min,q05,q25,median,q75,q95,max\n";
  for (const auto& is : s["issues"]) {
    const Json& q = is["quantiles"];
    out += io::csv_field(str(is, "issue")) + "," + std::to_string(is["n"].get<std::uint64_t>());
    for (double v : {num(is, "mean"), num(is, "sd"), num(is, "min"), quantile_at(q, 0.05),
                     quantile_at(q, 0.25), quantile_at(q, 0.5), quantile_at(q, 0.75),
                     quantile_at(q, 0.95), num(is, "max")})
      out += "," + io::csv_number(v);
    out += "\n";
  }
  return out;
}

// A label cut to `width` columns by dropping its middle ("hungary_slo...
// ...zaporizhzhia"): both the actor and the issue stay readable.
std::string fitted_label(const std::string& label, size_t width) {
  if (io::display_width(label) <= width || width < 8 || label.size() != io::display_width(label))
    return label;
  const size_t head = (width - 3) / 2;
  return label.substr(0, head) + "..." + label.substr(label.size() - (width - 3 - head));
}

// Rows under a header as aligned columns within 100 columns: the first
// (label) column gives up what the others need.
std::string fitted_rows(std::vector<std::vector<std::string>> rows) {
  size_t others = 0;
  for (size_t c = 1; c < rows.front().size(); ++c) {
    size_t w = 0;
    for (const auto& row : rows) w = std::max(w, io::display_width(row[c]));
    others += w + 2;
  }
  const size_t room = others < 100 ? 100 - others : 8;
  for (auto& row : rows) row[0] = fitted_label(row[0], room);
  return io::aligned(rows);
}

std::string interval_cell(const Json& ci) {
  return "[" + fmt_num(ci[0], 3) + ", " + fmt_num(ci[1], 3) + "]";
}

// One issue of a sensitivity analysis: the `top` inputs that move it most
// (all with top = 0), the rest summed up in one line, and a hint when
// nothing moves it.
std::string sensitivity_issue(const Json& is, bool sobol, size_t top) {
  std::vector<const Json*> entries;
  for (const auto& x : is[sobol ? "indices" : "bars"]) entries.push_back(&x);
  // Tornado bars come ranked by swing; Sobol indices in input order.
  if (sobol)
    std::stable_sort(entries.begin(), entries.end(), [](const Json* a, const Json* b) {
      return num(*a, "total") > num(*b, "total");
    });
  const char* key = sobol ? "total" : "swing";
  size_t moving = 0;
  double first_sum = 0;
  for (const Json* x : entries) {
    moving += num(*x, key) > 0;
    if (sobol && std::isfinite(num(*x, "first"))) first_sum += num(*x, "first");
  }
  if (entries.empty() || moving == 0)
    return "no input moves this issue: no uncertain input, or none that matters (give ranges, "
           "or see --noise)\n";
  const size_t shown = top == 0 ? entries.size() : std::min(top, entries.size());
  std::vector<std::vector<std::string>> rows;
  if (sobol)
    rows.push_back({"input", "first", "ci", "total", "ci"});
  else
    rows.push_back({"input", "low", "high", "at low", "at high", "swing"});
  for (size_t k = 0; k < shown; ++k) {
    const Json& x = *entries[k];
    if (sobol)
      rows.push_back({str(x, "label"), fmt_num(x["first"], 3), interval_cell(x["first_ci"]),
                      fmt_num(x["total"], 3), interval_cell(x["total_ci"])});
    else
      rows.push_back({str(x, "label"), fmt_num(x["low_value"]), fmt_num(x["high_value"]),
                      fmt_num(x["low"]), fmt_num(x["high"]), fmt_num(x["swing"])});
  }
  std::string out = fitted_rows(rows);
  const size_t rest = entries.size() - shown;
  double largest_rest = 0;
  for (size_t k = shown; k < entries.size(); ++k)
    largest_rest = std::max(largest_rest, num(*entries[k], key));
  std::string total = fmt::format("{} inputs, {} of them move it", entries.size(), moving);
  if (sobol) total += fmt::format("; first-order indices sum to {}", fmt_num(first_sum, 3));
  if (rest > 0)
    total += fmt::format("; {} more, {} at most {} (--all)", rest, sobol ? "total" : "swing",
                         fmt_num(largest_rest, 3));
  return out + io::wrapped_text("total:", total, 100, 6);
}

std::string sensitivity_table(const Json& s, const TableOptions& options) {
  std::string out;
  const bool sobol = str(s, "method") == "sobol";
  if (sobol)
    out += fmt::format("Sobol indices, {} samples ({} model runs), {:.0f}% confidence intervals\n",
                       s["samples"].get<unsigned long long>(),
                       s["evaluations"].get<unsigned long long>(), num(s, "confidence") * 100);
  else
    out += "One-at-a-time (tornado): each uncertain input at its low and high value\n";
  // One block per target: each issue, then each headline quantity.
  auto block = [&](const Json& is, const std::string& heading) {
    out += "\n" + heading;
    if (sobol)
      out += fmt::format(" (variance {})\n", fmt_num(is["variance"], 4));
    else
      out += fmt::format(" (nominal forecast {})\n", fmt_num(is["base"]));
    out += sensitivity_issue(is, sobol, options.all ? 0 : 10);
    std::vector<std::string> actors;
    for (const auto& a : is["actors"]) {
      if (actors.size() == 5) break;
      actors.push_back(
          fmt::format("{} ({})", str(a, "actor"), fmt_num(sobol ? a["total"] : a["swing"], 3)));
    }
    if (!actors.empty()) out += io::wrapped("actors whose inputs move it most:", actors);
  };
  for (const auto& is : s["issues"]) block(is, "issue " + str(is, "issue"));
  if (s.contains("quantities"))
    for (const auto& q : s["quantities"]) block(q, "quantity " + str(q, "quantity"));
  return out + wrapped_notes(s["notes"]);
}

std::string sensitivity_csv(const Json& s) {
  const bool sobol = str(s, "method") == "sobol";
  std::string out = sobol ? "issue,input,first,first_lo,first_hi,total,total_lo,total_hi\n"
                          : "issue,input,low_value,high_value,low,high,swing\n";
  // Issues, then headline quantities (named in the issue column).
  Json targets = s["issues"];
  if (s.contains("quantities"))
    for (const auto& q : s["quantities"]) targets.push_back(q);
  for (const auto& is : targets) {
    const std::string issue =
        io::csv_field(is.contains("issue") ? str(is, "issue") : str(is, "quantity"));
    for (const auto& x : is[sobol ? "indices" : "bars"]) {
      out += issue + "," + io::csv_field(str(x, "label"));
      if (sobol) {
        for (double v :
             {num(x, "first"), x["first_ci"][0].is_number() ? x["first_ci"][0].get<double>() : NAN,
              x["first_ci"][1].is_number() ? x["first_ci"][1].get<double>() : NAN, num(x, "total"),
              x["total_ci"][0].is_number() ? x["total_ci"][0].get<double>() : NAN,
              x["total_ci"][1].is_number() ? x["total_ci"][1].get<double>() : NAN})
          out += "," + io::csv_number(v);
      } else {
        for (const char* key : {"low_value", "high_value", "low", "high", "swing"})
          out += "," + io::csv_number(num(x, key));
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace detail

}  // namespace parley::output
