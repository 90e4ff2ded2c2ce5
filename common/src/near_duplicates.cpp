#include "pratiques/near_duplicates.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "pratiques/catalog.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

}  // namespace

// Hashes of the word 3-shingles of a folded text (stable across runs: stored in the catalogue).
std::vector<std::uint64_t> shingle_set(std::string_view text) {
  const std::string folded = text::fold(text);
  std::vector<std::string_view> words;
  std::size_t start = std::string::npos;
  for (std::size_t i = 0; i <= folded.size(); ++i) {
    const bool word = i < folded.size() && (std::isalnum(static_cast<unsigned char>(folded[i])) ||
                                            static_cast<unsigned char>(folded[i]) >= 0x80);
    if (word && start == std::string::npos) start = i;
    if (!word && start != std::string::npos) {
      words.emplace_back(folded.data() + start, i - start);
      start = std::string::npos;
    }
  }
  std::vector<std::uint64_t> out;
  out.reserve(words.size());
  for (std::size_t i = 0; i + 2 < words.size(); ++i)  // the hash of "w1 w2 w3", without building it
    out.push_back(fnv1a(words[i + 2], fnv1a(" ", fnv1a(words[i + 1], fnv1a(" ", fnv1a(words[i]))))));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double estimated_similarity(const Fingerprint& a, const Fingerprint& b) {
  std::size_t same = 0;
  for (std::size_t i = 0; i < Fingerprint::kHashes; ++i) same += a.mins[i] == b.mins[i];
  return static_cast<double>(same) / Fingerprint::kHashes;
}

namespace {

// MinHash estimates with 64 minima have a standard deviation of about 0.06: a candidate is checked
// exactly when its estimate is within this margin of the threshold.
constexpr double kEstimateMargin = 0.2;

}  // namespace

bool worth_comparing(const Fingerprint& a, const Fingerprint& b) {
  return estimated_similarity(a, b) >= kNearDuplicate - kEstimateMargin;
}

std::array<std::int64_t, Fingerprint::kBands> Fingerprint::bands() const {
  std::array<std::int64_t, kBands> out{};
  for (std::size_t b = 0; b < kBands; ++b)
    out[b] =
        static_cast<std::int64_t>(mix((static_cast<std::uint64_t>(mins[2 * b]) << 32 | mins[2 * b + 1]) ^ mix(b + 1)));
  return out;
}

std::string Fingerprint::hex() const {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(kHashes * 8);
  for (const auto m : mins)
    for (int k = 7; k >= 0; --k) out += digits[(m >> (4 * k)) & 0xf];
  return out;
}

Fingerprint Fingerprint::from_hex(std::string_view hex) {
  Fingerprint f;
  if (hex.size() != kHashes * 8) return f;
  for (std::size_t i = 0; i < kHashes; ++i)
    for (std::size_t k = 0; k < 8; ++k) {
      const char c = hex[i * 8 + k];
      const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (v < 0) return Fingerprint{};
      f.mins[i] = f.mins[i] << 4 | static_cast<std::uint32_t>(v);
    }
  f.empty = false;
  return f;
}

Fingerprint fingerprint(std::string_view text) {
  Fingerprint f;
  f.mins.fill(UINT32_MAX);
  for (const std::uint64_t h : shingle_set(text)) {
    f.empty = false;
    for (std::size_t i = 0; i < Fingerprint::kHashes; ++i)
      f.mins[i] = std::min(f.mins[i], static_cast<std::uint32_t>(mix(h ^ (0x9e3779b97f4a7c15ULL * (i + 1)))));
  }
  return f;
}

double shingle_similarity(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  std::size_t common = 0;
  for (auto x = a.begin(), y = b.begin(); x != a.end() && y != b.end();) {
    if (*x < *y) {
      ++x;
    } else if (*y < *x) {
      ++y;
    } else {
      ++common, ++x, ++y;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double shingle_similarity(std::string_view a, std::string_view b) {
  return shingle_similarity(shingle_set(a), shingle_set(b));
}

void save_fingerprint(Catalog& cat, const std::string& id, const Fingerprint& f) {
  remove_fingerprint(cat, id);
  if (f.empty) return;
  cat.prepare("INSERT INTO sheet_fingerprints(sheet_id, signature) VALUES(?, ?)").bind(1, id).bind(2, f.hex()).run();
  const long long row = sqlite3_last_insert_rowid(cat.handle());
  auto band = cat.prepare("INSERT OR IGNORE INTO fingerprint_bands(band_key, fingerprint) VALUES(?, ?)");
  for (const auto key : f.bands()) band.bind(1, static_cast<long long>(key)).bind(2, row).run();
}

void remove_fingerprint(Catalog& cat, const std::string& id) {
  auto s = cat.prepare("SELECT id, signature FROM sheet_fingerprints WHERE sheet_id = ?");
  s.bind(1, id);
  if (!s.step()) return;
  const long long row = s.integer(0);
  auto drop = cat.prepare("DELETE FROM fingerprint_bands WHERE band_key = ? AND fingerprint = ?");
  for (const auto key : Fingerprint::from_hex(s.text(1)).bands())
    drop.bind(1, static_cast<long long>(key)).bind(2, row).run();
  cat.prepare("DELETE FROM sheet_fingerprints WHERE id = ?").bind(1, row).run();
}

std::vector<NearDuplicate> find_near_duplicates(Catalog& cat, std::string_view text, const std::string& self) {
  return find_near_duplicates(cat, text, fingerprint(text), self);
}

std::vector<NearDuplicate> find_near_duplicates(Catalog& cat, std::string_view text, const Fingerprint& f,
                                                const std::string& self) {
  if (f.empty) return {};
  std::set<long long> candidates;
  auto band = cat.prepare("SELECT fingerprint FROM fingerprint_bands WHERE band_key = ? LIMIT " +
                          std::to_string(kMaxCandidatesPerBand));
  for (const auto key : f.bands()) {
    band.bind(1, static_cast<long long>(key));
    while (band.step()) candidates.insert(band.integer(0));
    band.reset();
  }
  // The candidates worth an exact comparison, most similar by their signatures first: the exact
  // comparisons stop at kMaxNearDuplicates confirmed, and those are the closest ones.
  std::vector<std::pair<double, std::string>> worth;
  auto sig = cat.prepare("SELECT sheet_id, signature FROM sheet_fingerprints WHERE id = ?");
  for (const long long c : candidates) {
    sig.bind(1, c);
    if (sig.step() && sig.text(0) != self)
      if (const Fingerprint other = Fingerprint::from_hex(sig.text(1)); worth_comparing(f, other))
        worth.emplace_back(estimated_similarity(f, other), sig.text(0));
    sig.reset();
  }
  std::sort(worth.begin(), worth.end(),
            [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  std::vector<NearDuplicate> out;
  if (worth.empty()) return out;
  const std::vector<std::uint64_t> own = shingle_set(text);  // once, not per candidate
  auto body = cat.prepare("SELECT body FROM sheet_text WHERE sheet_id = ?");
  for (const auto& [estimate, id] : worth) {
    if (out.size() == kMaxNearDuplicates) break;
    body.bind(1, id);
    if (body.step())
      if (const double s = shingle_similarity(own, shingle_set(body.text(0))); s >= kNearDuplicate)
        out.push_back({id, s});
    body.reset();
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.similarity > b.similarity; });
  return out;
}

int similarity_percent(double similarity) { return static_cast<int>(std::lround(similarity * 100)); }

}  // namespace pratiques
