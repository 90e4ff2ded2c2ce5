// Autocompletion: sheet and course titles, vocabulary labels (facet values), acronyms and the synonym rings,
// matched by an accent- and case-insensitive prefix of the label, of a synonym of it, or of any of
// their words. Built once per index generation in memory (sorted keys, binary search): a completion
// costs microseconds.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {
class Catalog;
}

namespace pratiques::server {

struct Suggestion {
  std::string label;       // as written: "Accès aux droits", "QPV", a sheet title
  std::string kind;        // "fiche", "parcours", "sigle", "recherche" (a ring's term), or the facet key
  std::string kind_label;  // "Fiche", "Parcours", "Sigle", "Recherche", "Thématiques"…
  std::string value;       // sheet or course id, facet value slug, or the acronym
  std::string url;         // where choosing it leads
  std::string detail;      // the expansion of an acronym, the territory of a sheet, the synonym typed…
  unsigned weight = 0;     // sheets carrying a facet value
};

class Suggester {
 public:
  // Found by a prefix of `typed_as` (a synonym of the label) when given, else of the label.
  void add(Suggestion s, std::string_view typed_as = {});
  void finish();  // sorts the keys; call once after the last add()
  // At most `max` suggestions for a typed prefix (any case and accents; an elided article or
  // preposition that begins it, « l'hab », « d’acc », is left out, as search leaves it out).
  std::vector<const Suggestion*> complete(std::string_view typed, std::size_t max = 8) const;
  std::size_t size() const { return entries_.size(); }

  // Reads a generation's catalogue: sheet and course titles, facet values with sheets, acronyms of synonym groups, and
  // the terms of synonym groups, which lead to their vocabulary value, acronym or ring; only the
  // acronyms and rings of `mentioned` groups (synonym_groups_in_sheets), which find some sheet.
  static Suggester load(Catalog& catalog, const std::set<long long>& mentioned);
  // Folding used on both sides: lower case, no accents, punctuation as spaces, single spaces, a
  // plural's final « s » or « x » off a word of four letters or more.
  static std::string key(std::string_view text);

 private:
  struct Entry {
    Suggestion s;
    std::string folded;     // what a prefix is matched against: key(label), or key(typed_as)
    std::string label_key;  // key(label): the same label twice reads as one
    int rank = 0;           // kind priority: facet values, acronyms and rings, sheets
  };
  struct Key {
    std::uint32_t entry;
    std::uint32_t offset;  // word start in folded
    std::uint64_t head;    // its first 8 bytes, big-endian: most comparisons of the sort end there
  };
  Key make_key(std::uint32_t entry, std::uint32_t offset) const;
  std::string_view key_text(const Key& k) const { return std::string_view(entries_[k.entry].folded).substr(k.offset); }
  void scan(const std::vector<Key>& keys, const std::string& prefix, bool whole, std::vector<std::uint32_t>& found,
            std::vector<std::uint32_t>& seen, std::uint32_t stamp) const;
  std::vector<Entry> entries_;
  std::vector<Key> whole_keys_;  // the labels themselves (a prefix of the label)
  std::vector<Key> word_keys_;   // from each later word (a prefix of a word inside)
};

}  // namespace pratiques::server
