#include "pratiques/near_duplicate_warnings.h"

#include <algorithm>
#include <map>
#include <set>

#include "pratiques/near_duplicates.h"
#include "pratiques/sheet_document.h"

namespace pratiques {

Diagnostic near_duplicate_warning(const std::string& path, const std::string& other, double similarity) {
  std::string message = "fiche très proche de « ";
  message += other;
  message += " » (similarité ";
  message += std::to_string(similarity_percent(similarity));
  message += " %) : doublon probable ? Comparez les deux fiches avant de publier.";
  return {path, 1, 1, Severity::Warning, "doublon-probable", std::move(message)};
}

Diagnostics near_duplicate_warnings(const std::vector<const Document*>& sheets,
                                    const std::vector<const Document*>& reported) {
  // Band buckets in memory: the pairs sharing a band, then the exact similarity.
  std::vector<std::string> texts;
  std::vector<Fingerprint> prints;
  for (const Document* d : sheets) {
    texts.push_back(d->readable ? extract_text(*d) : "");
    prints.push_back(fingerprint(texts.back()));
  }
  std::map<std::int64_t, std::vector<std::size_t>> buckets;
  for (std::size_t i = 0; i < prints.size(); ++i)
    if (!prints[i].empty)
      for (const auto key : prints[i].bands()) buckets[key].push_back(i);
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (const auto& [key, members] : buckets)
    for (std::size_t x = 0; x < members.size(); ++x)
      for (std::size_t y = x + 1; y < std::min(members.size(), x + 1 + kMaxCandidatesPerBand); ++y)
        pairs.insert({members[x], members[y]});
  const std::set<const Document*> report(reported.begin(), reported.end());
  Diagnostics out;
  std::map<const Document*, std::size_t> named;  // warnings per sheet, at most kMaxNearDuplicates
  for (const auto& [i, j] : pairs) {
    if (!report.count(sheets[i]) && !report.count(sheets[j])) continue;
    // Two files with one id are already an [id-doublon] error.
    if (sheets[i]->id == sheets[j]->id) continue;
    const bool first_i = report.count(sheets[i]) > 0;
    const Document* on = first_i ? sheets[i] : sheets[j];
    const Document* other = first_i ? sheets[j] : sheets[i];
    if (named[on] == kMaxNearDuplicates) continue;
    if (!worth_comparing(prints[i], prints[j])) continue;
    const double s = shingle_similarity(texts[i], texts[j]);
    if (s < kNearDuplicate) continue;
    ++named[on];
    out.push_back(near_duplicate_warning(on->path, other->id, s));
  }
  return out;
}

}  // namespace pratiques
