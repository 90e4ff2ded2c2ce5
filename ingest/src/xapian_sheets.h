// The Xapian side of an index run: each thread builds the documents of its sheets and counts their
// spelling words and the written forms of their accented words, then adds them to the database it
// writes (a shard of a full build, or the live database of a publication).
#pragma once
#include <xapian.h>

#include <map>
#include <string>
#include <unordered_map>

#include "prepared.h"
#include "pratiques/sheet_document.h"

namespace pratiques {

class SheetXapian {
 public:
  explicit SheetXapian(const IndexContext& context);
  // The document of a sheet; counts its spelling words and records its accented forms.
  Xapian::Document build(const PreparedFile& sheet);
  // Adds the spelling words counted since the last call (one call per word, not per document).
  void flush_spelling(Xapian::WritableDatabase& db);
  // How the sheets built so far write their words.
  WrittenForms forms;

 private:
  SheetDocumentBuilder builder_;
  std::unordered_map<std::string, Xapian::termcount> spelling_;
};

// Takes the spelling words of the document indexed for `id` out of the spelling table.
void remove_spelling(Xapian::WritableDatabase& db, const std::string& id);
// Spelling data from the vocabularies' labels, so that a misspelt label is corrected.
void add_vocabulary_spelling(Xapian::WritableDatabase& db, const IndexContext& context);
// The names of the communes of schemas/territoires.tsv (commune_key), so that a search knows them:
// no spelling correction, their département offered.
void save_communes(Xapian::WritableDatabase& db, const IndexContext& context);
// The usual written forms of accented words, for suggestions shown with their accents: all of
// them from a full build; a publication, which sees only the sheets it writes, adds the forms of
// words the index has none for.
void save_forms(Xapian::WritableDatabase& db, const WrittenForms& forms, bool full);

}  // namespace pratiques
