#include "pratiques/server/admission.h"

#include <algorithm>

namespace pratiques::server {

Admission::Admission(std::size_t slots) : free_(std::max<std::size_t>(slots, 1)) {}

Admission::Ticket Admission::enter() {
  std::unique_lock lock(mutex_);
  if (free_ > 0 && waiting_.empty()) {
    --free_;
    return Ticket(this);
  }
  Waiter me;
  waiting_.push_back(&me);
  me.wake.wait(lock, [&] { return me.admitted; });
  return Ticket(this);
}

std::size_t Admission::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

void Admission::leave() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    ++free_;
    return;
  }
  Waiter* next = waiting_.front();  // the slot passes to the longest waiting request
  waiting_.pop_front();
  next->admitted = true;
  next->wake.notify_one();
}

Admission::Ticket& Admission::Ticket::operator=(Ticket&& o) noexcept {
  if (this != &o) {
    release();
    admission_ = std::exchange(o.admission_, nullptr);
  }
  return *this;
}

void Admission::Ticket::release() {
  if (admission_) std::exchange(admission_, nullptr)->leave();
}

}  // namespace pratiques::server
