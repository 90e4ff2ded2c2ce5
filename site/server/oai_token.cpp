#include "pratiques/server/oai_token.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/HMACEngine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA1Engine.h>

#include <cctype>
#include <iterator>
#include <sstream>
#include <vector>

namespace pratiques::server {

namespace {

constexpr char kSep = '|';  // never in a verb, prefix, setSpec, datestamp or sheet id (all validated)
constexpr std::size_t kMaxToken = 2048;

std::string base64url(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder enc(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
  enc.rdbuf()->setLineLength(0);
  enc << bytes;
  enc.close();
  return out.str();
}

std::optional<std::string> unbase64url(const std::string& text) {
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return std::nullopt;
  try {
    std::istringstream in(text);
    Poco::Base64Decoder dec(in, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
    return std::string(std::istreambuf_iterator<char>(dec), {});
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == kSep)
      out.emplace_back();
    else
      out.back() += c;
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

TokenSigner::TokenSigner() {
  Poco::RandomInputStream random;
  key_.resize(32);
  random.read(key_.data(), static_cast<std::streamsize>(key_.size()));
}

TokenSigner::TokenSigner(std::string key) : key_(std::move(key)) {}

std::string TokenSigner::mac(const std::string& payload) const {
  Poco::HMACEngine<Poco::SHA1Engine> hmac(key_);
  hmac.update(payload);
  const auto& d = hmac.digest();
  return std::string(d.begin(), d.end());
}

std::string TokenSigner::encode(const ListState& s) const {
  const std::string payload = "1" + std::string(1, kSep) + s.verb + kSep + s.prefix + kSep + s.set + kSep + s.from +
                              kSep + s.until + kSep + s.after + kSep + std::to_string(s.cursor) + kSep +
                              std::to_string(static_cast<long long>(s.expires));
  return base64url(payload) + "." + base64url(mac(payload));
}

std::optional<ListState> TokenSigner::decode(const std::string& token, std::time_t now) const {
  if (token.size() > kMaxToken) return std::nullopt;
  const auto dot = token.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const auto payload = unbase64url(token.substr(0, dot));
  const auto signature = unbase64url(token.substr(dot + 1));
  if (!payload || !signature) return std::nullopt;
  // Constant-time comparison: the signature must not be guessable byte by byte.
  const std::string expected = mac(*payload);
  if (signature->size() != expected.size()) return std::nullopt;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) diff |= static_cast<unsigned char>((*signature)[i] ^ expected[i]);
  if (diff != 0) return std::nullopt;
  const auto f = split(*payload);
  if (f.size() != 9 || f[0] != "1" || !all_digits(f[7]) || !all_digits(f[8])) return std::nullopt;
  ListState s{f[1], f[2], f[3], f[4], f[5], f[6], std::stoll(f[7]), static_cast<std::time_t>(std::stoll(f[8]))};
  if (s.expires < now) return std::nullopt;
  return s;
}

}  // namespace pratiques::server
