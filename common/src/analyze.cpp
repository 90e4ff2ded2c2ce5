#include "pratiques/analyze.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <unordered_map>

#include "pratiques/text.h"
#include "pratiques/word_class.h"
#include "snowball_misreadings.h"

namespace pratiques {

namespace {

// French elided articles and pronouns; the folded apostrophe is always '.
constexpr std::array<std::string_view, 12> kElisions = {"jusqu'", "lorsqu'", "puisqu'", "qu'", "l'", "d'",
                                                        "j'",     "n'",      "s'",      "c'",  "m'", "t'"};

bool is_hyphen(std::string_view s) {
  return s == "-" || s == "\xE2\x80\x90" || s == "\xE2\x80\x91";  // - ‐ ‑
}

bool all_upper(std::string_view s) {
  bool letter = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// Folded form of a written word. Words of ASCII and Latin letters (all of a French text, nearly)
// fold cheaply (text::fold_latin reads a table) and skip the cache, whose lookup costs more than
// that; the others are memoised per thread, since ICU normalisation is the costly part of analysis
// and a corpus repeats a limited vocabulary.
const std::string& folded(std::string_view piece) {
  thread_local std::string latin;
  if (text::fold_latin(piece, latin)) {
    strip_elision(latin);
    return latin;
  }
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local std::string key;
  key.assign(piece);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  std::string term = text::fold(piece);
  strip_elision(term);
  return cache.emplace(key, std::move(term)).first->second;
}

icu::BreakIterator& word_breaker() {
  // BreakIterator instances are not thread-safe: one per thread.
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(icu::BreakIterator::createWordInstance(icu::Locale::getFrench(), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU: impossible de créer le découpeur de mots");
    return b;
  }();
  return *it;
}

}  // namespace

namespace {
// "immigrees" → "immigre", "isolee" → "isole" (Analyzer::stem).
std::string without_folded_ee(const std::string& term) {
  const auto ends = [&](std::string_view end) {
    return term.size() > end.size() + 2 && term.compare(term.size() - end.size(), end.size(), end) == 0;
  };
  if (ends("ees")) return term.substr(0, term.size() - 2);
  if (ends("ee")) return term.substr(0, term.size() - 1);
  return term;
}

// The masculine of a folded feminine that Snowball stems apart from it, or empty:
// - in "-ière": Snowball stems "infirmier" and "infirmiers" as "infirmi", "infirmière" as
//   "infirmier" (also "première", "financière", "particulière", "saisonnière"). "manière" is no
//   feminine ("manier", "manie");
// - in "-aise": Snowball reads the "-ais" of the masculine as the imperfect ("lyonnais": "lyon",
//   "français": "franc"), not the "-aise" of the feminine ("lyonnaise": "lyonnais"). Some words in
//   "-aise" are no feminines ("chaise", "apaise": is_no_feminine);
// - in "-quise": "acquis" and "acquise(s)", "exquis" and "exquise";
// - in "-euse": Snowball keeps the "-eur" of a noun ("travailleur", "chercheur") and reads "-euse"
//   as the feminine of "-eux" ("chercheux") or takes it off ("travaill", as "travail",
//   "travailler"). The feminine of an adjective in "-eux" ("heureuse", "creuse":
//   is_feminine_of_eux) has the stem of that adjective, which Snowball gives most of them;
// - in "-trice": Snowball takes off "-ateur" and "-atrice" alike ("animat(eur|rice)": "anim"),
//   not "-teur" ("directeur", "médiateur") nor "-trice" ("directric", "mediatric");
// - in "-ive", of some adjectives in "-if": Snowball keeps the "f" and takes off the "e" ("actif",
//   "activ"; "créatif", "creativ"), where "-if" is not in the word's last part (R2).
std::string masculine_of(const std::string& term) {
  std::string_view word = term;
  if (word.ends_with('s')) word.remove_suffix(1);
  const auto without = [&](std::size_t n, std::string_view end) {
    return std::string(word.substr(0, word.size() - n)) + std::string(end);
  };
  // Before the length check: "juive" has five letters.
  if (word.ends_with("ive") && splits_feminine_in_ive(without(3, "if"))) return without(3, "if");
  if (word.size() < 6) return {};
  if (word.ends_with("iere") && !word.starts_with("maniere")) return without(4, "ier");
  if ((word.ends_with("aise") && !is_no_feminine(word)) || word.ends_with("quise")) return without(1, "");
  if (word.ends_with("euse")) return without(4, is_feminine_of_eux(word) ? "eux" : "eur");
  if (word.ends_with("trice") && !is_no_feminine(word)) return without(5, "teur");
  return {};
}

// Words repeat a lot within and across sheets: a bounded per-thread cache of stems. Xapian::Stem
// is not thread-safe, and the index is built on several threads: each stems with its own.
const std::string& folded_french_stem(const std::string& term) {
  thread_local std::unordered_map<std::string, std::string> cache;
  thread_local Xapian::Stem french("french");
  auto it = cache.find(term);
  if (it != cache.end()) return it->second;
  if (cache.size() > 200000) cache.clear();
  // Snowball's French stemmer misreads some words (snowball_misreadings.h): they get a stem of
  // their own, and a plural it reads as another word gets its singular's.
  if (const std::string* own = own_stem(term)) return cache.emplace(term, *own).first->second;
  if (const std::string_view singular = singular_of_misread_plural(term); !singular.empty()) {
    std::string stem = folded_french_stem(std::string(singular));
    return cache.emplace(term, std::move(stem)).first->second;
  }
  if (const std::string masculine = masculine_of(term); !masculine.empty()) {
    std::string stem = folded_french_stem(masculine);
    return cache.emplace(term, std::move(stem)).first->second;
  }
  // A plural's "s" after a vowel: Snowball keeps it ("revenus", "détenus", "photos", "appuis"), so
  // that the plural had a stem of its own: `revenus` found none of the sheets that say "revenu".
  // It is taken off first, from a word of five letters or more; an invariable word then gets a
  // stem no other word has ("processus": "processu"). Kept: the words whose family has the "s"
  // (keeps_final_s). After "-ai" and "-oi", only the nouns' plurals lose it
  // (singular_of_misread_plural): "lillois" and "lilloise", "mauvais", are no plurals.
  static constexpr std::string_view plural_ends[] = {"as", "os", "us", "uis"};
  if (term.size() >= 5 && !keeps_final_s(term) &&
      std::any_of(std::begin(plural_ends), std::end(plural_ends),
                  [&](std::string_view end) { return term.ends_with(end); })) {
    std::string singular = folded_french_stem(term.substr(0, term.size() - 1));
    return cache.emplace(term, std::move(singular)).first->second;
  }
  std::string stem = french(without_folded_ee(term));
  // A verb's third person plural ("animent", "mènent", "participent"): Snowball leaves it whole, so
  // that `animent` found no sheet and `participent` 13, against 55 for `participer`. It has the stem
  // of its infinitive in "-er" ("animer": "anim"), as the other forms of the verb have; a verb in
  // "-ir" or "-re" mostly gets its other forms' stem so too ("partent": "part", "soutiennent":
  // "soutien"). Not a noun, adjective or adverb (is_no_verb_form_in_ent: "parent", "président",
  // "souvent"), nor "-tient" and "-vient", the singular of "tenir" and "venir" ("soutient").
  if (stem == term && term.size() >= 6 && term.ends_with("ent") && !term.ends_with("tient") &&
      !term.ends_with("vient") && !is_no_verb_form_in_ent(term))
    stem = folded_french_stem(term.substr(0, term.size() - 3) + "er");
  return cache.emplace(term, std::move(stem)).first->second;
}

class FoldedFrenchStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return folded_french_stem(word); }
  std::string get_description() const override { return "french, folded"; }
};
}  // namespace

Analyzer::Analyzer() : stemmer_(new FoldedFrenchStem) {}

namespace {

// Feeds the word-break pieces of `text` to `piece(start, end, is_word)` as ICU's word break
// iterator does (UAX #29: letters and digits together; a letter, one of . ' ’ ‘ ·, a letter; a
// digit, one of . ' ’ ‘ , ;, a digit), when every character of `text` has a class (word_class.h);
// otherwise feeds nothing and returns false. Pieces that are not words come one character at a
// time (ICU keeps runs of spaces together: nothing reads them but the hyphen test, see tokenize).
// Word breaking is most of the cost of an extract; tests compare this with ICU.
template <class Piece>
bool latin_pieces(std::string_view text, Piece&& piece) {
  thread_local std::vector<WordClass> classes;
  thread_local std::vector<std::size_t> starts;  // of each character, and the end of the text
  classes.clear();
  starts.clear();
  for (std::size_t i = 0; i < text.size();) {
    WordClass cls{};
    std::size_t length = 0;
    if (!word_class(text, i, cls, length)) return false;
    classes.push_back(cls);
    starts.push_back(i);
    i += length;
  }
  starts.push_back(text.size());
  const std::size_t n = classes.size();
  const auto is = [&](std::size_t k, WordClass c) { return k < n && classes[k] == c; };
  const auto alnum = [&](std::size_t k) { return is(k, WordClass::Letter) || is(k, WordClass::Digit); };
  for (std::size_t i = 0; i < n;) {
    if (!alnum(i)) {
      piece(starts[i], starts[i + 1], false);
      ++i;
      continue;
    }
    std::size_t last = i;
    while (true) {
      if (alnum(last + 1)) {
        ++last;
      } else if (is(last, WordClass::Letter) && is(last + 2, WordClass::Letter) &&
                 (is(last + 1, WordClass::MidNumLet) || is(last + 1, WordClass::MidLetter))) {
        last += 2;
      } else if (is(last, WordClass::Digit) && is(last + 2, WordClass::Digit) &&
                 (is(last + 1, WordClass::MidNumLet) || is(last + 1, WordClass::MidNum))) {
        last += 2;
      } else {
        break;
      }
    }
    piece(starts[i], starts[last + 1], true);
    i = last + 1;
  }
  return true;
}

// The same with ICU's word break iterator (any text).
template <class Piece>
void icu_pieces(std::string_view text, Piece&& piece) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return;
  icu::BreakIterator& bi = word_breaker();
  bi.setText(ut, status);
  int32_t start = bi.first();
  for (int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next())
    piece(static_cast<std::size_t>(start), static_cast<std::size_t>(end), bi.getRuleStatus() != UBRK_WORD_NONE);
  utext_close(ut);
}

// An initialism written with dots, folded ("c.c.a.s", "r.s.a"): its letters, as the acronym is
// written without them ("ccas"); « C.C.A.S. » found nothing. Any other word stays.
void join_initialism(std::string& term) {
  if (term.size() < 3 || term[1] != '.') return;
  std::string letters;
  for (std::size_t i = 0; i < term.size(); i += 2) {
    if (term[i] < 'a' || term[i] > 'z' || (i + 1 < term.size() && term[i + 1] != '.')) return;
    letters += term[i];
  }
  term = std::move(letters);
}

// Tokens from the pieces of a text, in order, with the whole forms of hyphenated compounds.
class TokenBuilder {
 public:
  explicit TokenBuilder(std::string_view text) : text_(text) {
    out_.reserve(text.size() / 6 + 4);  // French averages ~6 bytes a word with its space
  }
  void operator()(std::size_t start, std::size_t end, bool word) {
    const std::string_view piece = text_.substr(start, end - start);
    if (!word) {
      // Compound tracking: parts of "co-formation" separated by a single hyphen, no space.
      if (is_hyphen(piece) && compound_parts_ > 0 && last_end_ == start) {
        pending_hyphen_ = true;
      } else {
        flush_compound();
        pending_hyphen_ = false;
      }
      return;
    }
    Token t;
    t.term = folded(piece);
    if (t.term.empty()) return;
    // A feminine or plural ending glued in brackets to its word, as the professions' labels write
    // it (« Intervenant(e) social(e) », « intervenant(e)s »): no word, so that the words around
    // it are in a row (`"intervenant social"` missed the label, `"coordonnateur social"` found
    // nothing).
    if (gloss_of_previous_word(start, end, t.term) ||
        (start == gloss_end_ && (t.term == "s" || t.term == "es" || t.term == "x"))) {
      gloss_end_ = std::string::npos;
      if (start > 0 && text_[start - 1] == '(') gloss_end_ = end + 1;
      return;
    }
    join_initialism(t.term);
    t.begin = start;
    t.end = end;
    t.upper = all_upper(piece);
    // An elided article typed with a space for its apostrophe ("pouvoir d agir", "l enfance"), as
    // on a phone: left out as an apostrophe's is, so that the words around it are in a row as in
    // "d'agir" (`"pouvoir d agir"` found nothing, `caisse d allocations familiales` missed the
    // group).
    if (!out_.empty() && elided_with_a_space(out_.back(), t)) out_.pop_back();
    if (!(pending_hyphen_ && last_end_ + 1 <= t.begin)) flush_compound();
    if (compound_parts_ == 0) compound_begin_ = t.begin;
    compound_ += t.term;
    ++compound_parts_;
    last_end_ = t.end;
    pending_hyphen_ = false;
    out_.push_back(std::move(t));
  }
  std::vector<Token> finish() {
    flush_compound();
    return std::move(out_);
  }

