// Near-duplicate sheets: a MinHash signature of each sheet's text (64 minima over its word
// 3-shingles, folded), stored in the catalogue with 32 band keys of two minima each (LSH), so that
// the sheets sharing a band with a new text are found by index lookups; a candidate is confirmed by
// the exact Jaccard similarity of the two texts' shingles (threshold kNearDuplicate).
//
// Why not SimHash: measured on the 42 sheets of content/, a copy with 10 % of its words replaced
// differs from its original by up to 28 bits of a 64-bit SimHash over 3-shingles (18 over single
// words) while two distinct sheets can differ by only 16: no bit threshold separates them, and
// banding cannot find pairs 20 bits apart. The shingles' Jaccard similarity separates them cleanly
// (copies ≥ 0.55, distinct sheets ≤ 0.10), and MinHash estimates exactly that.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

class Catalog;

inline constexpr double kNearDuplicate = 0.35;  // Jaccard similarity of word 3-shingles
// Near-duplicates named per sheet, and candidates read per band: a corpus of many copies of one
// text (hostile, or generated) must not cost a comparison with every other copy.
inline constexpr std::size_t kMaxNearDuplicates = 3, kMaxCandidatesPerBand = 16;

struct Fingerprint {
  static constexpr std::size_t kHashes = 64, kBands = 32;
  std::array<std::uint32_t, kHashes> mins{};
  bool empty = true;  // fewer than three words
  std::array<std::int64_t, kBands> bands() const;
  std::string hex() const;  // as stored in the catalogue
  static Fingerprint from_hex(std::string_view hex);
};

Fingerprint fingerprint(std::string_view text);
// True when the signatures' estimate of the similarity is close enough to the threshold for the
// exact similarity to be worth computing.
bool worth_comparing(const Fingerprint& a, const Fingerprint& b);
// Exact Jaccard similarity of the two texts' word 3-shingles (0 when either has none).
double shingle_similarity(std::string_view a, std::string_view b);
// The same in two steps, for a text compared with many others: its shingles' hashes, sorted and
// unique, then the similarity of two such sets.
std::vector<std::uint64_t> shingle_set(std::string_view text);
double shingle_similarity(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

struct NearDuplicate {
  std::string id;     // the existing sheet
  double similarity;  // exact, in [kNearDuplicate, 1]
};

// The similarity as the whole percentage every message and page shows (87 for 0.87).
int similarity_percent(double similarity);

// The catalogue's fingerprints (tables sheet_fingerprints, fingerprint_bands).
void save_fingerprint(Catalog& cat, const std::string& id, const Fingerprint& f);
void remove_fingerprint(Catalog& cat, const std::string& id);
// Sheets of the catalogue very close to `text` (for a new submission: the curators' workflow),
// most similar first (at most kMaxNearDuplicates, confirmed in the order of their estimated
// similarity); `self` is left out. Reads candidates' text from sheet_text.
std::vector<NearDuplicate> find_near_duplicates(Catalog& cat, std::string_view text, const std::string& self = "");
// The same, `f` being fingerprint(text) already computed.
std::vector<NearDuplicate> find_near_duplicates(Catalog& cat, std::string_view text, const Fingerprint& f,
                                                const std::string& self);

}  // namespace pratiques
