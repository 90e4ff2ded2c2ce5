#include "pratiques/write/canonical.h"

#include <cstdio>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "pratiques/text.h"

namespace pratiques::write {

namespace {

enum class Style { Quoted, PlainValue, PlainBoolean, PlainText };

bool special_word(std::string_view s) {
  // YAML 1.1/1.2 plain scalars that would not read back as the same string.
  static const char* const words[] = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"};
  const std::string l = text::lower(s);
  for (const char* w : words)
    if (l == w) return true;
  return false;
}

// A value that reads back as itself when written plain: ASCII letters, digits, '-', '_', '.'.
bool plain_value(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.front() == '.' || special_word(s)) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

// Free text that reads back as itself when written plain inside a flow list ("action avec le
// milieu", "collectif Pouvoir d'agir"): no flow indicator, no ": " nor " #", no indicator first.
bool plain_in_flow(std::string_view s) {
  if (s.empty() || special_word(s) || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (std::string_view("-?:,[]{}#&*!|>'\"%@`").find(s.front()) != std::string_view::npos) return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return false;
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f || std::string_view(",[]{}\"\\").find(static_cast<char>(c)) != std::string_view::npos)
      return false;
  return text::invalid_utf8_offset(s) == std::string_view::npos;
}

std::string double_quoted(std::string_view s) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
          char buf[8];  // C1 control characters (U+0080–U+009F)
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(s[++i]));
          out += buf;
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
          out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";  // line and paragraph separators
          i += 2;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

Style style_of(const FieldSpec* spec) {
  if (!spec) return Style::Quoted;
  switch (spec->type) {
    case FieldType::Identifier:
    case FieldType::IdentifierList:
    case FieldType::Vocab:
    case FieldType::VocabList:
    case FieldType::SheetRef:
    case FieldType::SectionRef:
    case FieldType::Integer: return Style::PlainValue;
    case FieldType::Boolean: return Style::PlainBoolean;
    case FieldType::TextList: return Style::PlainText;
    default: return Style::Quoted;
  }
}

std::string scalar(const YAML::Node& n, Style style) {
  const std::string& s = n.Scalar();
  switch (style) {
    case Style::PlainValue:
      if (plain_value(s)) return s;
      break;
    case Style::PlainBoolean:
      if (plain_value(s) || s == "true" || s == "false") return s;
      break;
    case Style::PlainText:
      if (plain_in_flow(s)) return s;
      break;
    case Style::Quoted: break;
  }
  return double_quoted(s);
}

// A key the grid does not know keeps the quoting it had.
Style unknown_style(const YAML::Node& n) { return n.Tag() == "!" ? Style::Quoted : Style::PlainBoolean; }

std::string key_text(const std::string& k) { return plain_value(k) ? k : double_quoted(k); }
std::string key_text(const YAML::Node& key) { return key_text(key.IsScalar() ? key.Scalar() : std::string("?")); }

// Any value on one line, in flow style: for shapes a valid sheet never has (nested lists).
std::string flow(const YAML::Node& v) {
  if (!v.IsDefined() || v.IsNull()) return "null";
  if (v.IsScalar()) return v.Tag() == "!" || !plain_value(v.Scalar()) ? double_quoted(v.Scalar()) : v.Scalar();
  std::string out = v.IsSequence() ? "[" : "{";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    out += first ? "" : ", ";
    first = false;
    out += v.IsSequence() ? flow(*it) : key_text(it->first) + ": " + flow(it->second);
  }
  return out + (v.IsSequence() ? "]" : "}");
}

// The value of `key` in a mapping, or an undefined node when the key is absent (a key present
// with no value gives a null node).
YAML::Node lookup(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
  return YAML::Node(YAML::NodeType::Undefined);
}

class FrontWriter {
 public:
  explicit FrontWriter(std::string& out) : out_(out) {}

  // The entries of a mapping, known keys in grid order first. `first_prefix` replaces the
  // indentation of the first line (the "- " of a list item).
  void mapping(const YAML::Node& map, const std::vector<FieldSpec>* specs, int indent,
               const std::string& first_prefix = "") {
    bool first = true;
    auto line_start = [&] {
      out_ += first && !first_prefix.empty() ? first_prefix : std::string(static_cast<std::size_t>(indent), ' ');
      first = false;
    };
    if (specs)
      for (const auto& spec : *specs) {
        const YAML::Node v = lookup(map, spec.key);
        if (!v.IsDefined()) continue;
        line_start();
        entry(key_text(spec.key), v, &spec, indent);
      }
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string k = it->first.IsScalar() ? it->first.Scalar() : "";
      if (specs && known(*specs, k)) continue;
      line_start();
      entry(key_text(it->first), it->second, nullptr, indent);
    }
  }

 private:
  static bool known(const std::vector<FieldSpec>& specs, const std::string& key) {
    for (const auto& s : specs)
      if (s.key == key) return true;
    return false;
  }

  void entry(const std::string& key, const YAML::Node& v, const FieldSpec* spec, int indent) {
    out_ += key + ":";
    const std::vector<FieldSpec>* subs = spec && !spec->subfields.empty() ? &spec->subfields : nullptr;
    if (!v.IsDefined() || v.IsNull()) {
      out_ += "\n";
    } else if (v.IsScalar()) {
      out_ += " " + scalar(v, spec ? style_of(spec) : unknown_style(v)) + "\n";
    } else if (v.IsMap()) {
      if (v.size() == 0) {
        out_ += " {}\n";
        return;
      }
      out_ += "\n";
      mapping(v, subs, indent + 2);
    } else {
      sequence(v, spec, subs, indent);
    }
  }

  void sequence(const YAML::Node& v, const FieldSpec* spec, const std::vector<FieldSpec>* subs, int indent) {
    bool scalars = true;
    for (const auto& x : v) scalars = scalars && (x.IsScalar() || x.IsNull());
    const Style style = spec ? style_of(spec) : Style::Quoted;
    if (scalars) {  // [a, b]
      out_ += " [";
      bool first = true;
      for (const auto& x : v) {
        out_ += first ? "" : ", ";
        first = false;
        out_ += x.IsNull() ? "null" : scalar(x, spec ? style : unknown_style(x));
      }
      out_ += "]\n";
      return;
    }
    out_ += "\n";
    const std::string dash = std::string(static_cast<std::size_t>(indent + 2), ' ') + "- ";
    for (const auto& x : v) {
      if (x.IsMap() && x.size() > 0) {
        mapping(x, subs, indent + 4, dash);
      } else if (x.IsScalar()) {
        out_ += dash + scalar(x, spec && spec->type != FieldType::Communes ? style : Style::Quoted) + "\n";
      } else {  // null, a nested list, an empty mapping: never in a valid sheet
        out_ += dash + flow(x) + "\n";
      }
    }
  }

  std::string& out_;
};

