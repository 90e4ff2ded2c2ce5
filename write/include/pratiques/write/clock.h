// Time for the write side: seconds since the epoch (UTC) from a clock that tests can move, and the
// ISO forms stored in the database and written in sheets.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

namespace pratiques::write {

using Clock = std::function<std::int64_t()>;

Clock system_clock();
// "2026-03-01T10:00:00Z"
std::string iso_time(std::int64_t t);
// "2026-03-01"
std::string iso_date(std::int64_t t);
// The same day `months` later ("2026-01-31" + 1 → "2026-02-28").
std::string add_months(const std::string& iso_day, int months);

}  // namespace pratiques::write
