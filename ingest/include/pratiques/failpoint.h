// Fault injection for the tests that kill `pratiques index` (tests/integration/test_kill.cpp):
// with PRATIQUES_FAILPOINT=<point> in its environment, the process kills itself with SIGKILL when
// it reaches that point, as a `kill -9` or a power cut would at that instant. Unset, as in
// production, nothing happens.
#pragma once
#include <array>
#include <string_view>

namespace pratiques::failpoint {

// Every point, in the order a run reaches them; the test goes through the whole list.
inline constexpr std::array<std::string_view, 15> kPoints = {
    // every run
    "lock",  // lock taken, nothing read yet
    "scan",  // files scanned, none parsed
    // a full build (a new generation)
    "shard-write",       // a shard half written
    "merge",             // shards written, before Xapian's compaction merges them
    "catalogue",         // merged; catalogue filled and stamped, not committed
    "generation-ready",  // generation complete and durable, still named .tmp
    "renamed",           // renamed to its final name, link not switched yet
    "link",              // link switched, older generations not removed yet
    "cleanup",           // older generations removed
    // a publication in place (an incremental run, Publisher::publish)
    "recovered",               // a catalogue left behind was brought forward
    "before-xapian-commit",    // every change prepared, nothing committed
    "after-xapian-commit",     // Xapian committed (the commit point), the catalogue not yet
    "after-catalogue-commit",  // both committed
    // a replica's follower (replica.h)
    "replica-base",     // a replica's catalogue rebuilt from the base, not published
    "replica-changes",  // a replica about to apply the changes of new publications
};

// Kills the process if PRATIQUES_FAILPOINT names `point` (which must be one of kPoints).
void reached(std::string_view point);
// True if PRATIQUES_FAILPOINT is "echec:<point>": a write of the step at `point` then fails, as on a
// full disk, for the tests of what a run says when it cannot finish ("merge": Xapian's compaction;
// "after-xapian-commit": the catalogue's commit; "replica-base": a node's catalogue file).
bool fails(std::string_view point);

}  // namespace pratiques::failpoint
