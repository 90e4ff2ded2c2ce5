// Query latency benchmark (single thread): runs a list of realistic queries N times and prints
// p50/p95/p99/max latency and queries per second.
//
//   query-latency --index DIR --queries FILE [--repeat 5] [--warmup 1] [--per-page 10] [--json]
//       in process: pratiques::Searcher::search (every facet counted, as the site does)
//   query-latency --mode cli --pratiques BIN --index DIR --queries FILE [--repeat 1]
//       one `pratiques search --json` process per query (same footing as the Omega CGI)
//   query-latency --mode omega --omega-db DIR --queries FILE [--repeat 1] [--omega BIN]
//       one Omega CGI process per query (QUERY_STRING, as a web server runs it) on a scriptindex
//       database built from the same text (bench/gen-corpus.mjs writes the index script and dump)
//
// FILE: one query per line, "words<TAB>facet=value&facet=value" (empty words: filters only);
// lines starting with # are comments. Facet keys are those of schemas/recherche.yaml; in omega
// mode they become B= filter terms with the prefixes of bench/gen-corpus.mjs (OMEGA_FACET_PREFIX).
#include <Poco/URI.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <cmath>
#include <memory>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pratiques/search.h"

extern char** environ;
namespace fs = std::filesystem;

namespace {

struct Query {
  std::string words;
  std::vector<std::pair<std::string, std::string>> filters;
  std::string category() const {
    if (words.empty()) return "filtres seuls";
    return filters.empty() ? "texte" : "texte + filtres";
  }
};

std::vector<Query> load_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("requêtes introuvables : " + path);
  std::vector<Query> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    Query q;
    const auto tab = line.find('\t');
    q.words = line.substr(0, tab);
    if (tab != std::string::npos) {
      std::stringstream f(line.substr(tab + 1));
      for (std::string kv; std::getline(f, kv, '&');) {
        const auto eq = kv.find('=');
        if (eq != std::string::npos && eq > 0) q.filters.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
      }
    }
    if (!q.words.empty() || !q.filters.empty()) out.push_back(std::move(q));
  }
  if (out.empty()) throw std::runtime_error("aucune requête dans " + path);
  return out;
}

// Same prefixes as OMEGA_FACET_PREFIX in bench/gen-corpus.mjs.
const std::map<std::string, std::string> kOmegaPrefix = {{"thematiques", "XFTH"},
                                                         {"publics", "XFPU"},
                                                         {"modes_intervention", "XFMO"},
                                                         {"type_porteur", "XFTP"},
                                                         {"departement", "XFDE"},
                                                         {"region", "XFRE"},
                                                         {"stade", "XFST"},
                                                         {"niveau_participation", "XFNP"},
                                                         {"professions", "XFPR"},
                                                         {"type_fiche", "XFTF"},
                                                         {"annee", "XFAN"}};

std::string url_encode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "#&+/:;=?@", out);  // only unreserved characters left as they are
  return out;
}

// Runs a process, reads its standard output to the end; returns the output (exit status in `status`).
// CPU time (user + system, ms) of the last process run by run_process.
thread_local double g_child_cpu_ms = 0;

std::string run_process(const std::vector<std::string>& argv, const std::vector<std::string>& env, int& status) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  pid_t pid;
  const int rc = posix_spawn(&pid, argv[0].c_str(), &fa, nullptr, args.data(), envp.data());
  posix_spawn_file_actions_destroy(&fa);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw std::runtime_error("impossible de lancer " + argv[0] + " : " + std::strerror(rc));
  }
  std::string out;
  char buf[65536];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fds[0]);
  struct rusage ru {};
  ::wait4(pid, &status, 0, &ru);
  g_child_cpu_ms = (static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3) +
                   static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
  return out;
}

std::vector<std::string> inherited_env(std::vector<std::string> extra) {
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "PATH=", 5) == 0 || std::strncmp(*e, "LANG=", 5) == 0 || std::strncmp(*e, "LC_", 3) == 0)
      extra.emplace_back(*e);
  return extra;
}

