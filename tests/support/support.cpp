#include "support.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef PRATIQUES_SOURCE_DIR
#error "PRATIQUES_SOURCE_DIR must be defined (tests/CMakeLists.txt)"
#endif
#ifndef PRATIQUES_CLI
#error "PRATIQUES_CLI must be defined (tests/CMakeLists.txt)"
#endif

namespace testing {

fs::path source_dir() { return fs::path(PRATIQUES_SOURCE_DIR); }
fs::path fixtures() { return source_dir() / "tests" / "fixtures"; }
fs::path schemas() { return source_dir() / "schemas"; }
std::string cli() { return PRATIQUES_CLI; }

std::string prebuilt_index(const std::string& name) {
  const char* dir = std::getenv("PRATIQUES_TEST_INDEXES");
  return dir && *dir ? (fs::path(dir) / name / "index").string() : std::string();
}

const pratiques::Grid& grid() {
  static const pratiques::Grid g = pratiques::load_grid(schemas().string());
  return g;
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void write_file(const fs::path& p, std::string_view bytes) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + p.string());
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "pratiques-test-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

RunResult run(const std::vector<std::string>& argv, const fs::path& cwd) {
  int out_pipe[2], err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  RunResult r;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<std::size_t>(n));
      } else {
        ::close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xC0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
  }
  return s;
}

void for_random_texts(const std::vector<std::string>& alphabet, std::uint32_t seed, int count,
                      const std::function<void(const std::string&)>& check) {
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int i = 0; i < count; ++i) {
    std::string text;
    const int length = 1 + static_cast<int>(next() % 12);
    for (int k = 0; k < length; ++k) text += alphabet[next() % alphabet.size()];
    check(text);
  }
}

std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("replaced: « " + from + " » absent");
  return text.substr(0, at) + to + text.substr(at + from.size());
}

std::string valid_sheet(const std::string& id, const std::string& title) {
  std::string s = read_file(fixtures() / "valide" / "fiche-valide.md");
  s = replaced(s, "id: fiche-valide", "id: " + id);
  return replaced(s, "titre: \"Atelier cuisine partagé entre voisins du quartier des Glycines\"",
                  "titre: \"" + title + "\"");
}

std::string near_copy(const std::string& sheet, const std::string& new_id) {
  std::string out = sheet;
  const std::size_t id_at = out.find("id: ");
  out.replace(id_at, out.find('\n', id_at) - id_at, "id: " + new_id);
  std::size_t word = 0;
  for (std::size_t i = out.find("\n---\n", 4) + 5; i < out.size();) {
    const bool line_start = out[i - 1] == '\n';
    if (line_start && (out[i] == '#' || out[i] == '_')) {  // a heading or the marker: skip the line
      i = out.find('\n', i) == std::string::npos ? out.size() : out.find('\n', i) + 1;
      continue;
    }
    if (std::isalpha(static_cast<unsigned char>(out[i]))) {
      std::size_t j = i;
      while (j < out.size() && std::isalpha(static_cast<unsigned char>(out[j]))) ++j;
      if (++word % 10 == 0) {
        out.replace(i, j - i, "changé");
        j = i + std::string("changé").size();
      }
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

std::string describe(const pratiques::Diagnostics& all) {
  std::string s;
  for (const auto& d : all) s += pratiques::format_text(d) + "\n";
  return s.empty() ? "(aucun diagnostic)\n" : s;
}

pratiques::Diagnostics with_rule(const pratiques::Diagnostics& all, std::string_view rule) {
  pratiques::Diagnostics out;
  for (const auto& d : all)
    if (d.rule == rule) out.push_back(d);
  return out;
}

pratiques::Diagnostics without_near_copies(const pratiques::Diagnostics& all) {
  pratiques::Diagnostics out;
  for (const auto& d : all)
    if (d.rule != "doublon-probable") out.push_back(d);
  return out;
}

std::size_t errors_of(const pratiques::Diagnostics& all) { return pratiques::count_errors(all); }

}  // namespace testing
