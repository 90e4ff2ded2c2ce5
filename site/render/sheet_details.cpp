#include "sheet_details.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pratiques/text.h"
#include "util.h"

namespace pratiques::site::detail {

namespace {

using Items = std::vector<std::pair<std::string, std::string>>;

// Shown in the page's head, « En bref », the sections, the sources or « À propos de cette fiche ».
const std::set<std::string, std::less<>> kShownElsewhere = {"id",
                                                            "anciens_ids",
                                                            "titre",
                                                            "en_bref",
                                                            "type_fiche",
                                                            "territoire.nom",
                                                            "territoire.echelle",
                                                            "territoire.milieu",
                                                            "territoire.departement",
                                                            "territoire.region",
                                                            "periode",
                                                            "stade",
                                                            "porteur.nom",
                                                            "porteur.type",
                                                            "porteur.contact",
                                                            "publics",
                                                            "thematiques",
                                                            "modes_intervention",
                                                            "niveau_participation",
                                                            "liens_formation.diplomes",
                                                            "liens_formation.domaines_competences",
                                                            "redacteurs",
                                                            "sources",
                                                            "fiches_liees",
                                                            "curation",
                                                            "licence"};

std::vector<std::string> strings_of(const JsonObject& def, const char* key) {
  std::vector<std::string> out;
  if (auto a = def->getArray(key))
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
  return out;
}

std::vector<JsonObject> subfields_of(const JsonObject& def) {
  std::vector<JsonObject> out;
  if (auto a = def->getArray("sous_champs"))
    for (std::size_t i = 0; i < a->size(); ++i)
      if (auto f = a->getObject(static_cast<unsigned>(i))) out.push_back(f);
  return out;
}

// A value as read: a vocabulary's label (the first of the field's vocabularies that knows it), or
// the text itself. "" for what says nothing: "non-documente", false (an unchecked box).
std::string shown(const Context& ctx, const std::vector<std::string>& vocabularies, const Poco::Dynamic::Var& v) {
  if (v.isEmpty() || v.isArray() || v.type() == typeid(Poco::JSON::Object::Ptr)) return "";
  if (v.isBoolean()) return v.extract<bool>() ? "oui" : "";
  std::string text;
  try {
    text = v.convert<std::string>();
  } catch (const std::exception&) {
    return "";
  }
  if (text == "non-documente") return "";
  for (const auto& vocab : vocabularies)
    if (std::string label = ctx.data.label(vocab, text); label != text) return label;
  return text;
}

// An item of a list of objects: its text fields, then its coded ones in parentheses ("Ville de
// Lille (Commune, Pilotage)").
std::string object_item(const Context& ctx, const JsonObject& o, const std::vector<JsonObject>& subfields) {
  std::string head, codes;
  for (const auto& f : subfields) {
    const std::vector<std::string> vocabularies = strings_of(f, "vocabulaires");
    const std::string v = shown(ctx, vocabularies, o->get(f->optValue<std::string>("cle", "")));
    if (v.empty()) continue;
    std::string& part = vocabularies.empty() ? head : codes;
    part += (part.empty() ? "" : ", ") + v;
  }
  if (head.empty()) return codes;
  return codes.empty() ? head : head + " (" + codes + ")";
}

void add_field(List& facts, const Context& ctx, const JsonObject& def, const std::string& path,
               const std::string& label, const Poco::Dynamic::Var& value) {
  if (kShownElsewhere.count(path) || value.isEmpty()) return;
  const std::vector<JsonObject> subfields = subfields_of(def);
  const std::vector<std::string> vocabularies = strings_of(def, "vocabulaires");
  if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
    const auto o = value.extract<Poco::JSON::Object::Ptr>();
    // The subfields of an object that « En bref » shows in part are named with it: "Porteur :
    // service", not "Service".
    const bool partly_shown = std::any_of(subfields.begin(), subfields.end(), [&](const JsonObject& f) {
      return kShownElsewhere.count(path + "." + f->optValue<std::string>("cle", "")) > 0;
    });
    for (const auto& f : subfields) {
      const std::string key = f->optValue<std::string>("cle", ""), name = f->optValue<std::string>("libelle", key);
      add_field(facts, ctx, f, path + "." + key, partly_shown ? label + " : " + text::lower(name) : name,
                o ? o->get(key) : Poco::Dynamic::Var());
    }
    return;
  }
  Items items;
  if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto a = value.extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; a && i < a->size(); ++i) {
      std::string v = a->isObject(static_cast<unsigned>(i))
                          ? object_item(ctx, a->getObject(static_cast<unsigned>(i)), subfields)
                          : shown(ctx, vocabularies, a->get(static_cast<unsigned>(i)));
      if (!v.empty()) items.emplace_back(std::move(v), "");
    }
  } else if (std::string v = shown(ctx, vocabularies, value); !v.empty()) {
    items.emplace_back(std::move(v), "");
  }
  add_fact(facts, label, items);
}

}  // namespace

List details_of(const Context& ctx, const Sheet& s) {
  List facts;
  const JsonObject format = ctx.data.grid ? ctx.data.grid->getObject("fiche") : nullptr;
  const auto fields = format ? format->getArray("champs") : nullptr;
  for (std::size_t i = 0; fields && s.front && i < fields->size(); ++i)
    if (const auto f = fields->getObject(static_cast<unsigned>(i))) {
      const std::string key = f->optValue<std::string>("cle", "");
      add_field(facts, ctx, f, key, f->optValue<std::string>("libelle", key), s.front->get(key));
    }
  return facts;
}

}  // namespace pratiques::site::detail
