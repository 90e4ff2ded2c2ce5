// "Pratiques proches" (internal to pratiques-search): neighbours of a sheet by relevance feedback.
#pragma once
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace pratiques {

// Xapian's answer for one sheet: the ESet of its words, then an OR query of them (Searcher::similar).
Xapian::MSet similar_mset(const Xapian::Database& db, const std::string& id, int count);

// The same neighbours for every sheet, from statistics and postings read once (Searcher::similar_ids).
class NeighbourIndex;
std::shared_ptr<NeighbourIndex> load_neighbour_index(const Xapian::Database& db);
// Safe from several threads at once.
std::vector<Xapian::docid> nearest(const NeighbourIndex& index, Xapian::docid did, int count,
                                   const std::vector<Xapian::docid>& excluded);

}  // namespace pratiques
