// The fuzzed bytes as a file of content/: named after the id its front matter declares (as in
// content/fiches/ and content/parcours/), so that inputs that are valid go all the way.
#pragma once
#include <string>

#include "fuzz.h"
#include "pratiques/document.h"

namespace fuzz {

inline pratiques::Document parse_named(const std::string& dir, const std::string& bytes, pratiques::Diagnostics& out) {
  pratiques::Document doc = pratiques::parse_document(dir + "/fuzz.md", bytes, out);
  if (!doc.readable) return doc;
  const YAML::Node id = pratiques::child(doc.front, "id");
  if (!id.IsScalar() || id.Scalar().empty() || id.Scalar().find('/') != std::string::npos) return doc;
  out.clear();
  return pratiques::parse_document(dir + "/" + id.Scalar() + ".md", bytes, out);
}

// A file that cannot be read says why (an empty front matter once passed silently), and every
// diagnostic has a rule, a French message and a position inside the file.
inline void require_reported(const pratiques::Document& doc, const pratiques::Diagnostics& diagnostics,
                             std::string_view bytes) {
  require(doc.readable || pratiques::count_errors(diagnostics) > 0, "un fichier illisible est signalé");
  // Lines as the parser counts them: LF, CRLF and a lone CR each end one.
  int last_line = 2;  // a diagnostic may point just past the last line (an unclosed front matter)
  for (std::size_t i = 0; i < bytes.size(); ++i)
    last_line += bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'));
  for (const auto& d : diagnostics) {
    require(!d.rule.empty() && !d.message.empty(), "un diagnostic a une règle et un message");
    require(d.line >= 1 && d.line <= last_line && d.column >= 1, "un diagnostic désigne une ligne du fichier");
  }
}

}  // namespace fuzz
