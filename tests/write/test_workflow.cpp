// The state machine (every state × every action) and the permission matrix (every role × every
// operation, own contribution or someone else's, in every state).
#include <catch2/catch.hpp>

#include <map>

#include "pratiques/write/permissions.h"
#include "pratiques/write/workflow.h"

using namespace pratiques::write;

namespace {

const State kStates[] = {State::Brouillon, State::Soumise, State::EnRelecture, State::ModificationsDemandees,
                         State::Publiee,   State::Archivee};
const Action kActions[] = {Action::Soumettre, Action::Prendre, Action::DemanderModifications, Action::Publier,
                           Action::Archiver};
const Role kRoles[] = {Role::Contributeur, Role::Formateur, Role::Documentaliste, Role::Administrateur};

Account someone(Role r, std::int64_t id) {
  Account a;
  a.id = id;
  a.role = r;
  return a;
}

}  // namespace

TEST_CASE("the workflow allows exactly these transitions", "[write][workflow]") {
  const std::map<std::pair<State, Action>, State> allowed = {
      {{State::Brouillon, Action::Soumettre}, State::Soumise},
      {{State::ModificationsDemandees, Action::Soumettre}, State::Soumise},
      {{State::Soumise, Action::Prendre}, State::EnRelecture},
      {{State::Publiee, Action::Prendre}, State::EnRelecture},  // its review, republished unchanged
      {{State::EnRelecture, Action::DemanderModifications}, State::ModificationsDemandees},
      {{State::EnRelecture, Action::Publier}, State::Publiee},
      {{State::Publiee, Action::Archiver}, State::Archivee},
  };
  for (State s : kStates)
    for (Action a : kActions) {
      INFO(state_slug(s) << " + " << action_slug(a));
      const auto it = allowed.find({s, a});
      if (it == allowed.end())
        CHECK_FALSE(transition(s, a));
      else
        CHECK(transition(s, a) == it->second);
    }
}

TEST_CASE("states and actions have French slugs and labels that parse back", "[write][workflow]") {
  for (State s : kStates) CHECK(parse_state(state_slug(s)) == s);
  for (Action a : kActions) CHECK(parse_action(action_slug(a)) == a);
  CHECK(state_slug(State::ModificationsDemandees) == "modifications-demandees");
  CHECK(state_label(State::EnRelecture) == "En relecture");
  CHECK(action_slug(Action::DemanderModifications) == "demander-modifications");
  CHECK_FALSE(parse_state("validee"));
  CHECK_FALSE(parse_action("supprimer"));
  CHECK(needs_comment(Action::DemanderModifications));
  CHECK(needs_comment(Action::Archiver));
  CHECK_FALSE(needs_comment(Action::Publier));
  CHECK_FALSE(needs_comment(Action::Soumettre));
}

TEST_CASE("permission matrix: every role, every operation, own or someone else's, every state",
          "[write][permissions]") {
  const Operation ops[] = {Operation::View,           Operation::Edit,    Operation::Submit, Operation::Take,
                           Operation::RequestChanges, Operation::Publish, Operation::Archive};
  for (Role role : kRoles)
    for (bool own : {true, false})
      for (State state : kStates)
        for (Operation op : ops) {
          const Account who = someone(role, 1);
          const Ownership c{own ? 1 : 2, state};
          const bool curator = role == Role::Documentaliste || role == Role::Administrateur;
          bool expected;
          if (!own && !curator)
            expected = false;  // never someone else's, at all
          else if (!own && state == State::Brouillon)
            expected = false;  // someone else's draft is private
          else if (op == Operation::View || op == Operation::Edit)
            expected = true;
          else if (op == Operation::Submit)
            expected = own;  // only the author submits
          else
            expected = curator;  // take, request changes, publish, archive
          INFO("role " << role_slug(role) << (own ? ", own" : ", someone else's") << ", " << state_slug(state)
                       << ", operation " << static_cast<int>(op));
          const std::string why = forbidden_reason(who, op, c);
          CHECK(why.empty() == expected);
        }
}

TEST_CASE("who may edit in which state, and where the edit leads", "[write][permissions]") {
  for (Role role : kRoles)
    for (bool own : {true, false})
      for (State state : kStates) {
        const Account who = someone(role, 1);
        const Ownership c{own ? 1 : 2, state};
        const bool curator = role == Role::Documentaliste || role == Role::Administrateur;
        std::optional<State> expected;
        if ((state == State::Brouillon || state == State::ModificationsDemandees) && own) expected = state;
        if (state == State::EnRelecture && curator) expected = state;
        if (state == State::Publiee || state == State::Archivee) {
          if (curator)
            expected = State::EnRelecture;  // a curator's revision starts in review
          else if (own)
            expected = State::Brouillon;  // the author's, as a draft
        }
        INFO("role " << role_slug(role) << (own ? ", own" : ", someone else's") << ", " << state_slug(state));
        CHECK(state_after_edit(who, c) == expected);
      }
}

TEST_CASE("a refusal says why, in French", "[write][permissions]") {
  CHECK(forbidden_reason(someone(Role::Contributeur, 1), Operation::View, {2, State::Publiee}).find("autre personne") !=
        std::string::npos);
  CHECK(forbidden_reason(someone(Role::Documentaliste, 1), Operation::View, {2, State::Brouillon}).find("brouillon") !=
        std::string::npos);
  CHECK(forbidden_reason(someone(Role::Contributeur, 1), Operation::Publish, {1, State::EnRelecture})
            .find("documentalistes") != std::string::npos);
  CHECK(forbidden_reason(someone(Role::Documentaliste, 1), Operation::Submit, {2, State::ModificationsDemandees})
            .find("auteur") != std::string::npos);
}

// A contributor's no-op save of her published sheet turned it into her draft: the curators could no
// longer see it, nor archive the sheet still online.
TEST_CASE("curators see someone else's revision of a published sheet and archive it, edit it once submitted",
          "[write][permissions]") {
  const Ownership revision{2, State::Brouillon, true};
  for (Role role : kRoles) {
    const Account who = someone(role, 1);
    const bool curator = role == Role::Documentaliste || role == Role::Administrateur;
    INFO("role " << role_slug(role));
    CHECK(forbidden_reason(who, Operation::View, revision).empty() == curator);
    CHECK(forbidden_reason(who, Operation::Archive, revision).empty() == curator);
    CHECK_FALSE(forbidden_reason(who, Operation::Submit, revision).empty());  // only its author
    CHECK_FALSE(state_after_edit(who, revision));                             // its author's draft (409)
  }
  // A draft that was never published stays private.
  CHECK_FALSE(
      forbidden_reason(someone(Role::Documentaliste, 1), Operation::View, {2, State::Brouillon, false}).empty());
}
