#include "pratiques/index_layout.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace pratiques {

std::string resolve_index(const std::string& out) {
  std::error_code ec;
  fs::path p = fs::canonical(out, ec);
  return ec ? out : p.string();
}

std::string spelling_value(const std::vector<std::string>& sorted) {
  std::string out;
  const std::string* previous = nullptr;
  for (const std::string& word : sorted) {
    std::size_t shared = 0;
    if (previous)
      while (shared < word.size() && shared < previous->size() && shared < 255 && word[shared] == (*previous)[shared])
        ++shared;
    out += static_cast<char>(shared);
    out.append(word, shared);
    out += ' ';
    previous = &word;
  }
  return out;
}

namespace {

// Calls `f` with each word of a spelling value in order, until it returns false.
template <class F>
void for_each_spelling_word(std::string_view value, F f) {
  std::string word;
  for (std::size_t at = 0; at < value.size();) {
    const std::size_t shared = static_cast<unsigned char>(value[at++]);
    const std::size_t end = std::min(value.find(' ', at), value.size());
    word.resize(std::min(shared, word.size()));
    word.append(value.substr(at, end - at));
    if (!f(word)) return;
    at = end + 1;
  }
}

}  // namespace

std::vector<std::string> spelling_value_words(std::string_view value) {
  std::vector<std::string> words;
  for_each_spelling_word(value, [&](const std::string& w) {
    words.push_back(w);
    return true;
  });
  return words;
}

bool spelling_value_holds(std::string_view value, std::string_view word) {
  bool found = false;
  for_each_spelling_word(value, [&](const std::string& w) {
    found = w == word;
    return w < word;
  });
  return found;
}

}  // namespace pratiques
