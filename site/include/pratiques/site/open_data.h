// Open data: every published sheet (and course) as CSV (RFC 4180) and JSON Lines, one row per
// item, one column per front-matter field of the grid. A vocabulary field has its slugs and, beside
// them, a `_libelle` column; territory codes have a `_nom` column. Values of a list are joined with
// " | " in CSV and are arrays in JSON Lines, whose values keep their JSON type (the front matter's
// booleans and integers, as /api/fiches/<id> gives them; CSV writes them as text). Used by
// `pratiques export` and by `pratiques build` (/donnees/), whose page documents the same columns.
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "pratiques/site/model.h"

namespace pratiques::site {

struct DataColumn {
  std::string name;         // "porteur.type_libelle"
  std::string label;        // from the grid: "Type de porteur (libellé)"
  std::string description;  // from the grid's definition
  std::string path;         // front-matter path read ("porteur.type"); "" for id/url
  std::string vocabulary;   // for a label column: the vocabulary of its labels
  bool list = false;        // several values (a list, or a field inside a list of objects)
};

enum class DataSet { Sheets, Courses };
enum class DataFormat { Csv, Jsonl };

// The columns of a data set, from the grid recorded in the catalogue (reads every row once, to
// know which fields hold lists).
std::vector<DataColumn> data_columns(const SiteData& data, DataSet set);
// Writes the whole data set with `columns` (data_columns()); `base_url` makes each row's "url".
void write_data(std::ostream& out, const SiteData& data, DataSet set, DataFormat format, const std::string& base_url,
                const std::vector<DataColumn>& columns);

// Every value at a dotted path of a front matter, through lists ("redacteurs.nom": one per
// rédacteur, "" for one without, so that the lists of two paths stay aligned).
std::vector<std::string> values_at(const JsonObject& front, std::string_view path);
// The front-matter fields that take a controlled vocabulary (from the grid): path → vocabulary.
std::vector<std::pair<std::string, std::string>> vocabulary_fields(const SiteData& data);

// One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled; a value
// a spreadsheet would read as a formula (starting with = + - @, tab or CR) is prefixed with '.
std::string csv_field(const std::string& value);

}  // namespace pratiques::site
