#include "static_page.hpp"

#include <algorithm>
#include <cctype>

#include "core/reader_queue.hpp"
#include "html.hpp"
#include "core/feed.hpp"
#include "core/tags.hpp"

namespace logbook::embedded {
extern const std::string_view page_html;
}

namespace logbook::cli {

namespace {

const PublishedPage& page_at(const PublishedSite& site, int i) { return site.pages[static_cast<std::size_t>(i)]; }
const Section& section_at(const PublishedSite& site, int i) { return site.sections[static_cast<std::size_t>(i)]; }

// [first, last) of at most `size` entries of `list` around `item` (the start when the
// item is not in it).
struct Window {
  std::size_t first = 0, last = 0;
};
Window window_around(const std::vector<int>& list, int item, std::size_t size) {
  if (list.size() <= size) return {0, list.size()};
  const auto at = static_cast<std::size_t>(std::find(list.begin(), list.end(), item) - list.begin());
  std::size_t first = at < list.size() && at > size / 2 ? at - size / 2 : 0;
  first = std::min(first, list.size() - size);
  return {first, first + size};
}

std::string link(const SiteInfo& info, const std::string& url, const std::string& text, bool current = false) {
  return "<a href=\"" + escape_html(info.base + url) + "\"" + (current ? " aria-current=\"page\"" : "") + ">" +
         escape_html(text) + "</a>";
}

std::string breadcrumbs(const PublishedSite& site, int page, const SiteInfo& info) {
  std::string out;
  for (int s : site.trail(page)) out += (out.empty() ? "" : " › ") + link(info, section_at(site, s).url, section_at(site, s).title);
  return out;
}

// The current section: its index, the pages around this one and its sub-sections, with
// the parent section above; enough to move around without a full-site tree per page.
// Bounded (kSidebarPages, kSidebarSections): a page's HTML does not grow with its
// section. The rest is a click away: the window slides with previous/next, and the
// section's page lists all of them.
std::string sidebar(const PublishedSite& site, int page, const SiteInfo& info) {
  const Section& sec = section_at(site, page_at(site, page).section);
  std::string out;
  if (sec.parent >= 0) {
    const Section& parent = section_at(site, sec.parent);
    out += "<div class=\"up\">" + link(info, parent.url, "↑ " + parent.title) + "</div>";
  }
  out += "<div class=\"title\">" + link(info, sec.url, sec.title, sec.index_page == page) + "</div><ul>";
  const auto shown_children = std::min(sec.children.size(), kSidebarSections);
  for (std::size_t c = 0; c < shown_children; ++c) {
    const Section& child = section_at(site, sec.children[c]);
    out += "<li>" + link(info, child.url, child.title + " ›") + "</li>";
  }
  const Window w = window_around(sec.pages, page, kSidebarPages);
  for (std::size_t i = w.first; i < w.last; ++i) {
    const int p = sec.pages[i];
    out += "<li>" + link(info, page_at(site, p).url, site.nav_title(p), p == page) + "</li>";
  }
  out += "</ul>";
  if (w.first > 0 || w.last < sec.pages.size() || shown_children < sec.children.size())
    out += "<div class=\"more\">" + link(info, sec.url, "All " + std::to_string(sec.pages.size()) + " pages in " + sec.title + " →") + "</div>";
  return out;
}

// The page's h2 and h3 headings as nested lists (an h3 inside the h2 above it), so a screen
// reader says where each sits; an h3 before any h2 stands at the top.
std::string outline(const std::vector<Heading>& headings) {
  std::string out;
  bool in_h2 = false, in_h3s = false;
  for (const Heading& h : headings) {
    if (h.level < 2 || h.level > 3) continue;
    const std::string link = "<a href=\"#" + escape_html(h.slug) + "\">" + escape_html(h.text) + "</a>";
    if (h.level == 3 && in_h2) {
      out += (in_h3s ? "<li>" : "<ul><li>") + link + "</li>";
      in_h3s = true;
      continue;
    }
    out += std::string(in_h3s ? "</ul>" : "") + (in_h2 ? "</li>" : "") + "<li>" + link;
    in_h3s = false;
    in_h2 = h.level == 2;
    if (!in_h2) out += "</li>";
  }
  if (out.empty()) return {};
  return "<div class=\"title\">On this page</div><ul>" + out + (in_h3s ? "</ul>" : "") + (in_h2 ? "</li>" : "") + "</ul>";
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

// Tags as links to their tag pages; a tag with no slug (tags.hpp) as plain text.
std::string tag_links(const std::vector<std::string>& tags, const SiteInfo& info) {
  std::string out;
  for (const std::string& t : tags) {
    const std::string slug = tag_slug(t);
    out += (out.empty() ? "" : " ") + (slug.empty() ? "<span class=\"tag\">" + escape_html(t) + "</span>"
                                                    : "<a class=\"tag\" rel=\"tag\" href=\"" + escape_html(info.base + tag_url(slug)) +
                                                          "\">" + escape_html(tag_name(t)) + "</a>");
  }
  return out;
}

// A decision record's status, dates, people and its chain both ways, as the app's
// decision header shows them: "Superseded by ADR-0012: Title, proposed" (the other record's
// status after its name, so a record superseded by a mere proposal reads as such).
std::string decision_record(const PublishedSite& site, const PublishedDecision& d, const SiteInfo& info) {
  const std::string status = d.status.empty() ? "no status" : d.status;
  std::string out = "<section class=\"decision\" aria-label=\"Decision record\"><p><span class=\"status status-" +
                    escape_html(status.substr(0, status.find(' '))) + "\">" + escape_html(capitalized(status)) + "</span>";
  if (is_overdue_proposal(d.status, d.review_by, info.today)) out += " <span class=\"status status-overdue\">Overdue</span>";
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
      v += (v.empty() ? "" : "; ") + (other.page >= 0 ? link(info, page_at(site, other.page).url, name) : escape_html(name));
      if (!other.status.empty()) v += ", <span class=\"status-word\">" + escape_html(other.status) + "</span>";
    }
    return v;
  };
  row("Supersedes", chain(d.supersedes));
  row("Superseded by", chain(d.superseded_by));
  row("Tags", tag_links(d.tags, info));
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

// Previous and next in reading order, named as the sidebar names them ("ADR-0002: ...").
std::string prev_next(const PublishedSite& site, int page, const SiteInfo& info) {
  const Neighbours n = site.neighbours(page);
  const auto card = [&](int target, const char* rel, const char* label) {
    return "<a class=\"" + std::string(rel) + "\" rel=\"" + rel + "\" href=\"" + escape_html(info.base + page_at(site, target).url) +
           "\"><small>" + label + "</small>" + escape_html(site.nav_title(target)) + "</a>";
  };
  return (n.prev >= 0 ? card(n.prev, "prev", "Previous") : "") + (n.next >= 0 ? card(n.next, "next", "Next") : "");
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
  if (!page.tags.empty() && page.decision < 0) out += " · Tags " + tag_links(page.tags, info);  // a record's are in its header
  if (page.path == info.decisions_folder + "/index.md")
    out += " · <a class=\"feed\" href=\"" + escape_html(info.base + "/" + std::string(kDecisionsFeedPath)) + "\">Follow decisions: Atom feed</a>";
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

namespace {

// The template's lines that boot the app: a page the app can show has them. "Open in the
// app" stays hidden until boot.js knows the app can run here and is not running (the
// reader turned it off with ?app=off): a reader without WebGL2 or JavaScript never sees it.
using Fields = std::vector<std::pair<std::string_view, std::string>>;

// A feed besides feed.xml for the head, to feed readers that look for one: a tag's, or
// the decisions' on the decision log.
std::string feed_link(const SiteInfo& info, const std::string& path, const std::string& title) {
  return "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"" + escape_html(title) + "\" href=\"" +
         escape_html(info.base + "/" + path) + "\">\n";
}

// Open Graph's og:url must be absolute (ogp.me): a site without a `url` in logbook.yml
// gets none, and readers of its links fall back to the address they were given.
std::string og_url(const SiteInfo& info, const std::string& url) {
  if (info.site_url.empty()) return {};
  return "<meta property=\"og:url\" content=\"" + escape_html(info.site_url + info.base + url) + "\">\n";
}

Fields with_app(Fields fields, const SiteInfo& info) {
  fields.emplace_back("loader", "<script src=\"" + escape_html(info.base) + "/assets/loader.js\" defer></script>\n");
  return fields;
}

// A page the build makes itself (a section's listing, a tag page): the site's chrome
// around a body, without a Markdown source, a table of contents or a footer.
struct GeneratedPage {
  std::string url, title, description, breadcrumbs, sidebar, body, prevnext, feeds;
};
Fields generated_page_fields(const SiteInfo& info, const GeneratedPage& p) {
  return {
      {"title", escape_html(p.title)},
      {"site_title", escape_html(info.title)},
      {"description", escape_html(p.description)},
      {"canonical", escape_html(info.site_url + info.base + p.url)},
      {"og_url", og_url(info, p.url)},
      {"url", escape_html(p.url)},
      {"path", ""},
      {"base", escape_html(info.base)},
      {"image_hosts", image_hosts(info)},
      {"source", ""},
      {"breadcrumbs", p.breadcrumbs},
      {"sidebar", p.sidebar},
      {"toc", ""},
      {"content", p.body},
      {"backlinks", ""},
      {"prevnext", p.prevnext},
      {"footer", ""},
      {"feeds", p.feeds},
  };
}

}  // namespace

std::string render_static_page(const PublishedSite& site, int index, const SiteInfo& info,
                               const std::vector<Heading>& headings, const std::string& body_html) {
  const PublishedPage& page = page_at(site, index);
  const std::string canonical = info.site_url + info.base + page.url;
  const PublishedDecision* d = site.decision_of(index);
  return fill_template(embedded::page_html, with_app({
      {"title", escape_html(page.title)},
      {"site_title", escape_html(info.title)},
      {"description", escape_html(description(site, index))},
      {"canonical", escape_html(canonical)},
      {"og_url", og_url(info, page.url)},
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
      {"feeds", page.path == info.decisions_folder + "/index.md" ? feed_link(info, std::string(kDecisionsFeedPath), "Decisions") : ""},
  }, info));
}

std::string render_not_found_page(const PublishedSite& site, const SiteInfo& info) {
  std::string body = "<h1>Page not found</h1><p>There is no page at this address. It may have been moved or renamed.</p>"
                     "<p>Try the <a href=\"" + escape_html(info.base) + "/\">home page</a>, or one of these sections:</p><ul>";
  for (int child : site.sections.front().children) {
    const Section& s = section_at(site, child);
    body += "<li><a href=\"" + escape_html(info.base + s.url) + "\">" + escape_html(s.title) + "</a></li>";
  }
  body += "</ul>";
  return fill_template(embedded::page_html, with_app({
      {"title", "Page not found"},
      {"site_title", escape_html(info.title)},
      {"description", "There is no page at this address."},
      {"canonical", escape_html(info.site_url + info.base + "/404.html")},
      {"og_url", og_url(info, "/404.html")},
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
      {"feeds", ""},
  }, info));
}

std::size_t section_listing_parts(const Section& section) {
  return std::max<std::size_t>(1, (section.pages.size() + kListingPages - 1) / kListingPages);
}

std::string section_listing_file(std::size_t part) { return part == 0 ? "index.html" : "index-" + std::to_string(part + 1) + ".html"; }

std::string render_section_listing(const PublishedSite& site, int section, std::size_t part, const SiteInfo& info) {
  const Section& sec = section_at(site, section);
  const std::size_t parts = section_listing_parts(sec);
  std::string body = "<h1>" + escape_html(sec.title) + "</h1>";
  if (part == 0 && !sec.children.empty()) {
    body += "<h2>Sections</h2><ul>";
    for (int child : sec.children) body += "<li>" + link(info, section_at(site, child).url, section_at(site, child).title) + "</li>";
    body += "</ul>";
  }
  const std::size_t first = part * kListingPages, last = std::min(sec.pages.size(), first + kListingPages);
  if (first < last) {
    body += "<h2>Pages" + (parts > 1 ? " " + std::to_string(first + 1) + "–" + std::to_string(last) + " of " + std::to_string(sec.pages.size()) : "") + "</h2><ul>";
    for (std::size_t i = first; i < last; ++i) {
      const int p = sec.pages[i];
      body += "<li>" + link(info, page_at(site, p).url, site.nav_title(p));
      if (!page_at(site, p).description.empty()) body += " — " + escape_html(page_at(site, p).description);
      body += "</li>";
    }
    body += "</ul>";
  }
  std::string more;
  if (part > 0) more += "<a class=\"prev\" rel=\"prev\" href=\"" + escape_html(info.base + sec.url + section_listing_file(part - 1)) + "\"><small>Previous</small>Pages " + std::to_string(first - kListingPages + 1) + "–" + std::to_string(first) + "</a>";
  if (part + 1 < parts) more += "<a class=\"next\" rel=\"next\" href=\"" + escape_html(info.base + sec.url + section_listing_file(part + 1)) + "\"><small>Next</small>Pages " + std::to_string(last + 1) + "–" + std::to_string(std::min(sec.pages.size(), last + kListingPages)) + "</a>";
  std::string crumbs;
  for (int s : section_chain(site.sections, part == 0 ? sec.parent : section))
    crumbs += (crumbs.empty() ? "" : " › ") + link(info, section_at(site, s).url, section_at(site, s).title);
  std::string up;
  if (sec.parent >= 0) up = "<div class=\"up\">" + link(info, section_at(site, sec.parent).url, "↑ " + section_at(site, sec.parent).title) + "</div>";
  const std::string url = sec.url + (part == 0 ? "" : section_listing_file(part));
  Fields fields = generated_page_fields(info, {.url = url, .title = sec.title, .description = "The pages in " + sec.title + ".",
                                               .breadcrumbs = crumbs, .sidebar = up, .body = body, .prevnext = more, .feeds = ""});
  fields.emplace_back("loader", "");
  return fill_template(embedded::page_html, fields);
}

namespace {

// The page around a tag page's body: the site's chrome, "Tags" in the breadcrumbs.
std::string tag_chrome(const SiteInfo& info, const std::string& url, const std::string& title, const std::string& description,
                       const std::string& body, const std::string& feeds, const std::string& more, bool app) {
  const bool index = url == kTagIndexUrl;
  Fields fields = generated_page_fields(info, {
      .url = url, .title = title, .description = description,
      .breadcrumbs = index ? "" : link(info, std::string(kTagIndexUrl), "Tags"),
      .sidebar = index ? "" : "<div class=\"up\">" + link(info, std::string(kTagIndexUrl), "↑ All tags") + "</div>",
      .body = body, .prevnext = more, .feeds = feeds});
  if (app) return fill_template(embedded::page_html, with_app(std::move(fields), info));
  fields.emplace_back("loader", "");
  return fill_template(embedded::page_html, fields);
}

std::string plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

// One entry of a tag's list: a record with its status, a page with its section and date.
std::string tagged_entry(const PublishedSite& site, int p, const SiteInfo& info) {
  const PublishedPage& page = page_at(site, p);
  std::string out = "<li>" + link(info, page.url, site.nav_title(p));
  if (const PublishedDecision* d = site.decision_of(p)) {
    const std::string status = d->status.empty() ? "no status" : d->status;
    out += " <span class=\"status status-" + escape_html(status.substr(0, status.find(' '))) + "\">" + escape_html(capitalized(status)) + "</span>";
  }
  std::string note = page.section > 0 ? section_at(site, page.section).title : std::string();
  if (const std::string& date = page.updated.empty() ? page.date : page.updated; !date.empty())
    note += (note.empty() ? "" : " · ") + date;
  if (!note.empty()) out += " <small>" + escape_html(note) + "</small>";
  if (!page.description.empty()) out += "<br>" + escape_html(page.description);
  return out + "</li>";
}

// A tag's decisions first, then its other pages: the order both renderers list them in.
std::vector<int> tag_listing(const PublishedSite& site, const PublishedTag& tag) {
  std::vector<int> out;
  for (int p : tag.pages)
    if (page_at(site, p).decision >= 0) out.push_back(p);
  for (int p : tag.pages)
    if (page_at(site, p).decision < 0) out.push_back(p);
  return out;
}

}  // namespace

std::string render_tag_index(const PublishedSite& site, const SiteInfo& info) {
  std::string body = "<h1>Tags</h1><p>" + plural(site.tags.size(), "tag") + ", each with the number of pages that carry it.</p>"
                     "<ul class=\"tag-index\">";
  for (const PublishedTag& t : site.tags)
    body += "<li>" + link(info, tag_url(t.slug), t.name) + " <small class=\"count\">" + std::to_string(t.pages.size()) + "</small></li>";
  body += "</ul>";
  return tag_chrome(info, std::string(kTagIndexUrl), "Tags", "Every tag of " + info.title + " and how many pages carry it.", body, "", "", true);
}

std::size_t tag_page_parts(const PublishedTag& tag) { return std::max<std::size_t>(1, (tag.pages.size() + kListingPages - 1) / kListingPages); }

std::string render_tag_page(const PublishedSite& site, int tag, std::size_t part, const SiteInfo& info) {
  const PublishedTag& t = site.tags[static_cast<std::size_t>(tag)];
  const std::vector<int> listed = tag_listing(site, t);
  const std::size_t parts = tag_page_parts(t), first = part * kListingPages, last = std::min(listed.size(), first + kListingPages);
  const std::string feed = tag_feed_path(t.slug), url = tag_url(t.slug) + (part == 0 ? "" : section_listing_file(part));
  std::string body = "<h1>Tag: " + escape_html(t.name) + "</h1><p>" + plural(t.pages.size(), "page") + " tagged “" + escape_html(t.name) +
                     "”. <a class=\"feed\" href=\"" + escape_html(info.base + "/" + feed) + "\">Follow this tag: Atom feed</a></p>";
  bool decisions_open = false, pages_open = false;
  for (std::size_t i = first; i < last; ++i) {
    const bool decision = page_at(site, listed[i]).decision >= 0;
    if (decision && !decisions_open) body += "<h2>Decisions</h2><ul class=\"tagged\">", decisions_open = true;
    if (!decision && !pages_open) body += std::string(decisions_open ? "</ul>" : "") + "<h2>Pages</h2><ul class=\"tagged\">", pages_open = true;
    body += tagged_entry(site, listed[i], info);
  }
  if (first < last) body += "</ul>";
  std::string more;
  const std::string base_url = info.base + tag_url(t.slug);
  if (part > 0) more += "<a class=\"prev\" rel=\"prev\" href=\"" + escape_html(base_url + section_listing_file(part - 1)) + "\"><small>Previous</small>Entries " + std::to_string(first - kListingPages + 1) + "–" + std::to_string(first) + "</a>";
  if (part + 1 < parts) more += "<a class=\"next\" rel=\"next\" href=\"" + escape_html(base_url + section_listing_file(part + 1)) + "\"><small>Next</small>Entries " + std::to_string(last + 1) + "–" + std::to_string(std::min(listed.size(), last + kListingPages)) + "</a>";
  return tag_chrome(info, url, "Tag: " + t.name, "The pages and decisions of " + info.title + " tagged “" + t.name + "”.", body,
                    feed_link(info, feed, "Pages tagged " + t.name), more, part == 0);
}

}  // namespace logbook::cli
