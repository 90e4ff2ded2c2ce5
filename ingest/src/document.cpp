#include "pratiques/document.h"

#include <cmark.h>
#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "pratiques/read_file.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

// yaml-cpp's message, said in French with what usually causes it (a tab, a « : » in a value, a
// bracket left open), then as yaml-cpp wrote it: a documentaliste read « illegal map value ».
std::string yaml_syntax_in_french(const std::string& msg) {
  namespace E = YAML::ErrorMsg;
  static const std::pair<const char*, const char*> kKnown[] = {
      {E::MAP_VALUE,
       "« : » inattendu (une valeur qui contient « : » s'écrit entre guillemets ; l'indentation se fait avec "
       "des espaces, jamais une tabulation)"},
      {E::MAP_KEY, "clé inattendue (indentation à vérifier)"},
      {E::BLOCK_ENTRY, "« - » inattendu (un élément de liste mal indenté)"},
      {E::END_OF_SEQ_FLOW, "crochet « [ » non fermé (une liste entre crochets finit par « ] »)"},
      {E::END_OF_MAP_FLOW, "accolade « { » non fermée"},
      {E::END_OF_SEQ, "liste mal indentée"},
      {E::END_OF_MAP, "bloc mal indenté"},
      {E::TAB_IN_INDENTATION, "tabulation dans l'indentation : utilisez des espaces"},
      {E::EOF_IN_SCALAR, "guillemet non fermé"},
      {E::INVALID_ESCAPE,
       "« \\ » inconnu entre guillemets doubles (doublez-le, ou écrivez la valeur entre guillemets simples)"},
      {E::UNKNOWN_TOKEN, "caractère inattendu"},
      {E::CHAR_IN_SCALAR, "caractère interdit dans une valeur (écrivez-la entre guillemets)"},
      {E::DOC_IN_SCALAR, "« --- » ou « ... » dans une valeur (écrivez-la entre guillemets)"},
      {E::FLOW_END, "« ] » ou « } » sans ouverture"},
  };
  for (const auto& [english, french] : kKnown)
    if (msg.rfind(english, 0) == 0) return std::string(french) + " (yaml-cpp : " + msg + ")";
  return msg;
}

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
      case CMARK_NODE_HTML_INLINE: out += cmark_node_get_literal(c); break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        out += cmark_node_get_literal(c);
        out += '\n';
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
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

Diagnostic too_large(const std::string& path) {
  return make(path, 1, 1, "fichier-trop-gros",
              "le fichier fait plus de " + std::to_string(kMaxFileBytes) +
                  " octets, la taille maximale d'un fichier de contenu");
}

// The first line longer than kMaxLineBytes: its number and length.
std::optional<std::pair<int, std::size_t>> overlong_line(std::string_view s) {
  int line = 1;
  for (std::size_t start = 0; start <= s.size(); ++line) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    if (end - start > kMaxLineBytes) return std::pair{line, end - start};
    start = end + 1;
  }
  return std::nullopt;
}

