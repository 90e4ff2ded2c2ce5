#include "pratiques/catalogue.h"

namespace pratiques::catalogue {

namespace {

std::optional<std::string> optional_text(const Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.text(col);
}

SectionRow section_row(const Statement& s, bool with_undocumented) {
  SectionRow r;
  r.owner = s.text(0);
  r.key = s.text(1);
  r.order = static_cast<int>(s.integer(2));
  r.title = s.text(3);
  r.anchor = s.text(4);
  r.markdown = s.text(5);
  r.undocumented = with_undocumented && s.integer(6) != 0;
  return r;
}

std::vector<DocumentRow> documents(Catalog& cat, const char* sql) {
  std::vector<DocumentRow> out;
  auto s = cat.prepare(sql);
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

// Links of one sheet with the titles of their other ends (query: from, to, relation, title).
std::vector<LinkRow> links(Catalog& cat, const std::string& id, const char* sql) {
  auto s = cat.prepare(sql);
  s.bind(1, id);
  std::vector<LinkRow> out;
  while (s.step())
    out.push_back({s.text(0), s.text(1), optional_text(s, 2), s.text(3), static_cast<int>(s.integer(4))});
  return out;
}

// `head` + " WHERE column IN (…) " + `tail` for the sheets of `only`; without `only`, every
// sheet. bind_sheets() binds the ids: one JSON array read by json_each(), so that a subset of
// thousands of sheets (a browse value's) costs one parameter, not thousands (SQLite's prepare is
// quadratic in numbered parameters, and refuses more than 32,766).
std::string sheets_sql(const std::string& head, const char* column, SheetIds only, const char* tail) {
  if (!only) return head + " " + tail;
  if (only->empty()) return head + " WHERE 0 " + tail;
  return head + " WHERE " + column + " IN (SELECT value FROM json_each(?1)) " + tail;
}

void bind_sheets(Statement& s, SheetIds only) {
  if (!only || only->empty()) return;
  std::string json = "[";
  for (const auto& id : *only) {
    if (json.size() > 1) json += ',';
    json += '"';
    for (const char c : id) {
      if (c == '"' || c == '\\') {
        json += '\\';
        json += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        static const char* hex = "0123456789abcdef";
        json += "\\u00";
        json += hex[(c >> 4) & 0xf];
        json += hex[c & 0xf];
      } else {
        json += c;
      }
    }
    json += '"';
  }
  json += ']';
  s.bind(1, json);
}

constexpr const char* kSheetColumns =
    "id, titre, en_bref, type_fiche, date_debut, date_publication, date_revue, front_json, preamble FROM sheets";

SheetRow sheet_row(const Statement& s) {
  SheetRow r;
  r.id = s.text(0);
  r.title = s.text(1);
  r.summary = s.text(2);
  r.type = optional_text(s, 3);
  r.date_start = optional_text(s, 4);
  r.date_published = optional_text(s, 5);
  r.date_reviewed = optional_text(s, 6);
  r.front_json = s.text(7);
  r.preamble = s.text(8);
  return r;
}

}  // namespace

std::optional<SheetRow> sheet(Catalog& cat, const std::string& id) {
  auto s = cat.prepare(std::string("SELECT ") + kSheetColumns + " WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return sheet_row(s);
}

bool has_sheet(Catalog& cat, const std::string& id) {
  auto s = cat.prepare("SELECT 1 FROM sheets WHERE id = ?");
  s.bind(1, id);
  return s.step();
}

std::string sheet_file(Catalog& cat, const std::string& id) {
  auto s = cat.prepare("SELECT path FROM files WHERE kind = 'fiche' AND doc_id = ? ORDER BY path");
  s.bind(1, id);
  return s.step() ? s.text(0) : "";
}

std::string renamed_to(Catalog& cat, const std::string& old_id) {
  auto s = cat.prepare("SELECT sheet_id FROM old_ids WHERE old_id = ?");
  s.bind(1, old_id);
  return s.step() ? s.text(0) : "";
}

std::map<std::string, std::vector<ValueLabel>> sheet_values(Catalog& cat, const std::string& id) {
  return SheetValues(cat).of(id);
}

SheetValues::SheetValues(Catalog& cat)
    : query_(cat.handle(),
             "SELECT sv.facet, sv.value, COALESCE(fv.label, sv.value) FROM sheet_values sv LEFT JOIN facet_values fv "
             "ON fv.facet = sv.facet AND fv.value = sv.value WHERE sv.sheet_id = ? ORDER BY sv.facet, fv.id, sv.value") {}

SheetKeywords::SheetKeywords(Catalog& cat)
    : query_(cat.handle(),
             "SELECT k.value FROM sheets s, json_each(s.front_json, '$.mots_cles') k WHERE s.id = ? AND "
             "k.type = 'text' ORDER BY k.key") {}

std::vector<std::string> SheetKeywords::of(const std::string& id) {
  std::vector<std::string> out;
  query_.bind(1, id);
  try {
    while (query_.step()) out.push_back(query_.text(0));
  } catch (...) {
    query_.reset();
    throw;
  }
  query_.reset();
  return out;
}

std::map<std::string, std::vector<ValueLabel>> SheetValues::of(const std::string& id) {
  std::map<std::string, std::vector<ValueLabel>> out;
  query_.bind(1, id);
  try {
    while (query_.step()) out[query_.text(0)].push_back({query_.text(1), query_.text(2)});
  } catch (...) {
    query_.reset();
    throw;
  }
  query_.reset();
  return out;
}

std::vector<SectionRow> sheet_sections(Catalog& cat, const std::string& id) {
  auto s = cat.prepare(
      "SELECT sheet_id, key, ord, title, anchor, markdown, undocumented FROM sections WHERE sheet_id = ? ORDER BY ord");
  s.bind(1, id);
  std::vector<SectionRow> out;
  while (s.step()) out.push_back(section_row(s, true));
  return out;
}

std::vector<LinkRow> links_from(Catalog& cat, const std::string& id) {
  return links(
      cat, id,
      "SELECT l.from_id, l.to_id, l.relation, s.titre, l.line FROM links l LEFT JOIN sheets s ON s.id = l.to_id "
      "WHERE l.from_id = ? ORDER BY l.line");
}

std::vector<LinkRow> links_to(Catalog& cat, const std::string& id) {
  return links(cat, id,
               "SELECT l.from_id, l.to_id, l.relation, s.titre, l.line FROM links l JOIN sheets s ON s.id = l.from_id "
               "WHERE l.to_id = ? ORDER BY l.from_id");
}

// A sheet's next review, as its front matter gives it: the expression of the index
// sheets_by_next_review (catalog.cpp, migration 5 → 6), written exactly as there.
constexpr char kNextReviewSql[] = "json_extract(front_json, '$.curation.prochaine_revue')";

std::vector<ReviewDue> reviews_due(Catalog& cat, const std::string& horizon) {
  // A range of that index, in its order: `>= ''` keeps the dates written as text (a number sorts
  // before any text, NULL is outside the range), as typeof() = 'text' did over every sheet.
  const std::string due = kNextReviewSql;
  auto s = cat.prepare("SELECT id, titre, " + due + " FROM sheets WHERE " + due + " >= '' AND " + due +
                       " <= ? ORDER BY " + due + ", id");
  s.bind(1, horizon);
  std::vector<ReviewDue> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

std::map<std::string, std::string> next_reviews(Catalog& cat, const std::vector<std::string>& ids) {
  auto s = cat.prepare(std::string("SELECT ") + kNextReviewSql + " FROM sheets WHERE id = ?");
  std::map<std::string, std::string> out;
  for (const auto& id : ids) {
    s.bind(1, id);
    if (s.step() && !s.is_null(0)) out[id] = s.text(0);
    s.reset();
  }
  return out;
}

std::size_t sheet_count(Catalog& cat) {
  auto s = cat.prepare("SELECT COUNT(*) FROM sheets");
  return s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

void each_sheet(Catalog& cat, const std::function<void(SheetRow&)>& row, SheetIds only) {
  auto s = cat.prepare(sheets_sql(std::string("SELECT ") + kSheetColumns, "id", only, "ORDER BY id"));
  bind_sheets(s, only);
  while (s.step()) {
    SheetRow r = sheet_row(s);
    row(r);
  }
}

void each_section(Catalog& cat, const std::function<void(SectionRow&)>& row, SheetIds only) {
  auto s = cat.prepare(sheets_sql("SELECT sheet_id, key, ord, title, anchor, markdown, undocumented FROM sections",
                                  "sheet_id", only, "ORDER BY sheet_id, ord"));
  bind_sheets(s, only);
  while (s.step()) {
    SectionRow r = section_row(s, true);
    row(r);
  }
}

void each_link(Catalog& cat, const std::function<void(LinkRow&)>& row, SheetIds only) {
  auto s = cat.prepare(
      sheets_sql("SELECT from_id, to_id, relation, line FROM links", "from_id", only, "ORDER BY from_id, line"));
  bind_sheets(s, only);
  while (s.step()) {
    LinkRow r{s.text(0), s.text(1), optional_text(s, 2), "", static_cast<int>(s.integer(3))};
    row(r);
  }
}

void each_sheet_value(Catalog& cat, const std::function<void(SheetValue&)>& row, SheetIds only) {
  auto s =
      cat.prepare(sheets_sql("SELECT sheet_id, facet, value FROM sheet_values", "sheet_id", only, "ORDER BY sheet_id"));
  bind_sheets(s, only);
  while (s.step()) {
    SheetValue r{s.text(0), s.text(1), s.text(2)};
    row(r);
  }
}

std::vector<std::pair<std::string, std::string>> old_ids(Catalog& cat, SheetIds only) {
  auto s = cat.prepare(sheets_sql("SELECT old_id, sheet_id FROM old_ids", "sheet_id", only, "ORDER BY old_id"));
  bind_sheets(s, only);
  std::vector<std::pair<std::string, std::string>> out;
  while (s.step()) out.emplace_back(s.text(0), s.text(1));
  return out;
}

std::vector<VocabularyEntry> vocabularies(Catalog& cat) {
  auto s = cat.prepare("SELECT vocab, slug, label, COALESCE(parent, '') FROM vocabularies ORDER BY vocab, ord, slug");
  std::vector<VocabularyEntry> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3)});
  return out;
}

std::vector<VocabularyScheme> vocabulary_schemes(Catalog& cat) {
  auto s = cat.prepare("SELECT vocab, label FROM vocabulary_schemes ORDER BY vocab");
  std::vector<VocabularyScheme> out;
  while (s.step()) out.push_back({s.text(0), s.text(1)});
  return out;
}

std::vector<VocabularyConcept> vocabulary_concepts(Catalog& cat, const std::string& vocab) {
  auto s = cat.prepare(
      "SELECT v.slug, v.label, COALESCE(v.parent, ''), COALESCE(d.definition, ''), COALESCE(d.alt_labels, ''), "
      "COALESCE(d.matches, '') "
      "FROM vocabularies v LEFT JOIN vocabulary_details d ON d.vocab = v.vocab AND d.slug = v.slug WHERE v.vocab = ? "
      "ORDER BY v.ord");
  s.bind(1, vocab);
  std::vector<VocabularyConcept> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5)});
  return out;
}

