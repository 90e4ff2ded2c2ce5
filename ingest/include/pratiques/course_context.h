// What a course is checked against when it is checked alone (the write side's drafts and
// publications): the published sheets its steps cite, with their documented sections, read from
// the catalogue; every published id too when a step cites an unknown sheet (for "vouliez-vous dire").
#pragma once
#include <vector>

#include "pratiques/catalog.h"
#include "pratiques/document.h"
#include "pratiques/validate.h"

namespace pratiques {

std::vector<SheetOutline> course_context(Catalog& cat, const Document& course);

}  // namespace pratiques
