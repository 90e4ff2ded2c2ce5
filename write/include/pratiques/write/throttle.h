// Login rate limiting, per account and per client (OWASP ASVS 2.2.1 anti-automation): after too
// many failures within a window, further attempts are refused until the oldest failure leaves it.
// Kept in memory: nothing about clients is written to disk, and a restart forgets the counts.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "pratiques/write/clock.h"

namespace pratiques::write {

struct ThrottleLimits {
  std::size_t per_account = 5;    // failures on one account within the window
  std::size_t per_client = 20;    // failures from one client (any accounts) within the window
  std::int64_t window = 15 * 60;  // seconds
};

class LoginThrottle {
 public:
  explicit LoginThrottle(Clock clock, ThrottleLimits limits = {});
  // Seconds before an attempt on `account` (e-mail, folded) from `client` (address) may be made;
  // 0 when it may be made now.
  std::int64_t wait(const std::string& account, const std::string& client);
  void failed(const std::string& account, const std::string& client);
  void succeeded(const std::string& account);  // forgets the account's failures

 private:
  std::int64_t wait_on(std::deque<std::int64_t>& failures, std::size_t limit, std::int64_t now);
  void prune(std::int64_t now);
  Clock clock_;
  ThrottleLimits limits_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::int64_t>> accounts_, clients_;
};

}  // namespace pratiques::write
