// Spec: the layout engine turns cmark-gfm's tree into lines of fragments: inline runs
// wrap together within the width, blocks stack with their own spacing, and the page's
// text can be selected and found by byte range.
#include <doctest/doctest.h>

#include <algorithm>

#include "app/markdown_layout.hpp"
#include "app/reading_position.hpp"
#include "core/bidi_text.hpp"
#include "core/limits.hpp"
#include "core/markdown.hpp"
#include "imgui_harness.hpp"
#include "spec/spec_examples.hpp"

using namespace logbook;
using namespace logbook::app;

namespace {

struct Laid {
  test::ImGuiHarness imgui;
  Typography type;
  std::unique_ptr<MarkdownDocument> doc;
  DocLayout layout;

  explicit Laid(const std::string& markdown, float width = 600, const std::vector<std::string>* hrefs = nullptr) {
    type.load(imgui.fonts);
    imgui.new_frame();
    doc = std::make_unique<MarkdownDocument>(markdown);
    LayoutInput in;
    in.root = doc->root();
    in.width = width;
    in.type = &type;
    for (auto& h : doc->summarize().headings) in.heading_slugs.push_back(h.slug);
    in.hrefs = hrefs;
    layout = layout_markdown(in);
    imgui.end_frame();
  }
  std::string fragment_text(std::size_t i) const {
    const Fragment& f = layout.fragments[i];
    return layout.text.substr(f.begin, f.end - f.begin);
  }
  int lines() const {
    return static_cast<int>(std::count_if(layout.fragments.begin(), layout.fragments.end(), [](const Fragment& f) { return f.flags & kLineStart; }));
  }
};

}  // namespace

TEST_CASE("runs of different styles share a line, and a long paragraph wraps within the width") {
  Laid one("Plain **bold** *italic* `code` end.\n");
  CHECK(one.lines() == 1);
  CHECK(one.layout.text == "Plain bold italic code end.");
  REQUIRE(one.layout.fragments.size() >= 5);
  const Fragment& a = one.layout.fragments[0];
  const Fragment& b = one.layout.fragments[1];
  CHECK(a.line_y == b.line_y);
  CHECK(b.x > a.x + a.w);  // the space between them
  CHECK(one.layout.styles[b.style].face == Face::bold);

  std::string words;
  for (int i = 0; i < 200; ++i) words += "word ";
  Laid many(words + "\n", 300);
  CHECK(many.lines() > 10);
  for (const Fragment& f : many.layout.fragments) CHECK(f.x + f.w <= 300.5f);
}

TEST_CASE("a word longer than the line is cut rather than overflowing") {
  Laid l(std::string(300, 'x') + "\n", 200);
  CHECK(l.lines() > 1);
  for (const Fragment& f : l.layout.fragments) CHECK(f.w <= 200.5f);
}

TEST_CASE("CJK text breaks between characters") {
  std::string cjk;
  for (int i = 0; i < 80; ++i) cjk += "漢字";
  Laid l(cjk + "\n", 200);
  CHECK(l.lines() > 1);
}

TEST_CASE("the page's views get a space below its leading H1 (at the top without one); setting its height moves only what is below") {
  Laid with_title("# Title\n\nFirst paragraph.\n\n## Part\n\nMore.\n");
  DocLayout& L = with_title.layout;
  const float title_bottom = L.fragments[0].line_y + L.fragments[0].line_h;
  CHECK(L.views_y > title_bottom);
  CHECK(L.views_h == 0);
  CHECK(L.fragments[1].line_y == L.views_y);  // the paragraph after the title starts there, without a margin
  const float part = L.find_anchor("part")->y, height = L.height, title_y = L.fragments[0].y;
  L.set_views_height(120);
  CHECK(L.views_h == 120);
  CHECK(L.fragments[0].y == title_y);
  CHECK(L.anchors.front().y == 0);  // the title's anchor stays
  CHECK(L.fragments[1].line_y == L.views_y + 120);
  CHECK(L.find_anchor("part")->y == part + 120);
  CHECK(L.height == height + 120);
  CHECK(L.first_chunk_below(L.views_y + 1) == L.first_chunk_below(L.views_y + 119));  // nothing drawn in the space
  L.set_views_height(40);
  CHECK(L.find_anchor("part")->y == part + 40);
  // A heading right after the title keeps its own, taller margin, below the space.
  Laid h2_first("# Title\n\n## Part\n\nText.\n");
  CHECK(h2_first.layout.find_anchor("part")->y > h2_first.layout.views_y);
  // No leading H1 (a paragraph first, or an H2): the views go at the top.
  CHECK(Laid("Intro.\n\n# Late title\n").layout.views_y == 0);
  CHECK(Laid("## Part\n\nText.\n").layout.views_y == 0);
}

