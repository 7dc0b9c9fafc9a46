// Malformed and hostile input of every format through the real `parley
// validate`, under a 4 GB address space (`ulimit -v 4194304`) and a time
// limit: each must fail with exit code 1 or 2 and a message, never crash,
// hang or run out of memory (exit 3).  The files are in tests/data/malformed/
// (one a case); larger ones, and special files (a folder, a FIFO, devices, a
// missing file), are made here.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "resource_limits.h"
#include "test_support.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

void expect_clean_refusal(const std::string& path) {
  const auto r = testing::run_command(testing::limited(
      "'" + testing::parley_binary() + "' validate '" + path + "'", 4194304, 30, 60));
  EXPECT_TRUE(r.exit_code == 1 || r.exit_code == 2) << path << ": exit " << r.exit_code << "\n"
                                                    << r.error;
  EXPECT_NE(r.error.find("parley: error: "), std::string::npos) << path << ": " << r.error;
  EXPECT_TRUE(r.output.empty()) << path << ": " << r.output;
}

std::vector<std::string> corpus() {
  std::vector<std::string> names;
  const fs::path dir = testing::source_file("tests/data/malformed");
  if (fs::is_directory(dir))
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class Adversarial : public ::testing::TestWithParam<std::string> {};

TEST_P(Adversarial, FailsWithExitCode2AndAMessage) {
  expect_clean_refusal(testing::source_file("tests/data/malformed/" + GetParam()));
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Adversarial, ::testing::ValuesIn(corpus()), test_name);

TEST(Adversarial, CorpusCoversEveryReader) {
  const auto names = corpus();
  for (const char* ext : {".yaml", ".json", ".csv", ".tsv", ".xml"})
    EXPECT_GE(std::count_if(names.begin(), names.end(),
                            [&](const std::string& n) { return n.ends_with(ext); }),
              5)
        << ext;
  for (const char* prefix : {"ktab_", "deu_", "decide_", "long_", "csv_"})
    EXPECT_GE(std::count_if(names.begin(), names.end(),
                            [&](const std::string& n) { return n.starts_with(prefix); }),
              2)
        << prefix;
}

TEST(Adversarial, SpecialFiles) {
  const fs::path dir = fs::temp_directory_path() / "parley-adversarial-special";
  fs::remove_all(dir);
  fs::create_directories(dir / "folder.yaml");
  ASSERT_EQ(::mkfifo((dir / "fifo.csv").c_str(), 0600), 0);
  for (const fs::path& p : {dir / "folder.yaml", dir / "fifo.csv", dir / "missing.yaml"})
    expect_clean_refusal(p.string());
  for (const char* device : {"/dev/zero", "/dev/urandom", "/dev/null"})
    if (fs::exists(device)) expect_clean_refusal(device);
  fs::remove_all(dir);
}

// Writes `count` copies of `chunk` after `head`.
void write_file(const fs::path& path, const std::string& head, const std::string& chunk,
                std::size_t count, const std::string& tail = "") {
  std::ofstream out(path, std::ios::binary);
  out << head;
  for (std::size_t k = 0; k < count; ++k) out << chunk;
  out << tail;
}

TEST(Adversarial, LargeFiles) {
  // Tens of megabytes each: writing and refusing them takes a few seconds in
  // an optimised build, far longer under sanitizers.
  if (PARLEY_SANITIZED) GTEST_SKIP() << "large inputs take too long under sanitizers";
  const fs::path dir = fs::temp_directory_path() / "parley-adversarial-large";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string header = "actor,capability,position,salience\n";
  {
    std::ofstream(dir / "huge.yaml");  // sparse, 2 GiB: refused before reading
  }
  fs::resize_file(dir / "huge.yaml", std::size_t{2} << 30);
  write_file(dir / "million_rows.csv", header, "a,1,1,1\n", 1000000);
  write_file(dir / "one_line.csv", header, std::string(1u << 20, 'x'), 10, ",1,1,1\n");
  write_file(dir / "columns.csv", "", "c,", 1000000, "c\n");
  write_file(dir / "values.json", "[", "1,", 3000000, "1]");
  write_file(dir / "items.yaml", "parley: 1\nsmp:\n", "  - 1\n", 2000000);
  write_file(dir / "brackets.yaml", "parley: 1\nissues: ", "[[[[[[[[[[\n", 200000);
  write_file(dir / "brackets.json", "", "[", 10000000);
  write_file(dir / "tags.xml", "<Scenario>", "<a/>", 5000000, "</Scenario>");
  write_file(dir / "block_text.yaml", "parley: 1\ntitle: |\n", "  text\n", 2000000);
  write_file(dir / "quotes.csv", header, "\"" + std::string(1000, 'x') + "\n", 100000, "\"\n");
  for (const auto& entry : fs::directory_iterator(dir)) expect_clean_refusal(entry.path());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace parley
