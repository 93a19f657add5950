# Warnings for Logbook's own targets (third-party targets are built without them), and
# LOGBOOK_ASSERTS, which turns on their invariant checks in optimised builds.
function(logbook_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports std::string appends at -O3 as overlapping memcpy (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(LOGBOOK_ASSERTS)
    target_compile_definitions(${target} PRIVATE LOGBOOK_ASSERTS)
  endif()
  if(LOGBOOK_WARNINGS_AS_ERRORS)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
