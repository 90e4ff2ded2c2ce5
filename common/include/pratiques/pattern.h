// Regular expressions (ICU's syntax and engine), compiled once and shared between threads: the
// forms that the grid, validation, the contribution form and the renderer recognise. ICU's matcher
// keeps its backtracking on the heap, within a bound: a pathological text fails to match instead
// of overflowing the stack, as std::regex's recursion did on a line of 100,000 characters.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pratiques {

// One match: groups[0] is the whole match; a group that took no part in it is nullopt.
struct PatternMatch {
  std::vector<std::optional<std::string>> groups;
  bool matched(std::size_t group) const { return group < groups.size() && groups[group].has_value(); }
  // The group's text, "" when it took no part.
  std::string operator[](std::size_t group) const { return matched(group) ? *groups[group] : std::string(); }
};

class Pattern {
 public:
  // Throws std::logic_error when `expression` is not a valid ICU regular expression (a programming
  // error: every pattern is a constant of the code).
  explicit Pattern(std::string_view expression);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  // Does the whole of `text` match? (No match either when `text` is not UTF-8 or exhausts the
  // matcher's bounds.)
  bool matches(std::string_view text) const;
  // The groups of a match of the whole of `text`.
  std::optional<PatternMatch> match(std::string_view text) const;
  // Every match in `text`, from the start, not overlapping.
  std::vector<PatternMatch> find_all(std::string_view text) const;
  // `text` with each match replaced by what `replacement` returns for it.
  std::string replace_all(std::string_view text, const std::function<std::string(const PatternMatch&)>& replacement) const;
  // `text` with each match replaced by `literal` (no group references).
  std::string replace_all(std::string_view text, std::string_view literal) const;

 private:
  struct Compiled;
  std::unique_ptr<const Compiled> compiled_;
};

}  // namespace pratiques
