// Reads cmark-gfm's spec files (test/spec.txt, test/extensions.txt): a line of 32
// backticks + " example", the Markdown, a line ".", the HTML, and a line of 32
// backticks; "→" stands for a tab. An example whose opening line names extensions
// ("example table") runs with them, as upstream's runner does.
#pragma once

#include <fstream>
#include <string>
#include <vector>

namespace logbook::spec {

struct Example {
  int number = 0;
  int line = 0;
  std::string markdown;
  std::string html;
  bool disabled = false;
  bool extensions = false;  // the example names GFM extensions after "example"
};

inline std::vector<Example> read_examples(const std::string& path) {
  std::ifstream in(path);
  std::vector<Example> out;
  if (!in) return out;
  const std::string fence(32, '`');
  std::string line;
  int state = 0, line_no = 0, number = 0;
  Example current;
  const auto tabs = [](std::string s) {
    for (std::size_t p; (p = s.find("→")) != std::string::npos;) s.replace(p, 3, "\t");
    return s;
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (state == 0 && line.rfind(fence + " example", 0) == 0) {
      current = Example{};
      current.line = line_no;
      current.disabled = line.find("disabled") != std::string::npos;
      current.extensions = line.size() > fence.size() + 8 && !current.disabled;
      state = 1;
    } else if (state != 0 && line == fence) {
      current.number = ++number;
      current.markdown = tabs(current.markdown);
      current.html = tabs(current.html);
      out.push_back(current);
      state = 0;
    } else if (state == 1 && line == ".") {
      state = 2;
    } else if (state == 1) {
      current.markdown += line + "\n";
    } else if (state == 2) {
      current.html += line + "\n";
    }
  }
  return out;
}

}  // namespace logbook::spec
