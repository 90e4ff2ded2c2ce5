#include "guarded.h"

#include <xapian.h>

#include <iostream>

#include "args.h"
#include "pratiques/grid.h"
#include "pratiques/index_store.h"
#include "pratiques/search.h"

namespace pratiques::cli {

int guarded(const std::function<int()>& command) {
  try {
    return command();
  } catch (const GridError& e) {
    std::cerr << "pratiques : schéma invalide : " << e.what() << "\n";
    return kInvalidSchemas;
  } catch (const IndexError& e) {
    std::cerr << "pratiques : " << e.what() << "\n";
    return kCannotRun;
  } catch (const SearchError& e) {
    std::cerr << "pratiques : " << e.what() << "\n";
    return kCannotRun;
  } catch (const std::exception& e) {
    std::cerr << "pratiques : erreur interne : " << e.what() << "\n";
  } catch (const Xapian::Error& e) {  // not a std::exception: uncaught, it aborted the command
    std::cerr << "pratiques : erreur de l'index Xapian : " << e.get_description() << "\n";
  } catch (...) {
    std::cerr << "pratiques : erreur interne inattendue\n";
  }
  return kInternal;
}

}  // namespace pratiques::cli
