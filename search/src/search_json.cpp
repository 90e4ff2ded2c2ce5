// The JSON of a search response, written straight into one string: it is built for every request
// of the search API, and a Poco::JSON::Object tree (one Var per value, copied on insertion) cost
// more than the search itself. Strings are escaped as Poco::toJSON escapes them (as Poco's Stringifier
// does), from a table of its escapes (json_escapes()).
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSONString.h>
#include <Poco/NumberFormatter.h>

#include <array>
#include <string_view>
#include <vector>

#include "pratiques/search.h"

namespace pratiques {

namespace {

// Poco::toJSON(v, JSON_WRAP_STRINGS) escapes byte by byte (control characters, '"', '\\', '/'),
// appending every byte to its result one at a time: a tenth of a search's instructions went there.
// The escape of each byte, read from Poco itself, gives the same text (test_search_json.cpp
// compares them) with unescaped runs copied at once.
struct JsonEscapes {
  std::array<std::string, 256> of;
  std::array<bool, 256> changed{};
  JsonEscapes() {
    for (std::size_t b = 0; b < 256; ++b) {
      const std::string byte(1, static_cast<char>(b));
      of[b] = Poco::toJSON(byte, 0);
      changed[b] = of[b] != byte;
    }
  }
};

void append_json_string(std::string& out, std::string_view v) {
  static const JsonEscapes escapes;
  out += '"';
  std::size_t from = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto b = static_cast<unsigned char>(v[i]);
    if (!escapes.changed[b]) continue;
    out.append(v.substr(from, i - from));
    out += escapes.of[b];
    from = i + 1;
  }
  out.append(v.substr(from));
  out += '"';
}

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  JsonWriter& open(char c) {
    comma();
    out_ += c;
    first_ = true;
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    first_ = false;
    return *this;
  }
  JsonWriter& key(const std::string& k) {
    comma();
    append_json_string(out_, k);
    out_ += ':';
    first_ = true;  // the value follows without a comma
    return *this;
  }
  JsonWriter& value(const std::string& v) {
    comma();
    append_json_string(out_, v);
    return *this;
  }
  JsonWriter& number(const std::string& literal) {
    comma();
    out_ += literal;
    return *this;
  }
  JsonWriter& field(const std::string& k, const std::string& v) { return key(k).value(v); }
  JsonWriter& field(const std::string& k, unsigned v) { return key(k).number(std::to_string(v)); }
  JsonWriter& field(const std::string& k, int v) { return key(k).number(std::to_string(v)); }
  JsonWriter& field(const std::string& k, double v) { return key(k).number(Poco::NumberFormatter::format(v)); }
  JsonWriter& field(const std::string& k, bool v) { return key(k).number(v ? "true" : "false"); }
  JsonWriter& field(const std::string& k, const std::vector<std::string>& texts) {
    key(k).open('[');
    for (const auto& t : texts) value(t);
    return close(']');
  }

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

// What an offered term is to the words typed (SearchResponse::Wider), as the JSON names it.
std::string relation_name(SearchResponse::Wider::Relation r) {
  switch (r) {
    case SearchResponse::Wider::Relation::Commune: return "commune";
    case SearchResponse::Wider::Relation::Diploma: return "diplome";
    case SearchResponse::Wider::Relation::Departement: return "departement";
    case SearchResponse::Wider::Relation::PostalCode: return "code_postal";
    default: return "specifique";
  }
}
SearchResponse::Wider::Relation relation_of(const std::string& name) {
  if (name == "commune") return SearchResponse::Wider::Relation::Commune;
  if (name == "diplome") return SearchResponse::Wider::Relation::Diploma;
  if (name == "departement") return SearchResponse::Wider::Relation::Departement;
  if (name == "code_postal") return SearchResponse::Wider::Relation::PostalCode;
  return SearchResponse::Wider::Relation::Narrower;
}

std::string text_of(const Poco::JSON::Object& o, const std::string& key) {
  const Poco::Dynamic::Var v = o.get(key);
  return v.isEmpty() ? std::string() : v.toString();
}

// An array of strings, empty when absent.
std::vector<std::string> texts_of(const Poco::JSON::Object& o, const std::string& key) {
  std::vector<std::string> out;
  if (const Poco::JSON::Array::Ptr a = o.getArray(key))
    for (std::size_t k = 0; k < a->size(); ++k) out.push_back(a->getElement<std::string>(static_cast<unsigned>(k)));
  return out;
}

// The array of hits ("resultats").
void write_hits(JsonWriter& w, const std::vector<Hit>& hits) {
  w.open('[');
  for (const auto& h : hits) {
    w.open('{');
    w.field("id", h.id).field("titre", h.title).field("en_bref", h.summary);
    // The extract as HTML (kept for the clients that show it as is), then as text with the byte
    // offsets of its matches.
    w.field("extrait", to_html(h.snippet)).field("extrait_texte", h.snippet.text);
    w.key("extrait_surlignes").open('[');
    for (const auto& m : h.snippet.marks)
      w.open('[').number(std::to_string(m.begin)).number(std::to_string(m.end)).close(']');
    w.close(']');
    w.field("score", h.score);
    w.key("thematiques").open('[');
    for (const auto& t : h.themes) w.open('{').field("valeur", t.value).field("libelle", t.label).close('}');
    w.close(']');
    w.key("territoire").open('{');
    w.field("nom", h.place).field("departement", h.departement).field("departement_nom", h.departement_name);
    w.field("region", h.region).field("region_nom", h.region_name);
    w.close('}');
    w.field("porteur", h.carrier);
    w.field("mots_absents", h.missing);
    w.close('}');
  }
  w.close(']');
}

}  // namespace

