// What the write side refuses, and why, in French: the HTTP layer turns the kind into a status
// (part 2's pages into a message); never a crash, never a 500 for something a user sent.
#pragma once
#include <stdexcept>
#include <string>

#include "pratiques/diagnostic.h"

namespace pratiques::write {

enum class Refused {
  BadInput = 400,  // malformed, not UTF-8, missing field
  Unauthenticated = 401,
  Forbidden = 403,  // the role or the ownership does not allow it
  NotFound = 404,
  Conflict = 409,  // the state does not allow it, or the id is taken
  Stale = 412,     // a save based on an older version
  TooLarge = 413,
  Invalid = 422,    // the sheet has errors (diagnostics)
  Throttled = 429,  // too many login attempts
};

struct Refusal : std::runtime_error {
  Refusal(Refused kind, const std::string& message, Diagnostics diagnostics = {}, long long retry_after = 0)
      : std::runtime_error(message), kind(kind), diagnostics(std::move(diagnostics)), retry_after(retry_after) {}
  int status() const { return static_cast<int>(kind); }
  Refused kind;
  Diagnostics diagnostics;  // Invalid: the sheet's problems, as `pratiques check` reports them
  long long retry_after;    // Throttled: seconds
  int kept_copy = 0;        // Stale: the number of the copy the refused text was kept as (StaleSave::number)
};

}  // namespace pratiques::write