std::string vocabulary_parent(Catalog& cat, const std::string& vocab, const std::string& slug) {
  auto s = cat.prepare("SELECT COALESCE(parent, '') FROM vocabularies WHERE vocab = ? AND slug = ?");
  s.bind(1, vocab).bind(2, slug);
  return s.step() ? s.text(0) : "";
}

std::vector<std::string> sheets_with_value(Catalog& cat, const std::string& facet, const std::string& value) {
  auto s = cat.prepare("SELECT sheet_id FROM sheet_values WHERE facet = ? AND value = ? ORDER BY sheet_id");
  s.bind(1, facet).bind(2, value);
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::vector<DocumentRow> courses(Catalog& cat) {
  return documents(cat, "SELECT id, titre, front_json, body FROM courses ORDER BY id");
}

void each_course_section(Catalog& cat, const std::function<void(SectionRow&)>& row) {
  auto s =
      cat.prepare("SELECT course_id, key, ord, title, anchor, markdown FROM course_sections ORDER BY course_id, ord");
  while (s.step()) {
    SectionRow r = section_row(s, false);
    row(r);
  }
}

std::vector<DocumentRow> pages(Catalog& cat) {
  return documents(cat, "SELECT id, titre, front_json, body FROM pages ORDER BY id");
}

std::vector<ValueCount> value_counts(Catalog& cat) {
  auto s = cat.prepare(
      // Counted on the index of (facet, value) alone, then labelled: 40 times faster at 10,000 sheets
      // than joining every row of sheet_values (a table lookup each).
      "SELECT fv.facet, fv.value, fv.label, c.n FROM (SELECT facet, value, COUNT(*) AS n FROM sheet_values "
      "GROUP BY facet, value) c JOIN facet_values fv ON fv.facet = c.facet AND fv.value = c.value "
      "ORDER BY fv.facet, fv.value");
  std::vector<ValueCount> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), static_cast<std::size_t>(s.integer(3))});
  return out;
}

