// `parley serve`: the JSON API against a server started in this process on
// an ephemeral loopback port (docs/serve.md).  The API's documents are
// compared with what the command line prints for the same scenario and seed;
// published numbers come from the emission case (Bueno de Mesquita 1994).
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "serve/server.h"
#include "test_support.h"

namespace parley::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_command;
using testing::source_file;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string emission_yaml() { return read_file(source_file("examples/emission/emission.yaml")); }

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("parley-serve-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "root" / "cases");
    fs::copy_file(source_file("examples/emission/emission.yaml"),
                  dir_ / "root" / "cases" / "emission.yaml");
    options_.port = 0;
    options_.root = (dir_ / "root").string();
    options_.store = (dir_ / "runs.sqlite").string();
    options_.threads = 2;
  }
  void TearDown() override {
    if (server_) {
      server_->stop();
      serving_.join();
      server_.reset();  // waits for running ensembles
    }
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void start() {
    server_ = std::make_unique<Server>(options_);
    port_ = server_->bind();
    serving_ = std::thread([this] { server_->run(); });
    for (int k = 0; k < 200 && !client().Get("/api/models"); ++k)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60);
    c.set_write_timeout(60);
    return c;
  }
  json post(const std::string& path, const std::string& body, int expect,
            const std::string& type = "application/yaml") {
    auto response = client().Post(path.c_str(), body, type.c_str());
    EXPECT_TRUE(response) << path;
    if (!response) return nullptr;
    EXPECT_EQ(response->status, expect) << path << ": " << response->body;
    return json::parse(response->body, nullptr, false);
  }
  json get(const std::string& path, int expect) {
    auto response = client().Get(path.c_str());
    EXPECT_TRUE(response) << path;
    if (!response) return nullptr;
    EXPECT_EQ(response->status, expect) << path << ": " << response->body;
    return json::parse(response->body, nullptr, false);
  }
  // The server still answers.
  void expect_alive() { EXPECT_EQ(get("/api/models", 200)["models"].size() > 0, true); }
  // Waits for job `id` to finish; returns its final view.
  json wait_for(std::int64_t id) {
    for (int k = 0; k < 6000; ++k) {
      json view = get("/api/runs/" + std::to_string(id), 200);
      if (view.is_null() || view["status"] != "running") return view;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "run " << id << " did not finish";
    return nullptr;
  }
  std::string parley(const std::string& arguments) {
    const auto result = run_command("cd '" + (dir_ / "root").string() + "' && '" +
                                    testing::parley_binary() + "' " + arguments);
    EXPECT_EQ(result.exit_code, 0) << arguments << "\n" << result.error;
    return result.output;
  }

  fs::path dir_;
  ServeOptions options_;
  std::unique_ptr<Server> server_;
  std::thread serving_;
  int port_ = 0;
};

// --- the API ----------------------------------------------------------------

TEST_F(ServeTest, ListsEveryModelWithItsParameters) {
  start();
  const json models = get("/api/models", 200)["models"];
  std::vector<std::string> names;
  for (const auto& m : models) names.push_back(m["name"]);
  for (const char* name : {"compromise", "median", "nbs", "bdm", "smp", "war"})
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  const json& compromise =
      models[std::find(names.begin(), names.end(), "compromise") - names.begin()];
  bool weight = false;
  for (const auto& p : compromise["params"])
    if (p["name"] == "weight") weight = p["default"] == "cap_sal";
  EXPECT_TRUE(weight) << compromise.dump();
}

