// The exit code of a subcommand whatever it throws, shared by `pratiques` and `pratiques-serve`.
#pragma once
#include <functional>

namespace pratiques::cli {

// Runs `command`; an exception becomes its message on stderr and an exit code (args.h: Exit).
int guarded(const std::function<int()>& command);

}  // namespace pratiques::cli
