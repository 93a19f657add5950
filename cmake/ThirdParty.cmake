# Third-party libraries, built from the sources pinned in cmake/deps.lock.
# scripts/fetch-deps.sh downloads and verifies them into .cache/deps (git-ignored);
# running it here makes `cmake --preset ...` enough on a machine that has the
# registries. cpp-httplib is header-only from a pin too; other header-only libraries
# come from Debian packages (scripts/bootstrap.sh).
set(LOGBOOK_DEPS_DIR "${PROJECT_SOURCE_DIR}/.cache/deps" CACHE PATH "Cache of fetched third-party sources")

execute_process(
  COMMAND bash "${PROJECT_SOURCE_DIR}/scripts/fetch-deps.sh" "${LOGBOOK_DEPS_DIR}"
  RESULT_VARIABLE fetch_result)
if(NOT fetch_result EQUAL 0)
  message(FATAL_ERROR "Third-party sources could not be fetched (see the message above). "
    "They are pinned in cmake/deps.lock; scripts/bootstrap.sh sets up what fetching needs.")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/cmake/deps.lock")

set(CMARK_DIR "${LOGBOOK_DEPS_DIR}/src/cmark-gfm-0.29.0.gfm.13")
set(IMGUI_DIR "${LOGBOOK_DEPS_DIR}/src/imgui-1.92.2b")
set(YAMLCPP_DIR "${LOGBOOK_DEPS_DIR}/src/yaml-cpp-0.8.0")
set(SQLITE_DIR "${LOGBOOK_DEPS_DIR}/src/sqlite-3.53.2")
set(HTTPLIB_DIR "${LOGBOOK_DEPS_DIR}/src/cpp-httplib-0.41.0")
set(ZLIB_DIR "${LOGBOOK_DEPS_DIR}/src/zlib-1.3.1")

# --- cmark-gfm (library and its GFM extensions; upstream's CMake builds programs and
# installs we do not need, so we list its sources and generate its two small headers).
set(PROJECT_VERSION_MAJOR 0)
set(PROJECT_VERSION_MINOR 29)
set(PROJECT_VERSION_PATCH 0)
set(PROJECT_VERSION_GFM 13)
set(HAVE_STDBOOL_H 1)
set(HAVE___BUILTIN_EXPECT 1)
set(HAVE___ATTRIBUTE__ 1)
set(cmark_gen "${CMAKE_BINARY_DIR}/_deps/cmark-gfm")
configure_file("${CMARK_DIR}/src/config.h.in" "${cmark_gen}/config.h")
configure_file("${CMARK_DIR}/src/cmark-gfm_version.h.in" "${cmark_gen}/cmark-gfm_version.h")
file(WRITE "${cmark_gen}/cmark-gfm_export.h.in"
  "#pragma once\n#define CMARK_GFM_EXPORT\n#define CMARK_GFM_NO_EXPORT\n#define CMARK_GFM_DEPRECATED\n")
configure_file("${cmark_gen}/cmark-gfm_export.h.in" "${cmark_gen}/cmark-gfm_export.h" COPYONLY)
configure_file("${cmark_gen}/cmark-gfm_export.h.in" "${cmark_gen}/cmark-gfm-extensions_export.h" COPYONLY)
foreach(f cmark node iterator blocks inlines scanners utf8 buffer references footnotes map
          render man xml html commonmark plaintext latex houdini_href_e houdini_html_e
          houdini_html_u cmark_ctype arena linked_list syntax_extension registry plugin)
  list(APPEND cmark_sources "${CMARK_DIR}/src/${f}.c")
endforeach()
foreach(f core-extensions table strikethrough autolink tagfilter ext_scanners tasklist)
  list(APPEND cmark_sources "${CMARK_DIR}/extensions/${f}.c")
endforeach()
add_library(cmark_gfm STATIC ${cmark_sources})
target_include_directories(cmark_gfm SYSTEM PUBLIC "${CMARK_DIR}/src" "${CMARK_DIR}/extensions" "${cmark_gen}")
target_compile_definitions(cmark_gfm PUBLIC CMARK_GFM_STATIC_DEFINE CMARK_GFM_EXTENSIONS_STATIC_DEFINE)
set_target_properties(cmark_gfm PROPERTIES C_STANDARD 99 POSITION_INDEPENDENT_CODE ON)
target_compile_options(cmark_gfm PRIVATE -w)

