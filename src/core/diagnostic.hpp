// Diagnostics: what the core reports about content instead of throwing.
// Every finding names the file (relative to the content folder), a 1-based line
// and column where known (0 = unknown), and a message that says how to fix it.
#pragma once

#include <string>
#include <vector>

namespace logbook {

enum class Severity { warning, error };

struct Diagnostic {
  Severity severity = Severity::warning;
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

// "guides/setup.md:12:3: warning: ..." (the format compilers use, so editors link it).
std::string format_diagnostic(const Diagnostic& d);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace logbook