TEST_F(ServeTest, AValidateErrorCarriesTheCliMessageWithLineAndField) {
  start();
  std::string text = emission_yaml();
  const std::string good =
      "{id: belgium, name: \"Belgium\", capability: 0.08, position: {delay: "
      "7}, salience: {delay: 40}}";
  const auto at = text.find(good);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, good.size(),
               "{id: belgium, name: \"Belgium\", capability: 0.08, position: {delay: 7}, "
               "salience: {delay: 140}}");
  std::ofstream(dir_ / "bad.yaml") << text;
  const json error = post("/api/validate?name=bad.yaml", text, 400)["error"];
  EXPECT_EQ(error["path"], "actors[1].salience.delay");
  EXPECT_EQ(error["line"], 1 + std::count(text.begin(), text.begin() + at, '\n'));
  EXPECT_GT(error["column"].get<int>(), 1);
  const auto cli = run_command("cd '" + dir_.string() + "' && '" + testing::parley_binary() +
                               "' validate bad.yaml");
  EXPECT_EQ(cli.exit_code, 2);
  EXPECT_EQ(cli.error, "parley: error: " + error["message"].get<std::string>() + "\n");
  expect_alive();
}

TEST_F(ServeTest, ValidateAnswersTheSummaryAndTheScenarioInItsNativeForm) {
  start();
  const json ok = post("/api/validate?name=emission.yaml", emission_yaml(), 200);
  EXPECT_EQ(ok["summary"], "10 actors, 1 issues, 0 uncertain inputs");
  EXPECT_EQ(ok["scenario"]["actors"].size(), 10u);
  // The native JSON reads back (the workbench posts it after edits).
  const json again = post("/api/validate", ok["scenario"].dump(), 200, "application/json");
  EXPECT_EQ(again["scenario"], ok["scenario"]);
}

TEST_F(ServeTest, MalformedJsonGets400WithTheReadersMessage) {
  start();
  const json error =
      post("/api/validate", "{\"parley\": 1, \"issues\": [", 400, "application/json")["error"];
  EXPECT_NE(error["message"].get<std::string>().find("not valid JSON"), std::string::npos)
      << error.dump();
  EXPECT_EQ(error["line"], 1);
  expect_alive();
}

TEST_F(ServeTest, ARunsJsonEqualsTheClisForTheSameScenarioAndSeed) {
  start();
  for (const std::string model : {"compromise", "bdm"}) {
    const bool bdm = model == "bdm";
    const json served = post("/api/run?name=cases/emission.yaml&model=" + model + "&seed=7" +
                                 (bdm ? "&set=rounds%3D6" : ""),
                             emission_yaml(), 200)["result"];
    const json cli = json::parse(parley("run cases/emission.yaml --model " + model + " --seed 7" +
                                        (bdm ? " --set rounds=6" : "") + " --format json"));
    EXPECT_EQ(served, cli) << model;
  }
}

TEST_F(ServeTest, TheCompromiseForecastIsThePublishedWeightedMean) {
  start();
  const json result = post("/api/run?model=compromise", emission_yaml(), 200)["result"];
  // Scholz, Calbert and Smith (2011): capability x salience weighted mean 7.389956.
  EXPECT_NEAR(result["forecast"]["delay"].get<double>(), 7.389956, 5e-7);
}

