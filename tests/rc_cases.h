// A rapidcheck property with its own number of cases.
//
// RC_GTEST_PROP runs every property with the global `max_success` (100 unless
// RC_PARAMS says otherwise).  Properties of the cheap static models can afford
// many more cases: PARLEY_RC_PROP(Suite, Name, cases, (args)) runs `cases`
// cases when RC_PARAMS leaves max_success at its default, and scales with it
// otherwise (RC_PARAMS="max_success=1000" runs ten times `cases`), so one
// setting still raises or lowers every property together.  Seed, size,
// shrinking and reproduction follow RC_PARAMS as usual.
#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

namespace parley::testing {

template <typename Testable>
void check_cases(int cases, Testable&& testable) {
  using namespace rc::detail;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  TestMetadata metadata;
  metadata.id = std::string(info->test_suite_name()) + "/" + info->name();
  metadata.description = info->name();
  TestParams params = configuration().testParams;
  params.maxSuccess =
      std::max(1, static_cast<int>(static_cast<long long>(params.maxSuccess) * cases / 100));
  const auto result = checkTestable(std::forward<Testable>(testable), metadata, params);
  if (!result.template is<SuccessResult>()) {
    std::ostringstream message;
    printResultMessage(result, message);
    FAIL() << message.str();
  }
}

}  // namespace parley::testing

#define PARLEY_RC_PROP(Suite, Name, Cases, ArgList)                                              \
  void parley_rc_prop_##Suite##_##Name ArgList;                                                  \
  TEST(Suite, Name) { ::parley::testing::check_cases(Cases, &parley_rc_prop_##Suite##_##Name); } \
  void parley_rc_prop_##Suite##_##Name ArgList
