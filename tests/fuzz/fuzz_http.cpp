// The server's reading of a request target (site/server/http.cpp, params.cpp): split into path
// and query, strict percent-decoding, query string, search parameters and their bounds, and the
// header values it parses (Accept-Encoding, If-None-Match, HTTP dates), and the framing rules of a
// request head (check_framing). The only exception allowed is ClientError (answered 4xx).
// Invariant: the canonical parameters of a search read back the same.
#include "fuzz.h"
#include "pratiques/server/http.h"
#include "pratiques/server/params.h"

namespace ps = pratiques::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::set<std::string> facet_keys = {"thematiques", "publics", "departement", "region", "annee"};
  const std::string_view input = fuzz::bytes(data, size);
  ps::accepts_gzip(input);
  ps::etag_matches(input, "\"abc\"");
  ps::parse_http_date(input);
  ps::content_type_of(input);
  try {  // the input as a request head's version line and fields ("name: value" lines)
    const std::size_t eol = input.find('\n');
    ps::Params fields;
    for (std::size_t start = eol; start != std::string_view::npos && start < input.size();) {
      const std::size_t end = input.find('\n', start + 1);
      const std::string_view line =
          input.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
      const std::size_t colon = line.find(':');
      if (colon != std::string_view::npos) fields.emplace_back(line.substr(0, colon), line.substr(colon + 1));
      start = end;
    }
    ps::check_framing(input.substr(0, eol), fields);
  } catch (const ps::ClientError& e) {
    fuzz::require(e.status == 400 || e.status == 505, "un en-tête refusé est un 400 ou un 505");
  }
  try {
    const ps::Target target = ps::split_target(input);
    const ps::Params params = ps::parse_query_string(target.query);
    const ps::SearchParams search = ps::parse_search_params(params, facet_keys);
    search.filters_text();
    const std::string canonical = ps::build_query_string(search.base());
    fuzz::require(ps::build_query_string(ps::parse_query_string(canonical)) == canonical,
                  "les paramètres canoniques se relisent à l'identique");
  } catch (const ps::ClientError& e) {
    fuzz::require(e.status >= 400 && e.status < 500 && *e.what(), "une erreur du client est un 4xx avec un message");
  }
  return 0;
}
