#include "checks.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "calendar_date.hpp"
#include "front_matter.hpp"
#include "reader_queue.hpp"
#include "limits.hpp"
#include "tags.hpp"
#include "utf8.hpp"

namespace logbook {

namespace {

void add(Diagnostics& out, Severity severity, const std::string& file, SourcePosition at, std::string message) {
  out.push_back({severity, file, at.line, at.column, std::move(message)});
}

const Page& page_of(const CheckContext& c, const Decision& d) { return c.site.pages[static_cast<std::size_t>(d.page)]; }
const Decision& decision(const CheckContext& c, int i) { return c.log.decisions[static_cast<std::size_t>(i)]; }

std::string status_list(const SiteConfig& config) {
  std::string out;
  for (const auto& s : config.statuses) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// "did you mean 'accepted', or " for a misspelt status; "use one of them, or " otherwise.
std::string status_hint(const SiteConfig& config, const std::string& status) {
  const std::vector<std::string_view> known(config.statuses.begin(), config.statuses.end());
  const std::string near = closest_name(status, known);
  return near.empty() ? "use one of them, or " : "did you mean '" + near + "'? Or ";
}

bool declares(const std::vector<DecisionRef>& refs, int target) {
  return std::any_of(refs.begin(), refs.end(), [&](const DecisionRef& r) { return r.target == target; });
}

SourcePosition ref_position(const std::vector<DecisionRef>& refs, int target, SourcePosition fallback) {
  for (const auto& r : refs)
    if (r.target == target) return r.at;
  return fallback;
}

// How to write "superseded by X" / "supersedes X" in the record's own dialect.
std::string how_to_declare(const Decision& d, const char* field, const Decision& other) {
  if (d.dialect == DecisionDialect::nygard)
    return std::string("add the line `") + (std::string(field) == "supersedes" ? "Supersedes" : "Superseded by") + " [" +
           other.title + "](" + std::string(other.path.substr(other.path.rfind('/') + 1)) + ")` to its Status section";
  return std::string("add `") + field + ": " + other.id + "` to its front matter";
}

// What a misspelt wikilink may have meant: the closest page title or path. Each
// suggestion compares with every page, so only the first kSuggestions broken links get
// one (a page of ten thousand broken links stays linear).
constexpr int kSuggestions = 100;

struct WikilinkNames {
  std::vector<std::string> paths;  // "guides/setup": paths without ".md"
  std::vector<std::string_view> names;  // titles and paths
  int left = kSuggestions;

  explicit WikilinkNames(const Site& site) {
    paths.reserve(site.pages.size());
    for (const Page& p : site.pages) paths.push_back(p.path.substr(0, p.path.rfind('.')));
    for (const Page& p : site.pages) names.push_back(p.title);
    names.insert(names.end(), paths.begin(), paths.end());
  }

  // " Did you mean [[Hello]]?" or "".
  std::string suggestion(const Link& link) {
    if (!link.wikilink || left <= 0) return {};
    --left;
    const std::string target = link.destination.substr(0, link.destination.find('#'));
    const std::string near = closest_name(target, names);
    return near.empty() ? std::string() : " Did you mean [[" + near + "]]?";
  }
};

}  // namespace

void check_links(const CheckContext& c, Diagnostics& out) {
  WikilinkNames wikilinks(c.site);
  for (const Page& page : c.site.pages) {
    for (std::size_t i = 0; i < page.links.size() && i < page.resolved.size(); ++i) {
      const Link& link = page.links[i];
      const ResolvedLink& r = page.resolved[i];
      const SourcePosition at{link.line, link.column};
      const std::string shown = link.wikilink ? "[[" + link.destination + "]]" : link.destination;
      if (r.kind == LinkKind::missing) {
        add(out, Severity::error, page.path, at,
            std::string(link.image ? "image " : "link to ") + shown + " is broken: no such " + (link.image ? "file" : "page") +
                " in the content folder." + wikilinks.suggestion(link) + " If it was renamed or moved, link to its new path; otherwise create it or remove the link.");
        continue;
      }
      if ((r.kind == LinkKind::page || r.kind == LinkKind::anchor) && !r.anchor.empty() && r.target_page >= 0) {
        const Page& target = c.site.pages[static_cast<std::size_t>(r.target_page)];
        if (!target.has_anchor(r.anchor)) {
          std::string known;
          for (const Heading& h : target.headings) {
            if (known.size() >= 120) break;
            known += (known.empty() ? "#" : ", #") + h.slug;
          }
          add(out, Severity::error, page.path, at,
              "link to #" + r.anchor + " in " + target.path + " is broken: no heading there has that anchor" +
                  (known.empty() ? "" : " (it has " + known + ")") + ". Fix the anchor or the heading.");
        }
      }
    }
  }
}

void check_dates(const CheckContext& c, Diagnostics& out) {
  const auto check = [&](const std::string& file, const char* field, const std::string& value, SourcePosition at) {
    if (value.empty() || is_iso_date(value)) return;
    add(out, Severity::error, file, at.line ? at : SourcePosition{1, 1},
        std::string("'") + field + "' is \"" + value + "\", not a date Logbook can compare; write it as YYYY-MM-DD, e.g. 2026-01-31.");
  };
  for (const Page& page : c.site.pages) {
    if (page.meta.date) check(page.path, "date", *page.meta.date, front_matter_position(page, "date"));
    if (page.meta.review_by) check(page.path, "review_by", *page.meta.review_by, front_matter_position(page, "review_by"));
  }
  for (const Decision& d : c.log.decisions) {
    const Page& page = page_of(c, d);
    if (!page.meta.date) check(d.path, "Date", d.date, d.date_at);
    if (!page.meta.review_by) check(d.path, "review-by", d.review_by, d.review_by_at);
  }
}

void check_statuses(const CheckContext& c, Diagnostics& out) {
  for (const Decision& d : c.log.decisions) {
    if (d.status.empty() || c.config.is_known_status(d.status)) continue;
    // A warning: the record keeps the status, shown and found by status:"on hold".
    add(out, Severity::warning, d.path, d.status_at,
        "status '" + d.status_text + "' is not one of " + status_list(c.config) + "; " + status_hint(c.config, d.status_text) +
            "add it to `statuses` in logbook.yml if your team uses it.");
  }
}

void check_decision_ids(const CheckContext& c, Diagnostics& out) {
  const int next = c.log.next_number();
  // Records by id, compared without case; grouped once, not record against record.
  std::unordered_map<std::string, std::vector<std::size_t>> by_id;
  for (std::size_t i = 0; i < c.log.decisions.size(); ++i) by_id[lower_ascii(c.log.decisions[i].id)].push_back(i);
  for (std::size_t i = 0; i < c.log.decisions.size(); ++i) {
    const Decision& d = c.log.decisions[i];
    const std::vector<std::size_t>& same = by_id[lower_ascii(d.id)];
    std::string others;
    std::size_t named = 0;
    for (std::size_t j : same) {
      if (j == i) continue;
      if (named++ < 5) others += (others.empty() ? "" : ", ") + c.log.decisions[j].path;
    }
    if (named > 5) others += " and " + std::to_string(named - 5) + " more";
    if (!others.empty()) {
      add(out, Severity::error, d.path, d.id_at,
          "id " + d.id + " is also used by " + others + "; ids must be unique. Renumber the newer record to " +
              format_decision_id(c.config.decision_id_prefix, next) + " (numbers are never reused).");
    }
    if (d.file_number >= 0 && d.number >= 0 && d.file_number != d.number) {
      add(out, Severity::warning, d.path, d.id_at,
          "id " + d.id + " does not match the number " + std::to_string(d.file_number) +
              " in the file name; rename the file or fix the id so both say the same number.");
    }
  }
}

void check_decision_fields(const CheckContext& c, Diagnostics& out) {
  for (const Decision& d : c.log.decisions) {
    if (d.status.empty())
      add(out, Severity::warning, d.path, {1, 1}, "decision record has no status; add `status: proposed` (one of " + status_list(c.config) + ").");
    if (d.date.empty())
      add(out, Severity::warning, d.path, {1, 1}, "decision record has no date; add `date: YYYY-MM-DD`, the day it was proposed or decided.");
    if (d.title.empty())
      add(out, Severity::warning, d.path, {1, 1}, "decision record has no title; add `title:` to its front matter or a `# Title` heading.");
  }
}

void check_supersession(const CheckContext& c, Diagnostics& out) {
  const auto count = static_cast<int>(c.log.decisions.size());
  for (int bi = 0; bi < count; ++bi) {
    const Decision& b = decision(c, bi);
    for (const DecisionRef& r : b.supersedes)
      if (r.target < 0)
        add(out, Severity::error, b.path, r.at,
            "supersedes '" + r.text + "', which is not a decision record in " + c.config.decisions +
                "/; refer to a record by its id (e.g. " + format_decision_id(c.config.decision_id_prefix, 1) + ") or file name.");
    for (const DecisionRef& r : b.superseded_by)
      if (r.target < 0)
        add(out, Severity::error, b.path, r.at,
            "superseded by '" + r.text + "', which is not a decision record in " + c.config.decisions +
                "/; refer to a record by its id (e.g. " + format_decision_id(c.config.decision_id_prefix, 1) + ") or file name.");

    if (b.status == "superseded" && b.successors.empty())
      add(out, Severity::error, b.path, b.status_at,
          "status is superseded but no record supersedes it; add `superseded_by: <id>` naming its successor, or restore its status.");

    // Each edge "a supersedes b", however it was declared.
    for (const int ai : b.successors) {
      const Decision& a = decision(c, ai);
      if (ai == bi) {
        add(out, Severity::error, b.path, ref_position(b.superseded_by, bi, ref_position(b.supersedes, bi, b.status_at)),
            "record " + b.id + " supersedes itself; a record can only be superseded by another one. Remove the reference.");
        continue;
      }
      const bool by_a = declares(a.supersedes, bi);
      const bool by_b = declares(b.superseded_by, ai);
      if (a.status == "rejected") {
        if (by_b || b.status == "superseded")
          add(out, Severity::error, b.path, ref_position(b.superseded_by, ai, b.status_at),
              "is marked superseded by " + a.id + " (" + a.path + "), which was rejected; remove " + a.id +
                  " from superseded_by and keep this record's status as it was before.");
        continue;
      }
      if (!by_b)
        add(out, Severity::error, b.path, b.status_at,
            a.id + " (" + a.path + ") supersedes this record, but this record does not say so; " +
                how_to_declare(b, "superseded_by", a) + ".");
      if (!by_a)
        add(out, Severity::error, a.path, a.status_at,
            b.id + " (" + b.path + ") says it is superseded by this record, but this record does not say it supersedes " + b.id +
                "; " + how_to_declare(a, "supersedes", b) + ".");
      if (b.status == "superseded" && a.status != "accepted")
        add(out, Severity::error, b.path, b.status_at,
            "is marked superseded, but its successor " + a.id + " is " + (a.status.empty() ? "without a status" : a.status) +
                ", not accepted; keep this record's status until " + a.id + " is accepted (superseded_by may stay).");
      if (a.status == "accepted" && b.status != "superseded")
        add(out, Severity::error, b.path, b.status_at,
            "is superseded by " + a.id + ", which is accepted, but its status is " + (b.status.empty() ? "missing" : b.status) +
                "; set `status: superseded`.");
    }
  }

  // Cycles longer than one record (self-supersession is reported above): a depth-first
  // walk with a stack of its own, since a chain can be as long as the log (20,000
  // records overflowed the wasm stack when the walk recursed). The first few cycles
  // are reported; each costs its length, so a log full of them stays linear.
  constexpr std::size_t kCyclesReported = 5;
  std::vector<int> state(static_cast<std::size_t>(count), 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::pair<int, std::size_t>> path;              // a record and its next successor to try
  std::set<std::vector<int>> reported;
  const auto report_cycle = [&](int w) {
    std::vector<int> cycle;
    auto at = path.end();
    while (at != path.begin() && (at - 1)->first != w) --at;
    for (auto it = at - 1; it != path.end(); ++it) cycle.push_back(it->first);
    std::vector<int> key = cycle;
    std::sort(key.begin(), key.end());
    if (!reported.insert(key).second) return;
    const Decision& first = decision(c, key.front());
    std::rotate(cycle.begin(), std::find(cycle.begin(), cycle.end(), key.front()), cycle.end());
    std::string chain;
    for (int x : cycle) chain += decision(c, x).id + " → ";
    chain += first.id;
    add(out, Severity::error, first.path, first.status_at,
        "supersession forms a cycle: " + chain + " (each superseded by the next); a record cannot end up superseding itself. "
        "Remove the link that points back.");
  };
  for (int root = 0; root < count; ++root) {
    if (state[static_cast<std::size_t>(root)] != 0) continue;
    state[static_cast<std::size_t>(root)] = 1;
    path.push_back({root, 0});
    while (!path.empty()) {
      auto& [v, next] = path.back();
      const std::vector<int>& successors = decision(c, v).successors;
      if (next == successors.size()) {
        state[static_cast<std::size_t>(v)] = 2;
        path.pop_back();
        continue;
      }
      const int w = successors[next++];
      if (w == v) continue;
      if (state[static_cast<std::size_t>(w)] == 1) {
        if (reported.size() < kCyclesReported) report_cycle(w);
      } else if (state[static_cast<std::size_t>(w)] == 0) {
        state[static_cast<std::size_t>(w)] = 1;
        path.push_back({w, 0});
      }
    }
  }
}

void check_reviews(const CheckContext& c, Diagnostics& out) {
  if (!is_iso_date(c.today)) return;
  const Severity overdue = c.config.overdue_proposals == "error" ? Severity::error : Severity::warning;
  for (std::size_t i = 0; i < c.site.pages.size(); ++i) {
    const Page& page = c.site.pages[i];
    const int di = c.log.for_page(static_cast<int>(i));
    const Decision* d = di >= 0 ? &decision(c, di) : nullptr;
    const std::string review_by = d ? d->review_by : page.meta.review_by.value_or("");
    const ReviewState state = review_state(review_by, d != nullptr, d ? d->status : "", c.today);
    if (state == ReviewState::none) continue;
    const SourcePosition at = d ? d->review_by_at : front_matter_position(page, "review_by");
    const int days = days_between(review_by, c.today).value_or(0);
    const std::string ago = std::to_string(days) + (days == 1 ? " day ago" : " days ago");
    if (state == ReviewState::overdue_proposal)
      add(out, overdue, page.path, at,
          "overdue: comments on this proposal were due on " + review_by + " (" + ago + "); accept or reject it, or move review_by "
          "to a later date if the discussion continues.");
    else
      add(out, Severity::warning, page.path, at,
          "was due for review on " + review_by + " (" + ago + "); check that it is still right, then move review_by forward.");
  }
}

void check_orphans(const CheckContext& c, Diagnostics& out) {
  for (std::size_t i = 0; i < c.site.pages.size(); ++i) {
    const Page& page = c.site.pages[i];
    if (page.is_section_index || page.path == "index.md" || !page.backlinks.empty()) continue;
    if (c.log.for_page(static_cast<int>(i)) >= 0) continue;  // the decision log lists every record
    add(out, Severity::warning, page.path, {1, 1},
        "no page links here, so readers find it only by search; link to it from its section's index page or a related page.");
  }
}

void check_titles(const CheckContext& c, Diagnostics& out) {
  for (std::size_t i = 0; i < c.site.pages.size(); ++i) {
    const Page& page = c.site.pages[i];
    if ((page.meta.title && !page.meta.title->empty()) || !page.headings.empty()) continue;
    if (c.log.for_page(static_cast<int>(i)) >= 0) continue;  // check_decision_fields says it for records
    add(out, Severity::warning, page.path, {1, 1},
        "page has no title, so it is called \"" + page.title + "\" after its file name; add `title:` to its front matter or a `# Title` heading.");
  }
}

// The pages' CSP loads images from the site and from the hosts in image_hosts only
// (ADR-0011): an image anywhere else shows as a broken image to every reader.
void check_image_hosts(const CheckContext& c, Diagnostics& out) {
  for (const Page& page : c.site.pages)
    for (const Link& link : page.links)
      if (link.image && !link.wikilink && !c.config.allows_image(link.destination))
        add(out, Severity::warning, page.path, {link.line, link.column},
            "image " + link.destination.substr(0, 200) + " will not load: its host is not allowed. Add the host to image_hosts in "
            "logbook.yml (like `image_hosts: [\"https://img.shields.io\"]`), or copy the image into the content folder.");
}

void check_tags(const CheckContext& c, Diagnostics& out) {
  struct Use {
    int page;
    std::string name;
  };
  std::map<std::string, std::vector<Use>> by_slug;
  std::map<std::string, std::map<std::string, int>> spellings;  // slug -> name -> pages
  for (std::size_t i = 0; i < c.site.pages.size(); ++i) {
    const Page& page = c.site.pages[i];
    const int d = c.log.for_page(static_cast<int>(i));
    const std::vector<std::string>& tags = d >= 0 ? decision(c, d).tags : page.meta.tags;
    if (tags.size() > limits::kTagsPerPage)
      add(out, Severity::warning, page.path, front_matter_position(page, "tags"),
          "page has " + std::to_string(tags.size()) + " tags; only the first " + std::to_string(limits::kTagsPerPage) +
              " get it onto their tag pages. Keep the tags that say what the page is about.");
    for (std::size_t k = 0; k < tags.size() && k < limits::kTagsPerPage; ++k) {
      const std::string& written = tags[k];
      const std::string name = tag_name(written), slug = tag_slug(written);
      if (slug.empty()) {
        add(out, Severity::warning, page.path, front_matter_position(page, "tags"),
            "tag \"" + name.substr(0, 80) + "\" has no letter or digit, so it has no tag page; name it with a word.");
        continue;
      }
      by_slug[slug].push_back({static_cast<int>(i), name});
      ++spellings[slug][name];
    }
  }
  // One tag written two ways: each page with a spelling other than the most used one is told.
  for (const auto& [slug, uses] : by_slug) {
    const auto& names = spellings[slug];
    if (names.size() < 2) continue;
    std::string kept = uses.front().name;
    for (const auto& [name, count] : names)
      if (count > names.at(kept)) kept = name;
    for (const Use& u : uses)
      if (u.name != kept) {
        const Page& page = c.site.pages[static_cast<std::size_t>(u.page)];
        add(out, Severity::warning, page.path, front_matter_position(page, "tags"),
            "tag \"" + u.name + "\" is written \"" + kept + "\" on " + std::to_string(names.at(kept)) +
                (names.at(kept) == 1 ? " page" : " pages") + "; both are the tag " + tag_url(slug) + ". Write it \"" + kept + "\".");
      }
  }
}

Diagnostics run_checks(const CheckContext& c) {
  // The build warns about broken links and malformed dates too: the checks' findings
  // for those replace its warnings at the same place. Its other warnings stay, even
  // where a check reports something else (an empty file and its missing title, at 1:1).
  Diagnostics found;
  check_links(c, found);
  check_dates(c, found);
  std::set<std::tuple<std::string, int, int>> positions;
  for (const Diagnostic& d : found) positions.emplace(d.file, d.line, d.column);
  for (auto* check : {check_statuses, check_decision_ids, check_decision_fields, check_supersession, check_reviews,
                      check_orphans, check_titles, check_image_hosts, check_tags})
    check(c, found);
  Diagnostics all;
  for (const Diagnostic& d : c.site.diagnostics)
    if (d.severity == Severity::error || !positions.count({d.file, d.line, d.column})) all.push_back(d);
  for (Diagnostic& d : found) all.push_back(std::move(d));
  std::stable_sort(all.begin(), all.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return all;
}

}  // namespace logbook
