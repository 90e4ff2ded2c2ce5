#include "pratiques/write/site_refresh.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iostream>

namespace pratiques::write {

namespace {

struct Cancelled {};

}  // namespace

SiteRefresher::SiteRefresher(site::BuildOptions options) : options_(std::move(options)) {
  thread_ = std::thread([this] { run(); });
}

SiteRefresher::~SiteRefresher() {
  {
    std::lock_guard files(files_);
    ++epoch_;  // the running rebuild stops at its next file
  }
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

site::BuildOptions SiteRefresher::targeted_options() {
  site::BuildOptions o = options_;
  {
    std::lock_guard files(files_);
    ++epoch_;
  }
  o.guard = [this](const std::function<void()>& operation) {
    std::lock_guard files(files_);
    operation();
  };
  return o;
}

site::TargetedReport SiteRefresher::refresh(const std::vector<std::string>& ids, const site::BrowseValues& before) {
  auto report = site::rebuild_sheets(targeted_options(), ids, before);
  schedule();
  return report;
}

site::TargetedReport SiteRefresher::refresh_courses(const std::vector<std::string>& ids) {
  auto report = site::rebuild_courses(targeted_options(), ids);
  schedule();
  return report;
}

void SiteRefresher::schedule() {
  {
    std::lock_guard lock(mutex_);
    pending_ = true;
  }
  changed_.notify_all();
}

void SiteRefresher::wait_idle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stop_ || (!pending_ && !running_); });
}

std::size_t SiteRefresher::full_rebuilds() const {
  std::lock_guard lock(mutex_);
  return completed_;
}

void SiteRefresher::run() {
  // Below the requests: the full rebuild uses what the server leaves.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stop_ || pending_; });
    if (stop_) return;
    pending_ = false;
    running_ = true;
    lock.unlock();
    site::BuildOptions o = options_;
    std::uint64_t start;
    {
      std::lock_guard files(files_);
      start = epoch_;
    }
    o.guard = [this, start](const std::function<void()>& operation) {
      std::lock_guard files(files_);
      if (epoch_ != start) throw Cancelled{};
      operation();
    };
    bool done = false;
    try {
      site::build_site(o);
      done = true;
    } catch (const Cancelled&) {
      // a newer publication: the rebuild it scheduled follows
    } catch (const std::exception& e) {
      std::cerr << "pratiques serve : reconstruction du site en arrière-plan : " << e.what() << "\n";
    }
    lock.lock();
    running_ = false;
    if (done) ++completed_;
    changed_.notify_all();
  }
}

}  // namespace pratiques::write
