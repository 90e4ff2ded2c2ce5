#include "pratiques/pattern.h"

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <stdexcept>

#include "pratiques/text.h"

namespace pratiques {

struct Pattern::Compiled {
  std::unique_ptr<icu::RegexPattern> pattern;
};

namespace {

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The matcher of `input` (which must outlive it), or null when the text is not UTF-8.
std::unique_ptr<icu::RegexMatcher> matcher(const icu::RegexPattern& pattern, std::string_view text,
                                           icu::UnicodeString& input) {
  if (text::invalid_utf8_offset(text) != std::string_view::npos) return nullptr;
  input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(input, status));
  if (U_FAILURE(status)) return nullptr;
  return m;
}

PatternMatch groups(icu::RegexMatcher& m) {
  PatternMatch out;
  UErrorCode status = U_ZERO_ERROR;
  for (int32_t g = 0; g <= m.groupCount(); ++g) {
    if (m.start(g, status) < 0 || U_FAILURE(status))
      out.groups.emplace_back();
    else
      out.groups.emplace_back(to_utf8(m.group(g, status)));
  }
  return out;
}

// Calls visit(match, start, end) for each match of `pattern` in `text`, in order, with its bounds
// in UTF-16 offsets of `input` (which it fills); false when the text is not UTF-8. A matcher that
// gives up (its bounds) ends the visit.
template <class Visit>
bool each_match(const icu::RegexPattern& pattern, std::string_view text, icu::UnicodeString& input, Visit visit) {
  const auto m = matcher(pattern, text, input);
  if (!m) return false;
  UErrorCode status = U_ZERO_ERROR;
  while (m->find(status) && U_SUCCESS(status)) {
    const int32_t start = m->start(status), end = m->end(status);
    visit(groups(*m), start, end);
  }
  return true;
}

}  // namespace

Pattern::Pattern(std::string_view expression) {
  UParseError where{};
  UErrorCode status = U_ZERO_ERROR;
  auto compiled = std::make_unique<Compiled>();
  compiled->pattern.reset(icu::RegexPattern::compile(
      icu::UnicodeString::fromUTF8(icu::StringPiece(expression.data(), static_cast<int32_t>(expression.size()))), 0,
      where, status));
  if (U_FAILURE(status))
    throw std::logic_error("expression régulière invalide (" + std::string(u_errorName(status)) + ", colonne " +
                           std::to_string(where.offset) + ") : " + std::string(expression));
  compiled_ = std::move(compiled);
}

Pattern::~Pattern() = default;

bool Pattern::matches(std::string_view text) const { return match(text).has_value(); }

std::optional<PatternMatch> Pattern::match(std::string_view text) const {
  icu::UnicodeString input;
  const auto m = matcher(*compiled_->pattern, text, input);
  if (!m) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  if (!m->matches(status) || U_FAILURE(status)) return std::nullopt;
  return groups(*m);
}

std::vector<PatternMatch> Pattern::find_all(std::string_view text) const {
  std::vector<PatternMatch> out;
  icu::UnicodeString input;
  each_match(*compiled_->pattern, text, input, [&](PatternMatch m, int32_t, int32_t) { out.push_back(std::move(m)); });
  return out;
}

std::string Pattern::replace_all(std::string_view text,
                                 const std::function<std::string(const PatternMatch&)>& replacement) const {
  icu::UnicodeString input;
  std::string out;
  int32_t last = 0;  // UTF-16 offset of the text not yet copied
  const bool utf8 = each_match(*compiled_->pattern, text, input, [&](const PatternMatch& m, int32_t start, int32_t end) {
    out += to_utf8(input.tempSubStringBetween(last, start));
    out += replacement(m);
    last = end;
  });
  if (!utf8) return std::string(text);
  out += to_utf8(input.tempSubString(last));  // after the last match, or where the matcher gave up
  return out;
}

std::string Pattern::replace_all(std::string_view text, std::string_view literal) const {
  const std::string with(literal);
  return replace_all(text, [&](const PatternMatch&) { return with; });
}

}  // namespace pratiques
