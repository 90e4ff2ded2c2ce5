#include "pratiques/text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace pratiques::text {

std::size_t invalid_utf8_offset(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

static std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string nfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString r = n->normalize(u, status);
  return U_FAILURE(status) ? std::string(s) : to_utf8(r);
}

std::string nfkc_visible(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString visible;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
    if (const UChar32 c = u.char32At(i); u_charType(c) != U_FORMAT_CHAR) visible.append(c);
  const icu::UnicodeString r = n->normalize(visible, status);
  return U_FAILURE(status) ? std::string(s) : to_utf8(r);
}

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::string filing_key(std::string_view title) {
  std::string key = fold(title);
  // fold() took the accents off: the first ASCII letter or digit is the first letter.
  key.erase(key.begin(),
            std::find_if(key.begin(), key.end(), [](unsigned char c) { return c < 0x80 && std::isalnum(c); }));
  return key;
}

std::string title_key(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), icu::UnicodeString("'"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x00A0)), icu::UnicodeString(" "));
  u.foldCase();
  return trim(nfc(to_utf8(u)));
}

// Appends the folded form of one code point to `out`.
static void fold_codepoint(UChar32 c, icu::UnicodeString& out) {
  switch (c) {
    case 0x0153:
    case 0x0152: out.append(icu::UnicodeString("oe")); return;  // œ Œ
    case 0x00E6:
    case 0x00C6: out.append(icu::UnicodeString("ae")); return;  // æ Æ
    case 0x2019:
    case 0x02BC:
    case 0x2018: out.append(static_cast<UChar32>('\'')); return;
    default: break;
  }
  if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) return;
  out.append(c);
}

std::string fold_with_icu(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  icu::UnicodeString d = U_SUCCESS(status) ? nfd->normalize(u, status) : u;
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    fold_codepoint(c, out);
    i += U16_LENGTH(c);
  }
  out.foldCase();
  return to_utf8(out);
}

namespace {

// The folded form of each code point of Latin-1, Latin Extended-A and -B (U+0080–U+024F) and of
// General Punctuation to the currency signs (U+2000–U+20CF), computed once by fold_with_icu. Once
// combining marks are dropped, folding goes code point by code point (NFD only reorders marks, and
// full case folding has no context), so a text made of ASCII and of these folds piece by piece,
// without converting it to UTF-16 twice (a tenth of a full index went there).
struct FoldTable {
  static constexpr char32_t kLatinEnd = 0x250, kPunctuationBegin = 0x2000, kPunctuationEnd = 0x20D0;
  std::vector<std::string> latin, punctuation;
  FoldTable() {
    auto fold_one = [](char32_t c) {
      icu::UnicodeString u(static_cast<UChar32>(c));
      std::string utf8;
      u.toUTF8String(utf8);
      return fold_with_icu(utf8);
    };
    for (char32_t c = 0x80; c < kLatinEnd; ++c) latin.push_back(fold_one(c));
    for (char32_t c = kPunctuationBegin; c < kPunctuationEnd; ++c) punctuation.push_back(fold_one(c));
  }
  // The folded form of the code point at s[i], advancing i; nullptr when the table does not hold it
  // (another script, a combining mark, invalid UTF-8).
  const std::string* next(std::string_view s, std::size_t& i) const {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const auto continuation = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
    if (b(i) >= 0xC2 && b(i) <= 0xDF && continuation(i + 1)) {
      const char32_t c = (char32_t(b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
      if (c >= kLatinEnd) return nullptr;
      i += 2;
      return &latin[c - 0x80];
    }
    if (b(i) == 0xE2 && continuation(i + 1) && continuation(i + 2)) {
      const char32_t c = (char32_t(0x2) << 12) | (char32_t(b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
      if (c < kPunctuationBegin || c >= kPunctuationEnd) return nullptr;
      i += 3;
      return &punctuation[c - kPunctuationBegin];
    }
    return nullptr;
  }
};

}  // namespace

bool fold_latin(std::string_view s, std::string& out) {
  static const FoldTable table;
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
    } else if (const std::string* folded = table.next(s, i)) {
      out += *folded;
    } else {
      return false;
    }
  }
  return true;
}

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  return fold_latin(s, out) ? out : fold_with_icu(s);
}

std::string lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toLower(icu::Locale::getFrench());
  return to_utf8(u);
}

std::string in_case_of(std::string_view word, std::string_view model) {
  const icu::UnicodeString m = icu::UnicodeString::fromUTF8(icu::StringPiece(model.data(), model.size()));
  int32_t letters = 0, capitals = 0;
  for (int32_t i = 0; i < m.length(); i = m.moveIndex32(i, 1))
    if (const UChar32 c = m.char32At(i); u_isalpha(c)) {
      ++letters;
      capitals += u_isupper(c) ? 1 : 0;
    }
  if (capitals == 0) return std::string(word);
  icu::UnicodeString w = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), word.size()));
  if (letters >= 2 && capitals == letters) return to_utf8(w.toUpper(icu::Locale::getFrench()));
  if (u_isupper(m.char32At(0)) && !w.isEmpty())
    w.replace(0, U16_LENGTH(w.char32At(0)), static_cast<UChar32>(u_totitle(w.char32At(0))));
  return to_utf8(w);
}

std::string slugify(std::string_view s) {
  std::string f = fold(s);
  std::string out;
  bool dash = false;
  for (unsigned char c : f) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (dash && !out.empty()) out += '-';
      out += static_cast<char>(c);
      dash = false;
    } else if (c == '\'') {
      // "l'action" → "laction": an apostrophe joins, it does not separate.
    } else {
      dash = true;
    }
  }
  return out;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

static std::u32string code_points(std::string_view s) {
  std::u32string out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    out.push_back(static_cast<char32_t>(c < 0 ? 0xFFFD : c));
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string x = code_points(a), y = code_points(b);
  std::vector<std::size_t> before(y.size() + 1), prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string w = fold(word);
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, length(w) / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(w, fold(c));
    // A candidate that contains the word (or the reverse) is a good guess too.
    const std::string fc = fold(c);
    if (w.size() >= 4 && (fc.find(w) != std::string::npos || w.find(fc) != std::string::npos))
      d = std::min<std::size_t>(d, 1);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ' ';
    out += item;
  }
  return out;
}

std::string html_escape(std::string_view s, bool apostrophe) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'':
        if (apostrophe)
          out += "&#39;";
        else
          out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace pratiques::text
