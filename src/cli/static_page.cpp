#include "static_page.hpp"

#include <cctype>

#include "html.hpp"

namespace logbook::embedded {
extern const std::string_view page_html;
}

namespace logbook::cli {

namespace {

const PublishedPage& page_at(const PublishedSite& site, int i) { return site.pages[static_cast<std::size_t>(i)]; }
const Section& section_at(const PublishedSite& site, int i) { return site.sections[static_cast<std::size_t>(i)]; }

std::string link(const SiteInfo& info, const std::string& url, const std::string& text, bool current = false) {
  return "<a href=\"" + escape_html(info.base + url) + "\"" + (current ? " aria-current=\"page\"" : "") + ">" +
         escape_html(text) + "</a>";
}

std::string breadcrumbs(const PublishedSite& site, int page, const SiteInfo& info) {
  std::string out;
  for (int s : site.trail(page)) out += (out.empty() ? "" : " › ") + link(info, section_at(site, s).url, section_at(site, s).title);
  return out;
}

// The current section: its index, its pages and its sub-sections, with the
// parent section above; enough to move around without a full-site tree per page.
std::string sidebar(const PublishedSite& site, int page, const SiteInfo& info) {
  const Section& sec = section_at(site, page_at(site, page).section);
  std::string out;
  if (sec.parent >= 0) {
    const Section& parent = section_at(site, sec.parent);
    out += "<div class=\"up\">" + link(info, parent.url, "↑ " + parent.title) + "</div>";
  }
  out += "<div class=\"title\">" + link(info, sec.url, sec.title, sec.index_page == page) + "</div><ul>";
  for (int child : sec.children) {
    const Section& c = section_at(site, child);
    out += "<li>" + link(info, c.url, c.title + " ›") + "</li>";
  }
  for (int p : sec.pages) out += "<li>" + link(info, page_at(site, p).url, site.nav_title(p), p == page) + "</li>";
  out += "</ul>";
  return out;
}

std::string outline(const std::vector<Heading>& headings) {
  std::string out;
  int shown = 0;
  for (const Heading& h : headings) {
    if (h.level < 2 || h.level > 3) continue;
    out += "<li class=\"h" + std::to_string(h.level) + "\"><a href=\"#" + escape_html(h.slug) + "\">" + escape_html(h.text) + "</a></li>";
    ++shown;
  }
  return shown ? "<div class=\"title\">On this page</div><ul>" + out + "</ul>" : std::string();
}

std::string capitalized(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + escape_html(n);
  return out;
}

// A decision record's status, dates, people and its chain both ways, as the app's
// decision header shows them: "Superseded by ADR-0012 (proposed)".
std::string decision_record(const PublishedSite& site, const PublishedDecision& d, const SiteInfo& info) {
  const std::string status = d.status.empty() ? "no status" : d.status;
  std::string out = "<section class=\"decision\" aria-label=\"Decision record\"><p><span class=\"status status-" +
                    escape_html(status.substr(0, status.find(' '))) + "\">" + escape_html(capitalized(status)) + "</span>";
  if (!d.id.empty()) out += " <code>" + escape_html(d.id) + "</code>";
  if (!d.date.empty()) out += " · " + std::string(d.status == "proposed" ? "Proposed " : "Decided ") + escape_html(d.date);
  out += "</p><dl>";
  const auto row = [&](const char* label, const std::string& value) {
    if (!value.empty()) out += "<dt>" + std::string(label) + "</dt><dd>" + value + "</dd>";
  };
  if (d.status == "proposed") row("Comments due", d.review_by.empty() ? "no deadline set" : escape_html(d.review_by));
  row("Deciders", joined(d.deciders));
  row("Consulted", joined(d.consulted));
  row("Informed", joined(d.informed));
  const auto chain = [&](const std::vector<int>& records) {
    std::string v;
    for (int r : records) {
      const PublishedDecision& other = site.decisions[static_cast<std::size_t>(r)];
      const std::string name = other.id.empty() ? other.title : other.id + (other.title.empty() ? "" : ": " + other.title);
      v += (v.empty() ? "" : ", ") + (other.page >= 0 ? link(info, page_at(site, other.page).url, name) : escape_html(name));
      if (!other.status.empty()) v += " (" + escape_html(other.status) + ")";
    }
    return v;
  };
  row("Supersedes", chain(d.supersedes));
  row("Superseded by", chain(d.superseded_by));
  return out + "</dl></section>";
}

// The record's header goes right after the page's title, as in the app.
std::string with_decision(const std::string& body_html, const std::string& record) {
  if (record.empty()) return body_html;
  const std::size_t h1 = body_html.find("</h1>");
  if (h1 == std::string::npos) return record + body_html;
  std::string out = body_html;
  out.insert(h1 + 5, "\n" + record);
  return out;
}

std::string backlinks(const PublishedSite& site, const PublishedPage& page, const SiteInfo& info) {
  if (page.backlinks.empty()) return {};
  std::string out = "<section class=\"backlinks\"><h2>Linked from</h2><ul>";
  for (int b : page.backlinks) out += "<li>" + link(info, page_at(site, b).url, page_at(site, b).title) + "</li>";
  return out + "</ul></section>";
}

std::string prev_next(const PublishedSite& site, int page, const SiteInfo& info) {
  const Neighbours n = site.neighbours(page);
  std::string out;
  if (n.prev >= 0)
    out += "<a class=\"prev\" rel=\"prev\" href=\"" + escape_html(info.base + page_at(site, n.prev).url) + "\"><small>Previous</small>" +
           escape_html(page_at(site, n.prev).title) + "</a>";
  if (n.next >= 0)
    out += "<a class=\"next\" rel=\"next\" href=\"" + escape_html(info.base + page_at(site, n.next).url) + "\"><small>Next</small>" +
           escape_html(page_at(site, n.next).title) + "</a>";
  return out;
}

std::string footer(const PublishedSite& site, int index, const SiteInfo& info) {
  const PublishedPage& page = page_at(site, index);
  std::string out;
  if (!page.updated.empty()) {
    out += "Last changed " + escape_html(page.updated);
    if (!page.authors.empty()) out += " by " + joined(page.authors);
    out += " · ";
  }
  if (const std::string edit = site.edit_url(index); !edit.empty()) {
    out += "<a class=\"edit\" href=\"" + escape_html(edit) + "\">Edit this page</a> · ";
    out += "<a class=\"history\" href=\"" + escape_html(site.history_url(index)) + "\">History</a> · ";
    if (!site.propose_decision.empty() && page.path == info.decisions_folder + "/index.md")
      out += "<a class=\"propose\" href=\"" + escape_html(site.propose_decision) + "\">Propose a decision</a> · ";
  }
  out += "Source: <code>" + escape_html(page.path) + "</code>";
  if (!page.date.empty()) out += " · Dated " + escape_html(page.date);
  if (!page.owner.empty()) out += " · Owner " + escape_html(page.owner);
  if (!page.review_by.empty()) out += " · Review by " + escape_html(page.review_by);
  if (!page.tags.empty()) {
    out += " · Tags";
    for (const auto& t : page.tags) out += " <span class=\"tag\">" + escape_html(t) + "</span>";
  }
  return out;
}

// The Content-Security-Policy's extra image sources: none unless logbook.yml lists some
// (ADR-0011), so a page cannot embed a tracking pixel from anywhere.
std::string image_hosts(const SiteInfo& info) {
  std::string out;
  for (const std::string& host : info.image_hosts) out += " " + escape_html(host);
  return out;
}

// What link previews and search engines show: a record says its id and status first.
std::string description(const PublishedSite& site, int page) {
  const PublishedPage& p = page_at(site, page);
  const PublishedDecision* d = site.decision_of(page);
  if (!d) return p.description;
  std::string lead = (d->id.empty() ? "Decision" : d->id) + ", " + (d->status.empty() ? "no status" : d->status) + ".";
  return p.description.empty() ? lead : lead + " " + p.description;
}

}  // namespace

std::string source_url(const std::string& page_url) { return page_url + "index.md"; }

std::string render_static_page(const PublishedSite& site, int index, const SiteInfo& info,
                               const std::vector<Heading>& headings, const std::string& body_html) {
  const PublishedPage& page = page_at(site, index);
  const std::string canonical = info.site_url + info.base + page.url;
  const PublishedDecision* d = site.decision_of(index);
  return fill_template(embedded::page_html, {
      {"title", escape_html(page.title)},
      {"site_title", escape_html(info.title)},
      {"description", escape_html(description(site, index))},
      {"canonical", escape_html(canonical)},
      {"url", escape_html(page.url)},
      {"path", escape_html(page.path)},
      {"base", escape_html(info.base)},
      {"image_hosts", image_hosts(info)},
      {"source", escape_html(info.base + source_url(page.url))},
      {"breadcrumbs", breadcrumbs(site, index, info)},
      {"sidebar", sidebar(site, index, info)},
      {"toc", outline(headings)},
      {"content", with_decision(body_html, d ? decision_record(site, *d, info) : std::string())},
      {"backlinks", backlinks(site, page, info)},
      {"prevnext", prev_next(site, index, info)},
      {"footer", footer(site, index, info)},
  });
}

std::string render_not_found_page(const PublishedSite& site, const SiteInfo& info) {
  std::string body = "<h1>Page not found</h1><p>There is no page at this address. It may have been moved or renamed.</p>"
                     "<p>Try the <a href=\"" + escape_html(info.base) + "/\">home page</a>, or one of these sections:</p><ul>";
  for (int child : site.sections.front().children) {
    const Section& s = section_at(site, child);
    body += "<li><a href=\"" + escape_html(info.base + s.url) + "\">" + escape_html(s.title) + "</a></li>";
  }
  body += "</ul>";
  return fill_template(embedded::page_html, {
      {"title", "Page not found"},
      {"site_title", escape_html(info.title)},
      {"description", "There is no page at this address."},
      {"canonical", escape_html(info.site_url + info.base + "/404.html")},
      {"url", "/404.html"},
      {"path", ""},
      {"base", escape_html(info.base)},
      {"image_hosts", image_hosts(info)},
      {"source", ""},
      {"breadcrumbs", ""},
      {"sidebar", ""},
      {"toc", ""},
      {"content", body},
      {"backlinks", ""},
      {"prevnext", ""},
      {"footer", ""},
  });
}

}  // namespace logbook::cli
