// The document's scrolling as a pure function: this frame's input (wheel, keys, a finger
// on the page) and the time since the last frame turn the scroll state into the next.
// The wheel and keys move a target that the view eases towards; a finger drags the page
// and, let go, leaves it moving with its speed, slowing as on iOS. Code blocks and wide
// tables scroll sideways. No ImGui here: the document view reads the input from ImGui.
#pragma once

#include <vector>

#include "markdown_layout.hpp"

namespace logbook::app {

struct ScrollState {
  float scroll = 0, target = 0;      // vertical scroll, and where smooth scrolling is heading
  float velocity = 0;                // touch momentum, px/s
  bool touch_dragging = false;
  float touch_last_y = 0, touch_last_x = 0;
  int touch_region = -1;             // the region a finger is dragging sideways, or -1
  std::vector<float> region_scroll;  // sideways scroll of code blocks and wide tables
  int pinned_heading = -1;  // set by a jump to an anchor, cleared when the reader scrolls
  bool moving = false;      // still easing or gliding: the next frame is wanted
};

struct ScrollInput {
  float dt = 0;                // seconds since the last frame
  float view_h = 0, total = 0;  // the view's height, and the height of what scrolls in it
  bool hovered = false;        // the pointer is over the document
  bool touch = false;          // the pointer is a finger
  float wheel_x = 0, wheel_y = 0;  // wheel notches (Shift already made vertical sideways)
  int region_under = -1;       // the sideways-scrollable region under the pointer, or -1
  // Keys (only when no text field has the keyboard): lines and pages down (negative: up).
  int lines = 0, pages = 0;
  bool home = false, end = false;
  bool pressed = false, down = false;  // the button or finger went down this frame; is down
  float pointer_x = 0, pointer_y = 0;
};

constexpr float kWheelStep = 60;  // pixels a wheel notch or an arrow key scrolls

ScrollState scroll_step(ScrollState s, const ScrollInput& in, const std::vector<ScrollRegion>& regions);

}  // namespace logbook::app
