#include "pratiques/write/clock.h"

#include <cstdio>
#include <ctime>

namespace pratiques::write {

namespace {

std::string format(std::int64_t t, const char* pattern) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, pattern, &tm);
  return buf;
}

}  // namespace

Clock system_clock() {
  return [] { return static_cast<std::int64_t>(std::time(nullptr)); };
}

std::string iso_time(std::int64_t t) { return format(t, "%Y-%m-%dT%H:%M:%SZ"); }
std::string iso_date(std::int64_t t) { return format(t, "%Y-%m-%d"); }

std::string add_months(const std::string& iso_day, int months) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso_day.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return iso_day;
  const int total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int last = m == 2 && leap ? 29 : days[m - 1];
  char buf[32];  // room for any int: -Wformat-truncation
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d < last ? d : last);
  return buf;
}

}  // namespace pratiques::write
