#include "xapian_sheets.h"

#include <map>
#include <set>

#include "pratiques/index_layout.h"
#include "pratiques/text.h"

namespace pratiques {

SheetXapian::SheetXapian(const IndexContext& context)
    : builder_(context.grid, context.facets, context.synonyms, context.analyzer) {}

Xapian::Document SheetXapian::build(const PreparedFile& sheet) {
  Xapian::Document doc = builder_.build(sheet.doc, &forms);
  for (const auto& w : SheetDocumentBuilder::spelling_words(doc)) ++spelling_[w];
  return doc;
}

void SheetXapian::flush_spelling(Xapian::WritableDatabase& db) {
  for (const auto& [word, count] : spelling_) db.add_spelling(word, count);
  spelling_.clear();
}

void remove_spelling(Xapian::WritableDatabase& db, const std::string& id) {
  Xapian::PostingIterator p = db.postlist_begin("Q" + id);
  if (p == db.postlist_end("Q" + id)) return;
  const Xapian::Document old = db.get_document(*p);
  for (const auto& w : SheetDocumentBuilder::spelling_words(old)) db.remove_spelling(w, 1);
}

void add_vocabulary_spelling(Xapian::WritableDatabase& db, const IndexContext& context) {
  for (const auto& [id, v] : context.grid.vocabularies)
    for (const auto& e : v.entries)
      for (const auto& t : context.analyzer.tokenize(e.label))
        if (spelling_word(t.term) && !t.joined) db.add_spelling(t.term, 1);
}

void save_communes(Xapian::WritableDatabase& db, const IndexContext& context) {
  std::map<std::string, std::set<std::string>> departements;  // folded name → codes
  for (const auto& [insee, commune] : context.grid.territories.communes) {
    std::vector<std::string> words;
    for (const auto& t : context.analyzer.tokenize(commune.first))
      if (!t.joined) words.push_back(t.term);
    if (!words.empty()) departements[text::join(words)].insert(commune.second);
  }
  for (const auto& [name, codes] : departements)
    db.set_metadata(commune_key(name), text::join(std::vector<std::string>(codes.begin(), codes.end())));
}

void save_forms(Xapian::WritableDatabase& db, const WrittenForms& forms, bool full) {
  for (const auto& [term, form] : forms.usual_accented())
    if (full || db.get_metadata(form_key(term)).empty()) db.set_metadata(form_key(term), form);
}

}  // namespace pratiques
