#include "pratiques/server/oai_records.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <functional>

#include "pratiques/catalog.h"
#include "pratiques/catalogue.h"
#include "pratiques/site/context.h"
#include "pratiques/site/model.h"
#include "pratiques/text.h"

namespace pratiques::server {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool is_object(const Var& v) { return v.type() == typeid(Object::Ptr); }
bool is_array(const Var& v) { return v.type() == typeid(Array::Ptr); }

std::string scalar(const Var& v) {
  if (v.isEmpty() || is_object(v) || is_array(v)) return "";
  return v.convert<std::string>();
}

// Keys in the order of the front matter (the catalogue's JSON is parsed keeping it).
std::vector<std::string> keys(const Object::Ptr& o) {
  std::vector<std::string> out;
  o->getNames(out);
  return out;
}

// Names at `key` inside each object of the list at `list` ("redacteurs" / "nom").
std::vector<std::string> names_in(const Object::Ptr& front, const std::string& list, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& o : site::json_objects(front, list))
    if (auto s = site::json_string(o, key); !s.empty()) out.push_back(s);
  return out;
}

void element(std::string& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  out += "<";
  out += name;
  out += ">" + xml_text(value) + "</";
  out += name;
  out += ">\n";
}

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_text(value) + "\"";
}

}  // namespace

std::shared_ptr<const OaiVocabulary> OaiVocabulary::load(Catalog& cat) {
  auto v = std::make_shared<OaiVocabulary>();
  for (const auto& e : catalogue::vocabularies(cat)) v->labels[e.vocab][e.slug] = e.label;
  v->field_vocabularies["territoire.departement"] = {"departements"};
  v->field_vocabularies["territoire.region"] = {"regions"};
  v->grid_version = cat.meta("grid_version");
  const std::string grid = cat.meta("grid_json");
  if (grid.empty()) return v;
  Poco::JSON::Parser parser;
  const auto root = parser.parse(grid).extract<Object::Ptr>();
  std::function<void(const Array::Ptr&, const std::string&)> walk = [&](const Array::Ptr& fields,
                                                                        const std::string& prefix) {
    if (!fields) return;
    for (const auto& f : *fields) {
      const auto o = f.extract<Object::Ptr>();
      const std::string path = prefix + o->getValue<std::string>("cle");
      if (const auto vocabs = o->getArray("vocabulaires"); vocabs && vocabs->size() > 0)
        for (const auto& x : *vocabs) v->field_vocabularies[path].push_back(x.convert<std::string>());
      walk(o->getArray("sous_champs"), path + ".");
    }
  };
  if (const auto sheet = root->getObject("fiche")) walk(sheet->getArray("champs"), "");
  return v;
}

std::string OaiVocabulary::label(const std::string& field, const std::string& value) const {
  const auto f = field_vocabularies.find(field);
  if (f == field_vocabularies.end()) return "";
  for (const auto& vocab : f->second) {
    const auto l = labels.find(vocab);
    if (l == labels.end()) continue;
    if (const auto it = l->second.find(value); it != l->second.end()) return it->second;
  }
  return "";
}