# --- SQLite amalgamation with FTS5. Options trimmed for a read-mostly search engine.
add_library(sqlite3 STATIC "${SQLITE_DIR}/sqlite3.c")
# FTS5's public header (for our rank function, search_rank.cpp) ships inside the
# amalgamation only: copy it out of the pinned sqlite3.c into the build tree.
set(sqlite_gen "${CMAKE_BINARY_DIR}/generated/sqlite")
file(READ "${SQLITE_DIR}/sqlite3.c" sqlite_amalgamation LIMIT 2000000)
string(FIND "${sqlite_amalgamation}" "#ifndef _FTS5_H" fts5_begin)
string(FIND "${sqlite_amalgamation}" "#endif /* _FTS5_H */" fts5_end)
if(fts5_begin LESS 0 OR fts5_end LESS fts5_begin)
  message(FATAL_ERROR "fts5.h was not found in ${SQLITE_DIR}/sqlite3.c; scripts/fetch-deps.sh fetches the pinned SQLite.")
endif()
math(EXPR fts5_length "${fts5_end} - ${fts5_begin} + 20")
string(SUBSTRING "${sqlite_amalgamation}" ${fts5_begin} ${fts5_length} fts5_header)
file(CONFIGURE OUTPUT "${sqlite_gen}/fts5.h" CONTENT "#include \"sqlite3.h\"\n${fts5_header}\n" @ONLY)
unset(sqlite_amalgamation)
target_include_directories(sqlite3 SYSTEM PUBLIC "${SQLITE_DIR}" "${sqlite_gen}")
target_compile_definitions(sqlite3 PRIVATE
  SQLITE_ENABLE_FTS5 SQLITE_ENABLE_DBSTAT_VTAB SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_OMIT_LOAD_EXTENSION SQLITE_OMIT_DEPRECATED SQLITE_OMIT_SHARED_CACHE SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_MAX_EXPR_DEPTH=0 SQLITE_USE_ALLOCA)
if(EMSCRIPTEN)
  # What a read-only search engine never calls, to keep the worker's download small: it
  # is fetched with the first page (ADR-0009), so bytes count as much as speed.
  target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=0 SQLITE_OMIT_WAL SQLITE_OMIT_UTF16 SQLITE_OMIT_EXPLAIN
    SQLITE_OMIT_JSON SQLITE_OMIT_PROGRESS_CALLBACK SQLITE_OMIT_COMPLETE SQLITE_OMIT_GET_TABLE SQLITE_OMIT_TCL_VARIABLE
    SQLITE_OMIT_DECLTYPE SQLITE_OMIT_AUTHORIZATION SQLITE_OMIT_INTEGRITY_CHECK SQLITE_OMIT_TRACE
    SQLITE_OMIT_DATETIME_FUNCS)
  # Sized for the download rather than speed: 9 KB gzip less than -O2, and a keystroke's
  # query still takes a few milliseconds (bench/app_bench.mjs).
  target_compile_options(sqlite3 PRIVATE -Os)
