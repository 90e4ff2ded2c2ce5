// Command-line arguments of `pratiques`: positional words and --options, the flags' English
// aliases, and the exit codes.
#pragma once
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pratiques/site/build.h"

namespace pratiques::cli {

// Exit codes of every subcommand (README, Command line).
enum Exit : int {
  kOk = 0,
  kContentErrors = 1,   // the content has errors (check, index), or there is nothing to report
  kUsage = 2,           // bad option or argument
  kInvalidSchemas = 3,  // schemas/ cannot be loaded (the message names the file and line)
  kCannotRun = 4,       // no usable index, a refused search, a port already taken
  kInternal = 5,        // anything unexpected (system, SQLite, Xapian): a bug or a broken machine
};

struct Args {
  std::vector<std::string> positional;
  std::multimap<std::string, std::string> options;  // by French name
  bool has(const std::string& k) const { return options.count(k) > 0; }
  std::string get(const std::string& k, const std::string& def) const {
    auto it = options.find(k);
    return it == options.end() ? def : it->second;
  }
};

// Parses argv[start..] against the subcommand's options, named in French: `with_value` take a
// value (--name VALUE or --name=VALUE), `switches` do not. The English spellings of earlier
// versions (--content, --out, --keep-going…) are read as their French names. Prints the error
// and returns nothing on a missing value or an unknown option.
std::optional<Args> parse_args(int argc, char** argv, int start, std::initializer_list<const char*> with_value,
                               std::initializer_list<const char*> switches = {});
int to_int(const std::string& s, int def);

// The options of what the pages show, shared by `build` and `serve` (they must give the same, or
// the server's background rebuilds would rewrite the pages another way): the legal notice
// (--editeur, --directeur-publication, --courriel-contact, --hebergeur), --proches N (the related
// practices a sheet's page lists, 0 to 50) and --fiches-par-page N (the sheets of a value's list
// page, 1 to kMostListPageSheets). False (message printed) when one is out of range.
inline constexpr std::size_t kMostListPageSheets = 10000;
bool page_options(const Args& a, const char* command, site::PageOptions& out);

// One function per subcommand (cmd_<name>.cpp); each returns the exit code.
int cmd_check(int argc, char** argv);
int cmd_index(int argc, char** argv);
int cmd_search(int argc, char** argv);
int cmd_build(int argc, char** argv);
int cmd_serve(int argc, char** argv);
int cmd_rapport(int argc, char** argv);
int cmd_utilisateur(int argc, char** argv);
int cmd_export(int argc, char** argv);
int cmd_replique(int argc, char** argv);
int cmd_sauvegarde(int argc, char** argv);

}  // namespace pratiques::cli
