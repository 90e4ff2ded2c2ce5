// "Citer cette fiche": a French citation to paste, and BibTeX / RIS files for reference managers.
#pragma once
#include <string>

#include "pratiques/site/context.h"

namespace pratiques::site {

// Plain text (French typography): authors. « Title ». Pratiques…, dernière revue le …. En ligne : URL
std::string citation_text(const Context& ctx, const Sheet& sheet);
std::string citation_bibtex(const Context& ctx, const Sheet& sheet);
std::string citation_ris(const Context& ctx, const Sheet& sheet);

}  // namespace pratiques::site
