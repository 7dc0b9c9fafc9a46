// The error contract (include/parley/error.h): bad input is parley::Error and
// exit code 2; a broken invariant of parley itself is parley::InternalError
// and exit code 4, never reported as bad input.
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

#include "cli/exit_code.h"
#include "parley/error.h"
#include "parley/io.h"
#include "parley/params.h"

namespace parley {
namespace {

int exit_code_of(std::exception_ptr failure, std::string* message = nullptr) {
  std::ostringstream err;
  const int code = cli::report_failure(std::move(failure), err);
  if (message) *message = err.str();
  return code;
}

TEST(Errors, EachKindOfFailureHasItsExitCode) {
  std::string message;
  EXPECT_EQ(exit_code_of(std::make_exception_ptr(Error("bad value")), &message), 2);
  EXPECT_EQ(message, "parley: error: bad value\n");
  EXPECT_EQ(exit_code_of(std::make_exception_ptr(std::bad_alloc())), 3);
  EXPECT_EQ(exit_code_of(std::make_exception_ptr(InternalError("no writer")), &message), 4);
  EXPECT_NE(message.find("internal error"), std::string::npos);
  EXPECT_EQ(exit_code_of(std::make_exception_ptr(std::logic_error("x"))), 4);
  EXPECT_EQ(exit_code_of(std::make_exception_ptr(42)), 4);
}

TEST(Errors, AFormatWithoutAReaderIsAnInternalError) {
  const auto no_reader = static_cast<Format>(99);
  EXPECT_THROW(parse_scenario("a,1,2,3\n", "x.csv", no_reader), InternalError);
  try {
    parse_scenario("a,1,2,3\n", "x.csv", no_reader);
  } catch (const Error&) {
    FAIL() << "reported as bad input";
  } catch (const InternalError&) {
  }
}

TEST(Errors, AnUnresolvedParameterIsAnInternalError) {
  EXPECT_THROW(number(Params{}, "rounds"), InternalError);
  EXPECT_THROW(text(Params{}, "weight"), InternalError);
}

}  // namespace
}  // namespace parley
