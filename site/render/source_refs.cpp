#include "pratiques/site/source_refs.h"

#include <algorithm>
#include <regex>
#include <vector>

#include "pratiques/catalogue.h"
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
  static const std::regex ref(R"( ?\((\d{3}:\d+(?:-\d+)?(?: ?[;,] ?\d{3}:\d+(?:-\d+)?)*)\))");
  static const std::regex code(R"((\d{3}):)");
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), ref), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    last = (*it)[0].second;
    std::vector<std::string> names;
    const std::string inner = (*it)[1].str();
    for (std::sregex_iterator c(inner.begin(), inner.end(), code); c != end; ++c)
      if (auto found = citation_.find((*c)[1].str()); found != citation_.end())
        if (std::find(names.begin(), names.end(), found->second) == names.end()) names.push_back(found->second);
    if (names.empty()) continue;
    out += " (";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? " ; " : "") + names[i];
    out += ")";
  }
  out.append(last, text.cend());
  return out;
}

}  // namespace pratiques::site
