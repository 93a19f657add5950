// The checks of `logbook check`: each a function over the site, its decision records,
// the configuration and today's date (the core has no clock), each adding findings
// with file, line, column and a message that says how to fix the problem.
//
// Errors: broken links (pages, images, heading anchors), unknown statuses, duplicate
// ids, malformed dates, supersession to a missing record, one-sided or cyclic
// supersession, a superseded record whose successor is not accepted.
// Warnings: pages past review_by, proposals past their comment deadline, orphan pages,
// missing titles, records without status or date, ids that disagree with the file name,
// images from hosts the pages' Content-Security-Policy does not allow (image_hosts), a
// tag written two ways (tags.hpp) or with no letter or digit.
#pragma once

#include <string>
#include <string_view>

#include "decision.hpp"
#include "diagnostic.hpp"
#include "site.hpp"
#include "site_config.hpp"

namespace logbook {

struct CheckContext {
  const Site& site;
  const DecisionLog& log;
  const SiteConfig& config;
  std::string today;  // YYYY-MM-DD
};

void check_links(const CheckContext& c, Diagnostics& out);
void check_dates(const CheckContext& c, Diagnostics& out);
void check_statuses(const CheckContext& c, Diagnostics& out);
void check_decision_ids(const CheckContext& c, Diagnostics& out);
void check_decision_fields(const CheckContext& c, Diagnostics& out);
void check_supersession(const CheckContext& c, Diagnostics& out);
void check_reviews(const CheckContext& c, Diagnostics& out);
void check_orphans(const CheckContext& c, Diagnostics& out);
void check_titles(const CheckContext& c, Diagnostics& out);
void check_image_hosts(const CheckContext& c, Diagnostics& out);
void check_tags(const CheckContext& c, Diagnostics& out);

// Every check, merged with the site's own build diagnostics (malformed front matter
// and the like). Where the link or date checks report a position the build also warned
// about (a broken link, a malformed date), the check's finding replaces the warning.
// Sorted by file, line, column. `logbook build` and `serve` report these findings too.
Diagnostics run_checks(const CheckContext& c);

}  // namespace logbook
