#include "scroll_physics.hpp"

#include <algorithm>
#include <cmath>

namespace logbook::app {

namespace {

void scroll_region(ScrollState& s, const std::vector<ScrollRegion>& regions, int r, float by) {
  const ScrollRegion& reg = regions[static_cast<std::size_t>(r)];
  float& rs = s.region_scroll[static_cast<std::size_t>(r)];
  rs = std::clamp(rs + by, 0.0f, reg.content_w - reg.w);
}

void wheel_and_keys(ScrollState& s, const ScrollInput& in, const std::vector<ScrollRegion>& regions) {
  if (in.hovered && !in.touch) {
    if (in.region_under >= 0 && in.wheel_x != 0) scroll_region(s, regions, in.region_under, -in.wheel_x * kWheelStep);
    if (in.wheel_y != 0) {
      s.target -= in.wheel_y * kWheelStep;
      s.pinned_heading = -1;
    }
  }
  const float before = s.target;
  s.target += static_cast<float>(in.lines) * kWheelStep + static_cast<float>(in.pages) * std::max(80.0f, in.view_h - 80);
  if (in.home) s.target = 0;
  if (in.end) s.target = in.total;
  if (s.target != before) s.pinned_heading = -1;
}

// The finger drags the page (or a region sideways); letting go keeps the speed.
void touch(ScrollState& s, const ScrollInput& in, const std::vector<ScrollRegion>& regions) {
  if (in.touch && in.hovered && in.pressed) {
    s.touch_dragging = true;
    s.touch_last_y = in.pointer_y;
    s.touch_last_x = in.pointer_x;
    s.touch_region = in.region_under;
    s.velocity = 0;
    s.pinned_heading = -1;
  }
  if (s.touch_dragging) {
    if (!in.down) {
      s.touch_dragging = false;
      return;
    }
    const float dy = in.pointer_y - s.touch_last_y, dx = in.pointer_x - s.touch_last_x;
    if (s.touch_region >= 0 && std::fabs(dx) > std::fabs(dy)) {
      scroll_region(s, regions, s.touch_region, -dx);
    } else {
      s.scroll -= dy;
      s.target = s.scroll;
      if (in.dt > 0) s.velocity = 0.7f * s.velocity + 0.3f * (-dy / in.dt);
    }
    s.touch_last_y = in.pointer_y;
    s.touch_last_x = in.pointer_x;
  } else if (std::fabs(s.velocity) > 5) {
    s.scroll += s.velocity * in.dt;
    s.target = s.scroll;
    s.velocity *= std::exp(-in.dt * 2.6f);  // about iOS's deceleration
    s.moving = true;
  } else {
    s.velocity = 0;
  }
}

}  // namespace

ScrollState scroll_step(ScrollState s, const ScrollInput& in, const std::vector<ScrollRegion>& regions) {
  s.moving = false;
  wheel_and_keys(s, in, regions);
  touch(s, in, regions);
  const float max_scroll = std::max(0.0f, in.total - in.view_h);
  s.target = std::clamp(s.target, 0.0f, max_scroll);
  if (std::fabs(s.target - s.scroll) > 0.5f) {
    s.scroll += (s.target - s.scroll) * std::min(1.0f, in.dt * 20.0f);  // ease towards the target
    s.moving = true;
  } else {
    s.scroll = s.target;
  }
  s.scroll = std::clamp(s.scroll, 0.0f, max_scroll);
  return s;
}

}  // namespace logbook::app
