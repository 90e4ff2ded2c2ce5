#include "pratiques/failpoint.h"

#include <signal.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace pratiques::failpoint {

void reached(std::string_view point) {
  const char* const armed = std::getenv("PRATIQUES_FAILPOINT");
  if (std::find(kPoints.begin(), kPoints.end(), point) == kPoints.end())
    throw std::logic_error("point de panne inconnu : " + std::string(point));  // the test would never reach it
  if (armed && point == armed) ::raise(SIGKILL);
}

bool fails(std::string_view point) {
  const char* const armed = std::getenv("PRATIQUES_FAILPOINT");
  return armed && std::string_view(armed) == "echec:" + std::string(point);
}

}  // namespace pratiques::failpoint