TEST_F(ServeTest, AnEnsemblesProgressAdvancesAndItsResultEqualsParleyMc) {
  start();
  // '=' inside a value is escaped, as browsers do (URLSearchParams).
  const std::string query =
      "model=bdm&set=preset%3Dscholz_table2&set=rounds%3D8&noise=0.05&"
      "draws=3000&seed=5";
  const json started = post("/api/mc?name=cases/emission.yaml&" + query, emission_yaml(), 202);
  const std::int64_t id = started["id"];
  EXPECT_EQ(started["total"], 3000);
  std::vector<std::uint64_t> seen;
  json view;
  for (int k = 0; k < 12000; ++k) {
    view = get("/api/runs/" + std::to_string(id), 200);
    seen.push_back(view["done"]);
    if (view["status"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_EQ(view["status"], "done") << view.dump();
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(seen.back(), 3000u);
  EXPECT_TRUE(std::any_of(seen.begin(), seen.end(), [](auto d) { return d > 0 && d < 3000; }))
      << "no progress between the start and the end was seen";
  const json cli = json::parse(
      parley("mc cases/emission.yaml --model bdm --set preset=scholz_table2 --set rounds=8 "
             "--noise 0.05 --draws 3000 --seed 5 --no-store -q --format json"));
  EXPECT_EQ(view["result"], cli);
  // The run store holds it, and the listing shows it.
  const json runs = get("/api/runs", 200);
  EXPECT_EQ(runs["store"]["runs"][0]["id"], view["store_run"]);
  EXPECT_EQ(runs["store"]["runs"][0]["status"], "done");
}

TEST_F(ServeTest, CompareWhatifAndAdviseEqualTheClisJson) {
  fs::copy_file(source_file("scenarios/ukraine-2026.yaml"),
                dir_ / "root" / "cases" / "ukraine-2026.yaml");
  const std::string flagship = read_file(source_file("scenarios/ukraine-2026.yaml"));
  start();
  struct Case {
    std::string endpoint, body, cli;
  };
  const std::vector<Case> cases = {
      {"compare?name=cases/emission.yaml&seed=3&models=compromise,median,"
       "bdm:preset%3Dscholz_table2",
       emission_yaml(),
       "compare cases/emission.yaml --seed 3 --models compromise,median,bdm:preset=scholz_table2"},
      {"whatif?name=cases/ukraine-2026.yaml&model=war&set=draws%3D60&set=horizon%3D8&seed=5&"
       "draws=2&events=europe_coalition",
       flagship,
       "whatif cases/ukraine-2026.yaml --model war --set draws=60 --set horizon=8 --seed 5 "
       "--draws 2 --events europe_coalition"},
      {"advise?name=cases/emission.yaml&actor=netherlands&draws=4&steps=3&max-moves=2&seed=9",
       emission_yaml(),
       "advise cases/emission.yaml --actor netherlands --draws 4 --steps 3 --max-moves 2 "
       "--seed 9"},
  };
  for (const Case& c : cases) {
    const json started = post("/api/" + c.endpoint, c.body, 202);
    ASSERT_TRUE(started.contains("id")) << c.endpoint;
    const json view = wait_for(started["id"]);
    ASSERT_EQ(view["status"], "done") << view.dump();
    const json cli = json::parse(parley(c.cli + " --format json -q"));
    EXPECT_EQ(view["result"]["kind"], cli["kind"]);
    // The whole document: these carry no timing or other field that may differ.
    EXPECT_EQ(view["result"], cli) << c.cli;
  }
  // The what-if row is a real comparison: the event changes the forecast.
  const json whatif = get("/api/runs/2", 200)["result"];
  ASSERT_EQ(whatif["rows"].size(), 2u);
  EXPECT_NE(whatif["rows"][0]["values"], whatif["rows"][1]["values"]);
}

TEST_F(ServeTest, BadAnalysisOptionsGet400WithAMessage) {
  start();
  const std::string body = emission_yaml();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"advise", "actor"},
      {"advise?actor=nobody", "nobody"},
      {"advise?actor=netherlands&levers=bribes", "bribes"},
      {"advise?actor=netherlands&steps=0", "steps"},
      {"advise?actor=netherlands&reach=2", "reach"},
      {"advise?actor=netherlands&goal=nosuch", "nosuch"},
      {"whatif?draws=-1", "draws"},
      {"whatif?model=nosuch", "nosuch"},
      {"compare?models=nosuch", "nosuch"},
      {"compare?calibration=calibration.json", "calibration"},
      {"compare?seed=x", "seed"},
  };
  for (const auto& [endpoint, word] : cases) {
    const json error = post("/api/" + endpoint, body, 400)["error"];
    EXPECT_NE(error["message"].get<std::string>().find(word), std::string::npos)
        << endpoint << ": " << error.dump();
  }
  EXPECT_EQ(get("/api/runs", 200)["session"].size(), 0u);  // none started
  expect_alive();
}

TEST_F(ServeTest, AJobPastTheTimeLimitEndsTimedOutAndTheServerAnswersTheNext) {
  options_.time_limit = 0.2;
  start();
  const std::string flagship = read_file(source_file("scenarios/ukraine-2026.yaml"));
  // Hours of work at this size; it must end at the limit.
  const auto began = std::chrono::steady_clock::now();
  const json started = post("/api/whatif?draws=100000&pairs=1", flagship, 202);
  const json view = wait_for(started["id"]);
  EXPECT_EQ(view["status"], "timed_out") << view.dump();
  EXPECT_NE(view["error"]["message"].get<std::string>().find("time limit of 0.2 s"),
            std::string::npos)
      << view.dump();
  EXPECT_FALSE(view.contains("result"));
  // A single run past the limit: 408, and its job says timed_out.
  const json run = post("/api/run?set=draws%3D1000000", flagship, 408);
  EXPECT_NE(run["error"]["message"].get<std::string>().find("time limit"), std::string::npos);
  EXPECT_EQ(get("/api/runs", 200)["session"][0]["status"], "timed_out");
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(60));
  // The server answers the next request with a full result.
  const json next = post("/api/run?model=compromise", emission_yaml(), 200);
  EXPECT_NEAR(next["result"]["forecast"]["delay"].get<double>(), 7.389956, 5e-7);
}

