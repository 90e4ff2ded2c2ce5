// Mustache templates (site/templates/*.mustache, embedded at compile time): every value is
// escaped by the engine ({{x}}); {{{x}}} is kept for HTML the site itself produced (cmark,
// other templates). *.bib / *.ris templates escape for BibTeX / RIS instead of HTML.
#pragma once
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace pratiques::site {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;
using Object = kainjow::mustache::object;

class Templates {
 public:
  Templates();  // parses every embedded template; throws std::runtime_error on a syntax error
  ~Templates();
  // `name` without ".mustache": "sheet", "layout", "citation.bib"…
  std::string render(const std::string& name, const Data& data) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A file embedded at compile time ("assets/style.css", "map/france.departments.svg"); throws if absent.
std::string_view embedded_file(const std::string& name);

// The engine's HTML escape: pratiques::text::html_escape without the apostrophe, so & < > "
// (templates quote every attribute with ").
std::string html_escape(const std::string& s);
// Escapes for the citation formats (used by the engine for *.bib / *.ris templates).
std::string bibtex_escape(std::string_view s);
std::string ris_escape(std::string_view s);

}  // namespace pratiques::site