double thread_cpu_ms() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {  // nearest-rank
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

struct Options {
  std::string mode = "inprocess", index, queries, pratiques_bin, omega_db, omega_bin = "/usr/lib/cgi-bin/omega/omega",
              label;
  int repeat = 5, warmup = 1, per_page = 10;
  bool json = false;
};

void usage() {
  std::cerr << "usage : query-latency [--mode inprocess|cli|omega] --queries FILE [--index DIR] [--pratiques BIN]\n"
               "                      [--omega-db DIR] [--omega BIN] [--repeat N] [--warmup N] [--per-page N] [--label "
               "TEXT] [--json]\n";
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--mode")
      o.mode = value();
    else if (a == "--index")
      o.index = value();
    else if (a == "--queries")
      o.queries = value();
    else if (a == "--pratiques")
      o.pratiques_bin = value();
    else if (a == "--omega-db")
      o.omega_db = value();
    else if (a == "--omega")
      o.omega_bin = value();
    else if (a == "--repeat")
      o.repeat = std::max(1, std::atoi(value().c_str()));
    else if (a == "--warmup")
      o.warmup = std::max(0, std::atoi(value().c_str()));
    else if (a == "--per-page")
      o.per_page = std::max(1, std::atoi(value().c_str()));
    else if (a == "--label")
      o.label = value();
    else if (a == "--json")
      o.json = true;
    else {
      usage();
      return 2;
    }
  }
  if (o.queries.empty() || (o.mode != "omega" && o.index.empty()) || (o.mode == "omega" && o.omega_db.empty()) ||
      (o.mode == "cli" && o.pratiques_bin.empty()) || (o.mode != "inprocess" && o.mode != "cli" && o.mode != "omega")) {
    usage();
    return 2;
  }
  try {
    const std::vector<Query> queries = load_queries(o.queries);
    std::function<unsigned(const Query&)> run;  // returns the number of matches (sanity check)

    std::unique_ptr<pratiques::Searcher> searcher;
    fs::path omega_dir;
    if (o.mode == "inprocess") {
      searcher = std::make_unique<pratiques::Searcher>(o.index);
      run = [&](const Query& q) {
        pratiques::SearchRequest r;
        r.query = q.words;
        r.filters = q.filters;
        r.per_page = o.per_page;
        return searcher->search(r).total;
      };
    } else if (o.mode == "cli") {
      const auto env = inherited_env({});
      run = [&, env](const Query& q) {
        std::vector<std::string> args = {
            o.pratiques_bin, "search", "--index", o.index, "--json", "--par-page", std::to_string(o.per_page)};
        for (const auto& [k, v] : q.filters) args.push_back("--filtre=" + k + "=" + v);
        std::stringstream w(q.words);
        for (std::string x; w >> x;) args.push_back(x);
        int status = 0;
        const std::string out = run_process(args, env, status);
        const auto p = out.find("\"total\"");
        return p == std::string::npos ? 0u : static_cast<unsigned>(std::atol(out.c_str() + out.find(':', p) + 1));
      };
    } else {
      // A private Omega configuration: the database (by symbolic link) and a minimal template
      // that prints the match count and the first page (id, title, summary), like the API does.
      omega_dir = fs::temp_directory_path() / ("query-latency-omega-" + std::to_string(::getpid()));
      fs::create_directories(omega_dir / "db");
      fs::create_directories(omega_dir / "templates");
      fs::create_symlink(fs::absolute(o.omega_db), omega_dir / "db" / "pratiques");
      std::ofstream(omega_dir / "omega.conf")
          << "database_dir " << (omega_dir / "db").string() << "\ntemplate_dir " << (omega_dir / "templates").string()
          << "\nlog_dir " << omega_dir.string() << "\n";
      std::ofstream(omega_dir / "templates" / "bench")
          << "$httpheader{Content-Type,text/plain}$set{stemmer,french}$set{flag_boolean,1}$set{flag_phrase,1}"
             "$set{flag_lovehate,1}$set{flag_pure_not,1}$setmap{prefix,titre,S}"
             "total=$msize\n$hitlist{$field{id}\t$field{titre}\t$field{en_bref}\n}";
      const std::string conf = "OMEGA_CONFIG_FILE=" + (omega_dir / "omega.conf").string();
      run = [&, conf](const Query& q) {
        std::string qs = "DB=pratiques&FMT=bench&DEFAULTOP=and&HITSPERPAGE=" + std::to_string(o.per_page) +
                         "&P=" + url_encode(q.words);
        for (const auto& [k, v] : q.filters) {
          auto p = kOmegaPrefix.find(k);
          if (p != kOmegaPrefix.end()) qs += "&B=" + url_encode(p->second + v);
        }
        const auto env = inherited_env({conf, "REQUEST_METHOD=GET", "GATEWAY_INTERFACE=CGI/1.1", "QUERY_STRING=" + qs});
        int status = 0;
        const std::string out = run_process({o.omega_bin}, env, status);
        const auto p = out.find("total=");
        if (p == std::string::npos) throw std::runtime_error("omega : réponse inattendue : " + out.substr(0, 300));
        return static_cast<unsigned>(std::atol(out.c_str() + p + 6));
      };
    }

    using clock = std::chrono::steady_clock;
    for (int w = 0; w < o.warmup; ++w)
      for (const auto& q : queries) run(q);
    std::vector<double> all, cpu;
    std::map<std::string, std::vector<double>> by_category;
    std::size_t empty_results = 0;
    const auto t_start = clock::now();
    for (int r = 0; r < o.repeat; ++r)
      for (const auto& q : queries) {
        const double c0 = thread_cpu_ms();
        const auto t0 = clock::now();
        const unsigned total = run(q);
        const double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        // CPU time of the query: this thread (in process), or the child process (one per query).
        cpu.push_back(o.mode == "inprocess" ? thread_cpu_ms() - c0 : g_child_cpu_ms);
        all.push_back(ms);
        by_category[q.category()].push_back(ms);
        if (r == 0 && total == 0) ++empty_results;
      }
    const double secs = std::chrono::duration<double>(clock::now() - t_start).count();
    if (!omega_dir.empty()) fs::remove_all(omega_dir);

    const double qps = static_cast<double>(all.size()) / secs;
    if (o.json) {
      std::cout << std::fixed << std::setprecision(3) << "{\"mode\":\"" << o.mode << "\",\"label\":\"" << o.label
                << "\",\"queries\":" << queries.size() << ",\"runs\":" << all.size()
                << ",\"p50_ms\":" << percentile(all, 50) << ",\"p95_ms\":" << percentile(all, 95)
                << ",\"p99_ms\":" << percentile(all, 99) << ",\"max_ms\":" << *std::max_element(all.begin(), all.end())
                << ",\"qps\":" << qps << ",\"cpu_p50_ms\":" << percentile(cpu, 50)
                << ",\"cpu_p95_ms\":" << percentile(cpu, 95) << ",\"cpu_p99_ms\":" << percentile(cpu, 99)
                << ",\"no_result\":" << empty_results << ",\"categories\":{";
      bool first = true;
      for (const auto& [c, v] : by_category) {
        std::cout << (first ? "" : ",") << "\"" << c << "\":{\"n\":" << v.size() << ",\"p50_ms\":" << percentile(v, 50)
                  << ",\"p95_ms\":" << percentile(v, 95) << ",\"p99_ms\":" << percentile(v, 99) << "}";
        first = false;
      }
      std::cout << "}}\n";
    } else {
      std::cout << std::fixed << std::setprecision(2) << o.mode << (o.label.empty() ? "" : " (" + o.label + ")")
                << " : " << queries.size() << " requêtes × " << o.repeat << " ; p50 " << percentile(all, 50)
                << " ms, p95 " << percentile(all, 95) << " ms, p99 " << percentile(all, 99) << " ms, max "
                << *std::max_element(all.begin(), all.end()) << " ms ; " << qps << " requêtes/s ; " << empty_results
                << " requête(s) sans résultat\n  temps CPU : p50 " << percentile(cpu, 50) << " ms, p95 "
                << percentile(cpu, 95) << " ms, p99 " << percentile(cpu, 99) << " ms\n";
      for (const auto& [c, v] : by_category)
        std::cout << "  " << c << " (" << v.size() << ") : p50 " << percentile(v, 50) << " ms, p95 "
                  << percentile(v, 95) << " ms, p99 " << percentile(v, 99) << " ms\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "query-latency : " << e.what() << "\n";
    return 1;
  }
  return 0;
}
