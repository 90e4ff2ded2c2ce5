#include "pratiques/os_error.h"

#include <cerrno>
#include <cstring>

namespace pratiques {

std::string os_error_text(int err) {
  switch (err) {
    case ENOSPC: return "disque plein";
    case EROFS: return "système de fichiers en lecture seule";
    case EACCES:
    case EPERM: return "écriture non autorisée";
    case EDQUOT: return "quota disque dépassé";
    default: return std::strerror(err);
  }
}

}  // namespace pratiques
