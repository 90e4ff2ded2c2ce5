#include "args.h"

#include <algorithm>
#include <iostream>
#include <string_view>
#include <utility>

namespace pratiques::cli {

namespace {

// English flag → French flag (DESIGN-NOTES, decision 4). New flags are French only.
constexpr std::pair<std::string_view, std::string_view> kAliases[] = {
    {"content", "contenu"},   {"out", "sortie"},   {"keep-going", "poursuivre"},
    {"base-url", "url-base"}, {"bind", "adresse"}, {"threads", "connexions"},
};

std::string french_name(std::string name) {
  for (const auto& [english, french] : kAliases)
    if (name == english) return std::string(french);
  return name;
}

bool listed(const std::string& name, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return name == n; });
}

}  // namespace

std::optional<Args> parse_args(int argc, char** argv, int start, std::initializer_list<const char*> with_value,
                               std::initializer_list<const char*> switches) {
  Args a;
  for (int i = start; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) != 0 || s.size() <= 2) {
      a.positional.push_back(s);
      continue;
    }
    std::string name = s.substr(2), value;
    const auto eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const std::string written = name;
    name = french_name(name);
    const bool needs_value = listed(name, with_value);
    if (!needs_value && !listed(name, switches)) {
      std::cerr << "pratiques : option inconnue --" << written << " (pratiques " << (argc > 1 ? argv[1] : "")
                << " --help)\n";
      return std::nullopt;
    }
    if (needs_value && eq == std::string::npos) {
      if (i + 1 >= argc) {
        std::cerr << "pratiques : l'option --" << written << " attend une valeur\n";
        return std::nullopt;
      }
      value = argv[++i];
    }
    a.options.emplace(name, value);
  }
  return a;
}

int to_int(const std::string& s, int def) {
  try {
    std::size_t used = 0;
    int v = std::stoi(s, &used);
    return used == s.size() ? v : def;
  } catch (...) {
    return def;
  }
}

bool page_options(const Args& a, const char* command, site::PageOptions& out) {
  const auto refuse = [&](const std::string& message) {
    std::cerr << "pratiques " << command << " : " << message << "\n";
    return false;
  };
  site::LegalNotice& legal = out.legal;
  legal.publisher = a.get("editeur", "");
  legal.director = a.get("directeur-publication", "");
  legal.contact = a.get("courriel-contact", "");
  legal.host = a.get("hebergeur", "");
  const std::string& c = legal.contact;
  if (!c.empty() && (c.find('@') == std::string::npos || c.find_first_of(" <>\"&'") != std::string::npos))
    return refuse("--courriel-contact attend une adresse électronique (documentation@exemple.fr)");
  out.similar = to_int(a.get("proches", std::to_string(site::PageOptions{}.similar)), -1);
  if (out.similar < 0 || out.similar > 50) return refuse("--proches attend un nombre de 0 à 50");
  const int per_page = to_int(a.get("fiches-par-page", std::to_string(site::kListPageSheets)), -1);
  if (per_page < 1 || per_page > static_cast<int>(kMostListPageSheets))
    return refuse("--fiches-par-page attend un nombre de 1 à " + std::to_string(kMostListPageSheets));
  out.list_page_sheets = static_cast<std::size_t>(per_page);
  return true;
}

}  // namespace pratiques::cli
