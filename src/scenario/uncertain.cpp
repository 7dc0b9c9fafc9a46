#include "parley/uncertain.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "parley/node.h"
#include "parley/random.h"

namespace parley {

Uncertain Uncertain::triangular(double low, double mode, double high) {
  Uncertain u;
  u.kind_ = Kind::tri;
  u.a_ = low;
  u.b_ = mode;
  u.c_ = high;
  return u;
}
Uncertain Uncertain::normal(double mean, double sd) {
  Uncertain u;
  u.kind_ = Kind::normal;
  u.a_ = mean;
  u.b_ = sd;
  return u;
}
Uncertain Uncertain::uniform(double low, double high) {
  Uncertain u;
  u.kind_ = Kind::uniform;
  u.a_ = low;
  u.b_ = high;
  return u;
}

double Uncertain::nominal() const {
  switch (kind_) {
    case Kind::fixed:
      return a_;
    case Kind::tri:
      return b_;
    case Kind::normal:
      return a_;
    case Kind::uniform:
      return 0.5 * (a_ + b_);
  }
  return a_;
}

double Uncertain::lowest() const {
  switch (kind_) {
    case Kind::fixed:
      return a_;
    case Kind::tri:
      return a_;
    case Kind::normal:
      return -std::numeric_limits<double>::infinity();
    case Kind::uniform:
      return a_;
  }
  return a_;
}

double Uncertain::highest() const {
  switch (kind_) {
    case Kind::fixed:
      return a_;
    case Kind::tri:
      return c_;
    case Kind::normal:
      return std::numeric_limits<double>::infinity();
    case Kind::uniform:
      return b_;
  }
  return a_;
}

double Uncertain::quantile(double u, double lo, double hi) const {
  switch (kind_) {
    case Kind::fixed:
      return a_;
    case Kind::uniform:
      return a_ + u * (b_ - a_);
    case Kind::tri: {
      const double width = c_ - a_;
      if (width <= 0) return b_;
      const double f = (b_ - a_) / width;  // CDF at the mode
      if (u < f) return a_ + std::sqrt(u * width * (b_ - a_));
      return c_ - std::sqrt((1 - u) * width * (c_ - b_));
    }
    case Kind::normal: {
      if (b_ <= 0) return a_;
      // Inverse CDF of the normal truncated to [lo, hi].
      const double plo = std::isfinite(lo) ? normal_cdf((lo - a_) / b_) : 0.0;
      const double phi = std::isfinite(hi) ? normal_cdf((hi - a_) / b_) : 1.0;
      const double p = std::clamp(plo + u * (phi - plo), 1e-300, 1 - 1e-16);
      double x = a_ + b_ * normal_quantile(p);
      return std::clamp(x, lo, hi);
    }
  }
  return a_;
}

Uncertain Uncertain::affine(double k, double d) const {
  Uncertain u = *this;
  switch (kind_) {
    case Kind::fixed:
      u.a_ = k * a_ + d;
      break;
    case Kind::tri:
      u.a_ = k * a_ + d;
      u.b_ = k * b_ + d;
      u.c_ = k * c_ + d;
      break;
    case Kind::normal:
      u.a_ = k * a_ + d;
      u.b_ = k * b_;
      break;
    case Kind::uniform:
      u.a_ = k * a_ + d;
      u.b_ = k * b_ + d;
      break;
  }
  return u;
}

std::string Uncertain::describe() const {
  switch (kind_) {
    case Kind::fixed:
      return format_number(a_);
    case Kind::tri:
      return "tri(" + format_number(a_) + ", " + format_number(b_) + ", " + format_number(c_) + ")";
    case Kind::normal:
      return "normal(" + format_number(a_) + ", " + format_number(b_) + ")";
    case Kind::uniform:
      return "uniform(" + format_number(a_) + ", " + format_number(b_) + ")";
  }
  return "?";
}

namespace {
// The numbers of a distribution form: exactly `count`, plain (unquoted).
std::vector<double> form_numbers(const Node& list, std::size_t count, const std::string& what) {
  if (!list.is_list() || list.items.size() != count)
    list.fail("expected " + what + " (a list of " + std::to_string(count) + " numbers), found " +
              list.describe());
  std::vector<double> out;
  for (const auto& item : list.items) out.push_back(item.as_number());
  return out;
}
}  // namespace

bool is_distribution(const Node& node) {
  if (!node.is_map() || node.members.size() != 1) return false;
  const std::string& kind = node.members.front().first;
  return kind == "tri" || kind == "normal" || kind == "uniform";
}

Uncertain read_distribution(const Node& node) {
  if (!is_distribution(node)) node.fail("expected {tri: ...}, {normal: ...} or {uniform: ...}");
  const auto& [kind, args] = node.members.front();
  if (kind == "tri") {
    const auto v = form_numbers(args, 3, "[low, mode, high]");
    if (!(v[0] <= v[1] && v[1] <= v[2])) args.fail("tri needs low <= mode <= high");
    return Uncertain::triangular(v[0], v[1], v[2]);
  }
  if (kind == "normal") {
    const auto v = form_numbers(args, 2, "[mean, sd]");
    if (!(v[1] >= 0)) args.fail("normal needs sd >= 0");
    return Uncertain::normal(v[0], v[1]);
  }
  const auto v = form_numbers(args, 2, "[low, high]");
  if (!(v[0] <= v[1])) args.fail("uniform needs low <= high");
  return Uncertain::uniform(v[0], v[1]);
}

}  // namespace parley