else()
  target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(sqlite3 PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
target_compile_options(sqlite3 PRIVATE -w)

# --- zlib: raw DEFLATE of the search database's pieces (ADR-0009). The build packs them,
# the search worker unpacks them; no gzip files and no stdio, so only the stream code.
add_library(logbook_zlib STATIC "${ZLIB_DIR}/adler32.c" "${ZLIB_DIR}/crc32.c" "${ZLIB_DIR}/deflate.c"
  "${ZLIB_DIR}/inffast.c" "${ZLIB_DIR}/inflate.c" "${ZLIB_DIR}/inftrees.c" "${ZLIB_DIR}/trees.c" "${ZLIB_DIR}/zutil.c")
target_include_directories(logbook_zlib SYSTEM PUBLIC "${ZLIB_DIR}")
set_target_properties(logbook_zlib PROPERTIES C_STANDARD 99 POSITION_INDEPENDENT_CODE ON)
# NO_GZIP: raw streams only, so inflate never reaches crc32 and its tables.
target_compile_definitions(logbook_zlib PRIVATE HAVE_UNISTD_H NO_GZIP)
target_compile_options(logbook_zlib PRIVATE -w)
if(EMSCRIPTEN)
  target_compile_options(logbook_zlib PRIVATE -Os)
endif()

# --- yaml-cpp (front matter).
file(GLOB yamlcpp_sources "${YAMLCPP_DIR}/src/*.cpp")
add_library(yaml_cpp STATIC ${yamlcpp_sources})
target_include_directories(yaml_cpp SYSTEM PUBLIC "${YAMLCPP_DIR}/include")
target_compile_definitions(yaml_cpp PUBLIC YAML_CPP_STATIC_DEFINE)
target_compile_options(yaml_cpp PRIVATE -w)

# --- Dear ImGui core (no backend; wasm/ adds GLFW + OpenGL3).
add_library(imgui STATIC "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp"
  "${IMGUI_DIR}/imgui_tables.cpp" "${IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}")
# 32-bit indices: WebGL has no base vertex, so one draw list holds at most 65536 vertices
# with 16-bit ones, and the whole-site link graph draws more (ADR-0015).
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_USE_WCHAR32 "ImDrawIdx=unsigned int")
target_compile_options(imgui PRIVATE -w)
if(EMSCRIPTEN)
  target_compile_options(imgui PRIVATE -fno-exceptions)  # ImGui never throws; the app links it without exceptions
endif()

# --- cpp-httplib, header-only, for `logbook serve` (native only). Plain HTTP on
# loopback: no TLS, no compression, so no OpenSSL, zlib or brotli. httplib.h alone is
# copied, so the include path holds nothing else of the source tree.
if(NOT EMSCRIPTEN)
  configure_file("${HTTPLIB_DIR}/httplib.h" "${CMAKE_BINARY_DIR}/_deps/headers/httplib/httplib.h" COPYONLY)
  add_library(httplib INTERFACE)
  target_include_directories(httplib SYSTEM INTERFACE "${CMAKE_BINARY_DIR}/_deps/headers/httplib")
  target_link_libraries(httplib INTERFACE Threads::Threads)
  # The limits a request must keep, stated here so no upgrade changes them silently.
  # Each is checked as the request arrives, so a client that sends more is answered
  # 400 (414 for the URI) and dropped, and a request costs the server a bounded amount
  # of memory whatever it sends (0.11.4 kept every header line: 200 MB of them grew
  # the server by 410 MB). Every target that includes httplib.h sees the same values.
  target_compile_definitions(httplib INTERFACE
    CPPHTTPLIB_HEADER_MAX_COUNT=100          # header lines in a request
    CPPHTTPLIB_HEADER_MAX_LENGTH=8192        # bytes in one header line
    CPPHTTPLIB_MAX_LINE_LENGTH=32768         # bytes in any line read, before it is parsed
    CPPHTTPLIB_REQUEST_URI_MAX_LENGTH=8192   # bytes in the request target
    # Request bodies; the server lowers this at run time to
    # serve_limits::kRequestBodyBytes (src/cli/static_server.hpp), 413 beyond.
    CPPHTTPLIB_PAYLOAD_MAX_LENGTH=65536)
endif()

# --- Header-only libraries from Debian packages. The wasm build must not see
# /usr/include as a whole, so each header tree is copied into the build folder.
function(logbook_header_lib name src_dir dest_subdir)
  set(dest "${CMAKE_BINARY_DIR}/_deps/headers/${name}")
  if(NOT EXISTS "${src_dir}")
    message(FATAL_ERROR "${src_dir} is missing: install the Debian package that provides ${name} "
      "(scripts/bootstrap.sh installs them all).")
  endif()
  file(COPY "${src_dir}" DESTINATION "${dest}/${dest_subdir}")
  add_library(${name} INTERFACE)
  target_include_directories(${name} SYSTEM INTERFACE "${dest}")
endfunction()
logbook_header_lib(doctest /usr/include/doctest "")
logbook_header_lib(nlohmann_json /usr/include/nlohmann "")
