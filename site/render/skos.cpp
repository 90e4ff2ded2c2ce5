#include "pratiques/site/skos.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <sstream>

#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/index_layout.h"
#include "pratiques/site/layout.h"
#include "pratiques/site/open_data.h"
#include "pratiques/text.h"
#include "util.h"

namespace fs = std::filesystem;

namespace pratiques::site {

using namespace detail;

namespace {

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.push_back(l);
  return out;
}

std::string scheme_uri(const std::string& base, const std::string& id) { return base + "/vocabulaires/" + id; }
std::string concept_uri(const std::string& base, const std::string& id, const std::string& slug) {
  return scheme_uri(base, id) + "/" + slug;
}

// A Turtle string literal (ECHAR escapes).
std::string ttl(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"@fr";
}

std::string xml(const std::string& s) { return text::html_escape(s, true); }

// Vocabulary ids are snake_case ("modes_intervention"), values kebab-case: both safe in a path.
bool path_segment(std::string_view s) {
  return !s.empty() && s.size() <= 100 && s.front() != '-' && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

std::vector<ConceptScheme> load_schemes(const SiteData& data) {
  Catalog cat((fs::path(data.generation) / kCatalogFile).string(), false);
  std::vector<ConceptScheme> out;
  for (auto& scheme : catalogue::vocabulary_schemes(cat)) {
    ConceptScheme s{std::move(scheme.vocab), std::move(scheme.label), {}};
    if (!path_segment(s.id)) continue;
    for (auto& row : catalogue::vocabulary_concepts(cat, s.id)) {
      Concept c{std::move(row.slug),
                std::move(row.label),
                std::move(row.parent),
                std::move(row.definition),
                lines(row.alt_labels),
                {},
                {}};
      for (const auto& m : lines(row.matches))
        c.matches.emplace_back(m.substr(0, m.find(' ')), m.substr(m.find(' ') + 1));
      if (path_segment(c.slug)) s.concepts.push_back(std::move(c));
    }
    std::map<std::string, Concept*> by_slug;
    for (auto& c : s.concepts) by_slug[c.slug] = &c;
    for (const auto& c : s.concepts)
      if (by_slug.count(c.parent)) by_slug[c.parent]->narrower.push_back(c.slug);
    out.push_back(std::move(s));
  }
  return out;
}

std::string scheme_turtle(const ConceptScheme& s, const std::string& base) {
  std::string out =
      "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n\n<" +
      scheme_uri(base, s.id) + "> a skos:ConceptScheme ;\n  skos:prefLabel " + ttl(s.label) + " ;\n  dct:publisher " +
      ttl("Pratiques");
  for (const auto& c : s.concepts)
    if (c.parent.empty()) out += " ;\n  skos:hasTopConcept <" + concept_uri(base, s.id, c.slug) + ">";
  out += " .\n";
  for (const auto& c : s.concepts) {
    out += "\n<" + concept_uri(base, s.id, c.slug) + "> a skos:Concept ;\n  skos:inScheme <" + scheme_uri(base, s.id) +
           "> ;\n  skos:notation \"" + c.slug + "\" ;\n  skos:prefLabel " + ttl(c.label);
    for (const auto& a : c.alt_labels) out += " ;\n  skos:altLabel " + ttl(a);
    if (!c.definition.empty()) out += " ;\n  skos:definition " + ttl(c.definition);
    if (c.parent.empty())
      out += " ;\n  skos:topConceptOf <" + scheme_uri(base, s.id) + ">";
    else
      out += " ;\n  skos:broader <" + concept_uri(base, s.id, c.parent) + ">";
    for (const auto& n : c.narrower) out += " ;\n  skos:narrower <" + concept_uri(base, s.id, n) + ">";
    for (const auto& [kind, uri] : c.matches) out += " ;\n  skos:" + kind + " <" + uri + ">";
    out += " .\n";
  }
  return out;
}

std::string scheme_rdfxml(const ConceptScheme& s, const std::string& base) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
      "xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\" "
      "xmlns:dct=\"http://purl.org/dc/terms/\">\n<skos:ConceptScheme rdf:about=\"" +
      xml(scheme_uri(base, s.id)) + "\">\n  <skos:prefLabel xml:lang=\"fr\">" + xml(s.label) +
      "</skos:prefLabel>\n  <dct:publisher xml:lang=\"fr\">Pratiques</dct:publisher>\n";
  for (const auto& c : s.concepts)
    if (c.parent.empty())
      out += "  <skos:hasTopConcept rdf:resource=\"" + xml(concept_uri(base, s.id, c.slug)) + "\"/>\n";
  out += "</skos:ConceptScheme>\n";
  for (const auto& c : s.concepts) {
    out += "<skos:Concept rdf:about=\"" + xml(concept_uri(base, s.id, c.slug)) +
           "\">\n  <skos:inScheme rdf:resource=\"" + xml(scheme_uri(base, s.id)) + "\"/>\n  <skos:notation>" +
           xml(c.slug) + "</skos:notation>\n  <skos:prefLabel xml:lang=\"fr\">" + xml(c.label) + "</skos:prefLabel>\n";
    for (const auto& a : c.alt_labels) out += "  <skos:altLabel xml:lang=\"fr\">" + xml(a) + "</skos:altLabel>\n";
    if (!c.definition.empty())
      out += "  <skos:definition xml:lang=\"fr\">" + xml(c.definition) + "</skos:definition>\n";
    if (c.parent.empty())
      out += "  <skos:topConceptOf rdf:resource=\"" + xml(scheme_uri(base, s.id)) + "\"/>\n";
    else
      out += "  <skos:broader rdf:resource=\"" + xml(concept_uri(base, s.id, c.parent)) + "\"/>\n";
    for (const auto& n : c.narrower)
      out += "  <skos:narrower rdf:resource=\"" + xml(concept_uri(base, s.id, n)) + "\"/>\n";
    for (const auto& [kind, uri] : c.matches) out += "  <skos:" + kind + " rdf:resource=\"" + xml(uri) + "\"/>\n";
    out += "</skos:Concept>\n";
  }
  return out + "</rdf:RDF>\n";
}

void render_vocabularies(const Context& ctx, OutputWriter& out) {
  const auto schemes = load_schemes(ctx.data);
  // Which sheets use each value, through every field of the grid that takes a vocabulary.
  std::map<std::pair<std::string, std::string>, std::vector<const Sheet*>> users;
  const auto fields = vocabulary_fields(ctx.data);
  for (const auto& sheet : ctx.data.sheets) {
    const JsonObject front = sheet.parsed_front();
    for (const auto& [path, vocab] : fields)
      for (const auto& v : values_at(front, path)) {
        auto& list = users[{vocab, v}];
        if (list.empty() || list.back() != &sheet) list.push_back(&sheet);
      }
  }
  List index;
  for (const auto& s : schemes) {
    if (s.id == "departements" || s.id == "regions") continue;
    const std::string dir = "vocabulaires/" + s.id;
    out.write(dir + ".ttl", scheme_turtle(s, ctx.base_url));
    out.write(dir + ".rdf", scheme_rdfxml(s, ctx.base_url));
    std::map<std::string, std::string> labels;
    for (const auto& c : s.concepts) labels[c.slug] = c.label;
    List concepts;
    for (const auto& c : s.concepts) {
      auto link = [&](const std::string& slug) {
        Data o = object();
        o["href"] = Data("/" + dir + "/" + slug + "/");
        put_text(o, "label", labels[slug]);
        return o;
      };
      Object page;
      put_text(page, "scheme", s.label);
      page["scheme_href"] = Data("/" + dir + "/");
      put_text(page, "label", c.label);
      page["uri"] = Data(concept_uri(ctx.base_url, s.id, c.slug));
      page["slug"] = Data(c.slug);
      put_text(page, "definition", c.definition);
      List alt, narrower, matches;
      for (const auto& a : c.alt_labels) {
        Data o = object();
        put_text(o, "text", a);
        alt.push_back(std::move(o));
      }
      for (const auto& n : c.narrower) narrower.push_back(link(n));
      for (const auto& [kind, uri] : c.matches) {
        Data o = object();
        o["kind"] = Data(kind == "exactMatch"   ? std::string("équivalent exact")
                         : kind == "closeMatch" ? std::string("concept proche")
                                                : std::string("concept lié"));
        o["uri"] = Data(uri);
        matches.push_back(std::move(o));
      }
      page["broader"] = c.parent.empty() ? Data(false) : link(c.parent);
      for (auto [key, list] :
           {std::pair<const char*, List*>{"alt", &alt}, {"narrower", &narrower}, {"matches", &matches}}) {
        page[std::string("has_") + key] = Data(!list->empty());
        page[key] = Data(*list);
      }
      const auto& used = users[{s.id, c.slug}];
      page["has_sheets"] = Data(!used.empty());
      page["count"] = Data(std::to_string(used.size()));
      PageMeta meta;
      // Some labels are sentences: <title> stays short. Its vocabulary tells apart the "Autre" of
      // the types of carriers, of funders and of sources.
      meta.title = excerpt(c.label + " (" + s.label + ")", 110);
      meta.description = c.definition.empty()
                             ? "Concept « " + c.label + " » du vocabulaire « " + s.label + " » de Pratiques."
                             : excerpt(c.definition, 200);
      meta.path = "/" + dir + "/" + c.slug + "/";
      meta.nav = "vocabulaires";
      write_sheet_pages(ctx, meta, "concept", Data(page), used, out);
      Data item = link(c.slug);
      item["top"] = Data(c.parent.empty());
      item["count"] = Data(std::to_string(used.size()));
      concepts.push_back(std::move(item));
    }
    Object page;
    put_text(page, "label", s.label);
    page["id"] = Data(s.id);
    page["uri"] = Data(scheme_uri(ctx.base_url, s.id));
    page["concepts"] = Data(concepts);
    PageMeta meta;
    meta.title = s.label + " : vocabulaire contrôlé";
    meta.description = "Les valeurs du vocabulaire « " + s.label + " » de Pratiques, en SKOS (Turtle, RDF/XML).";
    meta.path = "/" + dir + "/";
    meta.nav = "vocabulaires";
    out.write(dir + "/index.html", render_page(ctx, meta, ctx.templates.render("vocabulaire", Data(page))));
    Data entry = object();
    entry["href"] = Data("/" + dir + "/");
    entry["id"] = Data(s.id);
    put_text(entry, "label", s.label);
    entry["count"] = Data(std::to_string(s.concepts.size()));
    index.push_back(std::move(entry));
  }
  Object page;
  page["schemes"] = Data(index);
  PageMeta meta;
  meta.title = "Vocabulaires contrôlés";
  meta.description =
      "Les vocabulaires contrôlés de Pratiques, publiés en SKOS (Turtle et RDF/XML) avec des adresses stables.";
  meta.path = "/vocabulaires/";
  meta.nav = "vocabulaires";
  out.write("vocabulaires/index.html", render_page(ctx, meta, ctx.templates.render("vocabulaires", Data(page))));
}

}  // namespace pratiques::site
