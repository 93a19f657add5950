// The document's scrolling as a pure function of (state, input) → state: the wheel and
// keys move a target the scroll eases to, a finger drags and lets the page glide, and
// code blocks and wide tables scroll sideways; everything stays within the page.
#include <doctest/doctest.h>

#include "app/scroll_physics.hpp"

using namespace logbook::app;

namespace {

constexpr float kFrame = 1.0f / 60;

ScrollInput frame(float total = 2000, float view_h = 500) {
  ScrollInput in;
  in.dt = kFrame;
  in.total = total;
  in.view_h = view_h;
  in.hovered = true;
  return in;
}

// Frames with no input until the scroll comes to rest (or a limit, to catch a runaway).
ScrollState settle(ScrollState s, int* frames = nullptr) {
  int n = 0;
  for (; n < 600 && (n == 0 || s.moving); ++n) s = scroll_step(std::move(s), frame(), {});
  if (frames) *frames = n;
  return s;
}

std::vector<ScrollRegion> one_wide_code_block() {
  ScrollRegion r;
  r.x = 0, r.y = 100, r.w = 400, r.h = 80, r.content_w = 1000;
  return {r};
}

}  // namespace

TEST_CASE("a wheel notch moves the target 60 px; the scroll eases there and stops") {
  ScrollState s;
  s.pinned_heading = 3;
  ScrollInput in = frame();
  in.wheel_y = -2;  // two notches down
  s = scroll_step(s, in, {});
  CHECK(s.target == 120);
  CHECK(s.pinned_heading == -1);  // the reader scrolled: the jumped-to heading is no longer current
  CHECK(s.scroll > 0);
  CHECK(s.scroll < 120);
  CHECK(s.moving);
  int frames = 0;
  s = settle(std::move(s), &frames);
  CHECK(s.scroll == 120);
  CHECK_FALSE(s.moving);
  CHECK(frames < 30);  // under half a second
}

TEST_CASE("the wheel scrolls only the document under the pointer, and not with a finger") {
  ScrollInput in = frame();
  in.wheel_y = -1;
  in.hovered = false;
  CHECK(scroll_step({}, in, {}).target == 0);
  in.hovered = true;
  in.touch = true;
  CHECK(scroll_step({}, in, {}).target == 0);
}

TEST_CASE("the scroll stays between the top and the end of the page") {
  ScrollInput in = frame(2000, 500);
  in.wheel_y = 5;  // up, at the top
  CHECK(scroll_step({}, in, {}).target == 0);
  in = frame(2000, 500);
  in.end = true;
  ScrollState s = settle(scroll_step({}, in, {}));
  CHECK(s.scroll == 1500);  // the end: the page's bottom at the view's bottom
  in = frame(300, 500);  // a page shorter than the view does not scroll
  in.wheel_y = -3;
  CHECK(scroll_step({}, in, {}).target == 0);
}

TEST_CASE("keys: arrows a line, Page Down and Space a view less 80 px, Home and End the ends") {
  ScrollInput in = frame(5000, 500);
  in.lines = 1;
  CHECK(scroll_step({}, in, {}).target == 60);
  in = frame(5000, 500);
  in.pages = 2;
  CHECK(scroll_step({}, in, {}).target == 840);
  ScrollState s;
  s.scroll = s.target = 1000;
  in = frame(5000, 500);
  in.home = true;
  CHECK(scroll_step(s, in, {}).target == 0);
  in = frame(5000, 100);  // a short view still pages by 80 px
  in.pages = 1;
  CHECK(scroll_step({}, in, {}).target == 80);
}

TEST_CASE("a finger drags the page, and let go the page glides, slows and stops") {
  ScrollState s;
  s.scroll = s.target = 500;
  ScrollInput in = frame();
  in.touch = true;
  in.pressed = in.down = true;
  in.pointer_y = 400;
  s = scroll_step(s, in, {});
  CHECK(s.touch_dragging);
  in.pressed = false;
  for (int i = 0; i < 5; ++i) {  // up 20 px a frame
    in.pointer_y -= 20;
    s = scroll_step(s, in, {});
  }
  CHECK(s.scroll == 600);
  CHECK(s.target == 600);
  CHECK(s.velocity > 500);  // px/s
  in.down = false;  // let go
  s = scroll_step(s, in, {});
  CHECK_FALSE(s.touch_dragging);
  s = settle(std::move(s));
  CHECK(s.scroll > 700);  // it glided on
  CHECK(s.velocity == 0);
  CHECK_FALSE(s.moving);
}

TEST_CASE("code blocks and wide tables scroll sideways, with the wheel or a finger, within their width") {
  const std::vector<ScrollRegion> regions = one_wide_code_block();
  ScrollState s;
  s.region_scroll = {0};
  ScrollInput in = frame();
  in.region_under = 0;
  in.wheel_x = -2;
  s = scroll_step(s, in, regions);
  CHECK(s.region_scroll[0] == 120);
  CHECK(s.target == 0);  // the page stays
  in.wheel_x = -20;
  s = scroll_step(s, in, regions);
  CHECK(s.region_scroll[0] == 600);  // its content is 1000 px wide in a 400 px box
  in = frame();
  in.touch = true;
  in.region_under = 0;
  in.pressed = in.down = true;
  in.pointer_x = 200, in.pointer_y = 150;
  s = scroll_step(s, in, regions);
  in.pressed = false;
  in.pointer_x = 260, in.pointer_y = 145;  // mostly sideways: the block scrolls, not the page
  s = scroll_step(s, in, regions);
  CHECK(s.region_scroll[0] == 540);
  CHECK(s.scroll == 0);
}
