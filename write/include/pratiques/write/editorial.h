// The write side as one object, for the server (and part 2's pages): the server's database, the
// accounts, the sessions, the contributions and their publication, sharing one clock.
//
//   write::Editorial ed({.data = "var", .paths = {...}});
//   auto who = ed.accounts().authenticate(email, password, client);
//   auto draft = ed.contributions().create(who, markdown);
//   ed.contributions().act(curator, draft.contribution.id, write::Action::Publier, {"Relue"});
#pragma once
#include <memory>
#include <string>

#include "pratiques/grid.h"
#include "pratiques/write/accounts.h"
#include "pratiques/write/contributions.h"
#include "pratiques/write/current_grid.h"
#include "pratiques/write/publisher.h"
#include "pratiques/write/server_data.h"
#include "pratiques/write/sessions.h"

namespace pratiques::write {

struct EditorialOptions {
  std::string data = "var";  // the server's database: <data>/pratiques.sqlite
  Paths paths;               // content/, schemas/, index, site
  KdfLimits kdf = KdfLimits::interactive();
  ThrottleLimits throttle;
  SessionLimits sessions;
  Clock clock = system_clock();
};

class Editorial {
 public:
  // Opens (creates, migrates) the database and loads the grid. Throws CatalogError, GridError.
  explicit Editorial(EditorialOptions options);
  ~Editorial();
  Editorial(const Editorial&) = delete;
  Editorial& operator=(const Editorial&) = delete;

  Database& database() { return db_; }
  Accounts& accounts() { return accounts_; }
  Sessions& sessions() { return sessions_; }
  Contributions& contributions() { return contributions_; }
  Publisher& publisher() { return publisher_; }
  // The grid as schemas/ holds it now (CurrentGrid).
  std::shared_ptr<const Grid> grid() { return grid_.get(); }
  const EditorialOptions& options() const { return options_; }

 private:
  EditorialOptions options_;
  Database db_;
  CurrentGrid grid_;
  Accounts accounts_;
  Sessions sessions_;
  Publisher publisher_;
  Contributions contributions_;
};

}  // namespace pratiques::write
