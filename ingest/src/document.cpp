#include "pratiques/document.h"

#include <cmark.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "pratiques/text.h"

namespace pratiques {

namespace {

Diagnostic make(const std::string& path, int line, int column, const char* rule, std::string message) {
  return Diagnostic{path, line, column, Severity::Error, rule, std::move(message)};
}

// Line and column (1-based, in code points) of a byte offset.
std::pair<int, int> position_of(std::string_view s, std::size_t offset) {
  int line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

void collect_text(cmark_node* node, std::string& out) {
  for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
    switch (cmark_node_get_type(c)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE:
        out += cmark_node_get_literal(c);
        break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        out += cmark_node_get_literal(c);
        out += '\n';
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        out += ' ';
        break;
      default:
        collect_text(c, out);
        if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH || cmark_node_get_type(c) == CMARK_NODE_HEADING ||
            cmark_node_get_type(c) == CMARK_NODE_ITEM)
          out += '\n';
    }
  }
}

std::string node_text(cmark_node* node) {
  std::string out;
  collect_text(node, out);
  if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK || cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
    out = cmark_node_get_literal(node);
  return out;
}

bool is_undocumented(const std::string& plain) {
  std::string f = text::fold(text::trim(plain));
  while (!f.empty() && (f.back() == '.' || f.back() == ' ')) f.pop_back();
  return f.empty() || f == "non documente a ce jour";
}

struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

}  // namespace

int line_of(const Document& doc, const YAML::Node& node) {
  if (!node.IsDefined() || node.Mark().is_null()) return doc.front_line;
  return doc.front_line + 1 + node.Mark().line;
}

YAML::Node child(const YAML::Node& map, const std::string& key) {
  if (!map.IsDefined() || !map.IsMap()) return YAML::Node();
  const YAML::Node v = map[key];
  return v.IsDefined() ? v : YAML::Node();
}

int column_of(const YAML::Node& node) {
  if (!node.IsDefined() || node.Mark().is_null()) return 1;
  return node.Mark().column + 1;
}

Document parse_document(const std::string& path, const std::string& bytes, Diagnostics& out) {
  Document doc;
  doc.path = path;
  doc.id = std::filesystem::path(path).stem().string();
  if (bytes.empty() || bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.push_back(make(path, 1, 1, "fichier-vide", "le fichier est vide"));
    return doc;
  }
  if (bytes.find('\0') != std::string::npos) {
    out.push_back(make(path, 1, 1, "fichier-binaire", "le fichier est binaire (octet nul) : une fiche est un texte Markdown"));
    return doc;
  }
  if (std::size_t bad = text::invalid_utf8_offset(bytes); bad != std::string::npos) {
    auto [line, col] = position_of(bytes, bad);
    out.push_back(make(path, line, col, "utf8", "encodage invalide : le fichier doit être en UTF-8"));
    return doc;
  }
  std::string_view raw(bytes);
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  doc.source = normalise_newlines(raw);
  const std::string& s = doc.source;

  if (s.rfind("---\n", 0) != 0) {
    out.push_back(make(path, 1, 1, "front-matter-absent",
                       "en-tête YAML absent : la fiche doit commencer par une ligne « --- »"));
    return doc;
  }
  std::size_t close = s.find("\n---\n", 3);
  std::size_t body_start = close == std::string::npos ? std::string::npos : close + 5;
  if (close == std::string::npos && s.size() >= 4 && s.compare(s.size() - 4, 4, "\n---") == 0) {
    close = s.size() - 4;
    body_start = s.size();
  }
  if (close == std::string::npos) {
    out.push_back(make(path, 1, 1, "front-matter-non-ferme", "en-tête YAML non fermé : ligne « --- » finale absente"));
    return doc;
  }
  doc.front_line = 1;
  const std::string front = s.substr(4, close - 3);
  doc.body_line = position_of(s, body_start).first;
  try {
    doc.front = YAML::Load(front);
  } catch (const YAML::Exception& e) {
    int line = doc.front_line + 1 + (e.mark.is_null() ? 0 : e.mark.line);
    int col = e.mark.is_null() ? 1 : e.mark.column + 1;
    out.push_back(make(path, line, col, "yaml", "syntaxe YAML invalide : " + e.msg));
    doc.front = YAML::Node();
  }
  if (doc.front.IsDefined() && !doc.front.IsNull() && !doc.front.IsMap()) {
    out.push_back(make(path, 2, 1, "yaml", "l'en-tête YAML doit être un dictionnaire de clés"));
    doc.front = YAML::Node();
  }
  doc.readable = doc.front.IsDefined() && doc.front.IsMap();

  // Body: walk cmark's AST for top-level level-2 headings.
  const std::string body = s.substr(std::min(body_start, s.size()));
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT));
  std::vector<std::string> lines;
  {
    std::size_t p = 0;
    while (p <= body.size()) {
      std::size_t e = body.find('\n', p);
      if (e == std::string::npos) e = body.size();
      lines.push_back(body.substr(p, e - p));
      p = e + 1;
    }
  }
  auto slice = [&](int from_line, int to_line) {  // 1-based body lines, inclusive
    std::string r;
    for (int i = std::max(1, from_line); i <= to_line && i <= static_cast<int>(lines.size()); ++i) {
      r += lines[static_cast<std::size_t>(i - 1)];
      r += '\n';
    }
    return r;
  };
  std::vector<std::pair<cmark_node*, int>> headings;  // node, body line
  for (cmark_node* n = cmark_node_first_child(root.get()); n; n = cmark_node_next(n))
    if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2)
      headings.emplace_back(n, cmark_node_get_start_line(n));
  const int body_end = static_cast<int>(lines.size());
  doc.preamble = slice(1, headings.empty() ? body_end : headings.front().second - 1);
  for (std::size_t i = 0; i < headings.size(); ++i) {
    cmark_node* h = headings[i].first;
    BodySection sec;
    sec.title = text::nfc(text::trim(node_text(h)));
    sec.line = doc.body_line + headings[i].second - 1;
    const int end_line = i + 1 < headings.size() ? headings[i + 1].second - 1 : body_end;
    const int heading_end = cmark_node_get_end_line(h);
    sec.markdown = slice(heading_end + 1, end_line);
    for (cmark_node* n = cmark_node_next(h); n && (i + 1 >= headings.size() || n != headings[i + 1].first);
         n = cmark_node_next(n)) {
      sec.text += node_text(n);
      sec.text += '\n';
    }
    sec.undocumented = is_undocumented(sec.text);
    doc.sections.push_back(std::move(sec));
  }
  return doc;
}

Document read_document(const std::string& path, Diagnostics& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.push_back(make(path, 1, 1, "lecture", "fichier illisible"));
    Document d;
    d.path = path;
    d.id = std::filesystem::path(path).stem().string();
    return d;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_document(path, bytes, out);
}

}  // namespace pratiques