 private:
  // Is the word at [start, end) an inflection's ending in brackets glued to the word before it
  // ("(e)" of « social(e) »)?
  bool gloss_of_previous_word(std::size_t start, std::size_t end, const std::string& term) const {
    static const std::set<std::string> kEndings = {"e",      "es",   "s",   "ne",  "nes",  "le",   "les",   "trice",
                                                   "trices", "rice", "ice", "ere", "eres", "euse", "euses", "se"};
    return start >= 2 && last_end_ == start - 1 && text_[start - 1] == '(' && end < text_.size() && text_[end] == ')' &&
           kEndings.count(term);
  }
  // Is `article` an elided article written apart, one space before `word`?
  bool elided_with_a_space(const Token& article, const Token& word) const {
    return !article.joined && word.begin == article.end + 1 && text_[article.end] == ' ' &&
           Analyzer::elided_article_apart(text_.substr(article.begin, article.end - article.begin), word.term);
  }
  void flush_compound() {
    if (compound_parts_ > 1) {
      Token t;
      t.term = compound_;
      t.begin = compound_begin_;
      t.end = last_end_;
      t.joined = true;
      out_.push_back(std::move(t));
    }
    compound_.clear();
    compound_parts_ = 0;
  }

  std::string_view text_;
  std::vector<Token> out_;
  std::string compound_;
  std::size_t compound_begin_ = 0, compound_parts_ = 0, last_end_ = std::string::npos;
  bool pending_hyphen_ = false;
  std::size_t gloss_end_ = std::string::npos;  // just after a gloss's closing bracket ("(e)|s")
};

// `text` with each narrow no-break space (U+202F, the French space before « ? ; ! : » and inside
// « »), as three spaces: the same bytes, the offsets unchanged. Unicode's word breaking makes it
// join words (Word_Break ExtendNumLet): "CAF MSA" would be one word, "ISIC !" the word "isic ".
// `storage` holds the copy when there is one.
std::string_view narrow_spaces_as_spaces(std::string_view text, std::string& storage) {
  constexpr std::string_view kNarrow = "\u202f";
  if (text.find(kNarrow) == std::string_view::npos) return text;
  storage.assign(text);
  for (auto at = storage.find(kNarrow); at != std::string::npos; at = storage.find(kNarrow, at + 3))
    storage.replace(at, 3, "   ");
  return storage;
}

}  // namespace

