#include "site_fixture.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "pratiques/index_writer.h"

namespace sitetest {

fs::path source_dir() { return PRATIQUES_SOURCE_DIR; }

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("lecture impossible : " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::pair<int, std::string> command_output(const std::string& command) {
  FILE* p = popen(command.c_str(), "r");
  if (!p) throw std::runtime_error("commande impossible : " + command);
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128, out};
}

namespace {
void index_content(const fs::path& content, const fs::path& index) {
  pratiques::IndexOptions o;
  o.content = content.string();
  o.schemas = (source_dir() / "schemas").string();
  o.out = index.string();
  o.keep_going = true;
  const auto report = pratiques::build_index(o);
  if (!report.published) throw std::runtime_error("index de test non publié");
  if (!report.rejected.empty()) throw std::runtime_error("fiche de test rejetée : " + report.rejected.front());
}
}  // namespace

SiteFixture::SiteFixture() {
  std::random_device rd;
  dir = fs::temp_directory_path() / ("pratiques-site-test-" + std::to_string(rd()));
  fs::create_directories(dir);
  content = dir / "content";
  index = dir / "index";
  out = dir / "site";
  fs::copy(source_dir() / "tests/site/fixtures/content", content, fs::copy_options::recursive);
  index_content(content, index);
  options.index = index.string();
  options.out = out.string();
  options.base_url = "https://pratiques.example.org";
  first = pratiques::site::build_site(options);
}

SiteFixture::~SiteFixture() {
  std::error_code ec;
  fs::remove_all(dir, ec);
}

void SiteFixture::reindex() { index_content(content, index); }

pratiques::site::BuildReport SiteFixture::rebuild() {
  reindex();
  return pratiques::site::build_site(options);
}

std::map<std::string, SiteFixture::FileState> SiteFixture::snapshot() const {
  std::map<std::string, FileState> m;
  for (const auto& e : fs::recursive_directory_iterator(out))
    if (e.is_regular_file())
      m[fs::relative(e.path(), out).generic_string()] = {read(e.path()), fs::last_write_time(e.path())};
  return m;
}

}  // namespace sitetest
