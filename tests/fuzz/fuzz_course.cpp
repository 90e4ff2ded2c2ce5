// A course (parcours) through parse and validation against the real grid and the outlines of
// the real sheets of content/fiches (so that steps can point to existing sheets and sections).
#include <filesystem>

#include "document_input.h"
#include "pratiques/document.h"
#include "pratiques/grid.h"
#include "pratiques/validate.h"

namespace {

struct Courses {
  pratiques::Grid grid = pratiques::load_grid(fuzz::source_dir() + "/schemas");
  std::vector<pratiques::SheetOutline> sheets;
  Courses() {
    for (const auto& e : std::filesystem::directory_iterator(fuzz::source_dir() + "/content/fiches")) {
      if (e.path().extension() != ".md") continue;
      pratiques::Diagnostics ignored;
      sheets.push_back(pratiques::outline(grid, pratiques::read_document(e.path().string(), ignored)));
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Courses c;
  const std::string bytes(fuzz::bytes(data, size));
  pratiques::Diagnostics diagnostics;
  pratiques::Document doc = fuzz::parse_named("parcours", bytes, diagnostics);
  pratiques::validate_course(c.grid, doc, c.sheets, diagnostics);
  fuzz::require_reported(doc, diagnostics, bytes);
  return 0;
}
