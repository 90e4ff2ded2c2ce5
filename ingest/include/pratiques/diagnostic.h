// Diagnostics: one problem found in one file, located by line and column.
#pragma once
#include <string>
#include <vector>

namespace pratiques {

enum class Severity { Error, Warning };

struct Diagnostic {
  std::string path;
  int line = 1;    // 1-based
  int column = 1;  // 1-based
  Severity severity = Severity::Error;
  std::string rule;     // stable rule id, e.g. "cle-obligatoire"
  std::string message;  // French, for people
};

using Diagnostics = std::vector<Diagnostic>;

// "path:line:column: erreur|avertissement: message [rule]"
std::string format_text(const Diagnostic& d);
// {"fichiers":N,"erreurs":E,"avertissements":W,"diagnostics":[...]}
std::string format_json(const Diagnostics& all, std::size_t file_count);
std::size_t count_errors(const Diagnostics& all);

}  // namespace pratiques
