#include "pratiques/write/password.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "pratiques/text.h"

namespace pratiques::write {

namespace {

void init_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium ne s'initialise pas");
}

// The code points of valid UTF-8.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    char32_t c = extra == 0 ? b : b & (0x3F >> extra);
    for (int k = 1; k <= extra && i + k < s.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += c;
    i += 1 + extra;
  }
  return out;
}

// Unicode's White_Space (spaces, tabs, line breaks, no-break and narrow no-break spaces).
bool is_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// One unit of at most 4 characters over and over: "aaaa…", "abab…", "12341234…".
bool repeats_a_pattern(const std::u32string& p) {
  for (std::size_t unit = 1; unit <= 4 && 2 * unit <= p.size(); ++unit) {
    std::size_t i = unit;
    while (i < p.size() && p[i] == p[i - unit]) ++i;
    if (i == p.size()) return true;
  }
  return false;
}

// Each character the one after the previous, or each the one before, digits going round:
// "123456789012", "abcdefghijkl", "987654321098".
bool is_sequence(const std::u32string& p) {
  for (const int step : {1, -1}) {
    std::size_t i = 1;
    for (; i < p.size(); ++i) {
      const char32_t prev = p[i - 1];
      char32_t next = static_cast<char32_t>(static_cast<int>(prev) + step);
      if (prev == U'9' && step == 1) next = U'0';
      if (prev == U'0' && step == -1) next = U'9';
      if (p[i] != next) break;
    }
    if (i == p.size()) return true;
  }
  return false;
}

// A part before "@" shorter than this is not looked for: "jo@…" would refuse every "bonjour".
constexpr std::size_t kMinLocalPart = 4;

}  // namespace

KdfLimits KdfLimits::interactive() { return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}; }
KdfLimits KdfLimits::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string password_problem(std::string_view password, std::string_view email) {
  if (text::invalid_utf8_offset(password) != std::string_view::npos)
    return "Le mot de passe n'est pas un texte UTF-8 valide.";
  const std::size_t n = text::length(password);
  if (n < kMinPasswordChars)
    return "Le mot de passe doit compter au moins " + std::to_string(kMinPasswordChars) + " caractères (il en compte " +
           std::to_string(n) + "). Une phrase de plusieurs mots est plus facile à retenir.";
  if (n > kMaxPasswordChars)
    return "Le mot de passe ne doit pas dépasser " + std::to_string(kMaxPasswordChars) + " caractères.";
  const std::u32string p = code_points(password);
  if (std::all_of(p.begin(), p.end(), is_space)) return "Le mot de passe ne peut pas être fait que d'espaces.";
  if (repeats_a_pattern(p))
    return "Le mot de passe répète un même caractère ou un même motif («\u202faaaa\u202f», «\u202fabab\u202f»)\u202f: "
           "il "
           "se devine en quelques essais. Une phrase de plusieurs mots est plus sûre.";
  if (is_sequence(p))
    return "Le mot de passe est une suite de caractères qui se suivent («\u202f1234\u202f», «\u202fabcd\u202f»)\u202f: "
           "il se devine en quelques essais. Une phrase de plusieurs mots est plus sûre.";
  const std::string address = text::lower(text::trim(email));
  const std::string local = address.substr(0, address.find('@'));
  const std::string lowered = text::lower(password);
  if ((!address.empty() && lowered.find(address) != std::string::npos) ||
      (local.size() >= kMinLocalPart && lowered.find(local) != std::string::npos))
    return "Le mot de passe ne doit contenir ni votre adresse électronique ni ce qui précède son «\u202f@\u202f».";
  return "";
}

std::string hash_password(std::string_view password, const KdfLimits& limits) {
  init_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), limits.ops, limits.memory) != 0)
    throw std::runtime_error("hachage du mot de passe impossible (mémoire insuffisante)");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  init_sodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& hash, const KdfLimits& limits) {
  init_sodium();
  return crypto_pwhash_str_needs_rehash(hash.c_str(), limits.ops, limits.memory) != 0;
}

std::string random_token() {
  init_sodium();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return out;
}

std::string token_digest(std::string_view token) {
  init_sodium();
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
  init_sodium();
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace pratiques::write
