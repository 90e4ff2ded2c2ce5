// Corpus-level rules (ids unique, links to existing sheets, links declared both ways) for a
// publication in place: the changed sheets are checked against the sheets they can conflict with,
// read from the catalogue, rather than against the whole corpus: the owners of the ids they claim,
// the sheets they link to (and whether those link back), and the sheets that link to one of their
// ids or to a sheet that disappeared. validate_corpus() over the changed sheets and this context
// reports what it would report over the whole corpus about them.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "pratiques/catalog.h"
#include "pratiques/validate.h"
#include "pratiques/course_context.h"

namespace pratiques {

// `superseded`: catalogue keys of the files changed or removed (their rows are the old version);
// `gone`: ids of the sheets removed. Paths are shown as `content` + key.
std::vector<CorpusEntry> corpus_context(Catalog& cat, const std::vector<CorpusEntry>& changed,
                                        const std::set<std::string>& gone, const std::set<std::string>& superseded,
                                        const std::string& content);

// Outlines of the sheets that courses cite, from the catalogue (documented sections); a cited
// former id gives the outline of the sheet that declares it, with that id among its old_ids.
std::vector<SheetOutline> catalogue_outlines(Catalog& cat, const std::set<std::string>& ids);
// Every published sheet id, with no section (for the courses' "vouliez-vous dire" when a step cites
// an unknown sheet).
std::vector<SheetOutline> catalogue_ids(Catalog& cat);

}  // namespace pratiques
