// io/csv_write.h - writing CSV: the one field quoter every CSV writer uses.
//
// RFC 4180: a field holding a comma, a double quote, a carriage return or a
// line feed is enclosed in double quotes, inner quotes doubled; any other
// field is written as it is.  Numbers are written in their shortest form that
// reads back to the same double, empty for NaN and infinities.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace parley::io {

std::string csv_field(std::string_view text);
std::string csv_number(double value);

}  // namespace parley::io