TEST_CASE("a link the manifest gives no href is broken: drawn in the caution ink; an empty destination is not broken") {
  const std::vector<std::string> hrefs = {"", "/guide/", "", ""};
  Laid laid("[gone](missing.md) [guide](guide.md) [[Nowhere]] [empty]()\n", 600, &hrefs);
  const DocLayout& L = laid.layout;
  REQUIRE(L.links.size() == 4);
  CHECK(L.links[0].broken);
  CHECK_FALSE(L.links[1].broken);
  CHECK(L.links[2].broken);  // a wikilink to no page
  CHECK_FALSE(L.links[3].broken);
  for (const Fragment& f : L.fragments)
    if (f.link >= 0) CHECK(L.styles[f.style].ink == (L.links[static_cast<std::size_t>(f.link)].broken ? Ink::caution : Ink::link));
  // Without the manifest's hrefs nothing is called broken.
  for (const LinkInfo& link : Laid("[gone](missing.md)\n").layout.links) CHECK_FALSE(link.broken);
}

TEST_CASE("regression: a reading position on the rule under a heading names the words below it, not none") {
  Laid laid("# Long page\n\n## Part 1\n\nParagraph 1.1 says something.\n\n## Part 2\n\nParagraph 2.1 says more.\n");
  const DocLayout& L = laid.layout;
  const Chunk* rule = nullptr;
  for (const Chunk& c : L.chunks)
    if (c.frag_begin == c.frag_end && c.y0 > L.find_anchor("part-2")->y) rule = &c;
  REQUIRE(rule != nullptr);
  const ReadingPosition p = reading_position_at(L, rule->y0 + 0.5f);
  CHECK(p.heading == "part-2");
  CHECK(p.text == "Paragraph 2.1 says more.");
  REQUIRE(find_reading_position(L, p));
  CHECK(*find_reading_position(L, p) > rule->y0);
}

TEST_CASE("headings are anchors with GitHub slugs, in the heading's size") {
  Laid l("# Title\n\nText\n\n## Install it\n\n## Install it\n");
  REQUIRE(l.layout.anchors.size() == 3);
  CHECK(l.layout.anchors[0].slug == "title");
  CHECK(l.layout.anchors[1].slug == "install-it");
  CHECK(l.layout.anchors[2].slug == "install-it-1");
  CHECK(l.layout.anchors[1].y > l.layout.anchors[0].y);
  CHECK(l.layout.styles[l.layout.fragments[0].style].size > l.layout.styles[l.layout.fragments[1].style].size);
}

TEST_CASE("code blocks are monospace regions that scroll sideways and keep their text for copying") {
  Laid l("```\nshort\n" + std::string(400, 'y') + "\n```\n", 500);
  REQUIRE(l.layout.regions.size() == 1);
  const ScrollRegion& r = l.layout.regions[0];
  CHECK(r.code);
  CHECK(r.content_w > r.w);
  CHECK(l.layout.text.substr(r.text_begin, r.text_end - r.text_begin) == "short\n" + std::string(400, 'y'));
  CHECK(l.layout.styles[l.layout.fragments[0].style].face == Face::mono);
}

