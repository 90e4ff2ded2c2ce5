// Command-line arguments of `pratiques`: positional words and --options.
#pragma once
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pratiques::cli {

struct Args {
  std::vector<std::string> positional;
  std::multimap<std::string, std::string> options;
  bool has(const std::string& k) const { return options.count(k) > 0; }
  std::string get(const std::string& k, const std::string& def) const {
    auto it = options.find(k);
    return it == options.end() ? def : it->second;
  }
};

// Parses argv[start..]; `with_value` lists the options that take a value.
std::optional<Args> parse_args(int argc, char** argv, int start, std::initializer_list<const char*> with_value);
// Prints an error and returns false when an option is not in `known`.
bool check_known(const Args& a, std::initializer_list<const char*> known);
int to_int(const std::string& s, int def);

// One function per subcommand (cmd_<name>.cpp); each returns the exit code.
int cmd_check(int argc, char** argv);
int cmd_index(int argc, char** argv);
int cmd_search(int argc, char** argv);
int cmd_build(int argc, char** argv);
int cmd_serve(int argc, char** argv);
int cmd_rapport(int argc, char** argv);

}  // namespace pratiques::cli
