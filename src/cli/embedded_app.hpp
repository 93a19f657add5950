// The reader app (the wasm build's output: boot.js, logbook.wasm, fonts/...) compiled into
// the `logbook` command by release builds (-DLOGBOOK_EMBED_APP_FROM=DIR, cmake/EmbedApp.cmake),
// so that one file builds a complete site. Development builds embed nothing and read
// the app from a folder (--app-dir).
#pragma once

#include <span>
#include <string_view>

namespace logbook::embedded {

struct AppFile {
  std::string_view path;   // relative to the app folder: "boot.js", "fonts/inter-regular.otf"
  std::string_view bytes;
};

// Every file of the embedded app; empty when this binary was built without one.
std::span<const AppFile> app_files();

}  // namespace logbook::embedded
