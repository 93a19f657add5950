// Link previews (issue 15): hovering a link of the page for a moment, focusing it and
// pressing P, or a long press (which opens the link menu, with the preview above its
// actions) shows the target's title, a decision's status and the first paragraph of the
// page, or of the section a #heading link names, laid out by the app's own Markdown
// layout from the target's Markdown. Its links are followed like the page's; Escape,
// scrolling, a press elsewhere or the pointer leaving both the link and the popover
// (after a grace period, so the pointer can travel into it) close it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "markdown_layout.hpp"
#include "views.hpp"

namespace logbook::app {

// The paragraph a preview shows, moved out of the target's parsed Markdown into a
// document of its own: `first_link` is the ordinal of its first link or image among the
// whole page's (the index into PublishedPage::links where its hrefs start).
struct PreviewExcerpt {
  std::shared_ptr<cmark_node> root;  // null when the page (or the section) has no paragraph
  int first_link = 0;
};

// The first top-level paragraph of markdown (the body, without front matter), or with an
// anchor the first paragraph after the heading with that slug and before the next heading.
PreviewExcerpt preview_excerpt(std::string_view markdown, std::string_view anchor);

// What the preview says in words, for screen readers: "Title. Status: accepted. Text".
std::string preview_description(const std::string& title, const std::string& status, const std::string& text);

enum class PreviewVia { hover, keyboard, menu };

// A link of the page under the pointer (or -1) and its fragment's box on screen: after
// kHoverDelayMs on one link its preview opens. Called by the document view every frame.
void preview_on_hover(App& app, int layout_link, ImVec2 min, ImVec2 max);
// Opens the preview of the page's link at once (a key, or the link menu).
void open_link_preview(App& app, int layout_link, ImVec2 min, ImVec2 max, PreviewVia via);
void close_link_preview(App& app);
// The popover (hover and keyboard), above the views.
void draw_link_preview(App& app, const Area& screen);
// The preview inside the link menu, width w at the cursor; its height (0 when none).
float draw_preview_in_menu(App& app, float w);

}  // namespace logbook::app
