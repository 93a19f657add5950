// LOGBOOK_ASSERT(condition, why): an invariant the code promises (not a check of input:
// bad input is a diagnostic), checked the way ImGui's IM_ASSERT checks its own. On in
// debug builds (NDEBUG undefined) and wherever LOGBOOK_ASSERTS is defined, as the fuzz
// and native-debug presets do, so fuzzing finds a broken promise where it breaks; off
// (and unevaluated) in release builds. A failure prints the file, line and promise,
// then aborts.
#pragma once

#if !defined(NDEBUG) || defined(LOGBOOK_ASSERTS)
#define LOGBOOK_ASSERTS_ON 1
#else
#define LOGBOOK_ASSERTS_ON 0
#endif

#if LOGBOOK_ASSERTS_ON
#include <cstdio>
#include <cstdlib>

namespace logbook::detail {
[[noreturn]] inline void assert_failed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: Logbook invariant broken: %s (%s)\n", file, line, why, condition);
  std::abort();
}
}  // namespace logbook::detail

#define LOGBOOK_ASSERT(condition, why) \
  ((condition) ? static_cast<void>(0) : ::logbook::detail::assert_failed(#condition, why, __FILE__, __LINE__))
#else
// sizeof keeps the names used (no unused-variable warnings) without evaluating anything.
#define LOGBOOK_ASSERT(condition, why) static_cast<void>(sizeof(!(condition)))
#endif
