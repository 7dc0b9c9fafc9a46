// JSON into a located Node tree, through nlohmann's SAX parser: no recursion,
// no read-ahead, and TreeBuilder enforces the limits of io/limits.h as the
// tree grows.  (yaml-cpp, which read JSON before, scans a whole flow
// collection before it reports any of it: 10 MB of JSON took 1.3 GB.)
//
// SAX events carry no positions, so the input iterator records how far the
// lexer has read; when an event arrives the lexer has just read its token
// (and, after a number, one character more), and a short scan back from
// there finds where the token starts.
#include <nlohmann/json.hpp>

#include <cstring>
#include <iterator>

#include "io/document.h"
#include "io/limits.h"
#include "io/text_util.h"
#include "io/tree_builder.h"
#include "parley/error.h"

namespace parley::io {
namespace {

// An input iterator over the text that publishes how far it has been read.
class Tracked {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  Tracked(const char* at, const char** read_to) : at_(at), read_to_(read_to) {}
  reference operator*() const { return *at_; }
  Tracked& operator++() {
    *read_to_ = ++at_;
    return *this;
  }
  Tracked operator++(int) {
    Tracked before = *this;
    ++*this;
    return before;
  }
  bool operator==(const Tracked& other) const { return at_ == other.at_; }
  bool operator!=(const Tracked& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** read_to_;
};

bool number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// nlohmann SAX events -> TreeBuilder calls.  Each token's start is found by
// scanning back from where the lexer stopped: O(token length).
class Events {
 public:
  using number_integer_t = nlohmann::json::number_integer_t;
  using number_unsigned_t = nlohmann::json::number_unsigned_t;
  using number_float_t = nlohmann::json::number_float_t;
  using string_t = nlohmann::json::string_t;
  using binary_t = nlohmann::json::binary_t;

  Events(std::string_view text, const std::string& file, const char** read_to)
      : text_(text), file_(file), read_to_(read_to), lines_(text), tree_(file) {}

  bool null() {
    return value_literal(4, [&](auto at) { tree_.null(at); });
  }
  bool boolean(bool v) {
    return value_literal(v ? 4 : 5,
                         [&](auto at) { tree_.scalar(at, v ? "true" : "false", false); });
  }
  bool number_integer(number_integer_t) { return number(); }
  bool number_unsigned(number_unsigned_t) { return number(); }
  bool number_float(number_float_t, const string_t&) { return number(); }
  bool string(string_t& v) {
    tree_.scalar(mark(string_start()), std::move(v), true);
    return true;
  }
  bool binary(binary_t&) { return false; }  // not produced by the JSON lexer
  bool key(string_t& v) { return string(v); }
  bool start_object(std::size_t) {
    tree_.begin(Node::Kind::map, mark(read() - 1));
    return true;
  }
  bool end_object() {
    tree_.end();
    return true;
  }
  bool start_array(std::size_t) {
    tree_.begin(Node::Kind::list, mark(read() - 1));
    return true;
  }
  bool end_array() {
    tree_.end();
    return true;
  }
  [[noreturn]] bool parse_error(std::size_t position, const std::string&,
                                const nlohmann::json::exception& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: <what>",
    // "[json.exception.out_of_range.406] number overflow parsing '1e999'"
    std::string what = e.what();
    if (auto colon = what.find(": "); colon != std::string::npos)
      what = what.substr(colon + 2);
    else if (auto bracket = what.find("] "); bracket != std::string::npos)
      what = what.substr(bracket + 2);
    if (what.size() > 200) what = what.substr(0, 200) + "...";
    const auto [line, column] = lines_.at(position > 0 ? position - 1 : 0);
    throw Error(SourceLocation{file_, line, column, ""}, "not valid JSON: " + what);
  }

  Node take() { return tree_.take(); }

 private:
  std::size_t read() const { return static_cast<std::size_t>(*read_to_ - text_.data()); }

  TreeBuilder::Mark mark(std::size_t offset) {
    const auto [line, column] = lines_.at(offset);
    return TreeBuilder::Mark{line, column};
  }

  template <class Add>
  bool value_literal(std::size_t length, Add&& add) {
    add(mark(read() - length));
    return true;
  }

  // After a number the lexer has read one character more (unless the text
  // ended): step back over it, then over the number.
  bool number() {
    std::size_t end = read();
    if (end > 0 && !number_char(text_[end - 1])) --end;
    std::size_t start = end;
    while (start > 0 && number_char(text_[start - 1])) --start;
    tree_.scalar(mark(start), std::string(text_.substr(start, end - start)), false);
    return true;
  }

  // The opening quote of the string whose closing quote was just read: the
  // nearest quote before it not escaped by an odd run of backslashes.
  std::size_t string_start() const {
    std::size_t k = read() - 1;  // the closing quote
    while (k > 0) {
      --k;
      if (text_[k] != '"') continue;
      std::size_t slashes = 0;
      while (k > slashes && text_[k - 1 - slashes] == '\\') ++slashes;
      if (slashes % 2 == 0) return k;
    }
    return 0;
  }

  std::string_view text_;
  const std::string& file_;
  const char** read_to_;
  LineCounter lines_;
  TreeBuilder tree_;
};

}  // namespace

Node parse_json_document(std::string_view text, const std::string& file) {
  check_input_size(text, file);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw Error(SourceLocation{file, 1, 1, ""},
                "the file is empty (expected a scenario: {\"parley\": 1, \"issues\": [...], "
                "\"actors\": [...]})");
  const char* read_to = text.data();
  Events events(text, file, &read_to);
  const Tracked begin(text.data(), &read_to), end(text.data() + text.size(), &read_to);
  nlohmann::json::sax_parse(begin, end, &events, nlohmann::json::input_format_t::json,
                            /*strict=*/true, /*ignore_comments=*/false);
  return events.take();
}

}  // namespace parley::io