// Why the front matter is refused, if it is: nested deeper than kMaxYamlDepth, more than
// kMaxYamlValues keys and values, a list or dictionary reached twice, through an alias (*nom)
// that every later reader would expand as many times as it is referenced (yaml-cpp shares it),
// or a key given twice in a dictionary, which yaml-cpp keeps both times: readers that look a key
// up take the first value, those that go through the dictionary the last (a sheet's page said
// one stage, its facet another).
std::optional<Diagnostic> yaml_refused(const Document& doc) {
  std::set<std::size_t> collections;  // source positions of the lists and dictionaries seen
  struct Pending {
    YAML::Node node;
    int depth;
    YAML::Node within;  // the list or dictionary holding it (where an excess is reported)
  };
  std::vector<Pending> todo{{doc.front, 1, doc.front}};
  std::size_t values = 0;
  auto at = [&](const YAML::Node& n, const char* rule, std::string message) {
    return make(doc.path, line_of(doc, n), column_of(n), rule, std::move(message));
  };
  while (!todo.empty()) {
    const auto [n, depth, within] = todo.back();
    todo.pop_back();
    if (++values > kMaxYamlValues)
      return at(within, "yaml-taille",
                "l'en-tête YAML compte plus de " + std::to_string(kMaxYamlValues) + " clés et valeurs");
    if (!n.IsMap() && !n.IsSequence()) continue;
    if (depth > kMaxYamlDepth)
      return at(n, "yaml-profondeur",
                "l'en-tête YAML est imbriqué sur plus de " + std::to_string(kMaxYamlDepth) + " niveaux");
    if (!n.Mark().is_null() && !collections.insert(static_cast<std::size_t>(n.Mark().pos)).second)
      return at(n, "yaml-alias",
                "cette liste ou ce dictionnaire est repris ailleurs par un alias YAML (*nom) : les alias ne sont pas "
                "acceptés dans l'en-tête, écrivez les valeurs");
    std::map<std::string, int> keys;  // of this dictionary: key → its line
    for (const auto& entry : n) {
      if (n.IsMap()) {
        if (entry.first.IsScalar()) {
          const auto [first, fresh] = keys.emplace(entry.first.Scalar(), line_of(doc, entry.first));
          if (!fresh)
            return at(entry.first, "yaml-cle-double",
                      "clé « " + entry.first.Scalar() + " » en double (déjà ligne " + std::to_string(first->second) +
                          ") : donnez-la une seule fois");
        }
        todo.push_back({entry.first, depth + 1, n});
        todo.push_back({entry.second, depth + 1, n});
      } else {
        todo.push_back({entry, depth + 1, n});
      }
    }
  }
  return std::nullopt;
}

// Where the body's Markdown is nested deeper than kMaxMarkdownDepth (block quotes, lists,
// emphasis, links…), as a line of the body; the later walks of the tree are recursive.
std::optional<int> markdown_too_deep(cmark_node* root) {
  std::vector<int> lines{1};  // line of the innermost block at each depth
  cmark_iter* iter = cmark_iter_new(root);
  std::optional<int> found;
  for (cmark_event_type ev; !found && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_EXIT) {
      lines.pop_back();
      continue;
    }
    switch (cmark_node_get_type(node)) {  // the nodes that have an exit event (they may hold others)
      case CMARK_NODE_DOCUMENT:
      case CMARK_NODE_BLOCK_QUOTE:
      case CMARK_NODE_LIST:
      case CMARK_NODE_ITEM:
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
      case CMARK_NODE_CUSTOM_BLOCK:
      case CMARK_NODE_EMPH:
      case CMARK_NODE_STRONG:
      case CMARK_NODE_LINK:
      case CMARK_NODE_IMAGE:
      case CMARK_NODE_CUSTOM_INLINE: {
        const int line = cmark_node_get_start_line(node);
        lines.push_back(line > 0 ? line : lines.back());
        if (static_cast<int>(lines.size()) - 1 > kMaxMarkdownDepth) found = lines.back();
        break;
      }
      default: break;
    }
  }
  cmark_iter_free(iter);
  return found;
}

// C0 control characters but tab, LF and CR, and DEL: invisible, and XML 1.0 forbids them, so a
// sheet holding one made the Atom feed unreadable (OAI-PMH alone stripped them), and the pages,
// citations and CSV export carried them.
bool is_control(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F;
}

std::string code_point(char c) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned char>(c));
  return hex;
}

// A name a message repeats (a key, a heading), its control characters shown as U+FFFD: the
// message goes to terminals and pages.
std::string printable(const std::string& s) {
  std::string out;
  for (char c : s) out += is_control(c) ? "\uFFFD" : std::string(1, c);
  return out;
}

struct YamlField {
  int line = 0;      // of its key
  std::string path;  // dotted keys, as the grid names them (territoire.echelle)
};

