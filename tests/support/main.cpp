// The Catch2 runner shared by the unit and integration test programs.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
