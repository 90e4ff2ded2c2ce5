// Who may do what on a contribution (the permission matrix; docs/ecrire.md has it as a table):
//  - contributeurs and formateurs see and act on their own contributions only; they edit them
//    as drafts or when changes are requested, submit them, and start revisions of them once
//    published;
//  - documentalistes and administrateurs (curators) also see every contribution that is not
//    someone else's draft; they take submissions, edit them in review, request changes, publish,
//    archive, and start revisions of any published sheet (or take it in review unchanged).
//    A contribution that has a published version stays theirs to see and archive while its author
//    writes a revision of it (a draft); they edit that draft only once submitted.
//  - anyone may propose a sheet; courses are for formateurs (and curators): a contributor may not
//    create one.
// A refusal by role or ownership is a 403; an action the current state does not allow, a 409.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "pratiques/write/accounts.h"
#include "pratiques/write/kind.h"
#include "pratiques/write/workflow.h"

namespace pratiques::write {

enum class Operation { View, Edit, Submit, Take, RequestChanges, Publish, Archive };

Operation operation_of(Action a);

// What a permission check needs to know of a contribution.
struct Ownership {
  std::int64_t author_id = 0;
  State state = State::Brouillon;
  bool published = false;  // it has a published version: its author's draft is a revision curators see
};

// Empty when `who` may create a contribution of this kind; otherwise why not (French, for a 403).
std::string create_refusal(const Account& who, Kind kind);
// Empty when `who` may; otherwise why not (French, for a 403).
std::string forbidden_reason(const Account& who, Operation op, const Ownership& c);
// The state a save by `who` leads to (a revision of a published or archived sheet starts in
// review for a curator, as a draft for its author); none when the state does not allow this
// person to edit (409).
std::optional<State> state_after_edit(const Account& who, const Ownership& c);

}  // namespace pratiques::write
