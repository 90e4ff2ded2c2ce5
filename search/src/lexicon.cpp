#include "lexicon.h"

#include <hunspell.hxx>

#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace pratiques {

namespace {

constexpr const char* kAffixes = "/usr/share/hunspell/fr_FR.aff";
constexpr const char* kWords = "/usr/share/hunspell/fr_FR.dic";
// Accents put back on a word typed without them: at most this many ("desequilibre" has three and
// stays unknown; "detenus", "eleve" are found). Each try is one dictionary lookup, and a word gets
// at most kMaxLookups of them (a query is untrusted: "eeee…" would try every pair of its letters).
constexpr int kMaxAccents = 2;
constexpr int kMaxLookups = 500;

// What a letter may be written as in French, besides itself; "oe" may be "œ".
std::string_view accented(char c) {
  switch (c) {
    case 'a': return "à â";
    case 'c': return "ç";
    case 'e': return "é è ê ë";
    case 'i': return "î ï";
    case 'o': return "ô";
    case 'u': return "ù û ü";
    default: return "";
  }
}

class Lexicon {
 public:
  bool available() {
    std::lock_guard lock(mutex_);
    return dictionary() != nullptr;
  }
  // The spellings of `folded` that the dictionary knows: the first one, or `all` of them.
  std::vector<std::string> spellings(std::string_view folded, bool all) {
    std::vector<std::string> found;
    if (folded.size() > kLongestFrenchWord) return found;
    std::lock_guard lock(mutex_);  // Hunspell's lookups share buffers
    if (!dictionary()) return found;
    std::string word;
    int lookups = kMaxLookups;
    spelt(folded, 0, kMaxAccents, word, lookups, found, all);
    return found;
  }

 private:
  // The dictionary, loaded on first use; null without its files. Called with mutex_ held.
  Hunspell* dictionary() {
    if (!loaded_) load();
    return dictionary_.get();
  }
  void load() {
    loaded_ = true;
    std::error_code ec;
    if (!std::filesystem::exists(kAffixes, ec) || !std::filesystem::exists(kWords, ec)) {
      std::cerr << "pratiques : dictionnaire français absent (" << kWords
                << ", paquet hunspell-fr-comprehensive) : un mot qu'aucune fiche n'écrit peut être « corrigé »\n";
      return;
    }
    dictionary_ = std::make_unique<Hunspell>(kAffixes, kWords);
  }

  // The word from `at` on, after `word`, with at most `accents` more letters accented, in at most
  // `lookups` more lookups: each spelling the dictionary knows is added to `found`, and the search
  // stops at the first unless `all`. True when it stops.
  bool spelt(std::string_view folded, std::size_t at, int accents, std::string& word, int& lookups,
             std::vector<std::string>& found, bool all) {
    if (lookups == 0) return true;
    if (at == folded.size()) {
      --lookups;
      if (!dictionary_->spell(word)) return false;
      found.push_back(word);
      return !all;
    }
    const std::size_t size = word.size();
    auto then = [&](std::string_view letter, std::size_t next, int left) {
      word += letter;
      const bool stop = spelt(folded, next, left, word, lookups, found, all);
      word.resize(size);
      return stop;
    };
    if (then(folded.substr(at, 1), at + 1, accents)) return true;
    if (accents == 0) return false;
    if (folded.substr(at, 2) == "oe" && then("œ", at + 2, accents - 1)) return true;
    std::string_view forms = accented(folded[at]);
    while (!forms.empty()) {
      const std::size_t space = forms.find(' ');
      if (then(forms.substr(0, space), at + 1, accents - 1)) return true;
      forms = space == std::string_view::npos ? std::string_view() : forms.substr(space + 1);
    }
    return false;
  }

  std::mutex mutex_;
  bool loaded_ = false;
  std::unique_ptr<Hunspell> dictionary_;
};

Lexicon& lexicon() {
  static Lexicon instance;
  return instance;
}

}  // namespace

bool known_french_word(std::string_view folded) { return !lexicon().spellings(folded, false).empty(); }

std::vector<std::string> french_spellings(std::string_view folded) { return lexicon().spellings(folded, true); }

bool has_french_dictionary() { return lexicon().available(); }

}  // namespace pratiques