std::vector<Token> Analyzer::tokenize(std::string_view original) const {
  std::string storage;
  const std::string_view text = narrow_spaces_as_spaces(original, storage);
  TokenBuilder tokens(text);
  if (!latin_pieces(text, tokens)) icu_pieces(text, tokens);
  return tokens.finish();
}

std::vector<Token> Analyzer::tokenize_with_icu(std::string_view original) const {
  std::string storage;
  const std::string_view text = narrow_spaces_as_spaces(original, storage);
  TokenBuilder tokens(text);
  icu_pieces(text, tokens);
  return tokens.finish();
}

std::vector<Token> Analyzer::tokenize_stemmed(std::string_view text) const {
  std::vector<Token> tokens = tokenize(text);
  for (Token& t : tokens) t.stem = stem(t.term);
  return tokens;
}

const std::string& Analyzer::stem(const std::string& term) const { return folded_french_stem(term); }

std::uint32_t Analyzer::beginning(std::string_view folded) {
  const std::size_t n = std::min<std::size_t>(3, folded.size());
  std::uint32_t out = static_cast<std::uint32_t>(n);
  for (std::size_t i = 0; i < 3; ++i) {
    const unsigned char c = i < n ? static_cast<unsigned char>(folded[i]) : 0;
    out = (out << 8) | (c == 'y' ? 'i' : c);
  }
  return out;
}

