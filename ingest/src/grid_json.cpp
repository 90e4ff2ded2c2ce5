#include "pratiques/grid_json.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace pratiques {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const char* status_code(Status s) {
  switch (s) {
    case Status::Mandatory: return "M";
    case Status::Recommended: return "R";
    default: return "O";
  }
}

Array::Ptr strings(const std::vector<std::string>& v) {
  Array::Ptr a = new Array;
  for (const auto& s : v) a->add(s);
  return a;
}

Object::Ptr field_json(const FieldSpec& f) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("cle", f.key);
  o->set("libelle", f.label);
  o->set("statut", status_code(f.status));
  o->set("definition", f.definition);
  o->set("vocabulaires", strings(f.vocabularies));
  Array::Ptr subs = new Array;
  for (const auto& s : f.subfields) subs->add(field_json(s));
  o->set("sous_champs", subs);
  return o;
}

Object::Ptr format_json(const DocumentFormat& format) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  Array::Ptr fields = new Array;
  for (const auto& f : format.fields) fields->add(field_json(f));
  Array::Ptr sections = new Array;
  for (const auto& s : format.sections) {
    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    x->set("numero", s.number);
    x->set("partie", s.part);
    x->set("titre", s.title);
    x->set("cle", s.key);
    x->set("ancre", s.anchor);
    x->set("prefixe", s.prefix);
    x->set("statut", status_code(s.status));
    x->set("definition", s.definition);
    x->set("questions", strings(s.questions));
    sections->add(x);
  }
  o->set("champs", fields);
  o->set("sections", sections);
  return o;
}

}  // namespace

std::string grid_to_json(const Grid& grid) {
  Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("version", grid.version);
  root.set("titre", grid.title);
  Array::Ptr parts = new Array;
  for (const auto& p : grid.parts) {
    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    x->set("code", p.code);
    x->set("titre", p.title);
    parts->add(x);
  }
  root.set("parties", parts);
  Array::Ptr rules = new Array;
  for (const auto& r : grid.rules) {
    Object::Ptr x = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    x->set("id", r.id);
    x->set("texte", r.text);
    rules->add(x);
  }
  root.set("regles", rules);
  root.set("fiche", format_json(grid.sheet));
  root.set("parcours", format_json(grid.course));
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

}  // namespace pratiques
