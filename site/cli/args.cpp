#include "args.h"

#include <iostream>

namespace pratiques::cli {

std::optional<Args> parse_args(int argc, char** argv, int start, std::initializer_list<const char*> with_value) {
  Args a;
  for (int i = start; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0 && s.size() > 2) {
      std::string name = s.substr(2), value;
      const auto eq = name.find('=');
      bool needs_value = false;
      for (const char* v : with_value) needs_value = needs_value || name == v;
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (needs_value) {
        if (i + 1 >= argc) {
          std::cerr << "pratiques : l'option --" << name << " attend une valeur\n";
          return std::nullopt;
        }
        value = argv[++i];
      }
      a.options.emplace(name, value);
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

bool check_known(const Args& a, std::initializer_list<const char*> known) {
  for (const auto& [k, v] : a.options) {
    bool ok = false;
    for (const char* n : known) ok = ok || k == n;
    if (!ok) {
      std::cerr << "pratiques : option inconnue --" << k << " (pratiques --help)\n";
      return false;
    }
  }
  return true;
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

}  // namespace pratiques::cli
