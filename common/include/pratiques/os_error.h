// Operating-system errors as users read them, in French.
#pragma once
#include <stdexcept>
#include <string>

namespace pratiques {

// "disque plein", "système de fichiers en lecture seule"… (strerror speaks the process's locale: C).
std::string os_error_text(int err);

// A write the storage refuses (full, read-only, not permitted): a condition for whoever runs the
// service to fix, not a bug, and not one that retrying soon will clear. The message names the file
// and the cause.
struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace pratiques