TEST_CASE("lists: bullets, numbers from the start given, and task boxes") {
  Laid l("- a\n- b\n\n3. c\n4. d\n\n- [x] done\n- [ ] open\n");
  const auto count = [&](DecorationKind k) {
    return std::count_if(l.layout.decorations.begin(), l.layout.decorations.end(), [k](const Decoration& d) { return d.kind == k; });
  };
  CHECK(count(DecorationKind::bullet) == 2);
  CHECK(count(DecorationKind::checkbox) == 2);
  CHECK(l.layout.text.find("3. c") != std::string::npos);
  CHECK(l.layout.text.find("[x] done") != std::string::npos);
}

TEST_CASE("GitHub alerts lose their marker and gain a title and icon") {
  Laid l("> [!WARNING]\n> Mind the gap.\n");
  CHECK(l.layout.text.find("[!WARNING]") == std::string::npos);
  CHECK(l.layout.text.find("Warning") != std::string::npos);
  CHECK(l.layout.text.find("Mind the gap.") != std::string::npos);
  CHECK(std::any_of(l.layout.decorations.begin(), l.layout.decorations.end(), [](const Decoration& d) { return d.kind == DecorationKind::alert_icon; }));
  REQUIRE(l.layout.spans.size() == 1);  // the coloured bar
  CHECK(l.layout.spans[0].ink == Ink::warning);
}

TEST_CASE("tables align cells by column; wide tables scroll") {
  Laid l("| a | b |\n|:--|--:|\n| left | right |\n");
  std::size_t right = 0;
  for (std::size_t i = 0; i < l.layout.fragments.size(); ++i)
    if (l.fragment_text(i) == "right") right = i;
  REQUIRE(right > 0);
  const Fragment& r = l.layout.fragments[right];
  const Fragment& b = l.layout.fragments[1];  // header "b", right-aligned in the same column
  CHECK(std::abs((r.x + r.w) - (b.x + b.w)) < 0.5f);
  CHECK(l.layout.text.find("left\tright") != std::string::npos);

  std::string wide = "|";
  for (int i = 0; i < 12; ++i) wide += " verylongheaderword" + std::to_string(i) + " |";
  wide += "\n|";
  for (int i = 0; i < 12; ++i) wide += "---|";
  Laid w(wide + "\n", 400);
  REQUIRE(w.layout.regions.size() == 1);
  CHECK(w.layout.regions[0].content_w > 400);
}

TEST_CASE("footnotes jump both ways") {
  Laid l("Text[^n].\n\n[^n]: The note.\n");
  CHECK(l.layout.find_anchor("fn-n") != nullptr);
  CHECK(l.layout.find_anchor("fnref-n") != nullptr);
  CHECK(std::any_of(l.layout.links.begin(), l.layout.links.end(), [](const LinkInfo& i) { return i.footnote_ref && i.anchor == "fn-n"; }));
  CHECK(std::any_of(l.layout.links.begin(), l.layout.links.end(), [](const LinkInfo& i) { return i.footnote_back && i.anchor == "fnref-n"; }));
}

// The link-order contract: at build time summarize() lists a page's links and images in
// document order, and the manifest's resolved hrefs follow that list; the layout finds a
// link's href by its ordinal (source_index). Every link and image the layout makes must
// carry the ordinal of the same destination in summarize()'s list, and every entry of
// the list must be laid out exactly once. "" when they agree, else the first difference.
class LinkOrder {
 public:
  LinkOrder() { type_.load(imgui_.fonts); }

  std::string mismatch(const std::string& markdown) {
    const MarkdownDocument doc(markdown);
    const MarkdownSummary summary = doc.summarize();
    LayoutInput in;
    in.root = doc.root();
    in.type = &type_;
    for (const Heading& h : summary.headings) in.heading_slugs.push_back(h.slug);
    imgui_.new_frame();
    const DocLayout layout = layout_markdown(in);
    imgui_.end_frame();
    return compare(summary.links, layout);
  }

