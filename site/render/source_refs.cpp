#include "pratiques/site/source_refs.h"

#include <algorithm>
#include <vector>

#include "pratiques/catalogue.h"
#include "pratiques/pattern.h"
#include "pratiques/site/typography.h"

namespace pratiques::site {

namespace {

// The title as a reader would cite it: before " — " (the subtitle), without a trailing "(…)".
std::string short_title(std::string title) {
  if (auto dash = title.find(" \u2014 "); dash != std::string::npos) title.resize(dash);
  if (title.ends_with(")"))
    if (auto open = title.rfind(" ("); open != std::string::npos) title.resize(open);
  return title;
}

}  // namespace

SourceTitles::SourceTitles(const SiteData& data) {
  std::map<std::string, std::map<std::pair<std::string, std::string>, int>> seen;
  for (const auto& s : data.sheets)
    for (const auto& src : json_objects(s.parsed_front(), "sources")) {
      const std::string passage = src->optValue<std::string>("passage", "");
      if (passage.size() < 4 || passage[3] != ':') continue;
      ++seen[passage.substr(0, 3)][{src->optValue<std::string>("titre", ""), src->optValue<std::string>("date", "")}];
    }
  choose(seen);
}

SourceTitles::SourceTitles(Catalog& cat) {
  std::map<std::string, std::map<std::pair<std::string, std::string>, int>> seen;
  for (auto& src : catalogue::sheet_sources(cat)) {
    if (src.passage.size() < 4 || src.passage[3] != ':') continue;
    ++seen[src.passage.substr(0, 3)][{std::move(src.title), std::move(src.date)}];
  }
  choose(seen);
}

void SourceTitles::choose(const std::map<std::string, std::map<std::pair<std::string, std::string>, int>>& seen) {
  for (const auto& [code, titles] : seen) {
    auto best = titles.begin();
    for (auto it = titles.begin(); it != titles.end(); ++it)
      if (it->second > best->second) best = it;
    const auto& [title, date] = best->first;
    if (title.empty()) continue;
    citation_[code] = "«\u00a0" + short_title(title) + "\u00a0»" + (date.size() >= 4 ? ", " + date.substr(0, 4) : "");
  }
}

std::string SourceTitles::readable(const std::string& text) const {
  static const Pattern ref(R"( ?\(([0-9]{3}:[0-9]+(?:-[0-9]+)?(?: ?[;,] ?[0-9]{3}:[0-9]+(?:-[0-9]+)?)*)\))");
  static const Pattern code(R"(([0-9]{3}):)");
  // Each reference becomes the short titles of the documents it cites, or goes when none is known.
  return ref.replace_all(text, [&](const PatternMatch& m) {
    std::vector<std::string> names;
    for (const PatternMatch& c : code.find_all(m[1]))
      if (auto found = citation_.find(c[1]); found != citation_.end())
        if (std::find(names.begin(), names.end(), found->second) == names.end()) names.push_back(found->second);
    if (names.empty()) return std::string();
    std::string out = " (";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? " ; " : "") + names[i];
    return out + ")";
  });
}

}  // namespace pratiques::site
