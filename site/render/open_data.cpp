#include "pratiques/site/open_data.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <functional>
#include <sstream>

#include "pratiques/site/context.h"

namespace pratiques::site {

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using JsonObj = Poco::JSON::Object;  // site::Object is the templates' object

constexpr const char* kListSeparator = " | ";
// The values of a list within an item of a list of objects (a course step's competence domains):
// one value per item, so that the item stays aligned with the other columns of its list.
constexpr const char* kItemListSeparator = " ; ";

bool is_object(const Var& v) { return v.type() == typeid(JsonObj::Ptr); }
bool is_array(const Var& v) { return v.type() == typeid(Array::Ptr); }
// A value as CSV writes it: true, false, 7200.
std::string text(const Var& v) { return v.convert<std::string>(); }

// Every value at a dotted path, through lists: "redacteurs.nom" gives one name per rédacteur ("" when
// one has none, so that the lists of two columns stay aligned). `list` says whether a list was crossed;
// a list met within an item of a list gives that item one value, its own values joined. A value keeps
// its JSON type (the front matter's booleans and integers, as the JSON API gives them): JSON Lines
// writes it so, CSV as text (text()).
void collect(const Var& v, std::string_view path, std::vector<Var>& out, bool& list) {
  if (is_array(v)) {
    if (list) {
      std::vector<Var> inner;
      bool ignored = false;
      for (const auto& item : *v.extract<Array::Ptr>()) collect(item, path, inner, ignored);
      std::string joined;
      for (const auto& x : inner) joined += (joined.empty() ? "" : kItemListSeparator) + text(x);
      out.emplace_back(std::move(joined));
      return;
    }
    list = true;
    for (const auto& item : *v.extract<Array::Ptr>()) collect(item, path, out, list);
    return;
  }
  if (path.empty()) {
    if (!v.isEmpty() && !is_object(v)) out.push_back(v);
    return;
  }
  const auto dot = path.find('.');
  const std::string key(path.substr(0, dot));
  const std::string_view rest = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (!is_object(v)) return;
  const auto o = v.extract<JsonObj::Ptr>();
  if (o->has(key))
    collect(o->get(key), rest, out, list);
  else if (list)
    out.emplace_back(std::string());
}

void add_columns(std::vector<DataColumn>& cols, const JsonObject& field, const std::string& prefix, bool in_list) {
  const std::string path = prefix + field->optValue<std::string>("cle", "");
  const std::string label = field->optValue<std::string>("libelle", path);
  const std::string definition = field->optValue<std::string>("definition", "");
  const auto subs = field->getArray("sous_champs");
  if (subs && subs->size() > 0) {
    for (std::size_t i = 0; i < subs->size(); ++i)
      if (auto sub = subs->getObject(static_cast<unsigned>(i))) add_columns(cols, sub, path + ".", in_list);
    return;
  }
  cols.push_back({path, label, definition, path, "", in_list});
  std::string vocab;
  if (auto v = field->getArray("vocabulaires"); v && v->size() > 0) vocab = v->getElement<std::string>(0);
  if (path == "territoire.departement") vocab = "departements";
  if (path == "territoire.region") vocab = "regions";
  if (vocab.empty()) return;
  const bool place = vocab == "departements" || vocab == "regions";
  cols.push_back(
      {path + (place ? "_nom" : "_libelle"), label + (place ? " (nom)" : " (libellé)"),
       place ? "Nom officiel correspondant au code." : "Libellé de la valeur dans le vocabulaire « " + vocab + " ».",
       path, vocab, in_list});
}

struct Row {
  std::string id;
  JsonObject front;
  std::string url;
};

// Each row in turn, a sheet's front matter parsed for its row only (a listing keeps it unparsed).
void each_row(const SiteData& data, DataSet set, const std::string& base_url, const std::function<void(const Row&)>& f) {
  if (set == DataSet::Sheets)
    for (const auto& s : data.sheets) f({s.id, s.parsed_front(), base_url + sheet_path(s.id)});
  else
    for (const auto& c : data.courses) f({c.id, c.front, base_url + course_path(c.id)});
}

std::vector<Var> values(const SiteData& data, const DataColumn& c, const Row& row) {
  if (c.path.empty()) return {Var(c.name == "url" ? row.url : row.id)};
  std::vector<Var> out;
  bool list = false;
  collect(Var(row.front), c.path, out, list);
  if (c.vocabulary.empty()) return out;
  for (auto& x : out) {
    const std::string v = text(x);
    std::string labels;
    for (std::size_t from = 0; from < v.size();) {  // an item's own list: each value labelled
      const std::size_t end = std::min(v.find(kItemListSeparator, from), v.size());
      labels += (from ? kItemListSeparator : "") + data.label(c.vocabulary, v.substr(from, end - from));
      from = end == v.size() ? end : end + std::string_view(kItemListSeparator).size();
    }
    x = std::move(labels);
  }
  return out;
}

}  // namespace

