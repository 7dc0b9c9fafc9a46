// report/label_layout.h - names next to the bubbles of an actor map, none
// on top of another.
//
// place_labels() works in the plot's pixels (origin top left): each bubble
// has a centre, a radius and a name of estimated width.  Bubbles are served
// in order of decreasing radius (the heaviest actors get the nearest spots);
// each name takes the first free spot of a fixed list - above, below, right,
// left of its bubble, then the same and the diagonals on rings further out,
// joined to the bubble by a leader line - that stays inside the plot and
// overlaps no name already placed.  A name with no free spot is not placed
// (the page shows it when the pointer rests on the bubble).  Deterministic:
// the same bubbles give the same layout.
//
// Cost: O(n^2 x spots) for n bubbles (spots = 28); 40 actors take well under
// a millisecond.
//
// Thread-safety: a free function without shared state.
#pragma once

#include <string>
#include <vector>

namespace parley::report {

struct Bubble {
  double x = 0, y = 0;  // centre, pixels
  double radius = 0;    // pixels
  double width = 0;     // of the name, pixels
  double height = 13;   // of the name, pixels
};

struct LabelPlacement {
  bool placed = false;
  double x = 0, y = 0;                // centre of the name, pixels
  bool leader = false;                // far from its bubble: draw a line to it
  double leader_x = 0, leader_y = 0;  // where the line meets the name's box
};

// One placement per bubble, in the bubbles' order.
std::vector<LabelPlacement> place_labels(const std::vector<Bubble>& bubbles, double width,
                                         double height);

// The width of `name` in 11 px sans-serif, estimated generously (wide fonts
// such as DejaVu Sans included); UTF-8 continuation bytes are not counted.
double estimated_label_width(const std::string& name);

}  // namespace parley::report
