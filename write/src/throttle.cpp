#include "pratiques/write/throttle.h"

#include <algorithm>

namespace pratiques::write {

namespace {

// Beyond this many keys, keys whose failures all left the window are dropped (memory stays bounded
// whatever a client sends).
constexpr std::size_t kPruneAbove = 10000;

void forget_old(std::deque<std::int64_t>& failures, std::int64_t since) {
  while (!failures.empty() && failures.front() <= since) failures.pop_front();
}

}  // namespace

LoginThrottle::LoginThrottle(Clock clock, ThrottleLimits limits) : clock_(std::move(clock)), limits_(limits) {}

std::int64_t LoginThrottle::wait_on(std::deque<std::int64_t>& failures, std::size_t limit, std::int64_t now) {
  forget_old(failures, now - limits_.window);
  if (failures.size() < limit) return 0;
  return std::max<std::int64_t>(1, failures[failures.size() - limit] + limits_.window - now);
}

std::int64_t LoginThrottle::wait(const std::string& account, const std::string& client) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = clock_();
  std::int64_t w = 0;
  if (auto it = accounts_.find(account); it != accounts_.end())
    w = std::max(w, wait_on(it->second, limits_.per_account, now));
  if (auto it = clients_.find(client); it != clients_.end())
    w = std::max(w, wait_on(it->second, limits_.per_client, now));
  return w;
}

void LoginThrottle::failed(const std::string& account, const std::string& client) {
  std::lock_guard lock(mutex_);
  const std::int64_t now = clock_();
  prune(now);
  accounts_[account].push_back(now);
  clients_[client].push_back(now);
}

void LoginThrottle::succeeded(const std::string& account) {
  std::lock_guard lock(mutex_);
  accounts_.erase(account);
}

void LoginThrottle::prune(std::int64_t now) {
  for (auto* m : {&accounts_, &clients_}) {
    if (m->size() < kPruneAbove) continue;
    for (auto it = m->begin(); it != m->end();) {
      forget_old(it->second, now - limits_.window);
      it = it->second.empty() ? m->erase(it) : std::next(it);
    }
  }
}

}  // namespace pratiques::write
