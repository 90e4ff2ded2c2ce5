#include <iostream>

#include "pratiques/grid.h"
#include "pratiques/validate.h"

#include "args.h"

namespace pratiques::cli {

int cmd_check(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"schemas", "format"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  const std::string format = a.get("format", "texte");
  if (format != "texte" && format != "json") {
    std::cerr << "pratiques check : --format texte ou json\n";
    return kUsage;
  }
  const pratiques::Grid grid = pratiques::load_grid(a.get("schemas", "schemas"));
  std::vector<std::string> paths = a.positional.empty() ? std::vector<std::string>{"content"} : a.positional;
  const auto result = pratiques::check_paths(grid, paths);
  const std::size_t errors = pratiques::count_errors(result.diagnostics);
  if (format == "json") {
    std::cout << pratiques::format_json(result.diagnostics, result.files) << "\n";
  } else {
    for (const auto& d : result.diagnostics) std::cout << pratiques::format_text(d) << "\n";
    std::cout << result.files << " fichier(s) vérifié(s) : " << errors << " erreur(s), "
              << result.diagnostics.size() - errors << " avertissement(s)\n";
  }
  return errors ? kContentErrors : kOk;
}

}  // namespace pratiques::cli
