#include "pratiques/near_duplicate_warnings.h"

#include <algorithm>
#include <unordered_map>

#include "pratiques/near_duplicates.h"

namespace pratiques {

Diagnostic near_duplicate_warning(const std::string& path, const std::string& other, double similarity) {
  std::string message = "fiche très proche de « ";
  message += other;
  message += " » (similarité ";
  message += std::to_string(similarity_percent(similarity));
  message += " %) : doublon probable ? Comparez les deux fiches avant de publier.";
  return {path, 1, 1, Severity::Warning, "doublon-probable", std::move(message)};
}

Diagnostics near_duplicate_warnings(const std::vector<NearDuplicateCandidate>& sheets,
                                    const std::function<std::string(std::size_t)>& text_of) {
  // Band buckets as one sorted array (a map of 32 bands a sheet weighed more than the sheets):
  // the pairs sharing a band whose estimate is near enough, then the exact similarity.
  std::vector<std::pair<std::int64_t, std::size_t>> bands;
  for (std::size_t i = 0; i < sheets.size(); ++i)
    if (!sheets[i].print.empty)
      for (const auto key : sheets[i].print.bands()) bands.emplace_back(key, i);
  std::sort(bands.begin(), bands.end());
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  for (std::size_t b = 0; b < bands.size();) {
    std::size_t e = b;
    while (e < bands.size() && bands[e].first == bands[b].first) ++e;
    for (std::size_t x = b; x < e; ++x)
      for (std::size_t y = x + 1; y < std::min(e, x + 1 + kMaxCandidatesPerBand); ++y)
        if (const std::size_t i = bands[x].second, j = bands[y].second;
            (sheets[i].reported || sheets[j].reported) && worth_comparing(sheets[i].print, sheets[j].print))
          pairs.emplace_back(i, j);
    b = e;
  }
  std::vector<std::pair<std::int64_t, std::size_t>>().swap(bands);
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  // The shingles of a text read again are kept a while: the pairs of one sheet come together, and
  // close sheets are near in file order (the same name, another number).
  std::unordered_map<std::size_t, std::vector<std::uint64_t>> shingles;
  auto shingles_of = [&](std::size_t i) -> std::vector<std::uint64_t> {
    if (auto it = shingles.find(i); it != shingles.end()) return it->second;
    if (shingles.size() >= 4096) shingles.clear();
    return shingles.emplace(i, shingle_set(text_of(i))).first->second;
  };
  Diagnostics out;
  std::vector<std::size_t> named(sheets.size());  // warnings per sheet, at most kMaxNearDuplicates
  for (const auto& [i, j] : pairs) {
    // Two files with one id are already an [id-doublon] error.
    if (sheets[i].id == sheets[j].id) continue;
    const std::size_t on = sheets[i].reported ? i : j, other = on == i ? j : i;
    if (named[on] == kMaxNearDuplicates) continue;
    const double s = shingle_similarity(shingles_of(i), shingles_of(j));
    if (s < kNearDuplicate) continue;
    ++named[on];
    out.push_back(near_duplicate_warning(sheets[on].path, sheets[other].id, s));
  }
  return out;
}

}  // namespace pratiques