std::vector<std::string> values_at(const JsonObject& front, std::string_view path) {
  std::vector<Var> found;
  bool list = false;
  collect(Var(front), path, found, list);
  std::vector<std::string> out;
  out.reserve(found.size());
  for (const auto& v : found) out.push_back(text(v));
  return out;
}

std::string csv_field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(0, 1, '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

namespace {

// The columns the grid defines, without knowing yet which ones hold lists.
std::vector<DataColumn> grid_columns(const SiteData& data, DataSet set) {
  std::vector<DataColumn> cols{
      {"url", "Adresse", set == DataSet::Sheets ? "Adresse publique de la fiche." : "Adresse publique du parcours.", "",
       "", false}};
  const JsonObject format = data.grid ? data.grid->getObject(set == DataSet::Sheets ? "fiche" : "parcours") : nullptr;
  if (auto fields = format ? format->getArray("champs") : nullptr)
    for (std::size_t i = 0; i < fields->size(); ++i)
      if (auto f = fields->getObject(static_cast<unsigned>(i))) add_columns(cols, f, "", false);
  return cols;
}

}  // namespace

std::vector<DataColumn> data_columns(const SiteData& data, DataSet set) {
  std::vector<DataColumn> cols = grid_columns(data, set);
  // Lists of objects are only known from the data (the grid says "liste d'objets" in prose).
  each_row(data, set, "", [&cols](const Row& row) {
    for (auto& c : cols)
      if (!c.list && !c.path.empty()) {
        std::vector<Var> ignored;
        collect(Var(row.front), c.path, ignored, c.list);
      }
  });
  return cols;
}

void write_data(std::ostream& out, const SiteData& data, DataSet set, DataFormat format, const std::string& base_url,
                const std::vector<DataColumn>& cols) {
  if (format == DataFormat::Csv) {
    for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "," : "") << csv_field(cols[i].name);
    out << "\r\n";
  }
  each_row(data, set, base_url, [&](const Row& row) {
    if (format == DataFormat::Csv) {
      for (std::size_t i = 0; i < cols.size(); ++i) {
        // By position, not by what is joined so far: a list that starts with empty values keeps them,
        // and stays aligned with the other columns of its items.
        // In a list, a value's "|" and "\" are escaped ("\|", "\\"): " | " separates the values.
        std::string joined;
        const auto items = values(data, cols[i], row);
        for (std::size_t k = 0; k < items.size(); ++k) {
          if (k) joined += kListSeparator;
          for (char ch : text(items[k])) {
            if (cols[i].list && (ch == '|' || ch == '\\')) joined += '\\';
            joined += ch;
          }
        }
        out << (i ? "," : "") << csv_field(joined);
      }
      out << "\r\n";
    } else {
      JsonObj o(Poco::JSON_PRESERVE_KEY_ORDER);
      for (const auto& c : cols) {
        const auto v = values(data, c, row);
        if (c.list) {
          Array::Ptr a = new Array;
          for (const auto& x : v) a->add(x);
          o.set(c.name, a);
        } else {
          o.set(c.name, v.empty() ? Var() : v.front());
        }
      }
      std::ostringstream line;
      o.stringify(line);
      out << line.str() << "\n";
    }
  });
}

std::vector<std::pair<std::string, std::string>> vocabulary_fields(const SiteData& data) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& c : grid_columns(data, DataSet::Sheets))
    if (!c.vocabulary.empty()) out.emplace_back(c.path, c.vocabulary);
  return out;
}

}  // namespace pratiques::site
