#include "spelling.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <sstream>
#include <string_view>
#include <vector>

#include "lexicon.h"
#include "pratiques/index_layout.h"
#include "pratiques/text.h"

namespace pratiques {

namespace {

// A word typed of at least kLongWord letters may be a typo two letters away from another (a shorter
// word that far is more likely another word the sheets never write: "maraude", "marqué"), applied
// when at least kCommonWord sheets write it (or vocabulary labels).
constexpr Xapian::doccount kCommonWord = 3;
constexpr std::size_t kLongWord = 9;
// The longest ending of a French inflection in bytes, folded ("es", "aux"…).
constexpr std::size_t kEnding = 3;
// Two words of the sheets one likely slip from a word typed are both what may have been meant
// ("mlieux": "mieux", a letter added, or "milieux", one left out) unless one is written this many
// times as often: an order of magnitude, the likelier slip being as likely.
constexpr Xapian::doccount kClearlyMoreWritten = 10;
// A word typed of fewer letters whose correction needs a far key is offered it, never replaced.
constexpr std::size_t kShortWithFarKey = 5;
// At most this many other corrections offered beside the suggestion.
constexpr std::size_t kMaxAlternatives = 2;

// Are `x` and `y` neighbouring keys of a French (AZERTY) keyboard?
bool neighbouring_keys(char x, char y) {
  static constexpr std::string_view kRows[] = {"azertyuiop", "qsdfghjklm", "wxcvbn"};
  for (std::size_t r = 0; r < std::size(kRows); ++r) {
    const auto i = kRows[r].find(x);
    if (i == std::string_view::npos) continue;
    auto key = [&](std::size_t row, std::size_t col) { return col < kRows[row].size() && kRows[row][col] == y; };
    if ((i > 0 && key(r, i - 1)) || key(r, i + 1)) return true;
    if (r > 0 && (key(r - 1, i) || key(r - 1, i + 1))) return true;
    if (r + 1 < std::size(kRows) && ((i > 0 && key(r + 1, i - 1)) || key(r + 1, i))) return true;
  }
  return false;
}

// Is `b` the word `a` typed with one of the rarest slips of one edit, which a likelier slip may
// explain better? A letter replaced by another that neither a neighbouring key nor a vowel for a
// vowel explains ("lanue" read as "lance", against "langue", a letter left out), or a letter added
// that neither repeats the letter beside it nor is a neighbouring key of one ("cmités" read as
// "cités", against "comités"; "formt" as "fort", against "format").
bool far_slip(std::string_view a, std::string_view b) {
  const auto at = static_cast<std::size_t>(std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first - a.begin());
  if (at == a.size()) return false;
  const char x = a[at];
  if (a.size() == b.size() + 1) {  // `x` added
    if (a.substr(at + 1) != b.substr(at)) return false;
    for (const std::size_t beside : {at - 1, at + 1})
      if (beside < a.size() && (a[beside] == x || neighbouring_keys(x, a[beside]))) return false;
    return true;
  }
  if (a.size() != b.size() || a.substr(at + 1) != b.substr(at + 1)) return false;
  const char y = b[at];
  static constexpr std::string_view kVowels = "aeiouy";
  if (kVowels.find(x) != std::string_view::npos && kVowels.find(y) != std::string_view::npos) return false;
  return !neighbouring_keys(x, y);
}

// Is `b` the word `a` with two neighbouring letters swapped ("isoeles", "isolees")?
bool neighbours_swapped(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const auto at = std::mismatch(a.begin(), a.end(), b.begin()).first - a.begin();
  const auto i = static_cast<std::size_t>(at);
  return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
}

// Is `b` the word `a` with its first sound written another way, as it is heard ("kartier":
// "quartier", "sentre": "centre", "fotos": "photos")?
bool first_sound_slip(std::string_view a, std::string_view b) {
  static constexpr std::pair<std::string_view, std::string_view> kSounds[] = {
      {"k", "qu"}, {"k", "c"}, {"s", "c"}, {"c", "s"}, {"f", "ph"}, {"c", "qu"}, {"qu", "c"}};
  for (const auto& [typed, meant] : kSounds)
    if (a.starts_with(typed) && b.starts_with(meant) && a.substr(typed.size()) == b.substr(meant.size())) {
      // « c » is « s » before e, i, y only, and « k » before a, o, u: "sentre", not "salle" for "calle".
      const char next = b.size() > meant.size() ? b[meant.size()] : '\0';
      if ((meant == "c" && typed == "s") || (typed == "c" && meant == "s"))
        return std::string_view("eiy").find(next) != std::string_view::npos;
      if (meant == "c") return std::string_view("aou").find(next) != std::string_view::npos;
      return true;
    }
  return false;
}

// Is `b` the word `a` with another first letter only by a slip that keeps the word's sound or
// letters: the silent « h » left out ("abitants": "habitants"), the first two letters swapped
// ("avcances": "vacances"), or the first sound written as heard ("kartier": "quartier")?
bool first_letter_slip(std::string_view a, std::string_view b) {
  return (b.size() == a.size() + 1 && b[0] == 'h' && b.substr(1) == a) ||
         (a.size() >= 2 && a[0] == b[1] && a[1] == b[0] && neighbours_swapped(a, b)) || first_sound_slip(a, b);
}

// Is `b` the word `a` typed with two slips, one of them French spelling's commonest doubt: a double
// letter written single or a single one doubled ("aceuil": "accueil", « cc » written single and
// « ue » swapped; "apeller": "appeler"), the other a likely slip of one edit.
bool double_letter_doubt(std::string_view a, std::string_view b) {
  const auto single = [](std::string_view w, std::size_t i) {
    return std::string(w.substr(0, i)).append(w.substr(i + 1));
  };
  for (std::size_t i = 0; i + 1 < b.size(); ++i)
    if (b[i] == b[i + 1])
      if (const std::string s = single(b, i); text::edit_distance(a, s) == 1 && !far_slip(a, s)) return true;
  for (std::size_t i = 0; i + 1 < a.size(); ++i)
    if (a[i] == a[i + 1])
      if (const std::string s = single(a, i); text::edit_distance(s, b) == 1 && !far_slip(s, b)) return true;
  return false;
}

// The words one edit from `w` (a letter left out, added, replaced, or two neighbouring letters
// swapped), sorted: 54 × its length (a query is untrusted: none for a word longer than any French
// word).
std::vector<std::string> one_edit_from(const std::string& w) {
  std::vector<std::string> candidates;
  if (w.size() > kLongestFrenchWord) return candidates;
  for (std::size_t i = 0; i <= w.size(); ++i) {
    if (i < w.size()) candidates.push_back(w.substr(0, i) + w.substr(i + 1));
    if (i + 1 < w.size()) candidates.push_back(w.substr(0, i) + w[i + 1] + w[i] + w.substr(i + 2));
    for (char c = 'a'; c <= 'z'; ++c) {
      candidates.push_back(w.substr(0, i) + c + w.substr(i));
      if (i < w.size() && c != w[i]) candidates.push_back(w.substr(0, i) + c + w.substr(i + 1));
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates;
}

// The word after an elided article typed without its apostrophe ("lisolement": "isolement",
// "dagir": "agir"); "" when `w` starts with none before a vowel or an h. The articles and
// prepositions before a noun only: "couverture" is no "c'ouverture", "taxes" no "t'axes".
std::string after_glued_elision(const std::string& w) {
  for (const std::string_view article : {"qu", "l", "d"})
    if (w.size() > article.size() + 2 && w.starts_with(article) &&
        std::string_view("aeiouyh").find(w[article.size()]) != std::string_view::npos)
      return w.substr(article.size());
  return "";
}

}  // namespace

// Known: in the spelling table, which holds every word of the sheets' text (the index holds
// their stems) and of the vocabularies' labels.
bool Speller::in_spelling_table(const std::string& word) const { return spelling_frequency(word) > 0; }

// How many sheets write the word, plus one per vocabulary label that does.
Xapian::doccount Speller::spelling_frequency(const std::string& word) const {
  Xapian::TermIterator t = db_.spellings_begin();
  t.skip_to(word);
  return t != db_.spellings_end() && *t == word ? t.get_termfreq() : 0;
}

// Known for sure when one of the first sheets that hold its stem writes it so (their spelling
// value): a known word then costs a few value reads instead of Xapian's search for a
// suggestion, a quarter of a search's CPU (docs/performance.md). Not found there: the spelling
// table decides, below.
bool Speller::written_in_a_sheet(const std::string& word) const {
  const std::string term = "Z" + analyzer_.stem(word);
  int looked = 0;
  for (auto p = db_.postlist_begin(term); p != db_.postlist_end(term) && looked < 4; ++p, ++looked)
    if (spelling_value_holds(db_.get_document(*p, Xapian::DOC_ASSUME_VALID).get_value(kSlotSpelling), word))
      return true;
  return false;
}

// Another form of the same word (the same stem, only a short ending differing) is no correction:
// the search already finds it ("violences conjugales" offered "violence conjugale").
// "vieilissement" shares the stem of "vieillissement" but misspells it.
bool Speller::same_word(const std::string& w, const std::string& s) const {
  const auto common =
      static_cast<std::size_t>(std::mismatch(w.begin(), w.end(), s.begin(), s.end()).first - w.begin());
  return w.size() - common <= kEnding && s.size() - common <= kEnding && analyzer_.stem(s) == analyzer_.stem(w);
}

// Can `s`, a word of the sheets, be what was meant by `w`?
bool Speller::fits(const std::string& w, const std::string& s) const {
  // A short word is left out of a query ("paca" offered "pas", which searched everything).
  if (stopwords_.count(s)) return false;
  const auto edits = text::edit_distance(w, s);
  // Another first letter: typing slips seldom touch it, and a short word is then another word
  // ("errance" is no typo of "france", "vieux" of "lieux", "banque" of "manque"). Offered, it
  // would only mislead; a long word's is offered, never applied.
  if (s[0] != w[0] && (edits > 1 || w.size() < kLongWord) && !first_letter_slip(w, s)) return false;
  // An acronym is no spelling of a word ("ados" offered "ass", the ASS).
  if (synonyms_.acronym(s)) return false;
  // Two edits away, a short word or one that a single sheet writes is more likely another word
  // than the one meant ("voyage" is no typo of "voyait", which one sheet writes once; nor
  // "prison" of "prise", "tricot" of "trice", "maraude" of "marqué"), unless a doubt over a double
  // letter is one of the two slips and several sheets write it ("aceuil": "accueil").
  return edits <= 1 || (w.size() >= kLongWord && spelling_frequency(s) >= 2) ||
         (edits == 2 && (double_letter_doubt(w, s) || first_sound_slip(w, s)) && spelling_frequency(s) >= kCommonWord);
}

// The word of the sheets one edit from `w` that fits, the one most sheets write; "" when none
// does. The spelling table is read once, in order, for the candidates.
std::string Speller::nearest_fitting(const std::string& w, bool slips_only, const std::string& other_than) const {
  const std::vector<std::string> candidates = one_edit_from(w);
  std::string best;
  Xapian::doccount best_frequency = 0;
  Xapian::TermIterator t = db_.spellings_begin();
  for (const std::string& c : candidates) {
    t.skip_to(c);
    if (t == db_.spellings_end()) break;
    if (*t == c && t.get_termfreq() > best_frequency && c != w && (!slips_only || !far_slip(w, c)) &&
        (other_than.empty() || analyzer_.stem(c) != analyzer_.stem(other_than)) && fits(w, c)) {
      best = c;
      best_frequency = t.get_termfreq();
    }
  }
  return best;
}

// A French word one likely slip from `w` that no sheet writes, but whose stem the sheets hold,
// the stem most of them hold ("marginlaises": "marginalises", which no sheet writes, of
// "marginalisation"; folded); "" for a word typed whose stem the sheets hold (the search reads
// it already) or that is French (taken as meant). Of the candidates, the dictionary is asked
// only about those whose stem some sheet holds, the most held first.
std::string Speller::unwritten_form(const std::string& w) const {
  if (db_.term_exists("Z" + analyzer_.stem(w)) || known_french_word(w)) return "";
  std::vector<std::pair<std::string, std::string>> stems;  // stem term, candidate
  for (std::string& c : one_edit_from(w))
    if (c[0] == w[0] && !stopwords_.count(c) && !synonyms_.acronym(c) && !far_slip(w, c))
      stems.emplace_back("Z" + analyzer_.stem(c), std::move(c));
  // The index's terms read once, in order (as the spelling table is, nearest_fitting).
  std::sort(stems.begin(), stems.end());
  std::vector<std::pair<Xapian::doccount, std::string>> held;  // sheets holding the stem, candidate
  Xapian::TermIterator t = db_.allterms_begin("Z");
  for (auto& [term, c] : stems) {
    t.skip_to(term);
    if (t == db_.allterms_end("Z")) break;
    if (*t == term) held.emplace_back(t.get_termfreq(), std::move(c));
  }
  if (held.empty()) return "";
  // At equal frequency, the longer: a letter left out is the commonest slip ("potagrs": "potagers",
  // not "potages", an "e" for an "r").
  std::stable_sort(held.begin(), held.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second.size() > b.second.size();
  });
  for (const auto& [frequency, c] : held)
    if (known_french_word(c)) return c;
  return "";
}

// The acronyms of the vocabularies one likely slip from `w`, a word typed in capitals that no sheet
// writes, the most written first ("CAAF": « CAF »; "DEAS": « DEES », « DEASS »); none when `w` is
// an acronym or written. "DEJE" is « DEEJE », not the « déjà » of 20 sheets, whose stem it has.
std::vector<std::string> Speller::acronyms_one_slip_from(const std::string& w) const {
  if (synonyms_.acronym(w) || db_.term_exists(w) || in_spelling_table(w)) return {};
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (const std::string& c : one_edit_from(w))
    if (synonyms_.acronym(c) && !far_slip(w, c)) found.emplace_back(db_.get_termfreq(c), c);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& [frequency, c] : found) out.push_back(std::move(c));
  return out;
}

// A suggestion for each word the index does not know ("surendetement"), in its accented form:
// the query as typed, with those words replaced (the others kept as written: "diagnotic partagé"
// suggested "diagnostic partage", "pouvoir dagir" "pouvoir agir").
Spelling Speller::spelling(const RewrittenQuery& rq, const std::string& typed) const {
  Spelling out;
  std::map<std::string, std::string> corrections;  // folded word → its correction
  std::map<std::string, std::string> french;       // French words no sheet writes → a likely slip's word
  std::map<std::string, std::string> rivals;       // folded word → another word as likely meant
  const std::vector<Token> typed_words = analyzer_.tokenize(typed);
  const auto capitalised = [&](const std::string& w) {  // typed with a capital: "Lens", "Étampes"
    return std::any_of(typed_words.begin(), typed_words.end(), [&](const Token& t) {
      return t.term == w && starts_with_capital(std::string_view(typed).substr(t.begin));
    });
  };
  for (const std::string& w : rq.words) {
    if (w.size() < 4 || w.find_first_of("0123456789") != std::string::npos) continue;  // numbers are not misspelt
    if (std::find(rq.known.begin(), rq.known.end(), w) != rq.known.end()) {            // "RERS" is no typo of "vers"
      // But an acronym typed with a slip, which no sheet writes, is offered its acronym, never
      // replaced: an acronym unknown to the vocabularies may be meant all the same.
      if (capitalised(w))
        if (const std::vector<std::string> a = acronyms_one_slip_from(w); !a.empty()) {
          corrections[w] = a[0];
          out.clear = false;
          if (a.size() > 1 && rivals.size() < kMaxAlternatives) rivals[w] = a[1];
        }
      continue;
    }
    if (written_in_a_sheet(w)) continue;
    // A term of the synonym groups, narrower ones included, is a word of the vocabularies, not a
    // typo: « Freire », a synonym of the mode « conscientisation », was replaced by « freine ».
    if (const std::vector<Token> term = analyzer_.tokenize_stemmed(w); !synonyms_.match(term).empty()) continue;
    // Nor is a commune's name: « Lens » was replaced by « liens », « Metz » by « met », « Sète » by
    // « site », where no sheet is. Typed with its capital, it is the commune; in lower case, taken
    // as a French word (below): offered its word of the sheets one likely slip away when nothing
    // is found, never replaced (« grane », a commune, « grande »).
    const bool commune = !db_.get_metadata(commune_key(w)).empty();
    if (commune && capitalised(w)) continue;
    // An elided article typed without its apostrophe, on a phone or in haste ("lisolement",
    // "pouvoir dagir"): the word after it, which the sheets write, with the apostrophe. A slip
    // whatever the word's length, as two letters swapped; "lacces" was offered « lancés ».
    // Not when a word of the sheets is one likely slip away: "lile" is « Lille », not « l'île ».
    if (const std::string rest = after_glued_elision(w);
        !rest.empty() && (written_in_a_sheet(rest) || in_spelling_table(rest)) && !commune && !known_french_word(w) &&
        nearest_fitting(w, true).empty()) {
      const std::string rest_form = db_.get_metadata(form_key(rest));
      corrections[w] = w.substr(0, w.size() - rest.size()) + "'" + (rest_form.empty() ? rest : rest_form);
      ++out.corrected;
      continue;
    }
    // The suggestion before the spelling table's check: on a revision that later commits
    // overwrote, xapian-core 1.4.22's spellings_begin() leaks a B-tree cursor as it throws
    // DatabaseModifiedError (the Searcher then reopens), while get_spelling_suggestion reads the
    // same table and throws first, cleanly.
    std::string s = db_.get_spelling_suggestion(w, 2), form;
    if (s == w || in_spelling_table(w) || (!s.empty() && same_word(w, s))) continue;
    // Xapian gives its one best suggestion, the most frequent word that near: when it does not
    // fit, a less frequent word one edit away may ("cntre": "entre", a short word, then
    // "centre"; "otenir": "tenir", another first letter, then "obtenir"), a likely slip first
    // ("june": « une », a short word, then « jeune », not « juge », a far key).
    if (!s.empty() && !fits(w, s)) {
      s = nearest_fitting(w, true);
      if (s.empty()) s = nearest_fitting(w);
    }
    // A far key, replacing a letter or added, is the rarest slip: a word that a likelier one
    // explains comes first ("lanue": "langue", not "lancé"; "cmités": "comités", not "cités").
    else if (!s.empty() && far_slip(w, s))
      if (std::string likelier = nearest_fitting(w, true); !likelier.empty()) s = likelier;
    // No word of the sheets one edit away: a French form one likely slip away that none writes,
    // of a word they write in another form ("marginlaisés": "marginalisés", of
    // "marginalisation"; "simlifiée": "simplifiée", not "simplifier", two edits away).
    bool unwritten = false;
    if (!commune && (s.empty() || text::edit_distance(w, s) > 1))
      if (std::string u = unwritten_form(w); !u.empty()) {
        s = std::move(u);
        unwritten = true;
        // Its spelling nearest the word as typed: "marginlaisés" is "marginalisés", not the
        // verb's "marginalises".
        const std::string written = as_typed(typed, w);
        for (const std::string& spelling : french_spellings(s))
          if (form.empty() || text::edit_distance(spelling, written) < text::edit_distance(form, written))
            form = spelling;
      }
    if (s.empty()) continue;
    if (!unwritten) {
      if (same_word(w, s)) continue;
      // The word's own stem finds sheets ("hommes": "homme"), which the search reads already. The
      // dictionary (below) tells such a form of a word from a typo whose stem happens to be that
      // of other words ("conceptation": "concept"; "devenne": "deven", of "devenir"), whose
      // suggestion is offered ("concertation", "devienne"), not applied: the word typed found
      // sheets. Without the dictionary, a word of another stem is taken for another word
      // ("nommés" for "hommes"), not suggested.
      if (analyzer_.stem(s) != analyzer_.stem(w) && db_.term_exists("Z" + analyzer_.stem(w)) &&
          !has_french_dictionary())
        continue;
      // A French word is no typo, written in no sheet as it may be: "détenus" is not "devenus",
      // "votre" not "voire" (bench/spelling: 79 of the 1,000 most frequent words of service-public
      // pages that no sheet writes were replaced so). Asked last, as the dictionary loads on first
      // use. Its word one likely slip away is kept for a query that finds nothing ("menton":
      // "mention"; Spelling::if_nothing_found).
      form = db_.get_metadata(form_key(s));
      if (commune || known_french_word(w)) {
        // A word whose stem one sheet holds is as likely a name (« galère »: « Galery », a person's).
        // A word found by its own stem is meant (« récit », which a sheet writes « récits », was
        // offered « reçoit »).
        if (text::edit_distance(w, s) <= 1 && !far_slip(w, s) && db_.get_termfreq("Z" + analyzer_.stem(s)) >= 2 &&
            !db_.term_exists("Z" + analyzer_.stem(w)))
          french[w] = form.empty() ? s : form;
        continue;
      }
    }
    const auto edits = text::edit_distance(w, s);
    // A far key in a short word is as likely another word, an acronym typed in lower case ("cpam"
    // was replaced by « cnam », p for n): offered, not applied.
    out.clear = out.clear && (s[0] == w[0] || first_letter_slip(w, s)) &&
                (edits <= 1 || spelling_frequency(s) >= kCommonWord) &&
                !(w.size() < kShortWithFarKey && far_slip(w, s));
    if (!neighbours_swapped(w, s)) out.shortest = std::min(out.shortest, w.size());
    ++out.corrected;
    corrections[w] = form.empty() ? s : form;
    // Another word as likely meant: neither is applied, both are offered.
    if (edits == 1 && !far_slip(w, s) && rivals.size() < kMaxAlternatives)
      if (const std::string r = nearest_fitting(w, true, s);
          !r.empty() && spelling_frequency(r) * kClearlyMoreWritten > spelling_frequency(s)) {
        out.clear = false;
        const std::string r_form = db_.get_metadata(form_key(r));
        rivals[w] = r_form.empty() ? r : r_form;
      }
  }
  if (!corrections.empty()) out.suggestion = replaced(typed, corrections);
  for (const auto& [w, r] : rivals) {
    std::map<std::string, std::string> other = corrections;
    other[w] = r;
    out.alternatives.push_back(replaced(typed, other));
  }
  if (!french.empty()) {
    french.insert(corrections.begin(), corrections.end());
    out.if_nothing_found = replaced(typed, french);
  }
  return out;
}

// The word `w` (folded) as typed in `typed`, its accents kept; "" when not there.
std::string Speller::as_typed(const std::string& typed, const std::string& w) const {
  for (const Token& t : analyzer_.tokenize(typed))
    if (!t.joined && t.term == w) {
      const std::size_t begin = word_begin(typed, t);
      return typed.substr(begin, t.end - begin);
    }
  return "";
}

// The query as typed, its words in `corrections` (folded) replaced.
std::string Speller::replaced(const std::string& typed, const std::map<std::string, std::string>& corrections) const {
  std::string suggestion = typed;
  const std::vector<Token> tokens = analyzer_.tokenize(typed);
  for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) {  // from the end: offsets stay valid
    const auto c = corrections.find(t->term);
    if (t->joined || c == corrections.end()) continue;
    // An elided article stays ("d'acceuil": "d'accueil"): only what follows its apostrophe goes.
    const std::size_t begin = word_begin(typed, *t);
    // In the case typed: « MOBILISATON DES HABITANTS » offered « mobilisation DES HABITANTS ».
    suggestion.replace(begin, t->end - begin, text::in_case_of(c->second, typed.substr(begin, t->end - begin)));
  }
  std::istringstream words(suggestion);  // spaces as one, none around
  std::vector<std::string> kept;
  for (std::string w; words >> w;) kept.push_back(w);
  return text::join(kept);
}

}  // namespace pratiques