// The front matter's keys in source order and, apart, its scalars whose value holds a control
// character once decoded (a double-quoted "\x01", "\u0001" or "\0" escape writes one unseen).
void walk_fields(const Document& doc, const YAML::Node& n, const std::string& path, std::vector<YamlField>& keys,
                 std::vector<std::pair<YAML::Node, std::string>>& decoded) {
  auto holds_control = [](const YAML::Node& x) {
    return x.IsScalar() && std::any_of(x.Scalar().begin(), x.Scalar().end(), is_control);
  };
  if (n.IsMap()) {
    for (const auto& entry : n) {
      const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
      const std::string full = path.empty() ? key : path + "." + key;
      keys.push_back({line_of(doc, entry.first), full});
      if (holds_control(entry.first)) decoded.emplace_back(entry.first, full);
      walk_fields(doc, entry.second, full, keys, decoded);
    }
  } else if (n.IsSequence()) {
    for (const auto& item : n) walk_fields(doc, item, path, keys, decoded);
  } else if (holds_control(n)) {
    decoded.emplace_back(n, path);
  }
}

// Rule caractere-controle: the first control character of each front matter field, of each
// section and of the text before the first section, at its line and column.
void report_controls(const Document& doc, std::size_t body_start, Diagnostics& out) {
  const std::string& s = doc.source;
  std::vector<YamlField> keys;
  std::vector<std::pair<YAML::Node, std::string>> decoded;
  if (doc.front.IsDefined() && doc.front.IsMap()) walk_fields(doc, doc.front, "", keys, decoded);
  std::stable_sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  std::set<std::string> reported;  // the fields and sections already named
  auto report = [&](int line, int column, const std::string& where, const std::string& what) {
    if (!reported.insert(where).second) return;
    out.push_back(make(doc.path, line, column, "caractere-controle",
                       where + " contient un caractère de contrôle invisible (" + what +
                           ")\u202f: retirez-le (le flux Atom, l’OAI-PMH et les exports ne peuvent pas le porter)"));
  };
  int line = 1, column = 1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (is_control(s[i])) {
      std::string where;
      if (i < body_start) {
        auto after =
            std::upper_bound(keys.begin(), keys.end(), line, [](int l, const YamlField& f) { return l < f.line; });
        where = after == keys.begin() ? "l’en-tête YAML" : "«\u202f" + printable(std::prev(after)->path) + "\u202f»";
      } else {
        auto after = std::upper_bound(doc.sections.begin(), doc.sections.end(), line,
                                      [](int l, const BodySection& sec) { return l < sec.line; });
        where = after == doc.sections.begin() ? std::string("le texte avant la première section")
                                              : "la section «\u202f" + printable(std::prev(after)->title) + "\u202f»";
      }
      report(line, column, where, code_point(s[i]));
    }
    if (s[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  for (const auto& [node, path] : decoded) {
    const std::string& v = node.Scalar();
    const char c = *std::find_if(v.begin(), v.end(), is_control);
    // At the value's start: the escape may be anywhere in it (publication re-escapes a raw one).
    report(line_of(doc, node), column_of(node), "«\u202f" + printable(path) + "\u202f»", code_point(c));
  }
}

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
  if (bytes.size() > kMaxFileBytes) {
    out.push_back(too_large(path));
    return doc;
  }
  if (bytes.empty() || bytes.find_first_not_of(" \t\r\n") == std::string::npos) {
    out.push_back(make(path, 1, 1, "fichier-vide", "le fichier est vide"));
    return doc;
  }
  if (bytes.find('\0') != std::string::npos) {
    out.push_back(
        make(path, 1, 1, "fichier-binaire", "le fichier est binaire (octet nul) : une fiche est un texte Markdown"));
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
  if (const auto line = overlong_line(s)) {
    out.push_back(make(path, line->first, 1, "ligne-trop-longue",
                       "la ligne fait " + std::to_string(line->second) + " octets ; une ligne en fait au plus " +
                           std::to_string(kMaxLineBytes) + " (un paragraphe peut tenir sur plusieurs lignes)"));
    return doc;
  }

  if (s.rfind("---\n", 0) != 0) {
    out.push_back(
        make(path, 1, 1, "front-matter-absent", "en-tête YAML absent : la fiche doit commencer par une ligne « --- »"));
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
  if (close - 3 > kMaxFrontMatterBytes) {
    out.push_back(make(path, 1, 1, "front-matter-trop-gros",
                       "l'en-tête YAML fait " + std::to_string(close - 3) + " octets ; il en fait au plus " +
                           std::to_string(kMaxFrontMatterBytes)));
    return doc;
  }
  const std::string front = s.substr(4, close - 3);
  doc.body_line = position_of(s, body_start).first;
  try {
    doc.front = YAML::Load(front);
    if (doc.front.IsNull()) {  // "---" then "---", or only "~": index would drop the sheet unsaid
      out.push_back(
          make(path, 2, 1, "front-matter-vide", "l'en-tête YAML est vide : il doit au moins donner l'id et le titre"));
    } else if (!doc.front.IsMap()) {
      out.push_back(make(path, 2, 1, "yaml", "l'en-tête YAML doit être un dictionnaire de clés"));
      doc.front = YAML::Node();
    } else if (const auto beyond = yaml_refused(doc)) {
      out.push_back(*beyond);
      doc.front = YAML::Node();
    }
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own guard, far beyond ours: its message is "bad file"
    const int line = doc.front_line + 1 + (e.mark.is_null() ? 0 : e.mark.line);
    out.push_back(make(path, line, e.mark.is_null() ? 1 : e.mark.column + 1, "yaml-profondeur",
                       "l'en-tête YAML est imbriqué sur plus de " + std::to_string(kMaxYamlDepth) + " niveaux"));
    doc.front = YAML::Node();
  } catch (const YAML::Exception& e) {
    int line = doc.front_line + 1 + (e.mark.is_null() ? 0 : e.mark.line);
    int col = e.mark.is_null() ? 1 : e.mark.column + 1;
    out.push_back(make(path, line, col, "yaml", "syntaxe YAML invalide : " + yaml_syntax_in_french(e.msg)));
    doc.front = YAML::Node();
  }
  doc.readable = doc.front.IsDefined() && doc.front.IsMap();

  // Body: walk cmark's AST for top-level level-2 headings.
  const std::string body = s.substr(std::min(body_start, s.size()));
  std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parse_document(body.data(), body.size(), CMARK_OPT_DEFAULT));
  if (const auto line = markdown_too_deep(root.get())) {
    out.push_back(make(path, doc.body_line + *line - 1, 1, "markdown-imbrication",
                       "le Markdown est imbriqué sur plus de " + std::to_string(kMaxMarkdownDepth) +
                           " niveaux (citations, listes, emphases…)"));
    doc.readable = false;
    return doc;
  }
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
  report_controls(doc, body_start, out);
  return doc;
}

bool refused_link(const std::string& path, Diagnostics& out) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(path, ec)) return false;
  const bool directory = std::filesystem::is_directory(path, ec);  // follows the link
  if (!directory && std::filesystem::path(path).extension() != ".md") return false;
  out.push_back(make(path, 1, 1, "lien-symbolique",
                     std::string(directory ? "ce répertoire" : "ce fichier") +
                         " est un lien symbolique, qui n'est pas suivi : seul ce qui se trouve réellement sous "
                         "content/ est publié (copiez-y le fichier)"));
  return true;
}

Document read_document(const std::string& path, Diagnostics& out) {
  auto unread = [&](Diagnostic why) {
    out.push_back(std::move(why));
    Document d;
    d.path = path;
    d.id = std::filesystem::path(path).stem().string();
    return d;
  };
  std::string bytes;
  if (!read_file(path, bytes, kMaxFileBytes)) return unread(make(path, 1, 1, "lecture", "fichier illisible"));
  if (bytes.size() > kMaxFileBytes) return unread(too_large(path));  // read no further
  return parse_document(path, bytes, out);
}

}  // namespace pratiques
