#include "pratiques/write/site_refresh.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "durable_file.h"
#include "pratiques/site/writer.h"

namespace fs = std::filesystem;

namespace pratiques::write {

namespace {

struct Cancelled {};

void report_failure(const std::exception& e) {
  std::cerr << "pratiques serve : reconstruction du site en arrière-plan : " << e.what() << "\n";
}

}  // namespace

SiteRefresher::SiteRefresher(site::BuildOptions options) : options_(std::move(options)) {
  std::error_code ec;
  if (fs::exists(marker(), ec)) {
    std::cerr << "pratiques serve : le site n'avait pas rattrapé l'index (arrêt pendant une publication) : "
                 "reconstruction en arrière-plan\n";
    behind_ = repair_ = pending_ = true;
  }
  thread_ = std::thread([this] { run(); });
}

SiteRefresher::~SiteRefresher() {
  {
    std::lock_guard files(files_);
    cancelled_ = true;  // the running step stops at its next file
  }
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

std::string SiteRefresher::marker() const { return (fs::path(options_.out) / kBehindMarker).string(); }

void SiteRefresher::begin() {
  std::lock_guard lock(mutex_);
  ++begun_;
  if (behind_) return;
  fs::create_directories(options_.out);
  write_atomically(marker(), "La dernière publication n'est pas encore sur toutes les pages du site.\n");
  behind_ = true;
}

bool SiteRefresher::behind() const {
  std::lock_guard lock(mutex_);
  return behind_;
}

site::BuildOptions SiteRefresher::foreground_options() {
  site::BuildOptions o = options_;
  o.guard = [this](const std::string& rel, const std::function<void()>& operation) {
    std::lock_guard files(files_);
    fresh_.insert(rel);
    operation();
  };
  return o;
}

site::TargetedReport SiteRefresher::refresh(const std::vector<std::string>& ids, const site::BrowseValues& before) {
  auto report = site::rebuild_own_pages(foreground_options(), ids);
  {
    std::lock_guard lock(mutex_);
    for (const auto& id : ids)
      if (std::find(dependents_.begin(), dependents_.end(), id) == dependents_.end()) dependents_.push_back(id);
    before_.insert(before.begin(), before.end());
    pending_ = true;
    dependents_waiting_ = true;
  }
  changed_.notify_all();
  return report;
}

site::TargetedReport SiteRefresher::refresh_courses(const std::vector<std::string>& ids) {
  auto report = site::rebuild_courses(foreground_options(), ids);
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
  changed_.wait(lock, [&] { return stop_ || (!pending_ && !running_ && dependents_.empty()); });
}

void SiteRefresher::wait_dependents() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stop_ || (!running_dependents_ && dependents_.empty()); });
}

std::size_t SiteRefresher::full_rebuilds() const {
  std::lock_guard lock(mutex_);
  return completed_;
}

std::size_t SiteRefresher::dependent_rebuilds() const {
  std::lock_guard lock(mutex_);
  return dependents_completed_;
}

void SiteRefresher::hold() {
  std::lock_guard lock(mutex_);
  held_ = true;
}

void SiteRefresher::release() {
  {
    std::lock_guard lock(mutex_);
    held_ = false;
  }
  changed_.notify_all();
}

void SiteRefresher::take_dependents(std::vector<std::string>& ids, site::BrowseValues& before) {
  ids.swap(dependents_);
  before.swap(before_);
  dependents_waiting_ = false;
}

void SiteRefresher::dependents_now() {
  std::vector<std::string> ids;
  site::BrowseValues before;
  {
    std::lock_guard lock(mutex_);
    if (dependents_.empty()) return;  // another file of the rebuild took them
    take_dependents(ids, before);
    running_dependents_ = true;
  }
  bool done = false;
  try {
    site::rebuild_dependents(foreground_options(), ids, before);
    done = true;
  } catch (const std::exception& e) {
    report_failure(e);
  }
  {
    std::lock_guard lock(mutex_);
    running_dependents_ = false;
    if (done) ++dependents_completed_;
  }
  changed_.notify_all();
}

void SiteRefresher::run() {
  // Below the requests: the background steps use what the server leaves.
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stop_ || (!held_ && (pending_ || !dependents_.empty())); });
    if (stop_) return;
    // The dependent pages first (what a reader opens next), then the full rebuild.
    std::vector<std::string> ids;
    site::BrowseValues before;
    const bool dependents = !dependents_.empty();
    const bool repair = !dependents && repair_;
    const std::uint64_t begun = begun_;
    if (dependents)
      take_dependents(ids, before);
    else
      pending_ = repair_ = false;
    running_ = true;
    running_dependents_ = dependents;
    lock.unlock();
    site::BuildOptions o = options_;
    {
      std::lock_guard files(files_);
      fresh_.clear();
    }
    // A file a publication has rewritten since this step began is newer than this step's data.
    // A full rebuild lets the dependent pages of publications made meanwhile go first: they
    // waited for its end (p95 44 s at 30,000 sheets in bench/publish).
    const auto guarded = [this, dependents](const std::string& rel, const std::function<void()>& operation) {
      if (!dependents && dependents_waiting_) dependents_now();
      std::lock_guard files(files_);
      if (cancelled_) throw Cancelled{};
      if (!fresh_.contains(rel)) operation();
    };
    o.guard = [guarded, outer = options_.guard](const std::string& rel, const std::function<void()>& operation) {
      if (outer)
        outer(rel, [&] { guarded(rel, operation); });
      else
        guarded(rel, operation);
    };
    bool done = false;
    try {
      if (dependents) {
        site::rebuild_dependents(o, ids, before);
      } else {
        if (repair) site::remove_leftovers(o.out, o.guard);
        site::build_site(o);
      }
      done = true;
    } catch (const Cancelled&) {
      return;  // the server stops
    } catch (const std::exception& e) {
      report_failure(e);
    }
    lock.lock();
    running_ = running_dependents_ = false;
    if (dependents) {
      if (done) ++dependents_completed_;
    } else {
      if (done) ++completed_;
      // Caught up: no publication began since this rebuild started, nothing waits. Publications
      // during it left pending_ set: one more full rebuild follows, for all of them.
      if (done && behind_ && begun == begun_ && !pending_ && dependents_.empty()) {
        std::error_code ec;
        fs::remove(marker(), ec);
        fsync_dir(options_.out);
        behind_ = false;
      }
    }
    changed_.notify_all();
  }
}

}  // namespace pratiques::write
