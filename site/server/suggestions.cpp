// GET /api/suggestions?q=: autocompletion from memory (no searcher needed), and
// /opensearch.xml, which lets browsers add the site as a search engine.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

#include "handlers.h"
#include "page_frame.h"
#include "pratiques/text.h"

namespace pratiques::server {

void SuggestionsHandler::handle(Exchange& ex) {
  std::string q, format;
  bool have_q = false;
  std::size_t count = 8;
  for (const auto& [k, v] : ex.params()) {
    if (k == "q" && !have_q) {
      have_q = true;
      if (!clean_utf8(v)) throw ClientError(400, "Recherche mal encodée : le texte doit être en UTF-8.");
      if (const std::size_t characters = text::length(v); characters > kMaxQueryChars)
        throw ClientError(400, "Recherche trop longue : " + std::to_string(characters) + " caractères, au plus " +
                                   std::to_string(kMaxQueryChars) + ".");
      q = v;
    } else if (k == "format") {
      format = v;
    } else if (k == "nombre") {
      count = static_cast<std::size_t>(clamp_int(v, 8, 1, 20));
    }
  }
  const auto gen = state_.pool.current();
  const auto t0 = Clock::now();
  const auto keys = gen->suggester();  // held: the suggestions point into it
  const auto found = keys->complete(q, count);
  ex.add_timing("suggestions", std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  SendOptions so;
  so.cache = "public, max-age=60";
  std::ostringstream out;
  if (format == "opensearch") {  // ["q", ["completion", …]] (application/x-suggestions+json)
    Poco::JSON::Array root, labels;
    root.add(q);
    for (const Suggestion* s : found) labels.add(s->label);
    root.add(labels);
    root.stringify(out);
    ex.send(200, "application/x-suggestions+json; charset=utf-8", out.str(), so);
    return;
  }
  Poco::JSON::Object root(Poco::JSON_PRESERVE_KEY_ORDER);
  root.set("requete", q);
  Poco::JSON::Array list;
  for (const Suggestion* s : found) {
    Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
    o.set("libelle", s->label);
    o.set("type", s->kind);
    o.set("type_libelle", s->kind_label);
    o.set("valeur", s->value);
    o.set("url", s->url);
    o.set("detail", s->detail);
    list.add(o);
  }
  root.set("suggestions", list);
  root.stringify(out);
  ex.send_json(200, out.str(), so);
}

void OpenSearchHandler::handle(Exchange& ex) {
  site::Object m;
  m["base"] = site::Data(ex.base_url());
  SendOptions so;
  so.cache = "public, max-age=3600";
  ex.send(200, "application/opensearchdescription+xml; charset=utf-8",
          templates().render("serveur-opensearch.xml", site::Data(m)), so);
}

}  // namespace pratiques::server
