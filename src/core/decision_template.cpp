// New records: their file name, the template they start from and its placeholders,
// and the "Propose a decision" link. `logbook new decision` and the build share these,
// so a record proposed either way starts the same.
#include <array>
#include <cstdio>

#include "decision.hpp"
#include "url.hpp"

namespace logbook {

namespace {

constexpr std::string_view kDefaultTemplate = R"md(---
id: {{id}}
title: {{title}}
status: proposed
date: {{date}}
review_by: {{review_by}}
deciders: []
consulted: []
informed: []
tags: []
---

# {{id}}: {{title}}

## Context and Problem Statement

What is the problem, and why does it need a decision now?

## Considered Options

1. ...

## Decision Outcome

Chosen option: ..., because ...

### Consequences

- Good, because ...
- Bad, because ...
)md";

}  // namespace

std::string decision_file_name(int number, std::string_view slug) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%04d", number);
  return std::string(digits) + "-" + std::string(slug) + ".md";
}

std::string_view default_decision_template() { return kDefaultTemplate; }

std::string fill_decision_template(std::string_view text, const DecisionTemplateFields& fields) {
  const std::string number = std::to_string(fields.number);
  const std::array<std::pair<std::string_view, std::string_view>, 5> values = {
      {{"{{id}}", fields.id}, {"{{title}}", fields.title}, {"{{date}}", fields.date}, {"{{review_by}}", fields.review_by},
       {"{{number}}", number}}};
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 4, "<!--") == 0) {  // copied as it is, placeholders and all
      const std::size_t end = text.find("-->", i + 4);
      const std::size_t stop = end == std::string_view::npos ? text.size() : end + 3;
      out.append(text, i, stop - i);
      i = stop;
      continue;
    }
    bool replaced = false;
    if (text.compare(i, 2, "{{") == 0)
      for (const auto& [key, value] : values)
        if (text.compare(i, key.size(), key) == 0) {
          out += value;
          i += key.size();
          replaced = true;
          break;
        }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::string propose_decision_url(const ProposeLocation& where, const SiteConfig& config, const DecisionLog& log,
                                 std::string_view template_text) {
  if (where.repository.empty()) return {};
  const int number = log.next_number();
  const std::string value =
      fill_decision_template(template_text, {format_decision_id(config.decision_id_prefix, number), "Title", "YYYY-MM-DD", "YYYY-MM-DD", number});
  const std::string folder = (where.content_prefix.empty() ? "" : where.content_prefix + "/") + config.decisions;
  return where.repository + "/new/" + where.branch + "/" + folder + "?filename=" + decision_file_name(number, "title") +
         "&value=" + percent_encode(value);
}

}  // namespace logbook
