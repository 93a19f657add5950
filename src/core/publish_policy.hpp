// Which content files the site publishes, and in what form (ADR-0011). The site's
// origin may be shared (org.github.io serves every project of an organisation), so a
// file that would run script when opened there is not published as it is:
// - .svg is published in its sanitized form (svg_sanitizer.hpp), or refused;
// - .html, .js, .xml and the other names listed in the .cpp are refused;
// unless logbook.yml lists the file under publish_files, which publishes it byte for
// byte. Every refusal is a warning that names the file and says how to publish it.
#pragma once

#include <string_view>
#include <vector>

#include "diagnostic.hpp"
#include "site.hpp"
#include "site_config.hpp"

namespace logbook {

// True for names a browser runs script from, or renders as a document, when opened.
bool runs_script_when_opened(std::string_view path);

// Glob match of a content path: `*` and `?` within one folder, `**` across folders.
bool matches_glob(std::string_view pattern, std::string_view path);

// Applies the policy to the files that are not pages: sanitizes SVGs in place and
// removes the files that are refused, returning one warning for each.
Diagnostics apply_publish_policy(std::vector<SourceFile>& files, const SiteConfig& config);

}  // namespace logbook
