// The JSON of a search response, written straight into one string: it is built for every request
// of the search API, and a Poco::JSON::Object tree (one Var per value, copied on insertion) cost
// more than the search itself. Strings are escaped by Poco::toJSON, as Poco's Stringifier does.
#include <Poco/JSONString.h>
#include <Poco/NumberFormatter.h>

#include "pratiques/search.h"

namespace pratiques {

namespace {

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
    out_ += Poco::toJSON(k, Poco::JSON_WRAP_STRINGS);
    out_ += ':';
    first_ = true;  // the value follows without a comma
    return *this;
  }
  JsonWriter& value(const std::string& v) {
    comma();
    out_ += Poco::toJSON(v, Poco::JSON_WRAP_STRINGS);
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

 private:
  void comma() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace

std::string to_json(const SearchResponse& r) {
  std::string out;
  out.reserve(4096 + r.hits.size() * 2048);
  JsonWriter w(out);
  w.open('{');
  w.field("requete", r.query).field("total", r.total).field("page", r.page).field("par_page", r.per_page);
  w.key("resultats").open('[');
  for (const auto& h : r.hits) {
    w.open('{');
    w.field("id", h.id).field("titre", h.title).field("en_bref", h.summary).field("extrait", h.snippet);
    w.field("score", h.score);
    w.key("thematiques").open('[');
    for (const auto& t : h.themes) w.open('{').field("valeur", t.value).field("libelle", t.label).close('}');
    w.close(']');
    w.key("territoire").open('{');
    w.field("nom", h.place).field("departement", h.departement).field("departement_nom", h.departement_name);
    w.field("region", h.region).field("region_nom", h.region_name);
    w.close('}');
    w.field("porteur", h.carrier);
    w.close('}');
  }
  w.close(']');
  w.key("facettes").open('{');
  for (const auto& f : r.facets) {
    w.key(f.key).open('[');
    for (const auto& v : f.values)
      w.open('{').field("valeur", v.value).field("libelle", v.label).field("nombre", v.count).close('}');
    w.close(']');
  }
  w.close('}');
  if (r.suggestion) w.field("suggestion", *r.suggestion);
  else w.key("suggestion").number("null");
  w.field("correction_appliquee", r.corrected);
  w.close('}');
  return out;
}

}  // namespace pratiques