TEST_F(ServeTest, TheReportOfARunIsItsHtmlPage) {
  start();
  const json run = post("/api/run?model=median", emission_yaml(), 200);
  auto response = client().Get(("/api/report/" + std::to_string(run["id"].get<int>())).c_str());
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(response->body.find("EC car-emission standards"), std::string::npos);
  get("/api/report/999", 404);
}

TEST_F(ServeTest, SaveWritesYamlUnderTheRootThatTheCliReadsBack) {
  start();
  const json opened = get("/api/open?path=cases/emission.yaml", 200);
  json scenario = opened["scenario"];
  scenario["actors"][0]["position"]["delay"] = 5;
  const json saved = post("/api/save?path=cases/edited.yaml&source=cases/emission.yaml",
                          scenario.dump(), 200, "application/json");
  EXPECT_EQ(saved["saved"], "cases/edited.yaml");
  // The file opened, with that one value changed: its comments and layout stay.
  EXPECT_EQ(saved["comments_kept"], true) << saved.dump();
  EXPECT_EQ(saved["replaced"], 1);
  std::string expected = emission_yaml();
  const std::string from = "position: {delay: 4}, salience: {delay: 80}}";
  expected.replace(expected.find(from), from.size(),
                   "position: {delay: 5}, salience: {delay: 80}}");
  EXPECT_EQ(read_file(dir_ / "root" / "cases" / "edited.yaml"), expected);
  parley("validate cases/edited.yaml");
  const json before = json::parse(parley("run cases/emission.yaml --format json"));
  const json after = json::parse(parley("run cases/edited.yaml --format json"));
  // The Netherlands (capability 0.08, salience 80) moves from 4 to 5: the
  // weighted mean moves by 0.08 * 80 / sum(c * s) = 6.4 / 67.7.
  EXPECT_NEAR(after["forecast"]["delay"].get<double>() - before["forecast"]["delay"].get<double>(),
              6.4 / 67.7, 1e-12);
}

TEST_F(ServeTest, SavingAnActorLessFallsBackToCanonicalYamlAndSaysCommentsWereNotKept) {
  start();
  json scenario = get("/api/open?path=cases/emission.yaml", 200)["scenario"];
  const std::string removed = scenario["actors"].back()["id"];
  scenario["actors"].erase(scenario["actors"].size() - 1);
  const json saved =
      post("/api/save?path=cases/emission.yaml", scenario.dump(), 200, "application/json");
  EXPECT_EQ(saved["comments_kept"], false);
  EXPECT_NE(saved["note"].get<std::string>().find("without the comments"), std::string::npos)
      << saved.dump();
  const std::string text = read_file(dir_ / "root" / "cases" / "emission.yaml");
  EXPECT_EQ(text.find("# The emission-standards case"), std::string::npos);
  EXPECT_EQ(text.find("\"" + removed + "\""), std::string::npos) << removed;
  EXPECT_NE(text.find("\"netherlands\""), std::string::npos);
  parley("validate cases/emission.yaml");
}

