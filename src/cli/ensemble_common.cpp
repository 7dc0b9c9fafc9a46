#include "cli/ensemble_common.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <thread>

#include "parley/error.h"
#include "parley/io.h"

namespace parley::cli {

void add_ensemble_options(CLI::App& command, EnsembleArgs& args, bool scenario_required) {
  auto* scenario = command.add_option("scenario", args.scenario, "Scenario file");
  if (scenario_required) scenario->required();
  command.add_option("-m,--model", args.model, "Model (default: the scenario's model section)");
  command.add_option("--set", args.settings, "Model parameter name=value (repeatable)");
  command.add_option("--seed", args.seed, "Master seed")->capture_default_str();
  command.add_option("--threads", args.threads, "Worker threads (0 = all hardware threads)")
      ->capture_default_str();
  command
      .add_option("--noise", args.noise,
                  "Relative noise: certain inputs drawn from normal(v, R*|v|), truncated")
      ->capture_default_str();
  command.add_option("--store", args.store, "Run store (SQLite)")->capture_default_str();
  command.add_flag("--no-store", args.no_store, "Do not record the run");
  command.add_flag("-q,--quiet", args.quiet, "No progress bar or notes on stderr");
  command.add_option("--format", args.format, "Output: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
}

Prepared prepare_text(const std::string& canonical, const std::string& origin) {
  Prepared out;
  out.canonical = canonical;
  out.sha256 = store::sha256_hex(canonical);
  out.origin = origin;
  out.scenario = parse_scenario(canonical, origin, Format::yaml);
  return out;
}

Prepared prepare_file(const std::string& path) {
  Scenario loaded = load_scenario(path);
  return prepare_text(to_yaml(loaded), path);
}

void choose_model(const Scenario& scenario, const EnsembleArgs& args, ensemble::Options& options) {
  options.model = args.model;
  if (options.model.empty() && scenario.model) options.model = scenario.model->name;
  if (options.model.empty())
    throw Error("no model: give --model NAME or a `model:` section in the scenario");
  options.params.clear();
  if (scenario.model && scenario.model->name == options.model)
    options.params = scenario.model->params;
  for (const auto& setting : args.settings) {
    auto [name, value] = parse_setting(setting);
    options.params[name] = value;
  }
}

int thread_count(int requested) {
  if (requested > 0) return requested;
  unsigned hardware = std::thread::hardware_concurrency();
  return hardware == 0 ? 1 : static_cast<int>(hardware);
}

Progress::Progress(bool quiet, std::string unit)
    : enabled_(!quiet && isatty(STDERR_FILENO) == 1),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { finish(); }

void Progress::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double share = static_cast<double>(done) / static_cast<double>(total);
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(share * kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  std::string eta = "--:--";
  if (rate > 0 && done < total) {
    auto left = static_cast<long>((static_cast<double>(total - done)) / rate);
    eta = fmt::format("{}:{:02}", left / 60, left % 60);
  } else if (done >= total) {
    eta = "0:00";
  }
  std::fprintf(stderr, "\r[%s] %3.0f%% %llu/%llu %s  %.0f/s  ETA %s ", bar.c_str(), share * 100,
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
               unit_.c_str(), rate, eta.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

namespace {

using nlohmann::json;

std::string num(const json& v, int precision = 2) {
  if (v.is_null()) return "-";
  if (v.is_number_integer() || v.is_number_unsigned()) return std::to_string(v.get<long long>());
  return fmt::format("{:.{}f}", v.get<double>(), precision);
}

// Shortest form that reads back to the same number: bounds as the user wrote them.
std::string compact(const json& v) {
  if (v.is_null()) return "-";
  return fmt::format("{}", v.get<double>());
}

// A one-line histogram with eight bar heights.
std::string sparkline(const json& counts) {
  static const char* levels[] = {" ",      "\u2581", "\u2582", "\u2583", "\u2584",
                                 "\u2585", "\u2586", "\u2587", "\u2588"};
  unsigned long long top = 0;
  for (const auto& c : counts) top = std::max(top, c.get<unsigned long long>());
  std::string out;
  for (const auto& c : counts) {
    auto v = c.get<unsigned long long>();
    int level =
        top == 0
            ? 0
            : static_cast<int>(std::ceil(8.0 * static_cast<double>(v) / static_cast<double>(top)));
    out += levels[std::clamp(level, 0, 8)];
  }
  return out;
}

}  // namespace

std::string summary_table(const std::string& summary_json) {
  json s = json::parse(summary_json);
  std::string out =
      fmt::format("{} draws of {}, seed {}, {} uncertain inputs{}\n\n",
                  s["draws"].get<unsigned long long>(), s["model"].get<std::string>(),
                  s["seed"].get<unsigned long long>(), s.value("uncertain_inputs", 0ULL),
                  s["noise"].get<double>() > 0 ? fmt::format(", noise {}", s["noise"].get<double>())
                                               : std::string());
  out += fmt::format("{:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n", "issue", "mean", "sd",
                     "5%", "25%", "median", "75%", "95%");
  for (const auto& is : s["issues"]) {
    out +=
        fmt::format("{:<16} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}\n",
                    is["issue"].get<std::string>(), num(is["mean"]), num(is["sd"]), num(is["q05"]),
                    num(is["q25"]), num(is["median"]), num(is["q75"]), num(is["q95"]));
  }
  for (const auto& is : s["issues"]) {
    out += fmt::format("\n{} [{} .. {}]  |{}|\n", is["issue"].get<std::string>(), compact(is["lo"]),
                       compact(is["hi"]), sparkline(is["histogram"]));
    for (const auto& r : is["regions"])
      out += fmt::format("  P({} in [{}, {}]) = {}\n", r["name"].get<std::string>(),
                         compact(r["lo"]), compact(r["hi"]), num(r["probability"], 3));
    for (const auto& [flag, count] : is["status"].items())
      if (flag != "ok") out += fmt::format("  status {}: {} draws\n", flag, num(count));
  }
  if (s.contains("rounds")) {
    const auto& r = s["rounds"];
    out += fmt::format("\nrounds: mean {}, median {}, 5%-95% {}-{}\n", num(r["mean"]),
                       num(r["median"], 0), num(r["q05"], 0), num(r["q95"], 0));
  }
  for (const auto& note : s["notes"]) out += "note: " + note.get<std::string>() + "\n";
  return out;
}

std::string sensitivity_table(const std::string& result_json) {
  json s = json::parse(result_json);
  std::string out;
  bool sobol = s["method"] == "sobol";
  if (sobol)
    out += fmt::format("Sobol indices, {} samples ({} model runs), {:.0f}% confidence intervals\n",
                       s["samples"].get<unsigned long long>(),
                       s["evaluations"].get<unsigned long long>(),
                       s["confidence"].get<double>() * 100);
  else
    out += "One-at-a-time (tornado): each uncertain input at its low and high value\n";
  for (const auto& is : s["issues"]) {
    out += fmt::format("\nissue {}", is["issue"].get<std::string>());
    if (sobol) {
      out += fmt::format(" (variance {})\n", num(is["variance"], 4));
      out +=
          fmt::format("{:<36} {:>7} {:>17} {:>7} {:>17}\n", "input", "first", "ci", "total", "ci");
      for (const auto& x : is["indices"])
        out += fmt::format("{:<36} {:>7} {:>17} {:>7} {:>17}\n", x["label"].get<std::string>(),
                           num(x["first"], 3),
                           "[" + num(x["first_ci"][0], 3) + ", " + num(x["first_ci"][1], 3) + "]",
                           num(x["total"], 3),
                           "[" + num(x["total_ci"][0], 3) + ", " + num(x["total_ci"][1], 3) + "]");
    } else {
      out += fmt::format(" (nominal forecast {})\n", num(is["base"]));
      out += fmt::format("{:<36} {:>9} {:>9} {:>9} {:>9} {:>8}\n", "input", "low", "high", "at low",
                         "at high", "swing");
      for (const auto& b : is["bars"])
        out += fmt::format("{:<36} {:>9} {:>9} {:>9} {:>9} {:>8}\n", b["label"].get<std::string>(),
                           num(b["low_value"]), num(b["high_value"]), num(b["low"]), num(b["high"]),
                           num(b["swing"]));
    }
    out += "actors whose inputs move it most:";
    int shown = 0;
    for (const auto& a : is["actors"]) {
      if (shown++ == 5) break;
      out += fmt::format(" {} ({})", a["actor"].get<std::string>(),
                         num(sobol ? a["total"] : a["swing"], 3));
    }
    out += "\n";
  }
  return out;
}

std::string run_header(const store::RunRecord& run) {
  std::string out = fmt::format("run {} ({}, {}): model {}, seed {}, {} of {} draws", run.id,
                                run.kind, run.status, run.model, run.seed, run.stored, run.draws);
  if (run.shards > 1) out += fmt::format(", shard {}/{}", run.shard, run.shards);
  out += fmt::format("\n  scenario {} sha256 {}\n  params {}\n  options {}\n", run.scenario_origin,
                     run.scenario_sha256, run.params, run.options);
  out += fmt::format("  parley {}, created {}{}, {:.2f} s\n", run.version, run.created,
                     run.finished.empty() ? "" : ", finished " + run.finished, run.seconds);
  return out;
}

}  // namespace parley::cli
