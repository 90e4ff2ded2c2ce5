// Passwords and secrets, with libsodium: argon2id password hashes (crypto_pwhash_str), random
// tokens of 256 bits, and the SHA-256 digests under which tokens are stored.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace pratiques::write {

// argon2id cost. `interactive()` is libsodium's INTERACTIVE (2 passes, 64 MiB), above OWASP's
// minimum; tests use `minimum()` to stay fast. A hash made with other limits is rehashed at the
// next successful login.
struct KdfLimits {
  unsigned long long ops = 0;
  std::size_t memory = 0;
  static KdfLimits interactive();
  static KdfLimits minimum();
};

// OWASP ASVS 4.0.3 §2.1: at least 12 characters; long passphrases accepted.
inline constexpr std::size_t kMinPasswordChars = 12;
inline constexpr std::size_t kMaxPasswordChars = 256;

// Why a new password is refused (French, for the person choosing it), "" when it is acceptable:
// its length, and, as NIST SP 800-63B §5.1.1.2 asks of passwords guessed in a few tries, one made
// only of spaces, of one character or a unit of up to 4 repeated, of consecutive characters
// ("123456789012"), or holding the account's `email` or its part before "@" (case ignored).
// The same as the current one is Accounts::change_password's to refuse.
std::string password_problem(std::string_view password, std::string_view email = {});
// Throws std::runtime_error when libsodium cannot hash (out of memory).
std::string hash_password(std::string_view password, const KdfLimits& limits);
bool verify_password(const std::string& hash, std::string_view password);
bool needs_rehash(const std::string& hash, const KdfLimits& limits);

// 256 random bits, base64url without padding (43 characters): session ids, CSRF tokens,
// activation links, API tokens.
std::string random_token();
// SHA-256 of a token, hex: what the database keeps of it.
std::string token_digest(std::string_view token);
// Comparison in constant time (CSRF tokens).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace pratiques::write
