#include "pratiques/write/password.h"

#include <sodium.h>

#include <stdexcept>

#include "pratiques/text.h"

namespace pratiques::write {

namespace {

void init_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium ne s'initialise pas");
}

}  // namespace

KdfLimits KdfLimits::interactive() { return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE}; }
KdfLimits KdfLimits::minimum() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

std::string password_problem(std::string_view password) {
  if (text::invalid_utf8_offset(password) != std::string_view::npos)
    return "Le mot de passe n'est pas un texte UTF-8 valide.";
  const std::size_t n = text::length(password);
  if (n < kMinPasswordChars)
    return "Le mot de passe doit compter au moins " + std::to_string(kMinPasswordChars) + " caractères (il en compte " +
           std::to_string(n) + "). Une phrase de plusieurs mots est plus facile à retenir.";
  if (n > kMaxPasswordChars)
    return "Le mot de passe ne doit pas dépasser " + std::to_string(kMaxPasswordChars) + " caractères.";
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
