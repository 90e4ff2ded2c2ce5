// The JSON of a search response (search_json.cpp): strings escaped exactly as Poco::toJSON does.
#include <Poco/JSONString.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "pratiques/search.h"

using namespace pratiques;

TEST_CASE("to_json escapes strings byte for byte as Poco::toJSON does") {
  std::vector<std::string> samples = {"", "sans échappement", "l'été « chez » \"nous\" \\ a/b\n\t\r\b\f\x01\x1f\x7f",
                                      std::string("nul\0au milieu", 13)};
  std::string every;
  for (int b = 0; b < 256; ++b) every += static_cast<char>(b);
  samples.push_back(every);
  std::uint32_t seed = 12345;  // fixed: the same strings at every run
  for (int n = 0; n < 200; ++n) {
    std::string s;
    const std::size_t size = (seed = seed * 1664525u + 1013904223u) % 40;
    for (std::size_t i = 0; i < size; ++i) s += static_cast<char>((seed = seed * 1664525u + 1013904223u) >> 24);
    samples.push_back(s);
  }
  for (const auto& q : samples) {
    SearchResponse r;
    r.query = q;
    const std::string expected = "{\"requete\":" + Poco::toJSON(q, Poco::JSON_WRAP_STRINGS) + ",\"total\":";
    CHECK(to_json(r).rfind(expected, 0) == 0);
  }
}
