// `pratiques build`: the static site, rendered from an index directory (catalogue + Xapian).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "pratiques/site/writer.h"

namespace pratiques::site {

// Who publishes this instance (loi n° 2004-575 du 21 juin 2004 pour la confiance dans l'économie
// numérique, article 6): shown on the legal notice page (/mentions-legales/). It comes from the
// command line (`pratiques build` and `pratiques serve`: --editeur, --directeur-publication,
// --courriel-contact, --hebergeur), never from the content: what is not given is shown as
// "non renseigné", never guessed.
struct LegalNotice {
  std::string publisher;  // name and postal address of the publishing organisation
  std::string director;   // the director of publication (a person's name or function)
  std::string contact;    // an e-mail address (also for accessibility reports)
  std::string host;       // the host's name, address and telephone number
  bool complete() const { return !publisher.empty() && !director.empty() && !contact.empty() && !host.empty(); }
  // French names of the missing options ("--editeur, --hebergeur"), "" when complete.
  std::string missing() const;
};

// The text page (content/pages/<id>.md) that shows the LegalNotice above its own text.
inline constexpr const char* kLegalNoticePage = "mentions-legales";
// The accessibility statement: it ends with the contact address (--courriel-contact), which RGAA
// asks the statement itself to give.
inline constexpr const char* kAccessibilityPage = "accessibilite";

// The sitemap protocol's limit per file (https://www.sitemaps.org/protocol.html): 50,000 URLs.
// /sitemap.xml is a sitemap index naming /sitemap-1.xml, /sitemap-2.xml… of at most this many each.
inline constexpr std::size_t kSitemapUrls = 50000;

// Sheets per page of the static lists (a browse value's /thematiques/x/, /thematiques/x/page-2/…, a
// SKOS concept's): a value of 10,000 sheets was one page of 1.8 MB.
inline constexpr std::size_t kListPageSheets = 100;

// What a site's pages show that its content does not say. `pratiques build` and `pratiques serve`
// take the same options, so that the pages the server rebuilds after a publication are those the
// build wrote (with other options, a publication would rewrite them another way).
struct PageOptions {
  LegalNotice legal;                               // the legal notice's publisher identity
  int similar = 5;                                 // "Pratiques proches" per sheet
  std::size_t list_page_sheets = kListPageSheets;  // sheets per page of a value's or a concept's list
};

struct BuildOptions {
  std::string index = "index";                     // the path given to `pratiques index --out`
  std::string out = "public";                      // the site directory (created if needed)
  std::string base_url = "http://localhost:8080";  // absolute URLs: feeds, citations, sitemap, OpenGraph
  PageOptions pages;
  unsigned threads = 1;                            // rendering the sheets' pages (0: one per core)
  std::size_t sheets_per_batch = 0;                // sheets loaded whole at once (0: 64 per thread)
  std::size_t sitemap_urls = kSitemapUrls;         // URLs per sitemap-N.xml (the protocol's limit; tests lower it)
  WriteGuard guard;                                // wraps every file operation (background rebuilds)
};

struct BuildReport {
  std::size_t pages = 0;                                  // HTML pages
  std::size_t files = 0;                                  // every file of the site
  std::size_t written = 0;                                // files whose bytes changed (or new)
  std::size_t unchanged = 0;                              // files left untouched (same bytes, same timestamps)
  std::vector<std::string> written_paths, deleted_paths;  // relative to out
  std::vector<std::string> warnings;
  double seconds = 0;
};

// Throws std::runtime_error (French message) when the index or the options are unusable.
BuildReport build_site(const BuildOptions& options);

// "http://host[:port]" without a trailing slash, or "" when the URL is not an http(s) origin.
std::string normalize_base_url(const std::string& url);

}  // namespace pratiques::site
