#include "report/label_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace parley::report {

namespace {

struct Box {
  double left, top, right, bottom;
  bool overlaps(const Box& other) const {
    return left < other.right && other.left < right && top < other.bottom && other.top < bottom;
  }
};

Box box_at(double x, double y, const Bubble& bubble) {
  constexpr double kGap = 1;  // keeps neighbouring names apart by a pixel or two
  return {x - bubble.width / 2 - kGap, y - bubble.height / 2 - kGap, x + bubble.width / 2 + kGap,
          y + bubble.height / 2 + kGap};
}

// The centre offsets tried for a name, nearest first.
std::vector<std::pair<double, double>> spots(const Bubble& bubble) {
  std::vector<std::pair<double, double>> out;
  const double w = bubble.width / 2, h = bubble.height / 2;
  constexpr int kRings = 4;
  constexpr double kRingStep = 14;
  for (int ring = 0; ring < kRings; ++ring) {
    const double d = bubble.radius + 3 + ring * kRingStep;
    out.insert(out.end(), {{0, -(d + h)}, {0, d + h}, {d + w, 0}, {-(d + w), 0}});
    const double diagonal = d * 0.7;
    out.insert(out.end(), {{diagonal + w, -(diagonal + h)},
                           {-(diagonal + w), -(diagonal + h)},
                           {diagonal + w, diagonal + h},
                           {-(diagonal + w), diagonal + h}});
  }
  return out;
}

}  // namespace

double estimated_label_width(const std::string& name) {
  double width = 0;
  for (unsigned char c : name) {
    if ((c & 0xC0) == 0x80) continue;  // UTF-8 continuation byte
    // Capitals and wide letters take more room than the average glyph.
    width += (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' || c == '&' ? 8.6 : 6.8;
  }
  return width;
}

std::vector<LabelPlacement> place_labels(const std::vector<Bubble>& bubbles, double width,
                                         double height) {
  std::vector<LabelPlacement> out(bubbles.size());
  std::vector<std::size_t> order(bubbles.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return bubbles[a].radius > bubbles[b].radius;
  });
  std::vector<Box> taken;
  const Box plot{0, 0, width, height};
  for (std::size_t k : order) {
    const Bubble& bubble = bubbles[k];
    const auto candidates = spots(bubble);
    for (std::size_t s = 0; s < candidates.size(); ++s) {
      const double x = bubble.x + candidates[s].first;
      const double y = bubble.y + candidates[s].second;
      const Box box = box_at(x, y, bubble);
      if (box.left < plot.left || box.top < plot.top || box.right > plot.right ||
          box.bottom > plot.bottom)
        continue;
      if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return t.overlaps(box); }))
        continue;
      taken.push_back(box);
      LabelPlacement& placement = out[k];
      placement.placed = true;
      placement.x = x;
      placement.y = y;
      placement.leader = s >= 4;  // beyond the first ring's four nearest spots
      if (placement.leader) {
        // The line stops at the edge of the name's box.
        const double dx = x - bubble.x, dy = y - bubble.y;
        const double tx = dx != 0 ? (bubble.width / 2) / std::fabs(dx) : HUGE_VAL;
        const double ty = dy != 0 ? (bubble.height / 2) / std::fabs(dy) : HUGE_VAL;
        const double t = std::min({tx, ty, 1.0});
        placement.leader_x = x - dx * t;
        placement.leader_y = y - dy * t;
      }
      break;
    }
  }
  return out;
}

}  // namespace parley::report