bool Analyzer::elided_article_apart(std::string_view written, std::string_view next) {
  static constexpr std::string_view articles[] = {"l", "d", "j", "n", "s", "c", "m", "t", "qu"};
  return std::find(std::begin(articles), std::end(articles), written) != std::end(articles) && !next.empty() &&
         std::string_view("aeiouyh").find(next[0]) != std::string_view::npos;
}

void strip_elision(std::string& term) {
  if (term.find('\'') == std::string::npos) return;  // most words
  for (std::string_view e : kElisions) {
    if (term.size() > e.size() && term.compare(0, e.size(), e) == 0) {
      term.erase(0, e.size());
      return;
    }
  }
}

// Not after an apostrophe of the word itself ("l'entr'aide": "entr'aide", whose correction is
// « entraide »).
std::size_t word_begin(std::string_view text, const Token& t) {
  const std::string_view written = text.substr(t.begin, t.end - t.begin);
  std::vector<std::size_t> after;  // the offsets after each apostrophe written
  for (std::size_t i = 0; i < written.size(); ++i)
    for (std::string_view apostrophe : {"'", "\u2019"})
      if (written.substr(i).starts_with(apostrophe)) after.push_back(i + apostrophe.size());
  const auto own = static_cast<std::size_t>(std::count(t.term.begin(), t.term.end(), '\''));
  return after.size() > own ? t.begin + after[after.size() - own - 1] : t.begin;
}

