#include "io/text_util.h"

#include <algorithm>
#include <cctype>

namespace parley::io {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string slug(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x80) {
      out += static_cast<char>(c);
    } else if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "actor" : out;
}

std::string unique_id(std::string id, std::vector<std::string>& taken) {
  std::string candidate = id;
  for (int k = 2; std::find(taken.begin(), taken.end(), candidate) != taken.end(); ++k)
    candidate = id + "_" + std::to_string(k);
  taken.push_back(candidate);
  return candidate;
}

std::string stem(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  auto dot = base.find_last_of('.');
  return dot == std::string::npos || dot == 0 ? base : base.substr(0, dot);
}

}  // namespace parley::io
