// report/read.h - tolerant reading of result JSON for the report.
//
// The report must degrade gracefully: a missing or ill-typed key means "not
// shown", never an exception.  These helpers return empty/NaN instead.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace parley::report {

using nlohmann::json;

// The member `key` of `object`, or nullptr when `object` is not an object or
// has no such member (or it is null).
const json* member(const json& object, const std::string& key);
// The first of `keys` that is present.
const json* member_of(const json& object, std::initializer_list<const char*> keys);

// A number; an uncertain input ({tri: [l, m, h]}, {normal: [m, sd]},
// {uniform: [l, h]}) gives its nominal value; anything else NaN.
double number(const json* value);
double number(const json& object, const std::string& key);
// True when `value` is a distribution rather than a plain number.
bool is_uncertain(const json* value);
// A string, or "" (numbers are formatted).
std::string text(const json* value);
std::string text(const json& object, const std::string& key);

// Formats a number for people: `digits` decimals, trailing zeros dropped,
// "-0" as "0", NaN as "n/a".  Locale-independent.
std::string format_value(double value, int digits = 2);
// 0.123 -> "12%".  Percent with `digits` decimals.
std::string format_percent(double share, int digits = 0);

// A table cell of the result ("rows": [[...]]) as text.
std::string cell_text(const json& cell);

// Text for HTML (element content and attribute values).
std::string escape(const std::string& text);

}  // namespace parley::report
