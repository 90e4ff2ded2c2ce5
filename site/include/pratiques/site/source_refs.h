// Internal references to the reference documents, such as "(003:4254-4264)" (document 003, lines
// 4254 to 4264), mean something to curators, nothing to readers. Course texts carry them; the
// reader sees the document instead: "(« Développement social et travail social collectif », 2015)".
// The documents are known from the sheets' sources (`sources[].passage` "NNN:…" with its `titre`
// and `date`): no list is kept twice.
#pragma once
#include <map>
#include <string>

#include "pratiques/catalog.h"
#include "pratiques/site/model.h"

namespace pratiques::site {

class SourceTitles {
 public:
  explicit SourceTitles(const SiteData& data);
  // From every sheet of a catalogue (a targeted rebuild, whose SiteData holds a few sheets only):
  // the same result as from the SiteData of a full build.
  explicit SourceTitles(Catalog& cat);
  // `text` with each "(NNN:a-b)" or "(NNN:a-b ; MMM:c)" replaced by the documents it names
  // ("(« Titre », 2015)"); a reference to a document no sheet cites is dropped.
  std::string readable(const std::string& text) const;

 private:
  // Per document code, the most frequent (title, date) among the sheets' sources that cite it.
  void choose(const std::map<std::string, std::map<std::pair<std::string, std::string>, int>>& seen);
  std::map<std::string, std::string> citation_;  // "003" → "« Titre », 2015"
};

}  // namespace pratiques::site
