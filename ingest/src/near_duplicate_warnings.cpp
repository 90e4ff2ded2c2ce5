#include "pratiques/near_duplicate_warnings.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "pratiques/near_duplicates.h"
#include "pratiques/parallel.h"

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
  // close sheets are near in file order (the same name, another number). The pairs are taken a
  // window at a time: the texts a window needs are read again on every core (most of the cost),
  // then its pairs are compared in order, so that the warnings are those of a serial run.
  constexpr std::size_t kWindow = 1024, kKept = 4096;
  std::unordered_map<std::size_t, std::vector<std::uint64_t>> shingles;
  Diagnostics out;
  std::vector<std::size_t> named(sheets.size());  // warnings per sheet, at most kMaxNearDuplicates
  // The sheet a pair's warning goes on, or none: two files with one id are already an [id-doublon]
  // error, and a sheet named kMaxNearDuplicates times has had its share.
  const auto sheet_to_warn = [&](std::size_t i, std::size_t j) -> std::optional<std::size_t> {
    if (sheets[i].id == sheets[j].id) return std::nullopt;
    const std::size_t on = sheets[i].reported ? i : j;
    if (named[on] == kMaxNearDuplicates) return std::nullopt;
    return on;
  };
  for (std::size_t first = 0; first < pairs.size(); first += kWindow) {
    const std::size_t last = std::min(pairs.size(), first + kWindow);
    std::vector<std::size_t> needed;
    for (std::size_t p = first; p < last; ++p)
      if (const auto [i, j] = pairs[p]; sheet_to_warn(i, j)) {
        needed.push_back(i);
        needed.push_back(j);
      }
    std::sort(needed.begin(), needed.end());
    needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
    if (shingles.size() + needed.size() > kKept) shingles.clear();
    std::erase_if(needed, [&](std::size_t i) { return shingles.count(i) != 0; });
    std::vector<std::vector<std::uint64_t>> read(needed.size());
    parallel_for(needed.size(), default_threads(),
                 [&](std::size_t k, unsigned) { read[k] = shingle_set(text_of(needed[k])); });
    for (std::size_t k = 0; k < needed.size(); ++k) shingles.emplace(needed[k], std::move(read[k]));
    for (std::size_t p = first; p < last; ++p) {
      const auto [i, j] = pairs[p];
      const auto on = sheet_to_warn(i, j);
      if (!on) continue;
      const double s = shingle_similarity(shingles.at(i), shingles.at(j));
      if (s < kNearDuplicate) continue;
      ++named[*on];
      out.push_back(near_duplicate_warning(sheets[*on].path, sheets[*on == i ? j : i].id, s));
    }
  }
  return out;
}

}  // namespace pratiques