std::string Analyzer::fold_query_word(std::string_view word) const {
  std::string term = text::fold(word);
  strip_elision(term);
  return term;
}

bool spells_a_word(const std::string& folded) {
  static const std::set<std::string> words = {
      "cas", "a",   "as",  "au",   "aux",  "ce",  "de",  "des", "du", "en",  "es",  "et",  "il", "la", "le",
      "les", "ma",  "me",  "ne",   "of",   "on",  "ou",  "sa",  "se", "ses", "son", "sur", "ta", "te", "un",
      "une", "par", "pas", "pour", "plus", "qui", "que", "ni",  "si", "tu",  "va",  "vu",  "ds"};
  return words.count(folded) > 0;
}

void WrittenForms::seen(const std::string& term, std::string_view written) {
  // The word after an elided article ("l'intergénérationnel"): such a form was not counted, and a
  // word that the sheets write mostly so was shown unaccented.
  for (std::string_view apostrophe : {"'", "\xE2\x80\x99"})
    if (const auto at = written.rfind(apostrophe); at != std::string_view::npos)
      written.remove_prefix(at + apostrophe.size());
  if (written.size() == term.size()) {  // no accent, no ligature
    ++terms_[term].plain;
    return;
  }
  std::string form = text::lower(written);
  if (text::fold(form) != term) return;  // "aujourd'hui": not the word itself
  Counts& c = terms_[term];
  if (c.form.empty()) c.form = std::move(form);
  ++c.accented;
}

