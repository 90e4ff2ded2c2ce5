// How word breaking reads the characters French texts are written in: Analyzer::tokenize breaks
// such texts itself, as ICU's word break iterator does, and leaves the others to ICU; extracts
// (snippet.cpp) scan texts with the same classes. Inline: both read every character of a text.
#pragma once
#include <cstddef>
#include <string_view>

namespace pratiques {

// What a character is to word breaking (Unicode's Word_Break property, UAX #29) for the characters
// French texts are written in; any other character makes Analyzer::tokenize leave the text to ICU.
enum class WordClass : unsigned char { Other, Letter, Digit, MidNumLet, MidNum, MidLetter };

// The class of the character at text[i] and its length in bytes; false for a character not
// listed here (or a byte that starts none).
inline bool word_class(std::string_view text, std::size_t i, WordClass& cls, std::size_t& length) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) {
    length = 1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
      cls = WordClass::Letter;
    else if (c >= '0' && c <= '9')
      cls = WordClass::Digit;
    else if (c == '.' || c == '\'')
      cls = WordClass::MidNumLet;
    else if (c == ',' || c == ';')
      cls = WordClass::MidNum;
    else if (c == '_' || c == '@')
      return false;  // ICU joins words with them ("a_b", "x@y")
    else
      cls = WordClass::Other;  // spaces, line breaks, other punctuation: never within a word
    return true;
  }
  const auto continuation = [&](std::size_t k) { return k < text.size() && (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF && continuation(i + 1)) {  // U+0080..U+07FF
    length = 2;
    const unsigned cp = ((c & 0x1Fu) << 6) | (byte(i + 1) & 0x3Fu);
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7)
      cls = WordClass::Letter;  // Latin-1, Extended-A and B
    else if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
      cls = WordClass::Letter;  // ª µ º
    else if (cp == 0xB7)
      cls = WordClass::MidLetter;  // · (« étudiant·e »)
    else if (cp >= 0xA0 && cp <= 0xBF && cp != 0xAD)
      cls = WordClass::Other;  // not the soft hyphen
    else
      return false;
    return true;
  }
  if (c == 0xE2 && continuation(i + 1) && continuation(i + 2)) {  // U+2000..U+2FFF
    length = 3;
    const unsigned cp = 0x2000u | ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x2024)
      cls = WordClass::MidNumLet;  // ‘ ’ (« aujourd’hui »)
    else if ((cp >= 0x2010 && cp <= 0x2026) || cp == 0x20AC)
      cls = WordClass::Other;  // dashes, quotes, …, €
    else
      return false;
    return true;
  }
  return false;
}

}  // namespace pratiques
