// What a writer of the index says when the disk, Xapian or SQLite refuses a write: one French
// message with the cause (disque plein, lecture seule…) and what readers keep meanwhile. Shared by
// `pratiques index` (index_writer.cpp) and a read node's follower (replica.cpp).
#pragma once
#include <xapian.h>

#include <filesystem>
#include <string>

#include "pratiques/catalog.h"
#include "pratiques/index_store.h"
#include "pratiques/os_error.h"

namespace pratiques {

// What a failed run leaves readers of `out`: the index published before it, or none yet.
std::string what_stays(const std::string& out);
// Why Xapian failed, in French, then its own text as context.
std::string xapian_failure(const Xapian::Error& e);

// Runs a writer of `out`, turning what Xapian, SQLite and the file system throw into an IndexError
// with one clear message.
template <class F>
auto clearly(const std::string& out, F&& run) -> decltype(run()) {
  try {
    return run();
  } catch (const Xapian::Error& e) {
    throw IndexError("écriture de l'index impossible : " + xapian_failure(e) + what_stays(out));
  } catch (const std::filesystem::filesystem_error& e) {
    throw IndexError("écriture de l'index impossible : " + os_error_text(e.code().value()) + " (" + e.path1().string() +
                     ")" + what_stays(out));
  } catch (const CatalogError& e) {
    const std::string what = e.what();
    const bool full = what.find("database or disk is full") != std::string::npos;  // SQLITE_FULL's message
    throw IndexError("écriture du catalogue impossible : " + std::string(full ? "disque plein" : "erreur de SQLite") +
                     " (" + what + ")" + what_stays(out));
  }
}

}  // namespace pratiques
