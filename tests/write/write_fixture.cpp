#include "write_fixture.h"

#include <stdexcept>

#include "pratiques/index_writer.h"
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
  if (editorial && !editorial->options().paths.site.empty()) editorial->publisher().site().wait_idle();
}

Account Workspace::account(const std::string& email, Role role, const std::string& password) {
  const Activation a = editorial->accounts().add(email, role, "");
  return editorial->accounts().activate(a.token, password);
}

}  // namespace testing
