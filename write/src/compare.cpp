#include "pratiques/write/compare.h"

#include <algorithm>
#include <map>

#include "pratiques/document.h"
#include "pratiques/write/canonical.h"

namespace pratiques::write {

namespace {

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start < s.size();) {
    const std::size_t eol = std::min(s.find('\n', start), s.size());
    out.push_back(s.substr(start, eol - start));
    start = eol + 1;
  }
  return out;
}

// The canonical YAML of each top-level key of the front matter ("key: value" lines).
std::map<std::string, std::string> field_texts(const Grid& grid, const YAML::Node& front, Kind kind) {
  std::map<std::string, std::string> out;
  if (!front.IsMap()) return out;
  for (auto it = front.begin(); it != front.end(); ++it) {
    if (!it->first.IsScalar()) continue;
    YAML::Node one(YAML::NodeType::Map);
    one[it->first.Scalar()] = it->second;
    out[it->first.Scalar()] = canonical_front_matter(grid, one, kind);
  }
  return out;
}

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\n") - a + 1);
}

// `known` (the grid's order), then the other keys of either side.
template <class Map>
std::vector<std::string> keys_after(std::vector<std::string> known, const Map& a, const Map& b) {
  for (const Map* m : {&a, &b})
    for (const auto& entry : *m)
      if (std::find(known.begin(), known.end(), entry.first) == known.end()) known.push_back(entry.first);
  return known;
}

}  // namespace

std::vector<LineChange> diff_lines(const std::string& before, const std::string& after, std::size_t max_cells) {
  const auto a = split_lines(before), b = split_lines(after);
  std::vector<LineChange> out;
  // Common head and tail first: most edits touch a few lines.
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  for (std::size_t i = 0; i < head; ++i) out.push_back({LineChange::Same, a[i]});
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;
  if (n * m > max_cells) {
    for (std::size_t i = 0; i < n; ++i) out.push_back({LineChange::Removed, a[head + i]});
    for (std::size_t j = 0; j < m; ++j) out.push_back({LineChange::Added, b[head + j]});
  } else {
    // lcs[i][j]: longest common subsequence of a[head+i..] and b[head+j..]
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        out.push_back({LineChange::Same, a[head + i]});
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push_back({LineChange::Removed, a[head + i++]});  // removed lines before added ones
      } else {
        out.push_back({LineChange::Added, b[head + j++]});
      }
    }
  }
  for (std::size_t k = tail; k-- > 0;) out.push_back({LineChange::Same, a[a.size() - 1 - k]});
  return out;
}

Comparison compare_sheets(const Grid& grid, const std::string& before, const std::string& after, Kind kind) {
  const DocumentFormat& format = format_of(grid, kind);
  Comparison c;
  Diagnostics ignored;
  const Document a = parse_document("avant.md", before, ignored), b = parse_document("apres.md", after, ignored);
  if (!a.readable || !b.readable) {
    c.readable = false;
    c.text = diff_lines(before, after);
    return c;
  }
  // Fields: grid order, then keys the grid does not know.
  const auto fa = field_texts(grid, a.front, kind), fb = field_texts(grid, b.front, kind);
  std::vector<std::string> keys;
  for (const auto& f : format.fields) keys.push_back(f.key);
  for (const auto& k : keys_after(keys, fa, fb)) {
    const auto x = fa.find(k), y = fb.find(k);
    const std::string va = x == fa.end() ? "" : x->second, vb = y == fb.end() ? "" : y->second;
    if (va == vb) continue;
    const FieldSpec* spec = format.field(k);
    c.fields.push_back({k, spec ? spec->label : k, va, vb});
  }
  // Sections, matched by grid key (or by title when the grid does not know them).
  struct Side {
    std::string title, markdown;
  };
  auto sections_of = [&](const Document& d) {
    std::map<std::string, Side> out;
    for (const auto& s : d.sections) {
      const SectionSpec* spec = format.section_by_title(s.title);
      out.emplace(spec ? spec->key : "?" + s.title, Side{s.title, trimmed(s.markdown)});
    }
    return out;
  };
  const auto sa = sections_of(a), sb = sections_of(b);
  std::vector<std::string> order;
  for (const auto& s : format.sections) order.push_back(s.key);
  for (const auto& k : keys_after(order, sa, sb)) {
    const auto x = sa.find(k), y = sb.find(k);
    if (x == sa.end() && y == sb.end()) continue;
    SectionChange s;
    s.key = k.starts_with("?") ? "" : k;
    s.title = y != sb.end() ? y->second.title : x->second.title;
    if (x != sa.end()) s.before = x->second.markdown;
    if (y != sb.end()) s.after = y->second.markdown;
    if (x == sa.end())
      s.kind = SectionChange::Added;
    else if (y == sb.end())
      s.kind = SectionChange::Removed;
    else if (s.before == s.after)
      s.kind = SectionChange::Unchanged;
    else {
      s.kind = SectionChange::Changed;
      s.lines = diff_lines(s.before, s.after);
    }
    c.sections.push_back(std::move(s));
  }
  return c;
}

}  // namespace pratiques::write