// --- hostile requests ----------------------------------------------------------

TEST_F(ServeTest, PathsOutsideTheRootAreRefused) {
  std::ofstream(dir_ / "secret.yaml") << emission_yaml();
  fs::create_symlink(dir_ / "secret.yaml", dir_ / "root" / "link.yaml");
  start();
  for (const char* path : {"../secret.yaml", "cases/../../secret.yaml", "%2e%2e/secret.yaml",
                           "/etc/passwd", "link.yaml", "./cases/emission.yaml"})
    EXPECT_EQ(get(std::string("/api/open?path=") + path, 403)["error"].is_object(), true) << path;
  post("/api/save?path=../out.yaml", emission_yaml(), 403);
  post("/api/save?path=link.yaml", emission_yaml(), 403);
  post("/api/save?path=cases/emission.sh", emission_yaml(), 403);
  EXPECT_FALSE(fs::exists(dir_ / "out.yaml"));
  EXPECT_EQ(read_file(dir_ / "secret.yaml"), emission_yaml());
  const json files = get("/api/files", 200)["files"];
  EXPECT_EQ(files, json::array({"cases/emission.yaml"}));
  expect_alive();
}

TEST_F(ServeTest, A100MegabyteBodyIsRefused) {
  start();
  const std::string body(100u << 20, 'x');
  const json error = post("/api/validate", body, 413)["error"];
  EXPECT_NE(error["message"].get<std::string>().find("larger than the limit"), std::string::npos);
  expect_alive();
}

TEST_F(ServeTest, TheYamlAliasBombIsRefused) {
  start();
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'j'; ++c) {
    const std::string previous = std::string("*") + static_cast<char>(c - 1);
    bomb += std::string(1, c) + ": &" + c + " [" + previous;
    for (int k = 0; k < 9; ++k) bomb += ", " + previous;
    bomb += "]\n";
  }
  const auto start_time = std::chrono::steady_clock::now();
  const json error = post("/api/validate", bomb, 400)["error"];
  EXPECT_NE(error["message"].get<std::string>().find("alias"), std::string::npos) << error.dump();
  EXPECT_LT(std::chrono::steady_clock::now() - start_time, std::chrono::seconds(20));
  expect_alive();
}

TEST_F(ServeTest, FiftyConcurrentRunsAreServedOrToldToWait) {
  options_.max_jobs = 2;
  start();
  const std::string body = emission_yaml();
  std::vector<int> status(50);
  std::vector<std::string> forecast(50);
  std::vector<std::thread> clients;
  for (int k = 0; k < 50; ++k)
    clients.emplace_back([&, k] {
      auto response = client().Post("/api/run?model=bdm&seed=3", body, "application/yaml");
      if (!response) {
        status[k] = -static_cast<int>(response.error());
        return;
      }
      status[k] = response->status;
      const json reply = json::parse(response->body, nullptr, false);
      if (response->status == 200) forecast[k] = reply["result"]["forecast"].dump();
    });
  for (auto& c : clients) c.join();
  int served = 0;
  for (int k = 0; k < 50; ++k) {
    EXPECT_TRUE(status[k] == 200 || status[k] == 429) << status[k];
    if (status[k] != 200) continue;
    ++served;
    EXPECT_EQ(forecast[k], forecast[std::find(status.begin(), status.end(), 200) - status.begin()]);
  }
  EXPECT_GT(served, 0);
  expect_alive();
}

