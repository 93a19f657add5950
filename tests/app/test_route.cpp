// Spec: routes split into page, anchor and search words, and match the published URLs.
#include <doctest/doctest.h>

#include "app/route.hpp"
#include "core/published_site.hpp"

using namespace logbook;
using namespace logbook::app;

TEST_CASE("routes: page URL, anchor and search words") {
  Route r = parse_route("/guides/setup/?q=deploy%20pages#install");
  CHECK(r.url == "/guides/setup/");
  CHECK(r.anchor == "install");
  CHECK(r.query == "deploy pages");
  CHECK(parse_route("/guides/setup").url == "/guides/setup/");
  CHECK(parse_route("/guides/setup/index.html").url == "/guides/setup/");
  CHECK(parse_route("").url == "/");
  CHECK(parse_route("/files/report.pdf").url == "/files/report.pdf");
}

TEST_CASE("routes match the manifest's URLs however the browser encoded them") {
  // The build percent-encodes '%', '#' and '?' in page URLs and leaves the rest as it is.
  CHECK(parse_route("/c%23-notes/").url == "/c%23-notes/");
  CHECK(parse_route("/c%23-notes/#usage").anchor == "usage");
  CHECK(parse_route("/100%25-done/").url == "/100%25-done/");
  CHECK(parse_route("/why%3F/?q=why").url == "/why%3F/");
  CHECK(parse_route("/caf%C3%A9/").url == "/caf\xC3\xA9/");
  CHECK(parse_route("/c++-notes/").url == "/c++-notes/");  // '+' is a space only in the query
  CHECK(parse_route("/c++-notes/?q=a+b").query == "a b");

  PublishedSite site;
  REQUIRE(read_manifest(R"({"format":"logbook-manifest","version":2,"title":"Docs",
    "pages":[{"path":"c#-notes.md","url":"/c%23-notes/","title":"C# notes","section":0}]})", site) == "");
  CHECK(site.find_url(parse_route("/c%23-notes/").url) == 0);
  CHECK(site.find_url(parse_route("/c%23-notes/index.html").url) == 0);
}
