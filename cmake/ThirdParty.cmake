# Third-party libraries, built from the sources pinned in cmake/deps.lock.
# scripts/fetch-deps.sh downloads and verifies them into .cache/deps (git-ignored);
# running it here makes `cmake --preset ...` enough on a machine that has the
# registries. Header-only libraries come from Debian packages (scripts/bootstrap.sh).
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
target_include_directories(sqlite3 SYSTEM PUBLIC "${SQLITE_DIR}")
target_compile_definitions(sqlite3 PRIVATE
  SQLITE_ENABLE_FTS5 SQLITE_ENABLE_DBSTAT_VTAB SQLITE_DQS=0 SQLITE_DEFAULT_MEMSTATUS=0
  SQLITE_OMIT_LOAD_EXTENSION SQLITE_OMIT_DEPRECATED SQLITE_OMIT_SHARED_CACHE SQLITE_LIKE_DOESNT_MATCH_BLOBS
  SQLITE_MAX_EXPR_DEPTH=0 SQLITE_USE_ALLOCA)
if(EMSCRIPTEN)
  target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=0 SQLITE_OMIT_WAL SQLITE_OMIT_UTF16 SQLITE_OMIT_EXPLAIN)
  # Only the search worker links SQLite in the browser, after the first page: speed per
  # keystroke matters more there than bytes.
  target_compile_options(sqlite3 PRIVATE -O3)
else()
  target_compile_definitions(sqlite3 PRIVATE SQLITE_THREADSAFE=1)
  find_package(Threads REQUIRED)
  target_link_libraries(sqlite3 PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()
target_compile_options(sqlite3 PRIVATE -w)

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
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_USE_WCHAR32)
target_compile_options(imgui PRIVATE -w)

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