TEST_F(ServeTest, AClientLeavingAnEventStreamDoesNotHarmTheRun) {
  start();
  const json started = post("/api/mc?model=bdm&noise=0.05&draws=1500&seed=2", emission_yaml(), 202);
  const std::int64_t id = started["id"];
  int chunks = 0;
  auto response = client().Get(("/api/runs/" + std::to_string(id) + "/events").c_str(),
                               [&](const char*, size_t) { return ++chunks < 1; });
  EXPECT_FALSE(response);  // the client cancelled after its first chunk
  EXPECT_EQ(chunks, 1);
  EXPECT_EQ(wait_for(id)["status"], "done");
  expect_alive();
}

TEST_F(ServeTest, AnEventStreamEndsWithTheFinishedRun) {
  start();
  const json started =
      post("/api/mc?model=compromise&noise=0.1&draws=400&seed=2", emission_yaml(), 202);
  std::string stream;
  auto response =
      client().Get(("/api/runs/" + std::to_string(started["id"].get<int>()) + "/events").c_str());
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  const auto end = response->body.rfind("event: end\ndata: ");
  ASSERT_NE(end, std::string::npos) << response->body;
  const json last = json::parse(response->body.substr(end + 17));
  EXPECT_EQ(last["status"], "done");
  EXPECT_EQ(last["done"], 400);
}

TEST_F(ServeTest, RequestsFromOtherSitesAndHostsAreRefused) {
  start();
  auto c = client();
  auto foreign_host = c.Get("/api/models", {{"Host", "attacker.example"}});
  ASSERT_TRUE(foreign_host);
  EXPECT_EQ(foreign_host->status, 403);
  auto foreign_origin =
      c.Post("/api/run", {{"Origin", "http://attacker.example"}}, emission_yaml(), "text/plain");
  ASSERT_TRUE(foreign_origin);
  EXPECT_EQ(foreign_origin->status, 403);
  // A chunked body (no Content-Length) could escape the size limit.
  auto chunked = c.Post(
      "/api/validate",
      [](size_t offset, httplib::DataSink& sink) {
        if (offset == 0) sink.write("parley: 1\n", 10);
        sink.done();
        return true;
      },
      "application/yaml");
  // Refused before its body is read: 411, or the connection closed under the
  // client while it was still sending.
  EXPECT_TRUE(!chunked || chunked->status == 411) << chunked->status;
  get("/api/nothing-here", 404);
  EXPECT_EQ(post("/api/advise?actor=%00", emission_yaml(), 400)["error"].is_object(), true);
  EXPECT_NE(get("/api/open?path=cases/none.yaml", 404)["error"]["message"].get<std::string>().find(
                "no such file"),
            std::string::npos);
  post("/api/run?seed=-1", emission_yaml(), 400);
  post("/api/mc?draws=0", emission_yaml(), 400);
  expect_alive();
}

TEST_F(ServeTest, WithoutARootNoFileIsRead) {
  options_.root.clear();
  start();
  const json error = get("/api/open?path=cases/emission.yaml", 403)["error"];
  EXPECT_NE(error["message"].get<std::string>().find("--root"), std::string::npos);
  EXPECT_EQ(get("/api/files", 200)["files"].size(), 0u);
}

// --- load ------------------------------------------------------------------------

long resident_kb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

TEST_F(ServeTest, TwoHundredValidateAndRunRequestsKeepMemoryFlat) {
  start();
  const std::string body = emission_yaml();
  std::string first;
  long after_20 = 0;
  for (int k = 1; k <= 200; ++k) {
    post("/api/validate", body, 200);
    const json run = post("/api/run?model=bdm&seed=11", body, 200);
    const std::string forecast = run["result"]["forecast"].dump();
    if (first.empty()) first = forecast;
    ASSERT_EQ(forecast, first) << "request " << k;
    if (k == 20) after_20 = resident_kb();
  }
  const long after_200 = resident_kb();
#if defined(__SANITIZE_ADDRESS__)
  (void)after_20;  // AddressSanitizer keeps freed memory in quarantine
  (void)after_200;
#else
  EXPECT_LT(after_200 - after_20, 4096)
      << "kB resident after 20: " << after_20 << ", after 200: " << after_200;
#endif
}

}  // namespace
}  // namespace parley::serve
