// "Citer cette fiche": a French citation to paste, and BibTeX / RIS files for reference managers.
#pragma once
#include <string>

#include "pratiques/site/context.h"

namespace pratiques::site {

// Plain text (French typography): authors. « Title ». Pratiques…, dernière revue le …. En ligne : URL
std::string citation_text(const Context& ctx, const Sheet& sheet);
std::string citation_bibtex(const Context& ctx, const Sheet& sheet);
std::string citation_ris(const Context& ctx, const Sheet& sheet);
// True when an author's name names a group rather than a person ("Équipe éditoriale Pratiques",
// "Service social de la CAF"…): its first word is a collective noun, or it is "Pratiques". Reference
// managers must keep such a name whole (RIS "AU  - Name,", BibTeX {{Name}}, JSON-LD Organization).
bool is_organisation(std::string_view name);
// CSL-JSON (an array of one item, type "report"), read by Zotero, citation-js, pandoc-citeproc.
std::string citation_csl_json(const Context& ctx, const Sheet& sheet);
// Highwire citation_* and DC.rights <meta> elements for the page's <head>: Zotero's "Embedded Metadata"
// translator saves the sheet as a report with its authors, date, keywords and URL.
std::string citation_meta_tags(const Context& ctx, const Sheet& sheet);

}  // namespace pratiques::site
