// Today's date on this machine's clock, for the core's date checks (the core has no clock).
#pragma once

#include <string>

namespace logbook::cli {

std::string local_today();  // YYYY-MM-DD in the local time zone

}  // namespace logbook::cli
