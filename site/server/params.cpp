#include "pratiques/server/params.h"

#include <algorithm>

#include "pratiques/text.h"

namespace pratiques::server {

namespace {

const char* sort_name(Sort s) {
  switch (s) {
    case Sort::Date: return "date";
    case Sort::Title: return "titre";
    default: return "pertinence";
  }
}

// Whitespace (including control characters) collapsed to single spaces, trimmed.
std::string normalize_space(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += ch;
    }
  }
  return out;
}

}  // namespace

bool clean_utf8(const std::string& s) {
  if (text::invalid_utf8_offset(s) != std::string::npos) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

int clamp_int(const std::string& text, int def, int lo, int hi) {
  if (text.empty() || text.size() > 64) return def;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return def;
    v = std::min<long long>(v * 10 + (c - '0'), 1LL << 40);
  }
  return static_cast<int>(std::clamp<long long>(v, lo, hi));
}

SearchParams parse_search_params(const Params& params, const std::set<std::string>& facet_keys, const Limits& limits) {
  SearchParams out;
  bool have_q = false, have_page = false, have_sort = false, have_per_page = false;
  std::size_t filters = 0;
  for (const auto& [name, value] : params) {
    if (name == "q") {
      if (have_q) continue;  // the first one counts, like the form sends it
      have_q = true;
      if (text::invalid_utf8_offset(value) != std::string::npos)
        throw ClientError(400, "Recherche mal encodée : le texte doit être en UTF-8.");
      if (const std::size_t characters = text::length(value); characters > limits.max_query)
        throw ClientError(400, "Recherche trop longue : " + std::to_string(characters) + " caractères, au plus " +
                                   std::to_string(limits.max_query) + ". Raccourcissez la recherche.");
      out.request.query = normalize_space(value);
    } else if (name == "page") {
      if (have_page) continue;
      have_page = true;
      out.request.page = clamp_int(value, 1, 1, limits.max_page);
    } else if (name == "tri") {
      if (have_sort) continue;
      have_sort = true;
      if (auto s = parse_sort(value)) {  // an unknown sort is ignored (relevance)
        out.request.sort = *s;
        out.sort = sort_name(*s);
      }
    } else if (name == "par_page") {
      if (have_per_page) continue;
      have_per_page = true;
      out.request.per_page = clamp_int(value, 10, 1, kMaxPerPage);
      out.explicit_per_page = clamp_int(value, -1, 1, kMaxPerPage) != -1;
    } else if (name == "type") {
      out.courses_only = out.courses_only || value == "parcours";  // another type is ignored (sheets)
    } else if (facet_keys.count(name)) {
      if (value.empty()) continue;  // an empty <select> option
      if (value.size() > limits.max_value)
        throw ClientError(400, "Valeur de filtre trop longue pour « " + name + " » (au plus " +
                                   std::to_string(limits.max_value) + " octets).");
      if (!clean_utf8(value))
        throw ClientError(400, "Valeur de filtre mal encodée pour « " + name + " » : UTF-8 attendu.");
      const std::pair<std::string, std::string> f{name, value};
      if (std::find(out.request.filters.begin(), out.request.filters.end(), f) != out.request.filters.end()) continue;
      if (++filters > limits.max_filters)
        throw ClientError(400, "Trop de filtres : au plus " + std::to_string(limits.max_filters) +
                                   " à la fois. Retirez-en quelques-uns.");
      out.request.filters.push_back(f);
    }
    // Anything else (utm_source, a cache-buster, a misspelt key…) is ignored.
  }
  return out;
}

Params SearchParams::base() const {
  Params p;
  if (!request.query.empty()) p.emplace_back("q", request.query);
  for (const auto& f : request.filters) p.push_back(f);
  if (sort != "pertinence") p.emplace_back("tri", sort);
  if (explicit_per_page) p.emplace_back("par_page", std::to_string(request.per_page));
  if (courses_only) p.emplace_back("type", "parcours");
  return p;
}

std::string SearchParams::filters_text() const {
  std::vector<std::pair<std::string, std::string>> f = request.filters;
  std::sort(f.begin(), f.end());
  return build_query_string(f);
}

}  // namespace pratiques::server
