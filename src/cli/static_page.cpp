#include "static_page.hpp"

#include "html.hpp"

namespace logbook::embedded {
extern const std::string_view page_html;
}

namespace logbook::cli {

namespace {

const Page& page_at(const Site& site, int i) { return site.pages[static_cast<std::size_t>(i)]; }
const Section& section_at(const Site& site, int i) { return site.sections[static_cast<std::size_t>(i)]; }

std::string link(const SiteInfo& info, const std::string& url, const std::string& text, bool current = false) {
  return "<a href=\"" + escape_html(info.base + url) + "\"" + (current ? " aria-current=\"page\"" : "") + ">" +
         escape_html(text) + "</a>";
}

std::string breadcrumbs(const Site& site, const Page& page, const SiteInfo& info) {
  std::string out;
  for (int s = page.section; s > 0; s = section_at(site, s).parent) {
    const Section& sec = section_at(site, s);
    if (page.is_section_index && s == page.section) continue;
    out = link(info, sec.url, sec.title) + (out.empty() ? "" : " › " + out);
  }
  return out;
}

// The current section: its index, its pages and its sub-sections, with the
// parent section above; enough to move around without a full-site tree per page.
std::string sidebar(const Site& site, std::size_t index, const SiteInfo& info) {
  const Page& page = site.pages[index];
  const Section& sec = section_at(site, page.section);
  std::string out;
  if (sec.parent >= 0) {
    const Section& parent = section_at(site, sec.parent);
    out += "<div class=\"up\">" + link(info, parent.url, "↑ " + parent.title) + "</div>";
  }
  out += "<div class=\"title\">" + link(info, sec.url, sec.title, sec.index_page == static_cast<int>(index)) + "</div><ul>";
  for (int child : sec.children) {
    const Section& c = section_at(site, child);
    out += "<li>" + link(info, c.url, c.title + " ›") + "</li>";
  }
  for (int p : sec.pages) out += "<li>" + link(info, page_at(site, p).url, page_at(site, p).title, p == static_cast<int>(index)) + "</li>";
  out += "</ul>";
  return out;
}

std::string outline(const Page& page) {
  std::string out;
  int shown = 0;
  for (const Heading& h : page.headings) {
    if (h.level < 2 || h.level > 3) continue;
    out += "<li class=\"h" + std::to_string(h.level) + "\"><a href=\"#" + escape_html(h.slug) + "\">" + escape_html(h.text) + "</a></li>";
    ++shown;
  }
  return shown ? "<div class=\"title\">On this page</div><ul>" + out + "</ul>" : std::string();
}

std::string backlinks(const Site& site, const Page& page, const SiteInfo& info) {
  if (page.backlinks.empty()) return {};
  std::string out = "<section class=\"backlinks\"><h2>Linked from</h2><ul>";
  for (int b : page.backlinks) out += "<li>" + link(info, page_at(site, b).url, page_at(site, b).title) + "</li>";
  return out + "</ul></section>";
}

std::string prev_next(const Site& site, std::size_t index, const SiteInfo& info) {
  const Page& page = site.pages[index];
  const Section& sec = section_at(site, page.section);
  std::vector<int> order;
  if (sec.index_page >= 0) order.push_back(sec.index_page);
  order.insert(order.end(), sec.pages.begin(), sec.pages.end());
  std::string out;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (order[i] != static_cast<int>(index)) continue;
    if (i > 0) {
      const Page& p = page_at(site, order[i - 1]);
      out += "<a class=\"prev\" rel=\"prev\" href=\"" + escape_html(info.base + p.url) + "\"><small>Previous</small>" + escape_html(p.title) + "</a>";
    }
    if (i + 1 < order.size()) {
      const Page& p = page_at(site, order[i + 1]);
      out += "<a class=\"next\" rel=\"next\" href=\"" + escape_html(info.base + p.url) + "\"><small>Next</small>" + escape_html(p.title) + "</a>";
    }
  }
  return out;
}

std::string footer(const Page& page, const SiteInfo& info) {
  std::string out;
  if (info.history)
    if (auto it = info.history->find(page.path); it != info.history->end() && !it->second.updated.empty()) {
      out += "Last changed " + escape_html(it->second.updated);
      if (!it->second.authors.empty()) {
        out += " by ";
        for (std::size_t i = 0; i < it->second.authors.size(); ++i) out += (i ? ", " : "") + escape_html(it->second.authors[i]);
      }
      out += " · ";
    }
  if (!info.repository.empty()) {
    const std::string file = (info.content_prefix.empty() ? "" : info.content_prefix + "/") + page.path;
    out += "<a class=\"edit\" href=\"" + escape_html(info.repository + "/edit/" + info.branch + "/" + file) + "\">Edit this page</a> · ";
    out += "<a class=\"history\" href=\"" + escape_html(info.repository + "/commits/" + info.branch + "/" + file) + "\">History</a> · ";
    if (!info.propose_decision_url.empty() && page.path == info.decisions_folder + "/index.md")
      out += "<a class=\"propose\" href=\"" + escape_html(info.propose_decision_url) + "\">Propose a decision</a> · ";
  }
  out += "Source: <code>" + escape_html(page.path) + "</code>";
  if (page.meta.date) out += " · Dated " + escape_html(*page.meta.date);
  if (page.meta.owner) out += " · Owner " + escape_html(*page.meta.owner);
  if (page.meta.review_by) out += " · Review by " + escape_html(*page.meta.review_by);
  if (!page.meta.tags.empty()) {
    out += " · Tags";
    for (const auto& t : page.meta.tags) out += " <span class=\"tag\">" + escape_html(t) + "</span>";
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

}  // namespace

std::string source_url(const Page& page) { return page.url + "index.md"; }

std::string render_static_page(const Site& site, std::size_t page_index, const SiteInfo& info, const std::string& body_html) {
  const Page& page = site.pages[page_index];
  const std::string canonical = info.site_url + info.base + page.url;
  return fill_template(embedded::page_html, {
      {"title", escape_html(page.title)},
      {"site_title", escape_html(info.title)},
      {"description", escape_html(page.description)},
      {"canonical", escape_html(canonical)},
      {"url", escape_html(page.url)},
      {"path", escape_html(page.path)},
      {"base", escape_html(info.base)},
      {"image_hosts", image_hosts(info)},
      {"source", escape_html(info.base + source_url(page))},
      {"breadcrumbs", breadcrumbs(site, page, info)},
      {"sidebar", sidebar(site, page_index, info)},
      {"toc", outline(page)},
      {"content", body_html},
      {"backlinks", backlinks(site, page, info)},
      {"prevnext", prev_next(site, page_index, info)},
      {"footer", footer(page, info)},
  });
}

std::string render_not_found_page(const Site& site, const SiteInfo& info) {
  std::string body = "<h1>Page not found</h1><p>There is no page at this address. It may have been moved or renamed.</p>"
                     "<p>Try the <a href=\"" + escape_html(info.base) + "/\">home page</a>, or one of these sections:</p><ul>";
  for (int child : site.sections.front().children) {
    const Section& s = site.sections[static_cast<std::size_t>(child)];
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
