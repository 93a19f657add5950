// libFuzzer target: logbook.yml. Any bytes give a configuration (defaults standing
// in for bad keys) and diagnostics, never a crash or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/site_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  const logbook::SiteConfigResult result = logbook::parse_site_config("logbook.yml", yaml);
  (void)result.config.is_known_status("accepted");
  (void)result.config.decision_template_path();
  return 0;
}
