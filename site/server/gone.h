// 410 Gone for the pages of archived or removed sheets (gone.cpp).
#pragma once

#include <string>

#include "exchange.h"
#include "state.h"

namespace pratiques::server {

// Answers 410 Gone when `path` is the page of a sheet the history knows as deleted; false otherwise.
bool answer_gone(State& st, Exchange& ex, const std::string& path);

}  // namespace pratiques::server
