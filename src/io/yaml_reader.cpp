// YAML into a located Node tree, through yaml-cpp's event parser
// (YAML::Parser with an EventHandler), never YAML::Load: the tree is built by
// TreeBuilder under the limits of io/limits.h, and aliases are expanded there
// with each copy counted, so a billion-laughs document stops after at most
// limits::kAliasNodes copies.
//
// yaml-cpp's scanner reads a whole flow collection ([...] or {...}) before
// the parser reports any of it, and holds a token for each bracket, comma and
// colon meanwhile (about 250 bytes each): 100 MB of '[' would take 25 GB
// before the first event.  The parser therefore reads through ReadAhead, a
// stream buffer that serves the text in small chunks and refuses to read far
// past the last value reported.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <deque>
#include <istream>
#include <optional>

#include "io/document.h"
#include "io/limits.h"
#include "io/tree_builder.h"
#include "parley/error.h"

namespace parley::io {
namespace {

// Serves `text` to yaml-cpp in chunks and bounds how far it may read ahead
// of the position of the last event reported (seen()): limits::
// kLookaheadBytes bytes, and limits::kLookaheadTokens of the characters that
// make tokens.  O(1) amortised per byte served.
class ReadAhead : public std::streambuf {
 public:
  ReadAhead(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {}

  // A value was reported at byte `pos`, line and column (1-based).
  void seen(std::size_t pos, int line, int column) {
    if (pos < reported_) return;
    reported_ = pos;
    line_ = line;
    column_ = column;
  }
  // The refusal, if reading stopped at a limit (an istream may have hidden
  // the exception from the parser and let it see the end of the text).
  const std::optional<Error>& refusal() const { return refusal_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (served_ >= text_.size()) return traits_type::eof();
    while (!chunks_.empty() && chunks_.front().end <= reported_) {
      tokens_ahead_ -= chunks_.front().tokens;
      chunks_.pop_front();
    }
    const std::size_t n = std::min(kChunk, text_.size() - served_);
    const char* chunk = text_.data() + served_;
    std::size_t tokens = 0;
    for (std::size_t k = 0; k < n; ++k) tokens += is_token_char(chunk[k]);
    if (served_ + n - reported_ > limits::kLookaheadBytes)
      refuse("more than " + bytes_text(limits::kLookaheadBytes) + " of YAML read",
             bytes_text(limits::kLookaheadBytes));
    if (tokens_ahead_ + tokens > limits::kLookaheadTokens)
      refuse("more than " + count_text(limits::kLookaheadTokens) +
                 " brackets, commas and colons of YAML read",
             count_text(limits::kLookaheadTokens) + " brackets, commas and colons");
    chunks_.push_back(Chunk{served_ + n, tokens});
    tokens_ahead_ += tokens;
    served_ += n;
    char* begin = const_cast<char*>(chunk);  // read only: the get area is never written
    setg(begin, begin, begin + n);
    return traits_type::to_int_type(*begin);
  }

 private:
  static constexpr std::size_t kChunk = 4096;
  struct Chunk {
    std::size_t end, tokens;
  };

  static bool is_token_char(char c) {
    static constexpr std::string_view kTokenChars = "[]{},:?&*!";
    return kTokenChars.find(c) != std::string_view::npos;
  }

  [[noreturn]] void refuse(const std::string& what, const std::string& limit) {
    try {
      limit_exceeded(SourceLocation{file_, line_, column_, ""},
                     what + " after line " + std::to_string(line_) +
                         " without a complete value: a text that long, or a flow collection "
                         "([...] or {...}) that long (write it in block style, or the document "
                         "as JSON in a .json file)",
                     limit + " read ahead of the last complete value");
    } catch (const Error& e) {
      refusal_ = e;
      throw;
    }
  }

  std::string_view text_;
  std::string file_;
  std::size_t served_ = 0, reported_ = 0, tokens_ahead_ = 0;
  int line_ = 1, column_ = 1;
  std::deque<Chunk> chunks_;
  std::optional<Error> refusal_;
};

// yaml-cpp events -> TreeBuilder calls.
class Events : public YAML::EventHandler {
 public:
  Events(TreeBuilder& tree, ReadAhead& input) : tree_(tree), input_(input) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t anchor) override { tree_.null(at(m), anchor); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t anchor) override { tree_.alias(at(m), anchor); }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    tree_.scalar(at(m), value, tag == "!", anchor);  // quoted scalars carry the tag "!"
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    tree_.begin(Node::Kind::list, at(m), anchor);
  }
  void OnSequenceEnd() override { tree_.end(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    tree_.begin(Node::Kind::map, at(m), anchor);
  }
  void OnMapEnd() override { tree_.end(); }

 private:
  TreeBuilder::Mark at(const YAML::Mark& m) {
    const TreeBuilder::Mark mark{m.line + 1, m.column + 1};
    if (m.pos >= 0) input_.seen(static_cast<std::size_t>(m.pos), mark.line, mark.column);
    return mark;
  }

  TreeBuilder& tree_;
  ReadAhead& input_;
};

// A second document refused at its first value; an empty one is allowed.
class SecondDocument : public YAML::EventHandler {
 public:
  explicit SecondDocument(std::string file) : file_(std::move(file)) {}
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { refuse(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                const std::string&) override {
    refuse(m);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    refuse(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    refuse(m);
  }
  void OnMapEnd() override {}

 private:
  [[noreturn]] void refuse(const YAML::Mark& m) const {
    throw Error(SourceLocation{file_, m.line + 1, m.column + 1, ""},
                "a second YAML document: a scenario file holds one document (remove the "
                "'---' line before it, or split the file)");
  }
  std::string file_;
};

bool blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// yaml-cpp breaks lines at LF and CRLF only; a file with old Mac line ends
// (a lone CR) gets LF instead, byte for byte, so positions stay the same.
// O(size); a copy only when there is a lone CR.
std::string_view with_line_feeds(std::string_view text, std::string& copy) {
  bool lone_cr = false;
  for (std::size_t k = text.find('\r'); k != std::string_view::npos && !lone_cr;
       k = text.find('\r', k + 1))
    lone_cr = k + 1 == text.size() || text[k + 1] != '\n';
  if (!lone_cr) return text;
  copy.assign(text);
  for (std::size_t k = 0; k < copy.size(); ++k)
    if (copy[k] == '\r' && (k + 1 == copy.size() || copy[k + 1] != '\n')) copy[k] = '\n';
  return copy;
}

}  // namespace

Node parse_document(std::string_view text, const std::string& file) {
  check_input_size(text, file);
  check_line_lengths(text, file);
  if (blank(text))
    throw Error(SourceLocation{file, 1, 1, ""},
                "the file is empty (expected a scenario: parley: 1, issues, actors)");
  std::string copy;
  text = with_line_feeds(text, copy);
  ReadAhead buffer(text, file);
  std::istream in(&buffer);
  TreeBuilder tree(file);
  try {
    YAML::Parser parser(in);
    Events events(tree, buffer);
    parser.HandleNextDocument(events);
    if (buffer.refusal()) throw *buffer.refusal();
    SecondDocument second(file);
    parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    if (buffer.refusal()) throw *buffer.refusal();
    throw Error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1, ""},
                "not valid YAML/JSON: " + e.msg);
  }
  if (buffer.refusal()) throw *buffer.refusal();
  return tree.take();
}

}  // namespace parley::io