std::string hits_to_json(const std::vector<Hit>& hits) {
  std::string out;
  out.reserve(hits.size() * 2048 + 2);
  JsonWriter w(out);
  write_hits(w, hits);
  return out;
}

std::string to_json(const SearchResponse& r) {
  std::string out;
  out.reserve(4096 + r.hits.size() * 2048);
  JsonWriter w(out);
  w.open('{');
  w.field("requete", r.query).field("total", r.total).field("resultats_complets", r.complete);
  w.field("page", r.page).field("par_page", r.per_page);
  w.key("resultats");
  write_hits(w, r.hits);
  w.key("facettes").open('{');
  for (const auto& f : r.facets) {
    w.key(f.key).open('[');
    for (const auto& v : f.values)
      w.open('{').field("valeur", v.value).field("libelle", v.label).field("nombre", v.count).close('}');
    w.close(']');
  }
  w.close('}');
  if (r.suggestion)
    w.field("suggestion", *r.suggestion);
  else
    w.key("suggestion").number("null");
  w.field("autres_suggestions", r.alternatives);
  w.field("correction_appliquee", r.corrected);
  w.field("aucun_mot", r.no_words);
  w.field("troncatures_trop_courtes", r.short_truncations);
  w.field("troncatures_en_trop", r.extra_truncations);
  w.field("prefixes_inconnus", r.unknown_prefixes);
  w.field("mots_exclus", r.excluded);
  w.field("mots_introuvables", r.unfound);
  w.field("texte_ignore", r.ignored_text);
  w.key("termes_plus_larges").open('[');
  for (const auto& wider : r.wider)
    w.open('{')
        .field("saisi", wider.typed)
        .field("terme", wider.term)
        .field("relation", relation_name(wider.relation))
        .close('}');
  w.close(']');
  w.close('}');
  return out;
}

SearchResponse from_json(const std::string& json) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  SearchResponse r;
  try {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));  // facets keep their order
    const Object::Ptr root = parser.parse(json).extract<Object::Ptr>();
    r.query = text_of(*root, "requete");
    r.total = root->getValue<unsigned>("total");
    r.complete = root->getValue<unsigned>("resultats_complets");
    r.page = root->getValue<int>("page");
    r.per_page = root->getValue<int>("par_page");
    const Array::Ptr hits = root->getArray("resultats");
    for (std::size_t i = 0; hits && i < hits->size(); ++i) {
      const Object::Ptr h = hits->getObject(static_cast<unsigned>(i));
      Hit hit;
      hit.id = text_of(*h, "id");
      hit.title = text_of(*h, "titre");
      hit.summary = text_of(*h, "en_bref");
      hit.snippet.text = text_of(*h, "extrait_texte");
      if (const Array::Ptr marks = h->getArray("extrait_surlignes"))
        for (std::size_t k = 0; k < marks->size(); ++k) {
          const Array::Ptr m = marks->getArray(static_cast<unsigned>(k));
          if (m && m->size() == 2)
            hit.snippet.marks.push_back({m->getElement<std::size_t>(0), m->getElement<std::size_t>(1)});
        }
      hit.snippet.sanitize();
      hit.score = h->getValue<double>("score");
      const Array::Ptr themes = h->getArray("thematiques");
      for (std::size_t k = 0; themes && k < themes->size(); ++k) {
        const Object::Ptr t = themes->getObject(static_cast<unsigned>(k));
        hit.themes.push_back({text_of(*t, "valeur"), text_of(*t, "libelle")});
      }
      const Object::Ptr place = h->getObject("territoire");
      if (place) {
        hit.place = text_of(*place, "nom");
        hit.departement = text_of(*place, "departement");
        hit.departement_name = text_of(*place, "departement_nom");
        hit.region = text_of(*place, "region");
        hit.region_name = text_of(*place, "region_nom");
      }
      hit.carrier = text_of(*h, "porteur");
      hit.missing = texts_of(*h, "mots_absents");
      r.hits.push_back(std::move(hit));
    }
    const Object::Ptr facets = root->getObject("facettes");
    if (facets)
      for (const auto& key : facets->getNames()) {
        FacetResult f;
        f.key = key;
        const Array::Ptr values = facets->getArray(key);
        for (std::size_t k = 0; values && k < values->size(); ++k) {
          const Object::Ptr v = values->getObject(static_cast<unsigned>(k));
          f.values.push_back({text_of(*v, "valeur"), text_of(*v, "libelle"), v->getValue<unsigned>("nombre"), false});
        }
        r.facets.push_back(std::move(f));
      }
    if (!root->isNull("suggestion")) r.suggestion = text_of(*root, "suggestion");
    r.alternatives = texts_of(*root, "autres_suggestions");
    r.corrected = root->getValue<bool>("correction_appliquee");
    r.no_words = root->has("aucun_mot") && root->getValue<bool>("aucun_mot");
    r.short_truncations = texts_of(*root, "troncatures_trop_courtes");
    r.extra_truncations = texts_of(*root, "troncatures_en_trop");
    r.unknown_prefixes = texts_of(*root, "prefixes_inconnus");
    r.excluded = texts_of(*root, "mots_exclus");
    r.unfound = texts_of(*root, "mots_introuvables");
    r.ignored_text = text_of(*root, "texte_ignore");
    if (const Array::Ptr wider = root->getArray("termes_plus_larges"))
      for (std::size_t k = 0; k < wider->size(); ++k) {
        const Object::Ptr v = wider->getObject(static_cast<unsigned>(k));
        r.wider.push_back({text_of(*v, "saisi"), text_of(*v, "terme"), relation_of(text_of(*v, "relation"))});
      }
  } catch (const Poco::Exception& e) {
    throw SearchError("réponse de recherche illisible : " + e.displayText());
  }
  return r;
}

}  // namespace pratiques