// A text without the blank lines at its start and end, nor its last newline ("" when only blank).
std::string trim_blank_lines(const std::string& s) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < s.size();) {
    const std::size_t eol = std::min(s.find('\n', start), s.size());
    lines.emplace_back(s.data() + start, eol - start);
    start = eol + 1;
  }
  auto blank = [](std::string_view l) { return l.find_first_not_of(" \t") == std::string_view::npos; };
  std::size_t first = 0, last = lines.size();
  while (first < last && blank(lines[first])) ++first;
  while (last > first && blank(lines[last - 1])) --last;
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) out += '\n';
    out += lines[i];
  }
  return out;
}

// The "## " line of a section as written (an underlined heading becomes "## Title").
std::string heading_line(const Document& doc, const BodySection& sec) {
  std::size_t pos = 0;
  for (int line = 1; line < sec.line && pos != std::string::npos; ++line) {
    pos = doc.source.find('\n', pos);
    if (pos != std::string::npos) ++pos;
  }
  if (pos != std::string::npos && pos < doc.source.size()) {
    const std::size_t eol = doc.source.find('\n', pos);
    std::string line = doc.source.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent != std::string::npos && indent < 4 && line.compare(indent, 3, "## ") == 0) {
      std::string rest = text::trim(line.substr(indent + 3));
      return "## " + rest;
    }
    if (indent != std::string::npos && indent < 4) return "## " + text::trim(line);  // setext: its first line
  }
  return "## " + sec.title;
}

bool same_node(const YAML::Node& a, const YAML::Node& b) {
  const bool a_null = !a.IsDefined() || a.IsNull(), b_null = !b.IsDefined() || b.IsNull();
  if (a_null || b_null) return a_null == b_null;
  if (a.Type() != b.Type()) return false;
  if (a.IsScalar()) return a.Scalar() == b.Scalar();
  if (a.size() != b.size()) return false;
  if (a.IsSequence()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!same_node(a[i], b[i])) return false;
    return true;
  }
  for (auto it = a.begin(); it != a.end(); ++it) {
    if (!it->first.IsScalar()) return false;
    const YAML::Node other = lookup(b, it->first.Scalar());
    if (!other.IsDefined() || !same_node(it->second, other)) return false;
  }
  return true;
}

}  // namespace

std::string canonical_front_matter(const Grid& grid, const YAML::Node& front, Kind kind) {
  std::string out;
  if (front.IsMap()) FrontWriter(out).mapping(front, &format_of(grid, kind).fields, 0);
  return out;
}

std::string canonical_markdown(const Grid& grid, const Document& doc, Kind kind) {
  if (!doc.readable) throw std::invalid_argument("fiche illisible : en-tête YAML absent ou invalide");
  std::string out = "---\n" + canonical_front_matter(grid, doc.front, kind) + "---\n";
  std::string body;
  if (const std::string pre = trim_blank_lines(doc.preamble); !pre.empty()) body += pre + "\n";
  for (const auto& sec : doc.sections) {
    if (!body.empty()) body += "\n";
    body += heading_line(doc, sec) + "\n";
    if (const std::string content = trim_blank_lines(sec.markdown); !content.empty()) body += "\n" + content + "\n";
  }
  if (!body.empty()) out += "\n" + body;
  return out;
}

bool same_sheet(const Document& a, const Document& b) {
  if (a.readable != b.readable || !same_node(a.front, b.front)) return false;
  if (trim_blank_lines(a.preamble) != trim_blank_lines(b.preamble) || a.sections.size() != b.sections.size())
    return false;
  for (std::size_t i = 0; i < a.sections.size(); ++i)
    if (a.sections[i].title != b.sections[i].title ||
        trim_blank_lines(a.sections[i].markdown) != trim_blank_lines(b.sections[i].markdown))
      return false;
  return true;
}

}  // namespace pratiques::write
