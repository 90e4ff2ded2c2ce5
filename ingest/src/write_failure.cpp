#include "write_failure.h"

#include <cerrno>
#include <cstring>

namespace fs = std::filesystem;

namespace pratiques {

std::string what_stays(const std::string& out) {
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(out, ec)) && fs::is_directory(out, ec))
    return " ; l'index précédent de « " + out + " » reste en service";
  return " ; aucun index n'est publié dans « " + out + " » (premier index) : relancez une fois la cause corrigée";
}

// The system error is in Xapian's error string, or only in its message (a failed commit reports
// the write's error inside its own).
std::string xapian_failure(const Xapian::Error& e) {
  const std::string errno_text = e.get_error_string() ? e.get_error_string() : "";
  const std::string message = e.get_msg();
  std::string why = "erreur de Xapian";
  for (int err : {ENOSPC, EDQUOT, EROFS, EACCES, EPERM, EIO})
    if (errno_text == std::strerror(err) || message.find(std::strerror(err)) != std::string::npos) {
      why = os_error_text(err);
      break;
    }
  return why + " (Xapian, " + e.get_type() + " : " + message + (errno_text.empty() ? "" : " : " + errno_text) + ")";
}

}  // namespace pratiques
