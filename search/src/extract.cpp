#include "pratiques/extract.h"

#include "pratiques/text.h"

namespace pratiques {

namespace {
bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
}  // namespace

std::vector<std::string> Extract::marked_texts() const {
  std::vector<std::string> out;
  for (const auto& m : marks) out.push_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

void Extract::append(std::string_view separator, const Extract& more) {
  if (!text.empty()) text += separator;
  const std::size_t shift = text.size();
  text += more.text;
  for (const auto& m : more.marks) marks.push_back({m.begin + shift, m.end + shift});
}

void Extract::sanitize() {
  std::vector<Mark> kept;
  std::size_t after = 0;
  for (const auto& m : marks) {
    if (m.begin < after || m.begin >= m.end || m.end > text.size()) continue;
    if (continuation(static_cast<unsigned char>(text[m.begin])) ||
        (m.end < text.size() && continuation(static_cast<unsigned char>(text[m.end]))))
      continue;  // would cut a character in two
    kept.push_back(m);
    after = m.end;
  }
  marks = std::move(kept);
}

std::string to_html(const Extract& e) {
  std::string out;
  out.reserve(e.text.size() + e.marks.size() * 13 + 16);
  const std::string_view text(e.text);
  std::size_t at = 0;
  for (const auto& m : e.marks) {
    if (m.begin < at || m.end <= m.begin || m.end > text.size()) continue;  // never overlapping
    out += text::html_escape(text.substr(at, m.begin - at));
    out += "<mark>";
    out += text::html_escape(text.substr(m.begin, m.end - m.begin));
    out += "</mark>";
    at = m.end;
  }
  out += text::html_escape(text.substr(at));
  return out;
}

}  // namespace pratiques
