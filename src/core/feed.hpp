// The Atom feeds, for readers who follow a knowledge base from a feed reader or a chat
// integration: feed.xml (recent changes and decisions), and the feeds per interest,
// feeds/decisions.xml (decision records only) and feeds/tags/<slug>.xml (one tag's pages,
// tags.hpp). Every text is escaped; an entry's id is its page's address (a decision's
// also holds its status in the decisions feed), so ids are stable across builds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "decision.hpp"
#include "page_history.hpp"
#include "site.hpp"

namespace logbook {

struct FeedInfo {
  std::string title;
  std::string site_url;  // origin, "" for relative links
  std::string base;      // "" or "/repo"
  std::size_t recent = 30;  // pages by last change; every decision record (of `only`) is added too
  std::string path = "feed.xml";  // the feed's own place in the site: its self link and id
  std::string about = "recent changes and decisions";  // the feed's title is "<title> — <about>"
  const std::vector<int>* only = nullptr;  // the pages it may list (Site indexes); nullptr: all
  bool every_decision = true;  // false: records only among the `recent` (a tag's feed stays small)
};

constexpr std::string_view kDecisionsFeedPath = "feeds/decisions.xml";

std::string write_atom_feed(const Site& site, const DecisionLog& decisions, const SiteHistory& history, const FeedInfo& info);

// feeds/decisions.xml: every decision record, last changed first. An entry's id holds the
// record's status ("…/decisions/0003-x/#accepted"), so when a proposal is accepted a
// follower sees it as a new entry.
std::string write_decisions_feed(const Site& site, const DecisionLog& decisions, const SiteHistory& history, FeedInfo info);

}  // namespace logbook
