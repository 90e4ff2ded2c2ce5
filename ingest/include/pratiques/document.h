// A Markdown document with YAML front matter, as read from disk: the parsed front matter
// with source positions, and the level-2 sections of the body found by walking cmark's AST.
#pragma once
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

#include "pratiques/diagnostic.h"

namespace pratiques {

struct BodySection {
  std::string title;          // as written, NFC
  int line = 0;               // line of the "## " heading in the file (1-based)
  std::string markdown;       // the section's Markdown source, heading excluded
  std::string text;           // plain text (for search and length checks)
  bool undocumented = false;  // empty, or only "_Non documenté à ce jour._"
};

struct Document {
  std::string path;
  std::string id;        // file name without ".md"
  std::string source;    // normalised text: no BOM, LF line endings
  YAML::Node front;      // null when absent or invalid
  int front_line = 0;    // line of the first "---" (1 when present)
  int body_line = 0;     // first line of the body
  std::string preamble;  // Markdown before the first "##"
  std::vector<BodySection> sections;
  bool readable = false;  // UTF-8 text with a front matter that parsed
};

// Bounds on one file of content/, so that hostile or broken input never costs unbounded time or
// memory: past one of them the file is refused with a diagnostic naming the limit (the largest
// real sheet is 23 KB, its longest line 1 KB, its front matter 3 levels deep).
inline constexpr std::size_t kMaxFileBytes = 1 << 20;          // rule fichier-trop-gros
inline constexpr std::size_t kMaxLineBytes = 20000;            // rule ligne-trop-longue
inline constexpr std::size_t kMaxFrontMatterBytes = 64 << 10;  // rule front-matter-trop-gros
inline constexpr std::size_t kMaxYamlValues = 10000;           // rule yaml-taille (keys and values)
inline constexpr int kMaxYamlDepth = 16;                       // rule yaml-profondeur
inline constexpr int kMaxMarkdownDepth = 32;                   // rule markdown-imbrication (quotes, lists, emphasis…)

// Reads and splits a document. Never throws on content: problems become diagnostics. A document
// that is not `readable` always comes with at least one error.
Document parse_document(const std::string& path, const std::string& bytes, Diagnostics& out);
Document read_document(const std::string& path, Diagnostics& out);

// An entry met while listing content/ that is a symbolic link (to a file or a directory): never
// followed, since what is published must be what content/ holds. True, with an error, for one
// named *.md or leading to a directory; false for anything else.
bool refused_link(const std::string& path, Diagnostics& out);

// File line of a YAML node of the front matter (1-based).
int line_of(const Document& doc, const YAML::Node& node);
int column_of(const YAML::Node& node);
// map[key] when map is a mapping holding key, else a null node. (yaml-cpp's const operator[]
// returns an invalid node for a missing key, on which most calls throw.)
YAML::Node child(const YAML::Node& map, const std::string& key);

}  // namespace pratiques