 private:
  static std::string compare(const std::vector<Link>& links, const DocLayout& layout) {
    std::vector<int> seen(links.size(), 0);
    std::string problem;
    const auto take = [&](int ordinal, const std::string& destination) {
      if (ordinal < 0 || ordinal >= static_cast<int>(links.size())) {
        problem = "ordinal " + std::to_string(ordinal) + " (" + destination + ") is past summarize()'s " + std::to_string(links.size()) + " links";
        return;
      }
      const Link& want = links[static_cast<std::size_t>(ordinal)];
      const std::string expected = want.wikilink ? std::string(kWikilinkScheme) + want.destination : want.destination;
      if (destination != expected) problem = "ordinal " + std::to_string(ordinal) + " is " + destination + " in the layout, " + expected + " in summarize()";
      ++seen[static_cast<std::size_t>(ordinal)];
    };
    for (const LinkInfo& link : layout.links)
      if (!link.footnote_ref && !link.footnote_back) take(link.source_index, link.destination);
    for (const ImageSlot& image : layout.images) take(image.source_index, image.url);
    for (std::size_t i = 0; i < seen.size() && problem.empty(); ++i)
      if (seen[i] != 1) problem = "summarize()'s link " + std::to_string(i) + " (" + links[i].destination + ") is laid out " + std::to_string(seen[i]) + " times";
    return problem;
  }

  test::ImGuiHarness imgui_;
  Typography type_;
};

TEST_CASE("the link-order contract holds for every cmark-gfm spec example") {
  LinkOrder order;
  int checked = 0, with_links = 0;
  for (const char* file : {"spec.txt", "extensions.txt"}) {
    const auto examples = spec::read_examples(std::string(LOGBOOK_CMARK_DIR) + "/test/" + file);
    REQUIRE_MESSAGE(!examples.empty(), "cannot read " << file << " (fetched by scripts/fetch-deps.sh)");
    for (const spec::Example& ex : examples) {
      CAPTURE(ex.markdown);
      INFO(file << " example " << ex.number << " (line " << ex.line << ")");
      CHECK(order.mismatch(ex.markdown) == "");
      ++checked;
      with_links += MarkdownDocument(ex.markdown).summarize().links.empty() ? 0 : 1;
    }
  }
  MESSAGE(checked << " examples checked, " << with_links << " with links or images");
  CHECK(with_links > 100);
}

TEST_CASE("the link-order contract holds for Logbook's own links: wikilinks, images in links, links in tables and footnotes") {
  LinkOrder order;
  CHECK(order.mismatch("[a](x.md) ![i](p.png) [[Wiki]] [b](https://e.org)\n") == "");
  CHECK(order.mismatch("[![badge](b.svg)](https://ci) and ![alt [in](y.md)](z.png)\n") == "");
  CHECK(order.mismatch("| a | b |\n|---|---|\n| [[One]] | ![i](t.png) [two](2.md) |\n\nafter [three](3.md)\n") == "");
  CHECK(order.mismatch("Text[^n] [x](x.md).\n\n[^n]: A note with [a link](n.md) and [[Wiki|label]].\n") == "");
  CHECK(order.mismatch("# Heading [h](h.md)\n\n> [!NOTE]\n> [q](q.md)\n\n- [ ] [t](t.md)\n") == "");
}

TEST_CASE("raw HTML is never shown as markup: blocks are dropped, inline tags leave their text") {
  Laid l("<div>block</div>\n\nSome <b>bold</b> and <script>x()</script>.\n");
  CHECK(l.layout.text.find("<") == std::string::npos);
  CHECK(l.layout.text.find("block") == std::string::npos);
  CHECK(l.layout.text.find("Some bold and") != std::string::npos);
}

TEST_CASE("chunks are ordered by y, so the visible part is found by binary search") {
  std::string md;
  for (int i = 0; i < 300; ++i) md += "## H" + std::to_string(i) + "\n\nParagraph " + std::to_string(i) + " text.\n\n- item\n- item\n\n";
  Laid l(md);
  for (std::size_t i = 1; i < l.layout.chunks.size(); ++i) {
    CHECK(l.layout.chunks[i].y0 >= l.layout.chunks[i - 1].y0);
    CHECK(l.layout.chunks[i].y1 >= l.layout.chunks[i - 1].y1);
  }
  const std::size_t c = l.layout.first_chunk_below(5000);
  REQUIRE(c < l.layout.chunks.size());
  CHECK(l.layout.chunks[c].y1 >= 5000);
  CHECK((c == 0 || l.layout.chunks[c - 1].y1 < 5000));
}

