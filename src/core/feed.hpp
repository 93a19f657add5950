// The Atom feed (feed.xml) of recent changes and decisions, for readers who follow a
// knowledge base from a feed reader or a chat integration.
#pragma once

#include <string>

#include "decision.hpp"
#include "page_history.hpp"
#include "site.hpp"

namespace logbook {

struct FeedInfo {
  std::string title;
  std::string site_url;  // origin, "" for relative links
  std::string base;      // "" or "/repo"
  std::size_t recent = 30;  // pages by last change; every decision record is added too
};

std::string write_atom_feed(const Site& site, const DecisionLog& decisions, const SiteHistory& history, const FeedInfo& info);

}  // namespace logbook
