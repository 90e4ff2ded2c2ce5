#include "pratiques/site/typography.h"

#include <unicode/numfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <cctype>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace pratiques::site {

namespace {

constexpr std::string_view kNbspU = "\u00a0";
constexpr std::string_view kNarrowU = "\u202f";
constexpr std::string_view kOpen = "\u00ab";   // «
constexpr std::string_view kClose = "\u00bb";  // »

bool ends_with_space(const std::string& out) {
  if (out.empty()) return true;
  const char c = out.back();
  if (c == ' ' || c == '\n' || c == '\t' || c == '(' || c == '[' || c == '/' || c == '\'') return true;
  return out.ends_with(kNbspU) || out.ends_with(kNarrowU) || out.ends_with("\u2019");
}

void trim_spaces(std::string& out) {
  for (;;) {
    if (!out.empty() && out.back() == ' ')
      out.pop_back();
    else if (out.ends_with(kNbspU))
      out.resize(out.size() - kNbspU.size());
    else if (out.ends_with(kNarrowU))
      out.resize(out.size() - kNarrowU.size());
    else
      break;
  }
}

// Nothing to do: no space before a sign, no guillemet, no straight double quote (most labels).
bool plain(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' || (c == '\xc2' && i + 1 < s.size() && (s[i + 1] == '\xab' || s[i + 1] == '\xbb'))) return false;
    if (c == ' ' && i + 1 < s.size() && (s[i + 1] == ';' || s[i + 1] == ':' || s[i + 1] == '!' || s[i + 1] == '?'))
      return false;
  }
  return true;
}

}  // namespace

std::string fr_typo(std::string_view s, bool* quote_open) {
  if (plain(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const std::string_view rest = s.substr(i);
    if (c == ' ') {
      const std::string_view next = s.substr(i + 1);
      if (!next.empty() && (next[0] == ';' || next[0] == '!' || next[0] == '?')) {
        out += kNarrowU;
        continue;
      }
      if (!next.empty() && next[0] == ':') {
        out += kNbspU;
        continue;
      }
      if (next.starts_with(kClose)) {
        out += kNbspU;
        continue;
      }
      out += c;
      continue;
    }
    if (rest.starts_with(kOpen)) {
      out += kOpen;
      out += kNbspU;
      i += kOpen.size() - 1;
      while (i + 1 < s.size() && s[i + 1] == ' ') ++i;
      if (s.substr(i + 1).starts_with(kNbspU)) i += kNbspU.size();
      if (s.substr(i + 1).starts_with(kNarrowU)) i += kNarrowU.size();
      continue;
    }
    if (rest.starts_with(kClose)) {
      if (out.empty() || out.back() == ' ' || !ends_with_space(out)) {
        trim_spaces(out);
        out += kNbspU;
      }
      out += kClose;
      i += kClose.size() - 1;
      continue;
    }
    if (c == '"') {
      const bool opening = quote_open ? !*quote_open : ends_with_space(out);
      if (quote_open) *quote_open = opening;
      if (opening) {
        out += kOpen;
        out += kNbspU;
        while (i + 1 < s.size() && s[i + 1] == ' ') ++i;
      } else {
        trim_spaces(out);
        out += kNbspU;
        out += kClose;
      }
      continue;
    }
    out += c;
  }
  return out;
}

std::string fr_typo(std::string_view s) { return fr_typo(s, nullptr); }

std::string fr_date(std::string_view iso) {
  static const std::array<const char*, 12> months = {"janvier",   "février", "mars",     "avril",
                                                     "mai",       "juin",    "juillet",  "août",
                                                     "septembre", "octobre", "novembre", "décembre"};
  auto digits = [&](std::size_t from, std::size_t n) {
    if (iso.size() < from + n) return false;
    for (std::size_t i = from; i < from + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(iso[i]))) return false;
    return true;
  };
  if (!digits(0, 4)) return std::string(iso);
  const std::string year(iso.substr(0, 4));
  if (iso.size() < 7 || iso[4] != '-' || !digits(5, 2)) return year;
  const int month = std::stoi(std::string(iso.substr(5, 2)));
  if (month < 1 || month > 12) return year;
  std::string m = std::string(months[static_cast<std::size_t>(month - 1)]) + std::string(kNbspU) + year;
  if (iso.size() < 10 || iso[7] != '-' || !digits(8, 2)) return m;
  const int day = std::stoi(std::string(iso.substr(8, 2)));
  if (day < 1 || day > 31) return m;
  return (day == 1 ? std::string("1er") : std::to_string(day)) + std::string(kNbspU) + m;
}

std::string fr_datetime(std::string_view iso_utc) {
  std::tm t{};
  const std::string text(iso_utc);
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                  &t.tm_sec, &z) != 7 ||
      z != 'Z')
    return text;
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  const std::time_t utc = timegm(&t);
  // The offset of that instant in Paris (summer time included) from ICU's time zone database: the
  // rules of the change of time are not ours to write.
  thread_local const std::unique_ptr<icu::TimeZone> paris(icu::TimeZone::createTimeZone("Europe/Paris"));
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  paris->getOffset(static_cast<UDate>(utc) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return text;
  const std::time_t local = utc + (raw + dst) / 1000;
  std::tm l{};
  gmtime_r(&local, &l);
  // strftime, not snprintf of the tm fields: GCC 12 (-O2) warned that "%02d" of any int may be cut.
  char date[16], minutes[3];
  std::strftime(date, sizeof date, "%Y-%m-%d", &l);
  std::strftime(minutes, sizeof minutes, "%M", &l);
  return fr_date(date) + " à " + std::to_string(l.tm_hour) + std::string(kNbspU) + "h" + std::string(kNbspU) + minutes;
}

std::string fr_number(long long n) {
  // ICU's French number format (CLDR): groups of three digits after a narrow no-break space.
  thread_local const std::unique_ptr<icu::NumberFormat> format = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::NumberFormat> f(icu::NumberFormat::createInstance(icu::Locale::getFrench(), status));
    if (U_FAILURE(status))
      throw std::runtime_error(std::string("ICU : format des nombres indisponible (") + u_errorName(status) + ")");
    return f;
  }();
  icu::UnicodeString text;
  format->format(static_cast<int64_t>(n), text);
  std::string out;
  return text.toUTF8String(out);
}

std::string fr_count(long long n, std::string_view singular, std::string_view plural) {
  return fr_number(n) + std::string(kNbspU) + std::string(n > 1 || n < -1 ? plural : singular);
}

}  // namespace pratiques::site