TEST_CASE("find_all matches case-insensitively and without overlap") {
  const auto m = find_all("Foo foo FOO fo", "foo");
  REQUIRE(m.size() == 3);
  CHECK(m[1].first == 4);
  CHECK(find_all("aaaa", "aa").size() == 2);
  CHECK(find_all("abc", "").empty());
}

TEST_CASE("regression: a table that fits never wraps a cell's word (\"Sampl/e\")") {
  // Columns were sized to the measured width exactly; laying the same runs out again can
  // come out a hair wider, which wrapped the last letter of a header onto its own line.
  for (const char* header : {"Sample", "Script", "Devanagari", "Status", "Weight", "Column"}) {
    CAPTURE(header);
    Laid l(std::string("| ") + header + " | x |\n|---|---|\n| a | b |\n");
    bool whole = false;  // the header is one fragment, not "Sampl" and "e" on two lines
    for (std::size_t i = 0; i < l.layout.fragments.size(); ++i) whole = whole || l.fragment_text(i) == header;
    CHECK(whole);
  }
}

TEST_CASE("regression: punctuation touching a styled word moves with it to the next line") {
  // "~~strikethrough~~," broke between the word and its comma, leaving "," alone at the
  // start of the next line; runs with no space between them wrap as one word.
  for (float width = 150; width <= 420; width += 3) {
    CAPTURE(width);
    Laid l("A paragraph with **bold**, *italic*, ~~strikethrough~~, and a note[^1].\n\n[^1]: N.\n", width);
    for (std::size_t i = 0; i < l.layout.fragments.size(); ++i) {
      if (!(l.layout.fragments[i].flags & kLineStart)) continue;
      const std::string text = l.fragment_text(i);
      CHECK_MESSAGE(text.rfind(",", 0) != 0, "a line starts with a comma");
      CHECK_MESSAGE(text.rfind(".", 0) != 0, "a line starts with a full stop");
    }
  }
}

TEST_CASE("a right-to-left paragraph is set flush right, its words ordered right to left") {
  Laid l("שלום עולם יפה\n", 600);
  REQUIRE(!l.layout.fragments.empty());
  for (const Fragment& f : l.layout.fragments) CHECK((f.flags & kRightToLeft) != 0);
  const Fragment& last = l.layout.fragments.back();
  CHECK(last.x + last.w == doctest::Approx(600).epsilon(0.01));  // flush right
  // The text keeps its logical order, for copying and finding.
  CHECK(l.layout.text.find("שלום עולם יפה") != std::string::npos);
}

TEST_CASE("Hebrew words inside an English sentence are drawn right to left, the English around them left to right") {
  Laid l("see שלום עולם here\n", 600);
  std::vector<std::string> texts;
  std::vector<bool> rtl;
  for (std::size_t i = 0; i < l.layout.fragments.size(); ++i) {
    texts.push_back(l.fragment_text(i));
    rtl.push_back((l.layout.fragments[i].flags & kRightToLeft) != 0);
  }
  // Fragments in drawing order, left to right: "see", then the Hebrew pair as one
  // right-to-left fragment, then "here".
  REQUIRE(texts.size() == 3);
  CHECK(texts[0] == "see");
  CHECK(texts[1] == "שלום עולם");
  CHECK(rtl == std::vector<bool>{false, true, false});
  CHECK(texts[2] == "here");
  CHECK(l.layout.fragments[0].x < l.layout.fragments[1].x);
  CHECK(l.layout.fragments[1].x < l.layout.fragments[2].x);
}

TEST_CASE("a right-to-left fragment's drawn form is made once, at layout") {
  Laid l("مرحبا بالعالم\n", 600);
  REQUIRE(l.layout.fragments.size() == 1);
  const Fragment& f = l.layout.fragments.front();
  REQUIRE(l.layout.right_to_left_shown.count(f.begin) == 1);
  CHECK(l.layout.right_to_left_shown.at(f.begin) == visual_rtl(l.fragment_text(0)));
}

