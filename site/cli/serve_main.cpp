// `pratiques-serve`: the search server, run by `pratiques serve` (main.cpp), which replaces itself
// with this executable; the arguments are those of `pratiques serve` ("serve" first).
#include <iostream>

#include "args.h"
#include "guarded.h"
#include "pratiques/server/server.h"

int main(int argc, char** argv) {
  using namespace pratiques::cli;
  return guarded([&] {
    try {
      return cmd_serve(argc, argv);
    } catch (const pratiques::server::ListenError& e) {
      std::cerr << "pratiques : " << e.what() << "\n";
      return static_cast<int>(kCannotRun);
    }
  });
}
