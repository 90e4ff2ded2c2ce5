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

bool similar_option(const Args& a, const char* command, int& out) {
  out = to_int(a.get("proches", std::to_string(site::BuildOptions{}.similar)), -1);
  if (out >= 0 && out <= 50) return true;
  std::cerr << "pratiques " << command << " : --proches attend un nombre de 0 à 50\n";
  return false;
}

bool legal_notice_options(const Args& a, const char* command, site::LegalNotice& out) {
  out.publisher = a.get("editeur", "");
  out.director = a.get("directeur-publication", "");
  out.contact = a.get("courriel-contact", "");
  out.host = a.get("hebergeur", "");
  const std::string& c = out.contact;
  if (!c.empty() && (c.find('@') == std::string::npos || c.find_first_of(" <>\"&'") != std::string::npos)) {
    std::cerr << "pratiques " << command
              << " : --courriel-contact attend une adresse électronique (documentation@exemple.fr)\n";
    return false;
  }
  return true;
}

}  // namespace pratiques::cli