TEST_CASE("regression: an emoji's variation selector is drawn as nothing, not as a missing-glyph mark") {
  Laid l("x\n", 600);
  const float plain = l.type.measure(Face::regular, 16, "ab");
  CHECK(l.type.measure(Face::regular, 16, "a\xEF\xB8\x8F" "b") == doctest::Approx(plain));  // U+FE0F
  CHECK(l.type.measure(Face::regular, 16, "a\xE2\x80\x8D" "b") == doctest::Approx(plain));  // U+200D
}

// Hostile pages: whatever a page's shape, the app lays it out in time and memory that
// grow with its size, and draws it.

TEST_CASE("regression: quotes and lists nested 10,000 deep are drawn flat past the nesting limit") {
  // The layout recursed once per level, and 10,000 levels overflowed the browser's
  // stack ("Maximum call stack size exceeded": the app never booted on that page).
  Laid quotes(std::string(10'000, '>') + " deep\n");
  CHECK(quotes.layout.text.find("deep") != std::string::npos);
  CHECK(quotes.layout.spans.size() == static_cast<std::size_t>(limits::kNestingDepth));  // one bar per level drawn
  REQUIRE(!quotes.layout.fragments.empty());
  CHECK(quotes.layout.fragments.back().x <= limits::kNestingDepth * 28.0f);

  std::string items;
  for (int i = 0; i < 10'000; ++i) items += "- ";
  Laid lists(items + "deep\n");
  CHECK(lists.layout.text.find("deep") != std::string::npos);
  const auto bullets = std::count_if(lists.layout.decorations.begin(), lists.layout.decorations.end(),
                                     [](const Decoration& d) { return d.kind == DecorationKind::bullet; });
  CHECK(bullets == limits::kNestingDepth);
  REQUIRE(!lists.layout.fragments.empty());
  CHECK(lists.layout.fragments.back().x <= limits::kNestingDepth * 28.0f);
}

TEST_CASE("a quote past the nesting limit keeps all its blocks, in order") {
  std::string deep(limits::kNestingDepth + 3, '>');
  Laid l(deep + " one\n" + deep + "\n" + deep + " # two\n" + deep + "\n" + deep + " - three\n\nafter\n");
  const std::size_t one = l.layout.text.find("one"), two = l.layout.text.find("two"), three = l.layout.text.find("three");
  CHECK(one < two);
  CHECK(two < three);
  CHECK(three < l.layout.text.find("after"));
  CHECK(l.layout.anchors.size() == 1);  // the heading still has its anchor
}

TEST_CASE("regression: emphasis nested 50,000 deep keeps its text, without recursing 50,000 deep") {
  // Inline containers recursed once per level too: this overflowed even a native stack.
  std::string md;
  for (int i = 0; i < 50'000; ++i) md += "*a ";
  md += "b*";
  for (int i = 1; i < 50'000; ++i) md += " c*";
  Laid l(md + " [after](x)\n");
  CHECK(l.layout.text.find("a a a") != std::string::npos);
  CHECK(l.layout.text.find("b c c") != std::string::npos);
  REQUIRE(l.layout.links.size() == 1);
  CHECK(l.layout.links[0].source_index == 0);
}

TEST_CASE("regression: a word of 100 KB is cut into lines in linear time") {
  // Every cut measured the rest of the word again: quadratic in its length (a 1 MB
  // word froze the tab for 36 s). The work is counted in bytes measured, not timed.
  Laid small(std::string(10'000, 'x') + "\n", 600);
  Laid large(std::string(100'000, 'x') + "\n", 600);
  CHECK(large.lines() > 10 * small.lines() - 10);
  CHECK(large.type.measured_bytes() < 12 * small.type.measured_bytes());
  bool fits = true;
  for (const Fragment& f : large.layout.fragments) fits = fits && f.w <= 600.5f;
  CHECK(fits);
}
