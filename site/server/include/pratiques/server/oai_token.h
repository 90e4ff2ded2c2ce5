// OAI-PMH resumption tokens. A token carries the whole state of the list request it continues
// (verb, metadataPrefix, set, from, until, the last identifier sent, the cursor) and its expiry,
// signed with HMAC-SHA1 under a key the server draws at start: a forged, altered or expired
// token — or one issued before a restart — is refused (badResumptionToken), never trusted.
#pragma once
#include <ctime>
#include <optional>
#include <string>

namespace pratiques::server {

struct ListState {
  std::string verb, prefix, set, from, until;  // from/until: normalised datestamps ("" = open)
  std::string after;                           // last sheet id of the previous page
  long long cursor = 0;                        // records sent before this page
  std::time_t expires = 0;
};

class TokenSigner {
 public:
  TokenSigner();                          // a random key (from /dev/urandom through Poco::RandomInputStream)
  explicit TokenSigner(std::string key);  // a given key (tests)
  std::string encode(const ListState& s) const;
  // The state, or nothing when the token is malformed, not signed by this key, or expired at `now`.
  std::optional<ListState> decode(const std::string& token, std::time_t now) const;

 private:
  std::string mac(const std::string& payload) const;
  std::string key_;
};

}  // namespace pratiques::server
