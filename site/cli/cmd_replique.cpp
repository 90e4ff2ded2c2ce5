// `pratiques replique`: the follower of a read-only search node (docs/repliques.md). It runs
// xapian-replicate (Debian xapian-tools) against the primary's xapian-replicate-server, and after
// each of its updates brings the local index forward (replica.h), which `pratiques serve` follows.
// Runs until SIGTERM or SIGINT.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <string>

#include "args.h"
#include "pratiques/index_layout.h"
#include "pratiques/index_store.h"
#include "pratiques/replica.h"

namespace pratiques::cli {

namespace {

// `network`: the program talks to the primary. It then ignores SIGPIPE (kept across exec), so that
// a connection the primary or the network ends while it writes is an error it reports and retries,
// not a signal that kills it (xapian-replicate does not ignore SIGPIPE itself).
pid_t start(const std::vector<std::string>& argv, bool network = false) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, nullptr);
    if (network) ::signal(SIGPIPE, SIG_IGN);
    ::execvp(args[0], args.data());
    std::cerr << "pratiques replique : " << args[0] << " introuvable\n";
    ::_exit(127);
  }
  return pid;
}

// How a child ended, in words (a wait status is no number to show).
std::string ending(int status) {
  if (WIFSIGNALED(status)) return "tué par le signal " + std::to_string(WTERMSIG(status));
  return "code de sortie " + std::to_string(WEXITSTATUS(status));
}

// A line of the follower's log, with the time: the journal of a node that ran for days.
void say(std::ostream& out, const std::string& message) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  ::localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", &local);
  out << stamp << " pratiques replique : " << message << std::endl;
}

// The errors of the follower's steps (five a second): a new one is said at once, the same one again
// at most once a minute; waiting for the first copy, once.
class StepErrors {
 public:
  void report(const std::exception& e) {
    const auto now = std::chrono::steady_clock::now();
    const bool waiting = dynamic_cast<const ReplicaWaiting*>(&e) != nullptr;
    if (e.what() == last_ && (waiting || now - said_at_ < std::chrono::minutes(1))) return;
    say(std::cerr, e.what());
    last_ = e.what();
    said_at_ = now;
  }
  void clear() { last_.clear(); }  // a step went through

 private:
  std::string last_;
  std::chrono::steady_clock::time_point said_at_{};
};

}  // namespace

int cmd_replique(int argc, char** argv) {
  const auto parsed = parse_args(argc, argv, 2, {"primaire", "base", "sortie", "intervalle", "apres"});
  if (!parsed) return kUsage;
  const Args& a = *parsed;
  const std::string primary = a.get("primaire", "");
  const auto colon = primary.rfind(':');
  const int interval = to_int(a.get("intervalle", "1"), -1);
  if (colon == std::string::npos || colon == 0 || to_int(primary.substr(colon + 1), -1) <= 0 || interval < 1) {
    std::cerr
        << "pratiques replique : --primaire HÔTE:PORT attendu (le xapian-replicate-server du primaire, paquet Debian "
           "xapian-tools), --intervalle en secondes\n";
    return kUsage;
  }
  ReplicaOptions o;
  o.out = a.get("sortie", "index");
  o.replicated = index_store(o.out) + "/" + kReplicatedDir;
  const std::string after = a.get("apres", "");

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::filesystem::create_directories(index_store(o.out));
  const pid_t child =
      start({"xapian-replicate", "-h", primary.substr(0, colon), "-p", primary.substr(colon + 1), "-m",
             a.get("base", "index/xapian"), "-i", std::to_string(interval), "-r", "1", "-q", o.replicated},
            true);
  say(std::cout, "réplique de " + primary + " dans « " + o.out + " »");
  StepErrors errors;
  int status = 0;
  std::string built;  // the publication served when --apres last ran
  for (;;) {
    try {
      follow_replica(o);
      // Also when `pratiques serve` brought the index forward itself (served_publication()).
      const std::string served = served_publication(o);
      if (!served.empty() && served != built) {
        say(std::cout, "index à jour (" + resolve_index(o.out) + ", publication " + served + ")");
        built = served;
        int hook = 0;
        if (!after.empty() && (::waitpid(start({"/bin/sh", "-c", after}), &hook, 0) < 0 || hook != 0))
          say(std::cerr, "la commande « " + after + " » a échoué (" + ending(hook) + ")");
      }
      errors.clear();
    } catch (const std::exception& e) {  // IndexError; a file system's or the catalogue's error too
      errors.report(e);
    }
    const timespec wait{0, 200'000'000};
    if (sigtimedwait(&signals, nullptr, &wait) > 0) break;
    if (::waitpid(child, &status, WNOHANG) == child) {
      say(std::cerr, "xapian-replicate s'est arrêté (" + ending(status) + ")");
      return kCannotRun;
    }
  }
  ::kill(child, SIGTERM);
  ::waitpid(child, &status, 0);
  say(std::cout, "arrêté.");
  return kOk;
}

}  // namespace pratiques::cli
