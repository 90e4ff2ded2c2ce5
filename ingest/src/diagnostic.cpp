#include "pratiques/diagnostic.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace pratiques {

static const char* severity_name(Severity s) { return s == Severity::Error ? "erreur" : "avertissement"; }

std::string format_text(const Diagnostic& d) {
  return d.path + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + severity_name(d.severity) +
         ": " + d.message + " [" + d.rule + "]";
}

std::size_t count_errors(const Diagnostics& all) {
  std::size_t n = 0;
  for (const auto& d : all) n += d.severity == Severity::Error;
  return n;
}

std::string format_json(const Diagnostics& all, std::size_t file_count) {
  Poco::JSON::Object root;
  Poco::JSON::Array list;
  for (const auto& d : all) {
    Poco::JSON::Object o;
    o.set("fichier", d.path);
    o.set("ligne", d.line);
    o.set("colonne", d.column);
    o.set("gravite", std::string(severity_name(d.severity)));
    o.set("regle", d.rule);
    o.set("message", d.message);
    list.add(o);
  }
  root.set("fichiers", file_count);
  root.set("erreurs", count_errors(all));
  root.set("avertissements", all.size() - count_errors(all));
  root.set("diagnostics", list);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

}  // namespace pratiques
