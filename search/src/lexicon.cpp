#include "lexicon.h"

#include <hunspell.hxx>

#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>

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
  bool knows(std::string_view folded) {
    if (folded.size() > kLongestFrenchWord) return false;
    std::lock_guard lock(mutex_);  // Hunspell's lookups share buffers
    if (!dictionary()) return false;
    std::string word;
    int lookups = kMaxLookups;
    return spelt(folded, 0, kMaxAccents, word, lookups);
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
  // `lookups` more lookups.
  bool spelt(std::string_view folded, std::size_t at, int accents, std::string& word, int& lookups) {
    if (lookups == 0) return false;
    if (at == folded.size()) {
      --lookups;
      return dictionary_->spell(word);
    }
    const std::size_t size = word.size();
    word += folded[at];
    if (spelt(folded, at + 1, accents, word, lookups)) return true;
    word.resize(size);
    if (accents == 0) return false;
    std::string_view forms = accented(folded[at]);
    if (folded.substr(at, 2) == "oe") {
      word += "œ";
      if (spelt(folded, at + 2, accents - 1, word, lookups)) return true;
      word.resize(size);
    }
    while (!forms.empty()) {
      const std::size_t space = forms.find(' ');
      word += forms.substr(0, space);
      if (spelt(folded, at + 1, accents - 1, word, lookups)) return true;
      word.resize(size);
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

bool known_french_word(std::string_view folded) { return lexicon().knows(folded); }

bool has_french_dictionary() { return lexicon().available(); }

}  // namespace pratiques
