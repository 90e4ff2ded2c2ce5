#include "write_fixture.h"

#include <stdexcept>

#include "pratiques/index_writer.h"
#include "pratiques/search.h"
#include "pratiques/site/build.h"

namespace testing {

using namespace pratiques::write;

Workspace::Workspace(bool with_site) {
  copy_tree(fixtures() / "corpus", content());
  pratiques::IndexOptions io;
  io.content = content().string();
  io.schemas = schemas().string();
  io.out = index();
  if (!pratiques::build_index(io).published) throw std::runtime_error("fixture corpus not indexed");
  EditorialOptions o;
  o.data = (dir.path() / "var").string();
  o.paths.content = content().string();
  o.paths.schemas = schemas().string();
  o.paths.index = index();
  o.paths.site = with_site ? site().string() : "";
  o.paths.base_url = "http://localhost:8080";
  if (with_site) {
    pratiques::site::BuildOptions b;
    b.index = index();
    b.out = site().string();
    pratiques::site::build_site(b);
  }
  o.kdf = KdfLimits::minimum();
  o.clock = [this] { return now; };
  editorial = std::make_unique<Editorial>(o);
  admin = account("admin@exemple.fr", Role::Administrateur);
  curator = account("doc@exemple.fr", Role::Documentaliste);
  curator2 = account("doc2@exemple.fr", Role::Documentaliste);
  author = account("auteur@exemple.fr", Role::Contributeur);
  other_author = account("autre@exemple.fr", Role::Contributeur);
  trainer = account("formateur@exemple.fr", Role::Formateur);
}

Workspace::~Workspace() {
  if (editorial && !editorial->options().paths.site.empty()) {
    editorial->publisher().site().release();
    editorial->publisher().site().wait_idle();
  }
}

Account Workspace::account(const std::string& email, Role role, const std::string& password) {
  const Activation a = editorial->accounts().add(email, role, "");
  return editorial->accounts().activate(a.token, password);
}

bool found(const std::string& index, const std::string& query, const std::string& id) {
  pratiques::Searcher s(index);
  pratiques::SearchRequest r;
  r.query = query;
  for (const auto& h : s.search(r).hits)
    if (h.id == id) return true;
  return false;
}

std::map<std::string, std::string> files_under(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) out[fs::relative(e.path(), root).string()] = read_file(e.path());
  return out;
}

}  // namespace testing
