#include "pratiques/os_error.h"

#include <cerrno>
#include <cstring>
#include <string>

namespace pratiques {

std::string os_error_text(int err) {
  switch (err) {
    case ENOSPC: return "disque plein";
    case EROFS: return "système de fichiers en lecture seule";
    case EACCES:
    case EPERM: return "écriture non autorisée";
    case EDQUOT: return "quota disque dépassé";
    case EIO: return "erreur d'entrée-sortie du disque";
    case ENOENT: return "fichier ou répertoire absent";
    case EMFILE:
    case ENFILE: return "trop de fichiers ouverts";
    case ENOMEM: return "mémoire insuffisante";
    default: return "erreur du système n° " + std::to_string(err) + " (" + std::strerror(err) + ")";
  }
}

}  // namespace pratiques
