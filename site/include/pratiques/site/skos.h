// The controlled vocabularies as SKOS (/vocabulaires/): per vocabulary a concept scheme in Turtle
// (<vocab>.ttl) and RDF/XML (<vocab>.rdf), stable concept URIs /vocabulaires/<vocab>/<valeur>
// (prefLabel@fr, altLabel for synonyms and acronyms, definition, broader/narrower for hierarchical
// vocabularies, the YAML's `correspondances` as exactMatch/closeMatch…), and an HTML page per
// scheme and per concept, the latter listing the sheets that use the value (on numbered pages:
// /vocabulaires/<vocab>/<valeur>/page-2/…, BuildOptions::list_page_sheets sheets each).
#pragma once
#include <string>
#include <vector>

#include "pratiques/site/context.h"
#include "pratiques/site/writer.h"

namespace pratiques::site {

struct Concept {
  std::string slug, label, parent, definition;
  std::vector<std::string> alt_labels, narrower;
  std::vector<std::pair<std::string, std::string>> matches;  // (SKOS property, URI)
};

struct ConceptScheme {
  std::string id, label;
  std::vector<Concept> concepts;  // vocabulary order
};

// The vocabularies of the catalogue (official territory codes excepted: they are not ours).
std::vector<ConceptScheme> load_schemes(const SiteData& data);
std::string scheme_turtle(const ConceptScheme& s, const std::string& base_url);
std::string scheme_rdfxml(const ConceptScheme& s, const std::string& base_url);

void render_vocabularies(const Context& ctx, OutputWriter& out);

}  // namespace pratiques::site