std::vector<ValueCount> top_values(Catalog& cat, const std::string& facet, int limit) {
  auto s = cat.prepare(
      "SELECT fv.facet, fv.value, fv.label, COUNT(*) AS n FROM sheet_values sv JOIN facet_values fv "
      "ON fv.facet = sv.facet AND fv.value = sv.value WHERE sv.facet = ? "
      "GROUP BY fv.facet, fv.value ORDER BY n DESC, fv.label LIMIT ?");
  s.bind(1, facet).bind(2, static_cast<long long>(limit));
  std::vector<ValueCount> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), static_cast<std::size_t>(s.integer(3))});
  return out;
}

std::vector<TitledSheet> sheet_titles(Catalog& cat, const std::string& facet) {
  // CROSS JOIN keeps SQLite's join order: the sheet's own values first. Left to itself the planner
  // tried every value of the facet against each sheet (0.54 s at 30,000 sheets, against 0.07 s).
  auto s = cat.prepare(
      "SELECT s.id, s.titre, COALESCE((SELECT fv.label FROM sheet_values sv CROSS JOIN facet_values fv "
      "ON fv.facet = sv.facet AND fv.value = sv.value WHERE sv.sheet_id = s.id AND sv.facet = ? LIMIT 1), '') "
      "FROM sheets s");
  s.bind(1, facet);
  std::vector<TitledSheet> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

void each_sheet_title(Catalog& cat, const std::function<void(const std::string& id, const std::string& title)>& row) {
  auto s = cat.prepare("SELECT id, titre FROM sheets ORDER BY id");
  while (s.step()) row(s.text(0), s.text(1));
}

std::vector<SourceRow> sheet_sources(Catalog& cat) {
  auto s = cat.prepare(
      "SELECT json_extract(j.value, '$.passage'), json_extract(j.value, '$.titre'), json_extract(j.value, '$.date') "
      "FROM sheets s, json_each(s.front_json, '$.sources') j WHERE j.type = 'object'");
  std::vector<SourceRow> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

std::vector<SynonymTerm> synonym_terms(Catalog& cat) {
  auto s = cat.prepare("SELECT group_id, group_name, term FROM synonym_terms ORDER BY rowid");
  std::vector<SynonymTerm> out;
  while (s.step()) out.push_back({s.integer(0), s.text(1), s.text(2)});
  return out;
}

SheetTexts::SheetTexts(Catalog& cat) {
  if (cat.has_table("sheet_text")) query_.emplace(cat.handle(), "SELECT body FROM sheet_text WHERE sheet_id = ?");
}

std::string SheetTexts::text(const std::string& id) {
  if (!query_) return {};
  query_->bind(1, id);
  std::string body;
  try {
    if (query_->step()) body = query_->text(0);
  } catch (...) {
    query_->reset();
    throw;
  }
  query_->reset();
  return body;
}

}  // namespace pratiques::catalogue
