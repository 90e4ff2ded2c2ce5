#include "corpus_context.h"

#include "index_files.h"
#include "pratiques/catalogue.h"
#include "pratiques/sheet_history.h"

#include <algorithm>
#include <map>

namespace pratiques {

std::vector<CorpusEntry> corpus_context(Catalog& cat, const std::vector<CorpusEntry>& changed,
                                        const std::set<std::string>& gone, const std::set<std::string>& superseded,
                                        const std::string& content) {
  std::set<std::string> changed_ids, claimed;
  for (const auto& e : changed) {
    changed_ids.insert(e.id.id);
    claimed.insert(e.id.id);
    for (const auto& o : e.old_ids) claimed.insert(o.id);
  }
  auto by_id = cat.prepare("SELECT path FROM sheets WHERE id = ?");
  auto by_old_id =
      cat.prepare("SELECT s.id, s.path FROM old_ids o JOIN sheets s ON s.id = o.sheet_id WHERE o.old_id = ?");
  auto links_from = cat.prepare("SELECT to_id, line FROM links WHERE from_id = ?");
  auto links_to =
      cat.prepare("SELECT l.from_id, l.line, s.path FROM links l JOIN sheets s ON s.id = l.from_id WHERE l.to_id = ?");

  std::map<std::string, CorpusEntry> context;  // by id
  auto entry = [&](const std::string& id, const std::string& key) -> CorpusEntry* {
    if (superseded.count(key)) return nullptr;  // its new version is among the changed ones, or it is gone
    CorpusEntry& e = context[id];
    e.path = display_path(content, key);
    e.id = {id, 1, 1};
    return &e;
  };
  auto add_link = [](CorpusEntry& e, const std::string& to, int line) {
    if (std::none_of(e.links.begin(), e.links.end(), [&](const CorpusEntry::Ref& r) { return r.id == to; }))
      e.links.push_back({to, line, 1});
  };
  // Whoever owns an id or a former id that a changed sheet claims, or links to.
  auto owners = [&](const std::string& id, bool claim_as_old_id) {
    std::vector<std::string> out;
    by_id.bind(1, id);
    if (by_id.step() && entry(id, by_id.text(0))) out.push_back(id);
    by_id.reset();
    by_old_id.bind(1, id);
    while (by_old_id.step())
      if (CorpusEntry* e = entry(by_old_id.text(0), by_old_id.text(1))) {
        if (claim_as_old_id &&
            std::none_of(e->old_ids.begin(), e->old_ids.end(), [&](const CorpusEntry::Ref& r) { return r.id == id; }))
          e->old_ids.push_back({id, 1, 1});
        out.push_back(e->id.id);
      }
    by_old_id.reset();
    return out;
  };
  for (const auto& id : claimed) owners(id, true);
  for (const auto& e : changed)
    for (const auto& l : e.links)
      for (const auto& target : owners(l.id, true)) {
        links_from.bind(1, target);
        while (links_from.step())
          if (changed_ids.count(links_from.text(0)))
            add_link(context[target], links_from.text(0), static_cast<int>(links_from.integer(1)));
        links_from.reset();
      }
  std::set<std::string> referred = claimed;
  referred.insert(gone.begin(), gone.end());
  for (const auto& id : referred) {
    links_to.bind(1, id);
    while (links_to.step())
      if (CorpusEntry* e = entry(links_to.text(0), links_to.text(2)))
        add_link(*e, id, static_cast<int>(links_to.integer(1)));
    links_to.reset();
  }
  std::vector<CorpusEntry> out;
  for (auto& [id, e] : context) out.push_back(std::move(e));
  return out;
}

std::vector<SheetOutline> catalogue_outlines(Catalog& cat, const std::set<std::string>& ids) {
  std::vector<SheetOutline> out;
  auto exists = cat.prepare("SELECT 1 FROM sheets WHERE id = ?");
  auto sections = cat.prepare("SELECT key FROM sections WHERE sheet_id = ? AND undocumented = 0");
  for (const auto& cited : ids) {
    exists.bind(1, cited);
    const bool found = exists.step();
    exists.reset();
    std::string id = cited;
    if (!found) {
      // An archived sheet leaves the sheets' table; its history keeps it, and its replacement.
      if (const auto e = history_entry(cat, cited); e && e->status == kArchived) {
        out.push_back(SheetOutline{cited, {}, true, e->replaced_by, {}});
        continue;
      }
      id = catalogue::renamed_to(cat, cited);  // a former id: the sheet that declares it
      if (id.empty()) continue;
    }
    SheetOutline o;
    o.id = id;
    if (id != cited) o.old_ids.push_back(cited);
    sections.bind(1, id);
    while (sections.step()) o.sections.insert(sections.text(0));
    sections.reset();
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<SheetOutline> catalogue_ids(Catalog& cat) {
  std::vector<SheetOutline> out;
  auto s = cat.prepare("SELECT id FROM sheets");
  while (s.step()) out.push_back({s.text(0), {}, false, {}, {}});
  return out;
}

}  // namespace pratiques

namespace pratiques {

std::vector<SheetOutline> course_context(Catalog& cat, const Document& course) {
  const std::set<std::string> cited = course_sheet_ids(course);
  std::vector<SheetOutline> known = catalogue_outlines(cat, cited);
  if (known.size() < cited.size())
    for (auto& o : catalogue_ids(cat))
      if (!cited.count(o.id)) known.push_back(std::move(o));
  return known;
}

}  // namespace pratiques