void WrittenForms::merge(const WrittenForms& later) {
  for (const auto& [term, l] : later.terms_) {
    Counts& c = terms_[term];
    if (c.form.empty()) c.form = l.form;
    c.accented += l.accented;
    c.plain += l.plain;
  }
}

std::map<std::string, std::string> WrittenForms::usual_accented() const {
  std::map<std::string, std::string> out;
  for (const auto& [term, c] : terms_)
    if (c.accented > c.plain) out.emplace(term, c.form);
  return out;
}

bool starts_with_capital(std::string_view text) {
  UChar32 c = 0;
  std::int32_t i = 0;
  U8_NEXT(text.data(), i, static_cast<std::int32_t>(text.size()), c);
  return c > 0 && u_isupper(c);
}

// Each word's "Z"-stem at the word's position; an acronym as written too, and instead of its stem
// when in capitals.
Xapian::termpos index_tokens(Xapian::Document& doc, std::string_view text, const std::vector<Token>& tokens,
                             Xapian::termcount weight, const std::string& prefix, Xapian::termpos pos,
                             WrittenForms* forms, const std::set<std::string>* acronyms,
                             const std::set<std::string>* places) {
  std::string term = prefix, stem = "Z" + prefix;
  for (const Token& t : tokens) {
    if (t.term.size() > 64) continue;  // Xapian terms are bounded; such "words" are noise
    if (forms && !t.joined) forms->seen(t.term, text.substr(t.begin, t.end - t.begin));
    const Xapian::termpos at = t.joined ? pos : ++pos;  // a joined compound shares the last part's position
    if (acronyms && acronyms->count(t.term)) {
      // An acronym is sought as written, with its positions (QueryRewriter; a section's word is
      // found by them): in capitals without a stem; in lower case with its stem, unless it is
      // then a French word ("de" is not the DE of a diploma).
      const unsigned char first = static_cast<unsigned char>(text[t.begin]);
      const bool capitals = first >= 'A' && first <= 'Z';
      if (capitals || !spells_a_word(t.term)) {
        term.resize(prefix.size());
        term += t.term;
        doc.add_posting(term, at, weight);
      }
      if (capitals) continue;
    }
    // Not a part of a hyphenated name: the « Auvergne » of « Auvergne-Rhône-Alpes » is no Auvergne.
    const bool part = (t.begin > 0 && text[t.begin - 1] == '-') || (t.end < text.size() && text[t.end] == '-');
    // Its capital after an elided article: « vallée de l'Aube » (the token starts at « l' »).
    const auto after_elision = [&] {
      std::string_view word = text.substr(t.begin, t.end - t.begin);
      for (const std::string_view apostrophe : {"'", "\u2019"})
        if (const auto at = word.rfind(apostrophe); at != std::string_view::npos)
          word.remove_prefix(at + apostrophe.size());
      return word;
    };
    if (places && !part && places->count(t.term) && starts_with_capital(after_elision())) {
      term.resize(prefix.size());
      term += t.term;
      doc.add_posting(term, at, weight);
    }
    stem.resize(prefix.size() + 1);
    stem += t.stem;
    doc.add_posting(stem, at, weight);
  }
  return pos + 1;  // a gap so phrases never span two fields
}

Xapian::termpos index_text(Xapian::Document& doc, const Analyzer& analyzer, std::string_view text,
                           Xapian::termcount weight, const std::string& prefix, Xapian::termpos pos,
                           WrittenForms* forms, const std::set<std::string>* acronyms) {
  return index_tokens(doc, text, analyzer.tokenize_stemmed(text), weight, prefix, pos, forms, acronyms);
}

}  // namespace pratiques
