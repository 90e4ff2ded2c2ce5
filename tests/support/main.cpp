// The Catch2 runner of every C++ test program. A test case that checks nothing fails
// (--warn NoAssertions, which this Catch2 cannot take along with ctest's --warn NoTests): a loop
// over results that came back empty is no test.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  if (const int status = session.applyCommandLine(argc, argv); status != 0) return status;
  auto& config = session.configData();
  config.warnings = static_cast<Catch::WarnAbout::What>(config.warnings | Catch::WarnAbout::NoAssertions);
  return session.run();
}
