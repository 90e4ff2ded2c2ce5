// A Markdown document with YAML front matter, as read from disk: the parsed front matter
// with source positions, and the level-2 sections of the body found by walking cmark's AST.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "pratiques/diagnostic.h"

namespace pratiques {

struct BodySection {
  std::string title;     // as written, NFC
  int line = 0;          // line of the "## " heading in the file (1-based)
  std::string markdown;  // the section's Markdown source, heading excluded
  std::string text;      // plain text (for search and length checks)
  bool undocumented = false;  // empty, or only "_Non documenté à ce jour._"
};

struct Document {
  std::string path;
  std::string id;           // file name without ".md"
  std::string source;       // normalised text: no BOM, LF line endings
  YAML::Node front;         // null when absent or invalid
  int front_line = 0;       // line of the first "---" (1 when present)
  int body_line = 0;        // first line of the body
  std::string preamble;     // Markdown before the first "##"
  std::vector<BodySection> sections;
  bool readable = false;    // UTF-8 text with a front matter that parsed
};

// Reads and splits a document. Never throws on content: problems become diagnostics.
Document parse_document(const std::string& path, const std::string& bytes, Diagnostics& out);
Document read_document(const std::string& path, Diagnostics& out);

// File line of a YAML node of the front matter (1-based).
int line_of(const Document& doc, const YAML::Node& node);
int column_of(const YAML::Node& node);
// map[key] when map is a mapping holding key, else a null node. (yaml-cpp's const operator[]
// returns an invalid node for a missing key, on which most calls throw.)
YAML::Node child(const YAML::Node& map, const std::string& key);

}  // namespace pratiques