std::string xml_text(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string header_xml(const OaiHeader& h) {
  std::string out = h.deleted ? "<header status=\"deleted\">\n" : "<header>\n";
  element(out, "identifier", h.identifier);
  element(out, "datestamp", h.datestamp);
  for (const auto& s : h.sets) element(out, "setSpec", s);
  out += "</header>\n";
  return out;
}

std::string oai_dc_xml(const OaiSheet& sheet, const OaiVocabulary& vocab) {
  const auto& f = sheet.front;
  std::string out =
      "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ "
      "http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">\n";
  element(out, "dc:title", site::json_string(f, "titre"));
  // The sheet's authors, as its page's DC.creator and citation_author: the carrier led the action
  // the sheet describes, it did not write the sheet (a contributor, unless the source names none).
  for (const auto& n : names_in(f, "redacteurs", "nom")) element(out, "dc:creator", n);
  if (const std::string carrier = site::json_string(f, "porteur.nom");
      !carrier.starts_with("Non précisé") && !carrier.starts_with("Non documenté"))
    element(out, "dc:contributor", carrier);
  for (const auto& field : {"thematiques", "modes_intervention", "publics"})
    for (const auto& v : site::json_strings(f, field))
      element(out, "dc:subject", vocab.label(field, v).empty() ? v : vocab.label(field, v));
  for (const auto& k : site::json_strings(f, "mots_cles")) element(out, "dc:subject", k);
  element(out, "dc:description", site::json_string(f, "en_bref"));
  element(out, "dc:publisher", "Pratiques");
  for (const auto& n : names_in(f, "partenaires", "nom")) element(out, "dc:contributor", n);
  element(out, "dc:date", site::json_string(f, "curation.date_publication"));
  element(out, "dc:type", "Text");
  element(out, "dc:type", vocab.label("type_fiche", site::json_string(f, "type_fiche")));
  element(out, "dc:format", "text/html");
  element(out, "dc:identifier", sheet.url);
  element(out, "dc:language", "fre");
  const std::string base = sheet.url.substr(0, sheet.url.size() - site::sheet_path(sheet.id).size());
  for (const auto& l : names_in(f, "fiches_liees", "id")) element(out, "dc:relation", base + site::sheet_path(l));
  // Coverage: the place named by the sheet, then its département and région (names, codes).
  element(out, "dc:coverage", site::json_string(f, "territoire.nom"));
  for (const char* field : {"territoire.departement", "territoire.region"})
    if (const auto code = site::json_string(f, field); !code.empty()) {
      const std::string name = vocab.label(field, code);
      element(out, "dc:coverage", name.empty() ? code : name + " (" + code + ")");
    }
  const std::string licence = site::json_string(f, "licence");
  element(out, "dc:rights", vocab.label("licence", licence).empty() ? licence : vocab.label("licence", licence));
  out += "</oai_dc:dc>\n";
  return out;
}

std::string native_xml(const OaiSheet& sheet, const OaiVocabulary& vocab, const std::string& schema_url) {
  std::string out = std::string("<fiche xmlns=\"") + kNativeNamespace +
                    "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" " + "xsi:schemaLocation=\"" +
                    kNativeNamespace + " " + xml_text(schema_url) + "\"" + attr("id", sheet.id) +
                    attr("url", sheet.url) + attr("version_grille", vocab.grid_version) + ">\n";
  // Every front-matter value, flattened: objects by dotted keys, lists of objects as groups.
  std::function<void(std::string&, const Var&, const std::string&, const std::string&)> field =
      [&](std::string& o, const Var& v, const std::string& key, const std::string& path) {
        if (is_object(v)) {
          const auto obj = v.extract<Object::Ptr>();
          for (const auto& k : keys(obj))
            field(o, obj->get(k), key.empty() ? k : key + "." + k, path.empty() ? k : path + "." + k);
        } else if (is_array(v)) {
          int rank = 0;
          for (const auto& item : *v.extract<Array::Ptr>()) {
            if (is_object(item)) {
              o += "<groupe" + attr("cle", key) + attr("rang", std::to_string(++rank)) + ">\n";
              const auto obj = item.extract<Object::Ptr>();
              for (const auto& k : keys(obj)) field(o, obj->get(k), k, path + "." + k);
              o += "</groupe>\n";
            } else {
              field(o, item, key, path);
            }
          }
        } else if (!v.isEmpty()) {
          const std::string value = scalar(v);
          const std::string label = vocab.label(path, value);
          o += "<champ" + attr("cle", key) + (label.empty() ? "" : attr("valeur", value)) + ">" +
               xml_text(label.empty() ? value : label) + "</champ>\n";
        }
      };
  field(out, Var(sheet.front), "", "");
  for (const auto& s : sheet.sections)
    out += "<section" + attr("cle", s.key) + attr("numero", std::to_string(s.number)) + attr("titre", s.title) +
           attr("ancre", s.anchor) + attr("non_documentee", s.undocumented ? "true" : "false") + ">" +
           xml_text(s.markdown) + "</section>\n";
  out += "</fiche>\n";
  return out;
}

}  // namespace pratiques::server
